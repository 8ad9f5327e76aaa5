import { keywordsIn, lookupAnyVersion, lookupKeyword } from "../catalog/catalog.ts";
import type { Directive } from "../model/types.ts";
import { INCLUDE_KEYWORD } from "../parser/chars.ts";
import type { DirectiveCheck, DirectiveContext } from "./diagnostic.ts";
import { containerPath, editDistance, whereIs } from "./util.ts";

/**
 * `unknown-keyword`: a word keepalived does not know in this block (for this version). Lines inside an unknown
 * block are not reported again, nor are unfilled `{{ ... }}` placeholders (template-placeholder says it).
 *
 * data: { keyword: string, block: string (catalog path of the block, "" at the top level),
 *   candidates: string[] (the likely intended keywords, best first; a quick fix offers each) }
 */

const MAX_CANDIDATES = 3;

type Version = Parameters<typeof keywordsIn>[1];

/**
 * Suggestions per (version, block, word): a file often repeats one misspelling in every instance, and each
 * costs an edit distance to every keyword of the block. Bounded: cleared when it grows past MEMO_LIMIT.
 */
const memo = new Map<string, readonly string[]>();
const MEMO_LIMIT = 10_000;

/** Keywords of the block that are most likely meant: same word in another case, then the closest spellings. */
export function candidatesFor(word: string, parentPath: string, version: Version): string[] {
  const key = `${version}\u0000${parentPath}\u0000${word}`;
  let found = memo.get(key);
  if (found === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    found = computeCandidates(word, parentPath, version);
    memo.set(key, found);
  }
  return [...found];
}

function computeCandidates(word: string, parentPath: string, version: Version): string[] {
  const names = keywordsIn(parentPath, version).map((s) => s.name);
  const lower = word.toLowerCase();
  const scored = names
    .map((name) => {
      if (name.toLowerCase() === lower) return { name, score: 0 };
      const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
      const distance = editDistance(lower, name.toLowerCase(), limit);
      if (distance <= limit) return { name, score: distance };
      if (word.length >= 4 && name.includes(lower)) return { name, score: limit + 0.5 };
      return undefined;
    })
    .filter((c): c is { name: string; score: number } => c !== undefined)
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  return scored.slice(0, MAX_CANDIDATES).map((c) => c.name);
}

/** `nopreempt;` and `interface\\` are keywords with a `;` or `\\` glued on: keepalived has no separator or continuation. */
function gluedKeyword(word: string, parentPath: string, version: Version): string | undefined {
  const last = word.charCodeAt(word.length - 1);
  if (last !== 0x3b && last !== 0x5c) return undefined;
  const bare = word.replace(/[;\\]+$/, "");
  if (bare === word || bare === "") return undefined;
  return lookupKeyword(parentPath, bare, version) !== undefined ? bare : undefined;
}

function visit(directive: Directive, ctx: DirectiveContext): void {
  if (ctx.isPlaceholder(directive.keyword)) return;
  // Inside an unknown block only the block's own line is reported: its contents follow from it.
  const parent = directive.parent;
  if (parent !== undefined && (parent.role === "unknown" || parent.role === "orphan")) return;
  const word = directive.keyword.text;
  const parentPath = containerPath(directive);
  const other = lookupAnyVersion(parentPath, word);
  const glued = gluedKeyword(word, parentPath, ctx.version);
  const candidates = glued !== undefined ? [glued, ...candidatesFor(word, parentPath, ctx.version).filter((c) => c !== glued)] : candidatesFor(word, parentPath, ctx.version);
  let message: string;
  if (glued !== undefined) {
    const what = word.endsWith(";") ? "';' is no statement separator" : "a line-ending '\\' continues nothing";
    message = `Unknown keyword '${word}' in ${whereIs(directive)}: ${what} in keepalived.conf, so the word is not '${glued}'; keepalived reports it and ignores the line`;
  } else if (other !== undefined) {
    const versions = other.versions.join(" and ");
    message = `'${word}' is a keyword of keepalived ${versions}, not ${ctx.version}: that version reports "Unknown keyword" and ignores the line`;
  } else if (directive.conditional !== undefined && INCLUDE_KEYWORD.test(word)) {
    message = `keepalived recognises include lines before conditionals, so '@... ${word}' is read as the unknown keyword '${word}' and nothing is included`;
  } else {
    const hint = candidates.length > 0 ? `; did you mean ${candidates.map((c) => `'${c}'`).join(", ")}?` : "";
    const block = directive.block !== undefined ? " and everything in its block" : "";
    message = `Unknown keyword '${word}' in ${whereIs(directive)}: keepalived reports it and ignores the line${block}${hint}`;
  }
  ctx.report({
    code: "unknown-keyword",
    message,
    span: directive.keyword.span,
    data: { keyword: word, block: parentPath, candidates },
  });
}

export const unknownKeyword: DirectiveCheck = { kind: "directive", name: "unknownKeyword", roles: ["unknown"], visit };
