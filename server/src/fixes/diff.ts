import type { TextEdit } from "./types.ts";

/**
 * The unified diff of a text and edits to it (what `keepalived-ha fix --dry-run` prints), readable by
 * `patch` and `git apply`. It is built from the edits, not by comparing texts, so it costs one pass over the
 * file however many fixes a big configuration gets. Lines keep their own line breaks (CRLF stays CRLF); a last
 * line without one is marked as diff(1) marks it.
 */

/** Start offsets of the lines of `text` as diff(1) sees them (a CR is part of the line); a final LF opens none. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x0a) starts.push(i + 1);
  if (starts.length > 1 && starts[starts.length - 1] === text.length) starts.pop();
  return starts;
}

function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** A diff line: CRLF lines keep their CR, as diff(1) prints them, so that patch(1) rewrites them byte for byte. */
function show(kind: string, line: string): string {
  return line.endsWith("\n") ? `${kind}${line}` : `${kind}${line}\n\\ No newline at end of file\n`;
}

interface Block {
  /** First and last old line the edits touch. */
  first: number;
  last: number;
  edits: TextEdit[];
  /** The lines first..last once edited. */
  added: string[];
}

/** The diff of applying `edits` (non-overlapping, one file) to `before`; empty when they change nothing. */
export function unifiedDiff(before: string, edits: readonly TextEdit[], from: string, to: string, context = 3): string {
  const starts = lineStarts(before);
  const old = starts.map((s, i) => before.slice(s, starts[i + 1] ?? before.length));
  const blocks: Block[] = [];
  for (const edit of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const first = lineOf(starts, edit.start);
    // A removal that ends where a line starts leaves that line alone.
    const last = edit.end > edit.start && starts.includes(edit.end) ? Math.max(first, lineOf(starts, edit.end) - 1) : lineOf(starts, edit.end);
    const previous = blocks[blocks.length - 1];
    if (previous !== undefined && first <= previous.last + 1) {
      previous.last = Math.max(previous.last, last);
      previous.edits.push(edit);
    } else {
      blocks.push({ first, last, edits: [edit], added: [] });
    }
  }
  const edited = (block: Block): string => {
    const from = starts[block.first]!;
    let text = before.slice(from, starts[block.last + 1] ?? before.length);
    for (const e of [...block.edits].sort((a, b) => b.start - a.start)) text = text.slice(0, e.start - from) + e.newText + text.slice(e.end - from);
    return text;
  };
  // An edit that removes a line break joins the next line to the block: take it in (and any block it reaches).
  for (let k = 0; k < blocks.length; k++) {
    const block = blocks[k]!;
    let text = edited(block);
    while (text !== "" && !text.endsWith("\n") && block.last + 1 < old.length) {
      block.last++;
      const next = blocks[k + 1];
      if (next !== undefined && next.first <= block.last) {
        block.last = Math.max(block.last, next.last);
        block.edits.push(...next.edits);
        blocks.splice(k + 1, 1);
      }
      text = edited(block);
    }
    block.added = splitLines(text);
    // Lines an edit spans but leaves as they were (a value replaced by itself around a changed one) are context.
    while (block.first <= block.last && block.added.length > 0 && block.added[0] === old[block.first]) {
      block.first++;
      block.added.shift();
    }
    while (block.last >= block.first && block.added.length > 0 && block.added[block.added.length - 1] === old[block.last]) {
      block.last--;
      block.added.pop();
    }
  }
  // A block that changes nothing must not widen a hunk's context: patch(1) reads uneven context as an anchor at
  // the file's start or end.
  for (let k = blocks.length - 1; k >= 0; k--) if (blocks[k]!.first > blocks[k]!.last && blocks[k]!.added.length === 0) blocks.splice(k, 1);
  const out: string[] = [];
  let delta = 0;
  let i = 0;
  while (i < blocks.length) {
    let j = i;
    while (j + 1 < blocks.length && blocks[j + 1]!.first - blocks[j]!.last - 1 <= 2 * context) j++;
    const start = Math.max(0, blocks[i]!.first - context);
    const end = Math.min(old.length - 1, blocks[j]!.last + context);
    const body: string[] = [];
    let oldCount = 0;
    let newCount = 0;
    let line = start;
    for (const block of blocks.slice(i, j + 1)) {
      for (; line < block.first; line++, oldCount++, newCount++) body.push(show(" ", old[line]!));
      for (; line <= block.last; line++, oldCount++) body.push(show("-", old[line]!));
      for (const l of block.added) body.push(show("+", l));
      newCount += block.added.length;
    }
    for (; line <= end; line++, oldCount++, newCount++) body.push(show(" ", old[line]!));
    if (body.some((b) => b[0] !== " ")) {
      const oldStart = oldCount === 0 ? start : start + 1;
      const newStart = newCount === 0 ? start + delta : start + delta + 1;
      out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@\n`, ...body);
    }
    delta += newCount - oldCount;
    i = j + 1;
  }
  return out.length === 0 ? "" : `--- ${from}\n+++ ${to}\n${out.join("")}`;
}
