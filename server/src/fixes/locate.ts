import type { Editor } from "./edit.ts";
import type { Loc } from "./schemas.ts";

/**
 * Places a single-file fix needs beyond the diagnostic's span (the `{` of the block it names, an earlier line of
 * the same block), found in the text around the span. keepalived's lines are simple enough for this: a `#` or
 * `!` outside quotes starts a comment, braces open and close blocks.
 */

/** A line without its comment. */
function code(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "#" || c === "!") && line[i - 1] !== "\\") return line.slice(0, i);
  }
  return line;
}

/** The `{` that opens the block of the line at `offset` (on that line or the next non-blank one). */
export function braceAfter(editor: Editor, file: string, offset: number): Loc | undefined {
  const text = editor.text(file);
  if (text === undefined) return undefined;
  const end = editor.lineEnd(text, offset);
  const at = code(text.slice(offset, end)).indexOf("{");
  if (at >= 0) return { file, start: offset + at, end: offset + at + 1 };
  const next = /^(?:[ \t]*(?:\r\n|\r|\n))*[ \t]*\{/.exec(text.slice(end).replace(/^(\r\n|\r|\n)/, ""));
  if (next === null) return undefined;
  const brace = end + (text.startsWith("\r\n", end) ? 2 : 1) + next[0].length - 1;
  return { file, start: brace, end: brace + 1 };
}

/** The lines before `offset` in the same block whose first word is `keyword`, nearest first. */
export function earlierSiblings(editor: Editor, file: string, offset: number, keyword: string): Loc[] {
  const text = editor.text(file);
  if (text === undefined) return [];
  const found: Loc[] = [];
  let depth = 0;
  let end = editor.lineStart(text, offset) - 1;
  while (end > 0) {
    const start = editor.lineStart(text, end);
    const line = code(text.slice(start, end));
    for (let i = line.length - 1; i >= 0; i--) {
      if (line[i] === "}") depth++;
      else if (line[i] === "{") depth--;
    }
    if (depth < 0) break;
    const words = /^[ \t]*(?:@\^?\S+[ \t]+)?(\S+)/.exec(line);
    if (depth === 0 && words?.[1] === keyword && !line.includes("{")) {
      const first = start + line.indexOf(keyword, words[0].length - keyword.length);
      found.push({ file, start: first, end: start + line.trimEnd().length });
    }
    end = start - 1;
  }
  return found;
}

/** The directive on the line of `offset`, from its first word to its last (comment left out). */
export function lineAt(editor: Editor, file: string, offset: number): Loc | undefined {
  const text = editor.text(file);
  if (text === undefined) return undefined;
  const start = editor.lineStart(text, offset);
  const line = code(text.slice(start, editor.lineEnd(text, offset)));
  const first = line.search(/\S/);
  if (first < 0) return undefined;
  return { file, start: start + first, end: start + line.trimEnd().length };
}

/** Whether the word at `loc` starts its line (after indentation and an `@ID` prefix): it is a keyword. */
export function startsLine(editor: Editor, loc: Loc): boolean {
  const text = editor.text(loc.file);
  if (text === undefined) return false;
  return /^[ \t]*(@\^?\S+[ \t]+)?$/.test(text.slice(editor.lineStart(text, loc.start), loc.start));
}

/** Whether the line of `loc` opens or closes a block: removing it would unbalance the braces. */
export function lineHasBrace(editor: Editor, loc: Loc): boolean {
  const text = editor.text(loc.file);
  if (text === undefined) return true;
  return /[{}]/.test(code(text.slice(editor.lineStart(text, loc.start), editor.lineEnd(text, loc.end))));
}

/** Whether the item at `loc` is the only entry of its value block. */
export function onlyEntry(editor: Editor, loc: Loc): boolean {
  const text = editor.text(loc.file);
  if (text === undefined) return true;
  const before = code(text.slice(editor.lineStart(text, loc.start), loc.start));
  const after = code(text.slice(loc.end, editor.lineEnd(text, loc.end)));
  if (before.includes("{") || after.includes("}")) return true;
  const previous = text.slice(0, editor.lineStart(text, loc.start)).split(/\r?\n|\r/).map(code).reverse().find((l) => l.trim() !== "");
  const next = text.slice(editor.lineEnd(text, loc.end)).split(/\r?\n|\r/).map(code).find((l) => l.trim() !== "");
  return previous?.trimEnd().endsWith("{") === true && next?.trim().startsWith("}") === true;
}
