import { z } from "zod";
import { editDistance } from "../checks/util.ts";
import { Editor } from "./edit.ts";
import { lineHasBrace, startsLine } from "./locate.ts";
import { provider, type Fix, type FixTarget } from "./types.ts";

/** "Did you mean" and rename fixes: unknown-keyword, deprecated-keyword, and names that name nothing. */

function replaceSpan(editor: Editor, target: FixTarget, expected: string, raw: string) {
  return editor.replaceWord({ ...target.span, raw: expected, conditional: true }, raw);
}

/** The known names within a small edit distance of `name` (or equal ignoring case), best first. */
export function closest(name: string, known: readonly string[], limit = 2): string[] {
  const lower = name.toLowerCase();
  return known
    .map((k) => ({ k, d: k.toLowerCase() === lower ? 0 : editDistance(lower, k.toLowerCase(), limit) }))
    .filter((c) => c.d <= limit && c.k !== name)
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .map((c) => c.k);
}

export const unknownKeywordFixes = provider({
  codes: ["unknown-keyword"],
  schema: z.object({ keyword: z.string().min(1), candidates: z.array(z.string().min(1)) }),
  fixes(data, target, ctx) {
    const editor = new Editor(ctx);
    return data.candidates.flatMap((candidate): Fix[] => {
      const edit = replaceSpan(editor, target, data.keyword, candidate);
      return edit === undefined ? [] : [{ title: `Change '${data.keyword}' to '${candidate}'`, edits: [edit], ...(data.candidates.length === 1 ? { preferred: true } : {}) }];
    });
  },
});

export const deprecatedFixes = provider({
  codes: ["deprecated-keyword"],
  schema: z.object({ keyword: z.string().min(1), replacement: z.string().min(1).optional() }),
  fixes(data, target, ctx) {
    const editor = new Editor(ctx);
    const fixes: Fix[] = [];
    if (data.replacement !== undefined) {
      const edit = replaceSpan(editor, target, data.keyword, data.replacement);
      if (edit !== undefined) fixes.push({ title: `Rename '${data.keyword}' to '${data.replacement}'`, edits: [edit], preferred: true });
    }
    // A keyword alone on its line can go; a route word (gw, or) is part of a route and cannot.
    if (editor.at(target.span) === data.keyword && startsLine(editor, target.span) && !lineHasBrace(editor, target.span)) {
      const text = editor.text(target.span.file)!;
      const edit = editor.remove({ file: target.span.file, start: target.span.start, end: editor.lineEnd(text, target.span.end) });
      if (edit !== undefined) fixes.push({ title: `Remove the '${data.keyword}' line`, edits: [edit] });
    }
    return fixes;
  },
});

/** A did-you-mean over `known` for a name at the span; preferred when exactly one name is close. */
function didYouMean(name: string, known: readonly string[], target: FixTarget, editor: Editor, render: (k: string) => string = (k) => k, shown = name): Fix[] {
  const close = closest(name, known);
  return close.flatMap((k): Fix[] => {
    const edit = editor.at(target.span) === undefined ? undefined : replaceSpan(editor, target, editor.at(target.span)!, render(k));
    return edit === undefined ? [] : [{ title: `Change '${shown}' to '${k}'`, edits: [edit], ...(close.length === 1 ? { preferred: true } : {}) }];
  });
}

export const trackNameFixes = provider({
  codes: ["track-script-undefined"],
  schema: z.object({ name: z.string().min(1), known: z.array(z.string()) }),
  fixes: (data, target, ctx) => {
    const editor = new Editor(ctx);
    return editor.at(target.span) === data.name ? didYouMean(data.name, data.known, target, editor) : [];
  },
});

export const syncMemberFixes = provider({
  codes: ["sync-group-member"],
  schema: z.object({ reason: z.literal("undefined"), member: z.string().min(1), known: z.array(z.string()) }),
  fixes: (data, target, ctx) => {
    const editor = new Editor(ctx);
    return editor.at(target.span) === data.member ? didYouMean(data.member, data.known, target, editor) : [];
  },
});

export const undefinedVariableFixes = provider({
  codes: ["undefined-variable"],
  schema: z.object({ name: z.string().min(1), defined: z.array(z.string()) }),
  fixes(data, target, ctx) {
    const editor = new Editor(ctx);
    const written = editor.at(target.span);
    if (written !== `$${data.name}` && written !== `\${${data.name}}`) return [];
    const braced = written.startsWith("${");
    return didYouMean(data.name, data.defined, target, editor, (k) => (braced ? `\${${k}}` : `$${k}`), written);
  },
});
