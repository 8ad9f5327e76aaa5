/**
 * A unified diff of two texts (what `keepalived-ha fix --dry-run` prints), readable by `patch -p1` and `git
 * apply`. Lines keep their own line breaks; a last line without one is marked as diff does.
 */

function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

type Op = { kind: " " | "-" | "+"; line: string };

/** Myers' O((N+M)D) shortest edit script; fixes change few lines, so D stays small even in big files. */
function editScript(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Map<number, number>([[1, 0]]);
  const trace: Array<Map<number, number>> = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(new Map(v));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1)) ? (v.get(k + 1) ?? 0) : (v.get(k - 1) ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v.set(k, x);
      if (x >= n && y >= m) break outer;
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && (vd.get(k - 1) ?? -1) < (vd.get(k + 1) ?? -1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = vd.get(prevK) ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: " ", line: a[x]! });
    }
    if (d > 0) {
      if (down) ops.push({ kind: "+", line: b[--y]! });
      else ops.push({ kind: "-", line: a[--x]! });
    }
  }
  return ops.reverse();
}

function show(op: Op): string {
  const ending = /(\r\n|\r|\n)$/.exec(op.line)?.[0];
  if (ending === undefined) return `${op.kind}${op.line}\n\\ No newline at end of file\n`;
  // CRLF lines keep their CR, as diff(1) prints them, so that patch(1) rewrites them byte for byte.
  return ending === "\r\n" ? `${op.kind}${op.line}` : `${op.kind}${op.line.slice(0, -ending.length)}\n`;
}

/** The diff of `before` and `after` under the names `from` and `to`; empty when they are equal. */
export function unifiedDiff(before: string, after: string, from: string, to: string, context = 3): string {
  if (before === after) return "";
  const ops = editScript(splitLines(before), splitLines(after));
  const out: string[] = [`--- ${from}\n`, `+++ ${to}\n`];
  let i = 0;
  while (i < ops.length) {
    while (i < ops.length && ops[i]!.kind === " ") i++;
    if (i >= ops.length) break;
    const start = Math.max(0, i - context);
    let end = i;
    // A hunk runs on while changes are at most 2 * context lines apart.
    for (;;) {
      while (end < ops.length && ops[end]!.kind !== " ") end++;
      let gap = end;
      while (gap < ops.length && ops[gap]!.kind === " ") gap++;
      if (gap < ops.length && gap - end <= 2 * context) end = gap;
      else {
        end = Math.min(ops.length, end + context);
        break;
      }
    }
    const before = ops.slice(0, start);
    const oldStart = before.filter((o) => o.kind !== "+").length + 1;
    const newStart = before.filter((o) => o.kind !== "-").length + 1;
    const hunk = ops.slice(start, end);
    const oldCount = hunk.filter((o) => o.kind !== "+").length;
    const newCount = hunk.filter((o) => o.kind !== "-").length;
    out.push(`@@ -${oldCount === 0 ? oldStart - 1 : oldStart},${oldCount} +${newCount === 0 ? newStart - 1 : newStart},${newCount} @@\n`);
    for (const op of hunk) out.push(show(op));
    i = end;
  }
  return out.join("");
}
