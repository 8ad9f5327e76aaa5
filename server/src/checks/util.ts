import type { Config } from "../model/config.ts";
import type { Directive, Word } from "../model/types.ts";

/**
 * Every directive of the configuration, depth first, in file order. The model lists them as it reads them, so the
 * checks that visit them all share one array instead of each walking the tree.
 */
export function allDirectives(config: Config): readonly Directive[] {
  return config.build.all;
}

/** Catalog path of the block a directive stands in ("" at the top level). */
export function containerPath(directive: Directive): string {
  const parent = directive.parent;
  if (parent === undefined) return "";
  return parent.spec?.path ?? parent.keyword.text;
}

/** Human name of where a directive stands, e.g. "vrrp_instance VI_1" or "the top level". */
export function whereIs(directive: Directive): string {
  const parent = directive.parent;
  if (parent === undefined) return "the top level";
  const name = parent.args[0]?.text;
  return name !== undefined && parent.spec?.kind === "block" ? `${parent.keyword.text} ${name}` : parent.keyword.text;
}

/** Levenshtein distance with an early exit past `limit`. */
export function editDistance(a: string, b: string, limit = 3): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** The UTF-8 length keepalived measures strings in. */
export function byteLength(text: string): number {
  // ASCII, what passwords and names nearly always are, is a byte a character: Buffer is asked only for the rest.
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return Buffer.byteLength(text, "utf8");
  return text.length;
}

/** The first `bytes` bytes of `text`, cut at a character boundary. */
export function firstBytes(text: string, bytes: number): string {
  let out = "";
  for (const ch of text) {
    if (byteLength(out + ch) > bytes) break;
    out += ch;
  }
  return out;
}

/**
 * Words that are an unfilled template placeholder (`{{ X }}`) or hold an undefined `$NAME`: `template-placeholder`
 * and `undefined-variable` already report them, so value checks stay quiet about them rather than repeat it.
 */
export function placeholderTest(config: Config): (word: Word) => boolean {
  let test = placeholderTests.get(config);
  if (test === undefined) {
    test = config.build.undefinedRefs.length === 0 ? isTemplateWord : undefinedUseTest(config);
    placeholderTests.set(config, test);
  }
  return test;
}

const placeholderTests = new WeakMap<Config, (word: Word) => boolean>();

/** An unfilled `{{ ... }}` placeholder. */
function isTemplateWord(word: Word): boolean {
  return !word.quoted && word.raw.charCodeAt(0) === 0x7b && word.raw.startsWith("{{");
}

function undefinedUseTest(config: Config): (word: Word) => boolean {
  // Where undefined uses start, by file and sorted, so that each word is a binary search (not a scan of them all).
  const starts = new Map<string, number[]>();
  for (const r of config.build.undefinedRefs) {
    const list = starts.get(r.span.file);
    if (list === undefined) starts.set(r.span.file, [r.span.start]);
    else list.push(r.span.start);
  }
  for (const list of starts.values()) list.sort((a, b) => a - b);
  return (word) => {
    if (!word.quoted && word.raw.startsWith("{{")) return true;
    if (!word.raw.includes("$")) return false;
    const list = starts.get(word.span.file);
    if (list === undefined) return false;
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (list[mid]! < word.span.start) low = mid + 1;
      else high = mid;
    }
    return low < list.length && list[low]! < word.span.end;
  };
}

/** A word that ends in `;` or is one: keepalived has no statement separator (see semicolon.ts). */
export function hasSemicolon(word: Word): boolean {
  const text = word.text;
  return !word.quoted && text.charCodeAt(text.length - 1) === 0x3b;
}

/** An unquoted word that ends or starts with `;`: what semicolon-in-value reports (quoted, a `;` is meant). */
export function isSemicolonWord(word: Word): boolean {
  return hasSemicolon(word) || (!word.quoted && word.text.charCodeAt(0) === 0x3b);
}

/** The lone `\` that ends a line: keepalived glues it to the word before (see line-continuation.ts). */
export function isTrailingBackslash(word: Word, directive: Directive): boolean {
  return word.raw === "\\" && directive.args[directive.args.length - 1] === word;
}
