import { commentStart } from "../parser/tokens.ts";

/**
 * keepalived's parameter substitution: `$NAME=VALUE` definitions, `$NAME` (followed by a blank, `,`, `)` or the
 * end) and `${NAME}` uses, expanded recursively at use time, plus the predefined names.
 */

export interface Definition {
  value: string;
  /** Defined over several lines with trailing `\`: the use must stand alone on its line. */
  multiline: boolean;
}

export interface Environment {
  definitions: Map<string, Definition>;
  /** Folder of the file being read, for `${_PWD}`. */
  pwd: string;
  /** Name of the instance being expanded, for `${_INSTANCE}` (empty when none). */
  instance: string;
}

export interface UndefinedUse {
  name: string;
  braced: boolean;
  /** Offset of the `$` in the text given to `expand`; -1 for a use inside a definition's value. */
  index: number;
}

export interface Expansion {
  text: string;
  changed: boolean;
  undefinedUses: UndefinedUse[];
  /** A multi-line definition was expanded. */
  multiline: boolean;
}

const DEFINITION = /^\$([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/;

/** Splits a Definition token (`$NAME=value`, lines joined by trailing `\`) into name and value. */
export function parseDefinition(image: string): { name: string; value: string; multiline: boolean } | undefined {
  const m = DEFINITION.exec(image);
  if (m === null) return undefined;
  // Each line as keepalived stores it: comment cut, blanks trimmed, the trailing `\` replaced by a line end.
  const lines = m[2]!.split(/\r\n|\r|\n/).map((line) => line.slice(0, commentStart(line, 0, line.length)).trim());
  const multiline = lines.length > 1 || lines[0]!.endsWith("\\");
  const value = lines
    .map((line) => (line.endsWith("\\") ? line.slice(0, -1).trimEnd() : line))
    .filter((line) => !(multiline && line === ""))
    .join("\n");
  return { name: m[1]!, value, multiline };
}

const MAX_DEPTH = 32;
/** keepalived stops at its 1024-byte line buffer; we stop well past it, only so that `${A}${A}` chains end. */
const MAX_EXPANDED_LENGTH = 65_536;
/** `${NAME}` (with digits as parameters, which only _RANDOM takes) or `$NAME` before a blank, `,`, `)` or the end. */
const USE = /\$\{([A-Za-z_][A-Za-z0-9_]*)([ 0-9]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)(?=[ \t,)]|$)/gm;
/** Stands for a multi-line value while the rest of the text is expanded: the value's own uses wait for its lines. */
const MULTILINE_MARK = "\u0000";

function predefined(name: string, extra: string, env: Environment): string | undefined {
  switch (name) {
    case "_PWD":
      return env.pwd;
    case "_INSTANCE":
      return env.instance;
    case "_HASH":
      return "#";
    case "_BANG":
      return "!";
    case "_RANDOM": {
      // keepalived draws a number in [MIN, MAX] (default 0..2^31-1); a fixed value keeps our checks stable.
      const [min] = extra.trim().split(/\s+/).filter((w) => w !== "");
      return min ?? "0";
    }
    default:
      return undefined;
  }
}

/**
 * Expands every use in `text`, recursively and with the values defined now. Uses of undefined names stay as
 * written, as keepalived leaves them. A multi-line definition is used only where keepalived accepts it, at the very
 * end of a line (`atLineEnd`); its lines are inserted as written, their own uses left for when each line is read.
 */
export function expand(text: string, env: Environment, atLineEnd = false): Expansion {
  const undefinedUses: UndefinedUse[] = [];
  let multilineValue: string | undefined;
  let current = text;
  let changed = false;
  for (let depth = 0; depth < MAX_DEPTH && current.includes("$"); depth++) {
    let replaced = false;
    const source = current;
    current = source.replace(USE, (whole: string, bracedName: string | undefined, params: string | undefined, bareName: string | undefined, index: number) => {
      const name = bracedName ?? bareName ?? "";
      // `${NAME 1 2}` names no definition for keepalived unless NAME takes parameters.
      if (params !== undefined && name !== "_RANDOM" && /\d/.test(params)) return whole;
      const value = env.definitions.get(name);
      if (value !== undefined) {
        if (value.multiline) {
          if (!atLineEnd || multilineValue !== undefined || index + whole.length !== source.length) return whole;
          multilineValue = value.value;
          replaced = true;
          return MULTILINE_MARK;
        }
        replaced = true;
        return value.value;
      }
      const builtin = bracedName !== undefined ? predefined(name, params ?? "", env) : undefined;
      if (builtin !== undefined) {
        replaced = true;
        return builtin;
      }
      // A use left in place is met again at each depth: past the first, only those a value brought in count.
      if (depth === 0) undefinedUses.push({ name, braced: bracedName !== undefined, index });
      else if (!undefinedUses.some((u) => u.name === name)) undefinedUses.push({ name, braced: bracedName !== undefined, index: -1 });
      return whole;
    });
    if (!replaced) break;
    changed = true;
    if (current.length > MAX_EXPANDED_LENGTH) break;
  }
  if (multilineValue !== undefined) current = current.replace(MULTILINE_MARK, () => multilineValue!);
  return { text: current, changed, undefinedUses, multiline: multilineValue !== undefined };
}
