import { lookupKeyword } from "../catalog/catalog.ts";
import type { KeepalivedVersion, KeywordSpec } from "../catalog/types.ts";
import type { CompactSyntax } from "../parser/compact.ts";
import { isQuotedWord, wordValue } from "../parser/scanner.ts";
import { MAX_NESTING, treeProblem } from "./tree.ts";
import type { BuildProblem, DirectiveRole } from "./types.ts";

/*
 * The directive tree of a parse in columns (parser/compact.ts), for a simple parse (no conditional, definition,
 * sequence, include or `$`: ParseResult.simple), where each statement is one directive, in the order tree.ts reads
 * them (BuildResult.all). What each directive is (its role and catalog entry) and the problems the tree builder
 * reports are decided as tree.ts decides them; a unit test compares the two. Files that are not simple still need
 * the object engine's builder (build.ts), which expands what they hold. The analysis of a file read whole makes its
 * directives from this tree (compact-build.ts).
 */

/** Roles by number; NOT_READ marks a statement the builder does not read (blocks nested beyond MAX_NESTING). */
export const ROLE_CODES: readonly DirectiveRole[] = ["keyword", "item", "unknown", "include", "orphan"];
export const KEYWORD = 0;
export const ITEM = 1;
export const UNKNOWN = 2;
export const ORPHAN = 4;
export const NOT_READ = 255;

export interface CompactProblem {
  kind: BuildProblem["kind"];
  message: string;
  start: number;
  end: number;
  /** The directive (statement) it is about, or -1. */
  statement: number;
}

export interface CompactTree {
  syntax: CompactSyntax;
  version: KeepalivedVersion;
  /** Per statement: its role (ROLE_CODES index) or NOT_READ. */
  role: Uint8Array;
  /** Per statement: its catalog entry (a keyword's own, an item's value block's), or undefined. */
  spec: Array<KeywordSpec | undefined>;
  /** Per statement read: the statement whose directive's block it is a child of (an orphan `{` is skipped over), or -1. */
  owner: Int32Array;
  problems: CompactProblem[];
}


/** The directive tree of a simple parse; undefined for one that is not (see above). */
export function compactTree(syntax: CompactSyntax, version: KeepalivedVersion): CompactTree | undefined {
  if (!syntax.simple) return undefined;
  const { text, statementCount: n, firstWord, words, wordStart, wordEnd, wordType, parent, open, blockEnd } = syntax;
  const role = new Uint8Array(n);
  const spec = new Array<KeywordSpec | undefined>(n);
  /** The directive each statement's directives are children of: an orphan `{`'s lines are read where they stand. */
  const owner = new Int32Array(n);
  const depth = new Int32Array(n);
  const problems: CompactProblem[] = [];
  // tree.ts reports a keyword's block shape once its block is read: pending here until the block ends, innermost first.
  const pending: Array<{ end: number; problem: CompactProblem }> = [];
  const flush = (upTo: number): void => {
    while (pending.length > 0 && pending[pending.length - 1]!.end <= upTo) problems.push(pending.pop()!.problem);
  };
  let nestingReported = false;
  for (let s = 0; s < n; s++) {
    flush(s);
    const p = parent[s]!;
    depth[s] = p < 0 ? 0 : depth[p]! + 1;
    if (p >= 0 && (role[p] === NOT_READ || depth[p]! >= MAX_NESTING)) {
      role[s] = NOT_READ;
      continue;
    }
    const o = p >= 0 && role[p] === ORPHAN ? owner[p]! : p;
    owner[s] = o;
    const count = words[s]!;
    const first = firstWord[s]!;
    if (count === 0) {
      // Without words a statement is an orphan `{` here: a simple parse has no lone prefix or definition.
      role[s] = ORPHAN;
      spec[s] = undefined;
    } else {
      const ownerSpec = o < 0 ? undefined : spec[o];
      if (o >= 0 && role[o] === KEYWORD && ownerSpec?.kind === "value_block") {
        role[s] = ITEM;
        spec[s] = ownerSpec;
      } else if (o < 0 || (role[o] === KEYWORD && ownerSpec?.kind === "block")) {
        const found = lookupKeyword(o < 0 ? "" : ownerSpec!.path, wordValue(text.slice(wordStart[first]!, wordEnd[first]!), wordType[first]!), version);
        role[s] = found === undefined ? UNKNOWN : KEYWORD;
        spec[s] = found;
      } else {
        role[s] = UNKNOWN;
        spec[s] = undefined;
      }
      for (let w = first; w < first + count; w++) {
        const start = wordStart[w]!;
        if (!isQuotedWord(wordType[w]!) && text.startsWith("{{", start)) {
          const raw = text.slice(start, wordEnd[w]!);
          problems.push({ kind: "template-placeholder", message: treeProblem.templatePlaceholder(raw), start, end: wordEnd[w]!, statement: s });
        }
      }
    }
    const hasBlock = open[s]! >= 0;
    if (hasBlock && depth[s]! >= MAX_NESTING && !nestingReported) {
      nestingReported = true;
      problems.push({ kind: "nesting-limit", message: treeProblem.nestingLimit(), start: open[s]!, end: open[s]! + 1, statement: -1 });
    }
    const own = spec[s];
    if (role[s] !== KEYWORD || own === undefined) continue;
    let shape: CompactProblem | undefined;
    if (own.kind !== "keyword" && !hasBlock) {
      shape = {
        kind: "missing-open-brace",
        message: treeProblem.missingOpenBrace(own.name),
        start: wordStart[first]!,
        end: wordEnd[first + count - 1]!,
        statement: s,
      };
    } else if (own.kind === "keyword" && hasBlock) {
      shape = { kind: "unexpected-block", message: treeProblem.unexpectedBlock(own.name), start: open[s]!, end: open[s]! + 1, statement: s };
    }
    if (shape !== undefined) pending.push({ end: blockEnd[s]!, problem: shape });
  }
  flush(Number.MAX_SAFE_INTEGER);
  return { syntax, version, role, spec, owner, problems };
}
