/**
 * Character-level pieces of the scanner: what a blank, a word, a quote, a template placeholder, a definition and a
 * sequence prefix look like, each as a function from an offset to the end of what starts there.
 */

/** Where a comment starts on [from, end): a # or ! outside double quotes and not escaped by a backslash. */
export function commentStart(text: string, from: number, end: number): number {
  let quoted = false;
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (!quoted && c === 0x5c && i + 1 < end) i++;
    else if (!quoted && (c === 0x23 || c === 0x21)) return i;
  }
  return end;
}

/** Blank within a line: space, tab, vertical tab, form feed. */
export function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c;
}

/** A character of a word other than `$` and `\`: not blank, quote, comment start or brace. */
function isWordChar(c: number): boolean {
  return c >= 0x25 ? c !== 0x5c && c !== 0x7b && c !== 0x7d : c <= 0x08 || (c >= 0x0e && c <= 0x1f);
}

/** A character of the id in `@ID`: as a word character, `$` and `\` included. */
export function isIdChar(c: number): boolean {
  return c >= 0x24 ? c !== 0x7b && c !== 0x7d : c <= 0x08 || (c >= 0x0e && c <= 0x1f);
}

export function isNameStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39);
}

/** keepalived's include keywords: `include` and its one-letter variants (`includer`, `includem`, ...). */
export const INCLUDE_KEYWORD = /^include[rmwba]?$/;

/** A line break in [from, to). */
export function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return true;
  }
  return false;
}

export function lineEnd(text: string, from: number): number {
  let i = from;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) break;
  }
  return i;
}

/** Whether the last word `wordEnd` read holds a backslash (only then may its value differ from its text). */
export let wordHadBackslash = false;
/** Whether the last word `wordEnd` read holds a `$` (a use of a definition, for the model builder). */
export let wordHadDollar = false;

/** End of the word starting at `i`: word characters, `\` (with a following `#` or `!`), `$` and `${NAME...}`. */
export function wordEnd(text: string, i: number): number {
  const n = text.length;
  wordHadBackslash = false;
  wordHadDollar = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWordChar(c)) {
      i++;
    } else if (c === 0x24) {
      wordHadDollar = true;
      i++;
      if (text.charCodeAt(i) === 0x7b && isNameStart(text.charCodeAt(i + 1))) {
        let j = i + 2;
        for (; j < n; j++) {
          const d = text.charCodeAt(j);
          if (d === 0x7b || d === 0x7d || d === 0x0a || d === 0x0d) break;
        }
        if (text.charCodeAt(j) === 0x7d) i = j + 1;
      }
    } else if (c === 0x5c) {
      wordHadBackslash = true;
      i++;
      const d = text.charCodeAt(i);
      if (d === 0x23 || d === 0x21) i++;
    } else {
      break;
    }
  }
  return i;
}

/** `{{ ... }}` on one line without other braces: the end offset, or -1. */
export function templateEnd(text: string, i: number): number {
  if (text.charCodeAt(i + 1) !== 0x7b) return -1;
  for (let j = i + 2; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x7d) return text.charCodeAt(j + 1) === 0x7d ? j + 2 : -1;
    if (c === 0x7b || c === 0x0a || c === 0x0d) return -1;
  }
  return -1;
}

/** `"..."` to its closing quote on the same line; `closed` false when the line ends first. */
export function quoteEnd(text: string, i: number): { end: number; closed: boolean } {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return { end: j + 1, closed: true };
    if (c === 0x0a || c === 0x0d) return { end: j, closed: false };
  }
  return { end: text.length, closed: false };
}

/** `$NAME=` at `i`: the offset after `=`, or -1. */
export function definitionHead(text: string, i: number): number {
  if (!isNameStart(text.charCodeAt(i + 1))) return -1;
  let j = i + 2;
  while (isNameChar(text.charCodeAt(j))) j++;
  return text.charCodeAt(j) === 0x3d ? j + 1 : -1;
}

/**
 * End of a `$NAME=value` definition whose value starts at `from`. A value whose line ends with `\` continues on
 * the next line; a trailing comment stays outside.
 */
export function definitionEnd(text: string, from: number): number {
  let end = from;
  for (;;) {
    const eol = lineEnd(text, from);
    // keepalived strips a line's comment before it looks for the trailing `\`, so a comment may follow it.
    const stop = commentStart(text, from, eol);
    let last = stop - 1;
    while (last >= from && isBlank(text.charCodeAt(last))) last--;
    // An empty (or comment-only) line ends the definition and is not part of it.
    if (last < from) return end;
    if (text.charCodeAt(last) !== 0x5c || eol >= text.length) return last + 1;
    end = stop === eol ? last + 1 : eol;
    from = eol + (text.charCodeAt(eol) === 0x0d && text.charCodeAt(eol + 1) === 0x0a ? 2 : 1);
  }
}

/** `~SEQ(`, `~SEQx(` or `~LST(` at `i`, up to the balancing `)` on the line: the end offset, or -1. */
export function sequenceEnd(text: string, i: number): number {
  let j: number;
  if (text.startsWith("~SEQ(", i) || text.startsWith("~LST(", i)) j = i + 5;
  else if (text.startsWith("~SEQx(", i)) j = i + 6;
  else return -1;
  let depth = 1;
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x28) depth++;
    else if (c === 0x29 && --depth === 0) return j + 1;
    else if (c === 0x0a || c === 0x0d) return -1;
  }
  return -1;
}

/**
 * Keywords as one shared, internalized string each. A file repeats a few dozen keywords thousands of times; with
 * one string per keyword the model's and the checks' comparisons against keyword literals are pointer compares,
 * and Map lookups reuse the string's cached hash. A direct-mapped cache: a miss only costs a new entry.
 */
const interned: Array<string | undefined> = new Array<string | undefined>(4096).fill(undefined);

export function intern(word: string): string {
  const n = word.length;
  // Keywords start with a letter or `_` (addresses, the other common first words, are mostly unique).
  if (n === 0 || n > 40 || !isNameStart(word.charCodeAt(0))) return word;
  const slot = (n * 131 + word.charCodeAt(0) * 31 + word.charCodeAt(n - 1) * 7 + word.charCodeAt(n >> 1)) & 4095;
  const known = interned[slot];
  if (known === word) return known;
  // A property key is internalized by V8: taking it back from an object gives the canonical string.
  const canonical = Object.keys({ [word]: 0 })[0] ?? word;
  interned[slot] = canonical;
  return canonical;
}


/**
 * Words up to this long are copied out of the text when sliced (longer slices point into it, which a cache must not
 * keep alive: the text of a document's earlier version would stay in memory).
 */
const SHARED_MAX = 12;
const shared: Array<string | undefined> = new Array<string | undefined>(4096).fill(undefined);

/**
 * `text.slice(start, end)`, as the same string as the last time that short word was read. A file repeats values
 * (interface names, PASS, 1, BACKUP) and short keywords thousands of times: one string each is less to allocate and
 * to keep, and the hash a lookup computes for it is computed once. A direct-mapped cache like intern's.
 */
export function sliceShared(text: string, start: number, end: number): string {
  const n = end - start;
  if (n > SHARED_MAX) return text.slice(start, end);
  const slot = (n * 131 + text.charCodeAt(start) * 31 + text.charCodeAt(end - 1) * 7 + text.charCodeAt(start + (n >> 1))) & 4095;
  const known = shared[slot];
  if (known !== undefined && known.length === n && text.startsWith(known, start)) return known;
  const word = text.slice(start, end);
  shared[slot] = word;
  return word;
}
