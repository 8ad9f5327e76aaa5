import type { IToken } from "chevrotain";
import type { Span } from "./span.ts";

/**
 * Whether an expanded word no longer reads as one word: blanks, braces or quotes in it (or a leading `@`) make
 * keepalived see other words, blocks or a conditional, so the line must be read again. `#` and `!` from a value
 * stay characters: keepalived strips comments before it substitutes.
 */
export function changesStructure(expanded: string, quoted: boolean): boolean {
  if (quoted) {
    const close = expanded.indexOf('"', 1);
    return close !== -1 && close !== expanded.length - 1;
  }
  return /[\s{}"]|^@/.test(expanded);
}

/**
 * Expanded text to be read again: the `#` and `!` that values brought in are escaped so that they stay characters,
 * as they are for keepalived. Quoted text is left alone (a comment never starts there).
 */
export function protectComments(text: string): string {
  if (!text.includes("#") && !text.includes("!")) return text;
  let out = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === "\\" && i + 1 < text.length) {
      out += c + text[++i]!;
      continue;
    } else if (!quoted && (c === "#" || c === "!")) out += "\\";
    out += c;
  }
  return out;
}

export { hasLineBreak } from "../parser/chars.ts";

export function spanOf(token: IToken, file: string): Span {
  return { file, start: token.startOffset, end: token.startOffset + token.image.length };
}
