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
  /** Offset of the `$` in the text given to `expand`. */
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
  const lines = m[2]!.split(/\r\n|\r|\n/);
  const multiline = lines.length > 1 || /\\\s*$/.test(lines[0]!);
  const value = lines
    .map((line) => line.replace(/\\\s*$/, "").trim())
    .filter((line, i) => !(multiline && i === 0 && line === ""))
    .join("\n");
  return { name: m[1]!, value, multiline };
}

const MAX_DEPTH = 32;
const USE = /\$\{([A-Za-z_][A-Za-z0-9_]*)([^{}\r\n]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)(?=[ \t,)]|$)/gm;

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

/** Expands every use in `text`. Uses of undefined names stay as written, as keepalived leaves them. */
export function expand(text: string, env: Environment): Expansion {
  const undefinedUses: UndefinedUse[] = [];
  let multiline = false;
  let current = text;
  let changed = false;
  for (let depth = 0; depth < MAX_DEPTH && current.includes("$"); depth++) {
    let replaced = false;
    current = current.replace(USE, (whole: string, bracedName?: string, extra?: string, bareName?: string, index?: number) => {
      const name = bracedName ?? bareName ?? "";
      const value = env.definitions.get(name);
      if (value !== undefined) {
        replaced = true;
        if (value.multiline) multiline = true;
        return value.value;
      }
      const builtin = bracedName !== undefined ? predefined(name, extra ?? "", env) : undefined;
      if (builtin !== undefined) {
        replaced = true;
        return builtin;
      }
      if (depth === 0) undefinedUses.push({ name, braced: bracedName !== undefined, index: index ?? 0 });
      return whole;
    });
    if (!replaced) break;
    changed = true;
  }
  return { text: current, changed, undefinedUses, multiline };
}
