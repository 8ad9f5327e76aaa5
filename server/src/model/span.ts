/** Where something is: a file and offsets [start, end) in its text. Turned into line/column only at the edges. */
export interface Span {
  file: string;
  start: number;
  end: number;
}

/** LSP-style position: 0-based line, 0-based UTF-16 column. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/**
 * Line starts of a text, for offset <-> position conversion (line breaks: CRLF, LF or CR, as in LSP). Computed on
 * first use: checking a file needs none, only showing its diagnostics does.
 */
export class LineIndex {
  private readonly text: string;
  private computed: Uint32Array | undefined;
  /** For an index made by `edited` from one whose starts were known: how to make its own from them. */
  private derive: (() => Uint32Array) | undefined;
  readonly length: number;

  constructor(text: string) {
    this.text = text;
    this.length = text.length;
  }

  /**
   * The index of `text`, which is the text of `previous` with [start, end) replaced by `length` characters. When
   * the previous starts are known, the new ones are theirs with the edited lines read again: a one-character edit
   * in a long file then costs a copy of the starts, not a pass over every character.
   */
  static edited(previous: LineIndex, start: number, end: number, length: number, text: string): LineIndex {
    const index = new LineIndex(text);
    const old = previous.computed;
    if (old !== undefined) index.derive = () => editedStarts(old, start, end, length, text);
    return index;
  }

  /** Offsets of the line starts, in a typed array: one block of memory that an edit copies in one go. */
  private get starts(): Uint32Array {
    if (this.computed !== undefined) return this.computed;
    if (this.derive !== undefined) {
      this.computed = this.derive();
      this.derive = undefined;
      return this.computed;
    }
    const text = this.text;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0d) {
        if (text.charCodeAt(i + 1) === 0x0a) i++;
        starts.push(i + 1);
      } else if (c === 0x0a) {
        starts.push(i + 1);
      }
    }
    this.computed = Uint32Array.from(starts);
    return this.computed;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const starts = this.starts;
    const clamped = Math.max(0, Math.min(offset, this.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - starts[low]! };
  }

  offsetAt(position: Position): number {
    const starts = this.starts;
    if (position.line < 0) return 0;
    if (position.line >= starts.length) return this.length;
    const start = starts[position.line]!;
    const next = position.line + 1 < starts.length ? starts[position.line + 1]! : this.length;
    return Math.max(start, Math.min(start + position.character, next));
  }

  lineStart(line: number): number {
    const starts = this.starts;
    return starts[Math.max(0, Math.min(line, starts.length - 1))]!;
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

/** The first index of `starts` (sorted) whose value is at least `offset`. */
function firstAtLeast(starts: Uint32Array, offset: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (starts[mid]! < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Line starts after an edit. Whether p starts a line depends on the characters at p - 1 and p only (after `\n`,
 * or after a `\r` not followed by `\n`): those before the edit are kept, those after it moved, and the few
 * whose characters changed are read again.
 */
function editedStarts(old: Uint32Array, start: number, end: number, length: number, text: string): Uint32Array {
  const delta = length - (end - start);
  const keep = Math.max(1, firstAtLeast(old, start));
  const middle: number[] = [];
  for (let p = Math.max(1, start); p <= start + length && p <= text.length; p++) {
    const before = text.charCodeAt(p - 1);
    if (before === 0x0a || (before === 0x0d && text.charCodeAt(p) !== 0x0a)) middle.push(p);
  }
  const moved = firstAtLeast(old, end + 1);
  const starts = new Uint32Array(keep + middle.length + old.length - moved);
  starts.set(old.subarray(0, keep));
  starts.set(middle, keep);
  let k = keep + middle.length;
  for (let i = moved; i < old.length; i++) starts[k++] = old[i]! + delta;
  return starts;
}
