import type { FormattingOptions, TextEdit } from "vscode-languageserver";
import { lex } from "../parser/lexer.ts";
import { Definition, LBrace, RBrace } from "../parser/tokens.ts";
import { LineIndex } from "../model/span.ts";

/**
 * Re-indents a configuration: one level per open block, closing braces at their block's level. Only the
 * leading blanks of lines change (blank lines lose theirs); every word, comment and line break is kept, so
 * formatting twice gives the same text. The continuation lines of multi-line `$NAME=` definitions are left
 * as written: they are the definition's value.
 */
export function formatText(text: string, options: Pick<FormattingOptions, "tabSize" | "insertSpaces">): TextEdit[] {
  const lines = new LineIndex(text);
  const unit = options.insertSpaces ? " ".repeat(Math.max(1, options.tabSize)) : "\t";
  const { tokens } = lex(text);
  const opens = new Array<number>(lines.lineCount).fill(0);
  const closesBefore = new Array<number>(lines.lineCount).fill(0);
  const closes = new Array<number>(lines.lineCount).fill(0);
  const frozen = new Array<boolean>(lines.lineCount).fill(false);
  const seenOther = new Array<boolean>(lines.lineCount).fill(false);
  for (const token of tokens) {
    const line = lines.positionAt(token.startOffset).line;
    if (token.tokenType === LBrace) opens[line]!++;
    else if (token.tokenType === RBrace) {
      if (seenOther[line]) closes[line]!++;
      else closesBefore[line]!++;
    } else if (token.tokenType === Definition) {
      const last = lines.positionAt(token.startOffset + token.image.length).line;
      for (let l = line + 1; l <= last; l++) frozen[l] = true;
    }
    if (token.tokenType !== RBrace) seenOther[line] = true;
  }
  const edits: TextEdit[] = [];
  let depth = 0;
  for (let line = 0; line < lines.lineCount; line++) {
    const start = lines.lineStart(line);
    const end = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
    const content = text.slice(start, end).replace(/[\r\n]+$/, "");
    const indentLength = /^[ \t]*/.exec(content)![0].length;
    const lineDepth = Math.max(0, depth - closesBefore[line]!);
    depth = Math.max(0, lineDepth + opens[line]! - closes[line]!);
    if (frozen[line]) continue;
    const wanted = content.trim() === "" ? "" : unit.repeat(lineDepth);
    if (content.slice(0, indentLength) !== wanted) {
      edits.push({
        range: { start: { line, character: 0 }, end: { line, character: content.trim() === "" ? content.length : indentLength } },
        newText: wanted,
      });
    }
  }
  return edits;
}
