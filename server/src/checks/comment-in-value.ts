import { commentRanges } from "../model/source.ts";
import type { Check } from "./diagnostic.ts";

/*
 * data: { kept: string (what keepalived reads), intended: string (the word with its '#'/'!' part),
 *   keyword: string (first word of the line) }; the fix quotes `intended`.
 */

const BLANK = /[ \t\f\v\r\n{}]/;

/**
 * `auth_pass Ed3!HaPx` is `Ed3` to keepalived: `#` and `!` start a comment anywhere outside double quotes.
 * Reported where a comment starts right after a word, with nothing between them.
 */
export const commentInValue: Check = (ctx) => {
  for (const source of ctx.config.build.files) {
    const text = source.text;
    for (const comment of commentRanges(source)) {
      const start = comment.start;
      if (start === 0 || BLANK.test(text[start - 1]!)) continue;
      let wordStart = start;
      while (wordStart > 0 && !BLANK.test(text[wordStart - 1]!) && text[wordStart - 1] !== '"') wordStart--;
      const kept = text.slice(wordStart, start);
      if (kept === "") continue;
      const cut = /^[^ \t]*/.exec(text.slice(start, comment.end))![0];
      const intended = kept + cut;
      const lineStart = text.lastIndexOf("\n", wordStart - 1) + 1;
      const before = text.slice(lineStart, wordStart).trim();
      const keyword = before.split(/\s+/)[0] ?? "";
      ctx.report({
        code: "comment-in-value",
        message: `'${cut[0]}' starts a comment even inside a word: keepalived reads '${kept}', not '${intended}'${keyword !== "" ? ` for ${keyword}` : ""}, and says nothing; quote the value ("${intended}") if the '${cut[0]}' is meant`,
        span: { file: source.file, start: wordStart, end: start + cut.length },
        data: { kept, intended, keyword },
      });
    }
  }
};
