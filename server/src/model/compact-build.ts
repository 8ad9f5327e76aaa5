import { intern } from "../parser/chars.ts";
import { isQuotedWord, wordValue } from "../parser/scanner.ts";
import { ITEM, KEYWORD, NOT_READ, ORPHAN, ROLE_CODES, type CompactTree } from "./compact-tree.ts";
import type { SourceFile } from "./source.ts";
import type { Span } from "./span.ts";
import type { BuildProblem, Directive, Word } from "./types.ts";
import type { BuildResult } from "./tree.ts";

/*
 * The directives of a simple file (ParseResult.simple: no conditional, definition, sequence, include or `$`), made
 * from its parse in typed arrays (parser/compact.ts) and its directive tree in arrays (compact-tree.ts), with no
 * token, statement or block node in between. They are the very directives the object engine (build.ts over
 * parse.ts) makes of the same file, field for field, and in the same order; a unit test compares the two. This is
 * how the analysis reads a file read whole: a big file's parse leaves nothing behind but its directives.
 */

/** Shared by every directive without arguments; never written to (as tree.ts's). */
const NO_ARGS: Word[] = Object.freeze([]) as unknown as Word[];

/** The directive tree of `root`, whose compact tree is `tree` (a simple parse of root's text). */
export function buildFromCompact(root: SourceFile, tree: CompactTree): BuildResult {
  const { syntax, role, spec, owner } = tree;
  const { text, file, statementCount: n, firstWord, words, wordStart, wordEnd: wordEnds, wordType, open, close } = syntax;
  const directives: Directive[] = [];
  // Made to size (V8 pushes onto a big array slowly, see ChunkedList) and cut to the directives read at the end.
  const all = new Array<Directive>(n);
  let read = 0;
  /** Per statement, the index of its directive in `all`, or -1 when not read (an orphan's too: its lines are its owner's). */
  const made = new Int32Array(n).fill(-1);
  const argument = (w: number): Word => word(text, file, wordStart[w]!, wordEnds[w]!, wordType[w]!, false);
  for (let s = 0; s < n; s++) {
    const r = role[s]!;
    if (r === NOT_READ) continue;
    const o = owner[s]!;
    const parent = o < 0 ? undefined : all[made[o]!];
    const count = words[s]!;
    const first = firstWord[s]!;
    let keyword: Word;
    let args = NO_ARGS;
    let span: Span;
    if (count === 0) {
      // An orphan `{`: its directive is the brace.
      keyword = { text: "", raw: "", quoted: false, span: { file, start: open[s]!, end: open[s]! + 1 } };
      span = keyword.span;
    } else {
      keyword = word(text, file, wordStart[first]!, wordEnds[first]!, wordType[first]!, true);
      if (count > 1) {
        // Most lines have one or two arguments: an array literal of them is made faster than an array of a length.
        if (count === 2) args = [argument(first + 1)];
        else if (count === 3) args = [argument(first + 1), argument(first + 2)];
        else {
          args = [];
          for (let w = first + 1; w < first + count; w++) args.push(argument(w));
        }
        span = { file, start: keyword.span.start, end: args[count - 2]!.span.end };
      } else {
        span = keyword.span;
      }
    }
    const directive: Directive = {
      role: ROLE_CODES[r]!,
      keyword,
      args,
      span,
      parent,
      spec: r === KEYWORD || r === ITEM ? spec[s] : undefined,
      block: undefined,
      conditional: undefined,
      expandedFrom: undefined,
      includedBy: undefined,
    };
    if (r !== ORPHAN && open[s]! >= 0) {
      const at = open[s]!;
      const end = close[s]!;
      directive.block = { open: { file, start: at, end: at + 1 }, close: end >= 0 ? { file, start: end, end: end + 1 } : undefined, children: [] };
    }
    made[s] = read;
    (parent === undefined ? directives : parent.block!.children).push(directive);
    all[read++] = directive;
  }
  all.length = read;
  const problems: BuildProblem[] = tree.problems.map((p) => {
    const directive = p.statement >= 0 ? all[made[p.statement]!] : undefined;
    if (directive === undefined) return { kind: p.kind, message: p.message, span: { file, start: p.start, end: p.end } };
    // The spans the object engine gives: the placeholder word's, the directive's, its block's `{`.
    let span: Span;
    if (p.kind === "missing-open-brace") span = directive.span;
    else if (p.kind === "unexpected-block") span = directive.block!.open;
    else span = [directive.keyword, ...directive.args].find((w) => w.span.start === p.start)!.span;
    return { kind: p.kind, message: p.message, span, directive };
  });
  return {
    root: root.file,
    directives,
    files: [root],
    includes: [],
    definitions: [],
    undefinedRefs: [],
    problems,
    configIds: [],
    negatedConditionals: false,
    all,
  };
}

/** A word as the scanner reads it (scanner.ts `word` and `addWord`): its value, and the keyword's string interned. */
function word(text: string, file: string, start: number, end: number, type: number, head: boolean): Word {
  let raw = text.slice(start, end);
  let value = wordValue(raw, type);
  if (head && value === raw) value = raw = intern(raw);
  return { text: value, raw, quoted: isQuotedWord(type), span: { file, start, end } };
}
