import { z } from "zod";
import { Editor } from "./edit.ts";
import { lineAt, lineHasBrace, startsLine } from "./locate.ts";
import { provider, type Fix, type TextEdit } from "./types.ts";

/**
 * Fixes of words keepalived reads otherwise than meant: `;` separators, `#`/`!` inside words, extra words, a
 * line-ending `\`, values with a known correction, and settings keepalived ignores.
 */

/** Whitespace before `offset` on its line, so that text moved to a new line leaves no trailing blanks. */
function blanksBefore(text: string, offset: number): number {
  let from = offset;
  while (from > 0 && (text[from - 1] === " " || text[from - 1] === "\t")) from--;
  return from;
}

export const semicolonFixes = provider({
  codes: ["semicolon-in-value"],
  schema: z.object({ value: z.string(), intended: z.string(), ignored: z.array(z.string()), keywords: z.array(z.string()) }),
  fixes(data, target, ctx) {
    const editor = new Editor(ctx);
    const text = editor.text(target.span.file);
    const written = editor.at(target.span);
    if (text === undefined || written === undefined) return [];
    // The value itself carries the ';' (`eth0;`) unless the ';' is in words keepalived ignores anyway.
    const glued = data.intended !== "" && data.value.endsWith(";") && data.ignored[0] !== data.value && written.startsWith(data.value);
    const head = glued ? data.intended : "";
    const rest = glued ? written.slice(data.value.length) : written;
    const parts = rest.split(";").map((p) => p.trim()).filter((p) => p !== "");
    const lines: string[] = [];
    const comments: string[] = [];
    for (const part of parts) {
      if (data.keywords.includes(part.split(/[ \t]+/)[0]!)) lines.push(part);
      else if (lines.length > 0) lines[lines.length - 1] += ` # ${part}`;
      else comments.push(part);
    }
    const line = lineAt(editor, target.span.file, target.span.start);
    const indent = editor.indentAt(text, line?.start ?? target.span.start);
    const eol = editor.eol(target.span.file);
    const comment = comments.length > 0 ? ` # ${comments.join("; ")}` : "";
    const newText = `${head}${comment}${lines.map((l) => `${eol}${indent}${l}`).join("")}`;
    const title =
      lines.length > 0
        ? `Put ${data.keywords.join(", ")} on ${data.keywords.length > 1 ? "lines of their own" : "a line of its own"}`
        : comments.length > 0
          ? `Turn '${comments.join("; ")}' into a comment`
          : "Remove the ';'";
    const start = head === "" ? blanksBefore(text, target.span.start) : target.span.start;
    const edit: TextEdit = { file: target.span.file, start, end: target.span.end, newText };
    return [{ title, edits: [edit], preferred: true }];
  },
});

export const commentInValueFixes = provider({
  codes: ["comment-in-value"],
  schema: z.object({ kept: z.string(), intended: z.string().min(1) }),
  fixes(data, target, ctx) {
    const editor = new Editor(ctx);
    if (data.intended.includes('"') || editor.at(target.span) !== data.intended) return [];
    return [{ title: `Quote the value: "${data.intended}"`, edits: [{ ...target.span, newText: `"${data.intended}"` }], preferred: true }];
  },
});

export const invalidValueFixes = provider({
  codes: ["invalid-value"],
  schema: z.object({ value: z.string(), suggestion: z.string().min(1).optional(), splitAddress: z.literal(true).optional() }),
  fixes(data, target, ctx) {
    const editor = new Editor(ctx);
    const fixes: Fix[] = [];
    const text = editor.text(target.span.file);
    if (text === undefined || editor.at(target.span) !== data.value) return [];
    if (data.suggestion !== undefined) {
      fixes.push({ title: `Change '${data.value}' to '${data.suggestion}'`, edits: [{ ...target.span, newText: data.suggestion }], preferred: true });
    }
    if (data.splitAddress === true) {
      // `{ a b }` on one line makes b an option of a: each address needs a line of its own.
      const previous = lineAt(editor, target.span.file, target.span.start);
      const indent = editor.indentAt(text, previous?.start ?? target.span.start);
      const inner = text.slice(editor.lineStart(text, target.span.start), target.span.start).includes("{") ? editor.unit(target.span.file) : "";
      fixes.push({
        title: `Put ${data.value} on a line of its own`,
        edits: [{ file: target.span.file, start: blanksBefore(text, target.span.start), end: target.span.start, newText: `${editor.eol(target.span.file)}${indent}${inner}` }],
        preferred: true,
      });
    }
    return fixes;
  },
});

/**
 * A number outside keepalived's range, set to the nearest bound. Not preferred: keepalived itself drops the line
 * (and uses its default), so which value was meant is the user's call; `keepalived-ha fix` leaves it.
 */
export const valueOutOfRangeFixes = provider({
  codes: ["value-out-of-range"],
  schema: z.object({ keyword: z.string(), value: z.number().optional(), min: z.number().optional(), max: z.number().optional() }),
  fixes(data, target, ctx) {
    const editor = new Editor(ctx);
    const written = editor.at(target.span);
    const value = data.value ?? (written !== undefined ? Number(written) : Number.NaN);
    if (written === undefined || !Number.isFinite(value) || Number(written) !== value) return [];
    const bound = data.min !== undefined && value < data.min ? { to: data.min, which: "smallest" } : data.max !== undefined && value > data.max ? { to: data.max, which: "largest" } : undefined;
    if (bound === undefined) return [];
    return [{ title: `Set ${data.keyword} to ${bound.to}, the ${bound.which} keepalived accepts`, edits: [{ ...target.span, newText: String(bound.to) }] }];
  },
});

export const extraArgumentFixes = provider({
  codes: ["extra-argument"],
  schema: z.object({ extra: z.array(z.string()).min(1), keywords: z.array(z.string()) }),
  fixes(data, target, ctx) {
    const editor = new Editor(ctx);
    const text = editor.text(target.span.file);
    const written = editor.at(target.span);
    if (text === undefined || written === undefined || written.includes("{") || written.includes("}")) return [];
    const start = blanksBefore(text, target.span.start);
    if (data.keywords.length > 0) {
      const first = data.keywords[0]!;
      const at = written.search(new RegExp(`(^|[ \\t])${first.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([ \\t]|$)`));
      if (at < 0) return [];
      const cut = at === 0 ? 0 : at + 1;
      const before = written.slice(0, cut).trim();
      const line = lineAt(editor, target.span.file, target.span.start);
      const newText = `${before === "" ? "" : ` # ${before}`}${editor.eol(target.span.file)}${editor.indentAt(text, line?.start ?? target.span.start)}${written.slice(cut)}`;
      return [{ title: `Put ${data.keywords.join(", ")} on a line of its own`, edits: [{ file: target.span.file, start, end: target.span.end, newText }], preferred: true }];
    }
    return [
      { title: `Turn '${data.extra.join(" ")}' into a comment`, edits: [{ ...target.span, newText: `# ${written}` }], preferred: true },
      { title: `Remove '${data.extra.join(" ")}'`, edits: [{ file: target.span.file, start, end: target.span.end, newText: "" }] },
    ];
  },
});

export const lineContinuationFixes = provider({
  codes: ["line-continuation"],
  schema: z.object({ glued: z.string().min(1) }),
  fixes(_data, target, ctx) {
    const editor = new Editor(ctx);
    const text = editor.text(target.span.file);
    if (text === undefined || !editor.at(target.span)?.endsWith("\\")) return [];
    const backslash = target.span.end - 1;
    const lineEnd = editor.lineEnd(text, target.span.end);
    if (text.slice(target.span.end, lineEnd).trim() !== "") return [];
    const next = /^(\r\n|\r|\n)[ \t]*/.exec(text.slice(lineEnd));
    const following = next === null ? "" : text.slice(lineEnd + next[0].length, editor.lineEnd(text, lineEnd + next[0].length));
    // Joining a closing brace or a comment would change what the block holds.
    if (next === null || following.trim() === "" || /^[}#!]/.test(following.trim())) return [];
    return [{ title: "Join with the next line (keepalived has no line continuation here)", edits: [{ file: target.span.file, start: blanksBefore(text, backslash), end: lineEnd + next[0].length, newText: " " }], preferred: true }];
  },
});

/** Reasons whose setting keepalived drops entirely: removing the line changes nothing but the noise. */
const REMOVABLE = new Set(["state-master", "strict", "nopreempt", "own-interface", "no-peers", "fwmark-protocol"]);

export const ignoredSettingFixes = provider({
  codes: ["ignored-setting"],
  schema: z.object({ keyword: z.string(), reason: z.string(), rounded: z.number().optional() }),
  fixes(data, target, ctx) {
    const editor = new Editor(ctx);
    if ((data.reason === "v2-fraction" || data.reason === "v3-centiseconds") && data.rounded !== undefined) {
      const written = editor.at(target.span);
      if (written === undefined || written === String(data.rounded)) return [];
      return [{ title: `Set ${data.keyword} to ${data.rounded}, the value keepalived uses`, edits: [{ ...target.span, newText: String(data.rounded) }], preferred: true }];
    }
    if (!REMOVABLE.has(data.reason)) return [];
    const line = lineAt(editor, target.span.file, target.span.start);
    if (line === undefined || !startsLine(editor, target.span) || lineHasBrace(editor, line)) return [];
    const edit = editor.remove(line);
    return edit === undefined ? [] : [{ title: `Remove '${editor.at(line)}' (keepalived ignores it)`, edits: [edit], preferred: true }];
  },
});

