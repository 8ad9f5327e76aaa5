/**
 * `~SEQ(VAR, [START,] [STEP,] END)`, `~SEQx(...)` and `~LST(VAR, v1, v2, ...)` / `~LST({A,B}, {1,2}, ...)`:
 * the rest of the line is read once per value, with the variables defined to that value.
 */

export type Bindings = Array<Array<[string, string]>>;

export interface SequenceResult {
  bindings: Bindings;
  error?: string;
  /** More than MAX_REPETITIONS values: `bindings` holds the first ones. */
  truncated?: boolean;
}

/** Past this many repetitions a line is read only this many times, and the limit is reported. */
export const MAX_REPETITIONS = 10_000;

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const c of text) {
    if (c === "{") depth++;
    else if (c === "}") depth--;
    if (c === "," && depth === 0) {
      parts.push(current.trim());
      current = "";
    } else {
      current += c;
    }
  }
  parts.push(current.trim());
  return parts;
}

function parseNumber(text: string): number | undefined {
  const t = text.trim();
  if (!/^-?(0x[0-9a-fA-F]+|\d+)$/.test(t)) return undefined;
  const negative = t.startsWith("-");
  const digits = negative ? t.slice(1) : t;
  const value = digits.startsWith("0x") ? parseInt(digits.slice(2), 16) : parseInt(digits, 10);
  return negative ? -value : value;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function unbrace(text: string): string[] {
  const t = text.trim();
  return (t.startsWith("{") && t.endsWith("}") ? t.slice(1, -1) : t).split(",").map((s) => s.trim());
}

export function parseSequence(image: string): SequenceResult {
  const m = /^~(SEQx?|LST)\(([\s\S]*)\)$/.exec(image);
  if (m === null) return { bindings: [], error: `'${image}' is not a ~SEQ(...) or ~LST(...) prefix` };
  const kind = m[1]!;
  const parts = splitTopLevel(m[2]!);
  if (kind === "LST") {
    const names = unbrace(parts[0] ?? "");
    if (names.length === 0 || !names.every((n) => NAME.test(n))) {
      return { bindings: [], error: `~LST needs a variable name (or {NAME1, NAME2}) first` };
    }
    const values = parts.slice(1);
    if (values.length === 0) return { bindings: [], error: "~LST needs at least one value" };
    const bindings: Bindings = [];
    const truncated = values.length > MAX_REPETITIONS;
    for (const value of values.slice(0, MAX_REPETITIONS)) {
      const items = names.length > 1 ? unbrace(value) : [value];
      if (items.length !== names.length) {
        return { bindings: [], error: `~LST value '${value}' does not give one value per variable (${names.join(", ")})` };
      }
      bindings.push(names.map((n, i): [string, string] => [n, items[i]!]));
    }
    return truncated ? { bindings, truncated } : { bindings };
  }
  const name = parts[0] ?? "";
  if (!NAME.test(name)) return { bindings: [], error: `~${kind} needs a variable name first` };
  const numbers = parts.slice(1).map(parseNumber);
  if (numbers.length < 1 || numbers.length > 3 || numbers.some((n) => n === undefined)) {
    return { bindings: [], error: `~${kind}(${name}, [start,] [step,] end) needs one to three whole numbers` };
  }
  const values = numbers as number[];
  const end = values[values.length - 1]!;
  const start = values.length >= 2 ? values[0]! : end >= 0 ? 1 : -1;
  const step = values.length === 3 ? values[1]! : end >= start ? 1 : -1;
  if (step === 0) return { bindings: [], error: `~${kind} step 0 would repeat forever` };
  if ((start < end && step < 0) || (start > end && step > 0)) {
    return { bindings: [], error: `~${kind} step ${step} never goes from ${start} to ${end}: keepalived reports invalid ~SEQ values and drops the line` };
  }
  if (kind === "SEQx" && (start < 0 || end < 0)) return { bindings: [], error: "~SEQx takes positive numbers only" };
  const bindings: Bindings = [];
  for (let v = start; step > 0 ? v <= end : v >= end; v += step) {
    if (bindings.length === MAX_REPETITIONS) return { bindings, truncated: true };
    bindings.push([[name, kind === "SEQx" ? v.toString(16) : String(v)]]);
  }
  return { bindings };
}
