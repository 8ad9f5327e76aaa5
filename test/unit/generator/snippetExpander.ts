/**
 * Expands a VS Code snippet body as the editor would when the user accepts every default: placeholders give their
 * default text, choices their first option, mirrors repeat their tab stop, `$0` and empty tab stops vanish, and
 * variables take the values given (an unknown variable without a default is an error, so a snippet cannot rely
 * on one silently). Follows the grammar of VS Code's snippet syntax, including its escapes.
 */

type Node =
  | { kind: "text"; value: string }
  | { kind: "tabstop"; index: number; children?: Node[]; choices?: string[] }
  | { kind: "variable"; name: string; children?: Node[] };

export interface Expansion {
  text: string;
  /** Tab stop numbers in use (0 included when present). */
  tabstops: number[];
  /** Choice lists by tab stop. */
  choices: Map<number, string[]>;
}

export class SnippetSyntaxError extends Error {
  override readonly name = "SnippetSyntaxError";
}

/** Sensible values for the variables a snippet may use (tests override the file name). */
export const DEFAULT_VARIABLES: Record<string, string> = {
  TM_FILENAME: "keepalived.conf",
  TM_FILENAME_BASE: "keepalived",
  TM_DIRECTORY: "/etc/keepalived",
  TM_FILEPATH: "/etc/keepalived/keepalived.conf",
  TM_SELECTED_TEXT: "",
  TM_CURRENT_LINE: "",
  TM_LINE_INDEX: "0",
  TM_LINE_NUMBER: "1",
  WORKSPACE_NAME: "ha",
  RANDOM: "482913",
  RANDOM_HEX: "a3f9c1",
  UUID: "3b241101-e2bb-4255-8caf-4136c566a962",
  CURRENT_YEAR: "2025",
  CURRENT_MONTH: "01",
  CURRENT_DATE: "15",
  CURRENT_HOUR: "12",
  CURRENT_MINUTE: "00",
  CURRENT_SECOND: "00",
  LINE_COMMENT: "#",
  BLOCK_COMMENT_START: "",
  BLOCK_COMMENT_END: "",
};

class Parser {
  private pos = 0;
  private readonly src: string;
  constructor(src: string) {
    this.src = src;
  }

  parse(): Node[] {
    const nodes = this.sequence(false);
    if (this.pos < this.src.length) throw new SnippetSyntaxError(`unexpected '${this.src[this.pos]}' at ${this.pos}`);
    return nodes;
  }

  /** Nodes up to the end, or up to an unescaped `}` when inside a placeholder (not consumed). */
  private sequence(nested: boolean): Node[] {
    const nodes: Node[] = [];
    let text = "";
    const flush = (): void => {
      if (text !== "") nodes.push({ kind: "text", value: text });
      text = "";
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === "\\") {
        const next = this.src[this.pos + 1];
        if (next === "$" || next === "}" || next === "\\") {
          text += next;
          this.pos += 2;
        } else {
          text += c;
          this.pos++;
        }
      } else if (c === "}" && nested) {
        break;
      } else if (c === "$") {
        const node = this.dollar();
        if (node === undefined) {
          text += c;
          this.pos++;
        } else {
          flush();
          nodes.push(node);
        }
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return nodes;
  }

  /** At a `$`: a tab stop, placeholder, choice or variable; undefined when the `$` is plain text. */
  private dollar(): Node | undefined {
    const rest = this.src.slice(this.pos + 1);
    const simple = /^(\d+|[_a-zA-Z][_a-zA-Z0-9]*)/.exec(rest);
    if (simple !== null) {
      this.pos += 1 + simple[0].length;
      return /^\d/.test(simple[0]) ? { kind: "tabstop", index: Number(simple[0]) } : { kind: "variable", name: simple[0] };
    }
    const braced = /^\{(\d+|[_a-zA-Z][_a-zA-Z0-9]*)([}:|/])/.exec(rest);
    if (braced === null) return undefined;
    const [whole, id, sep] = braced as unknown as [string, string, string];
    const isTab = /^\d/.test(id);
    this.pos += 1 + whole.length;
    if (sep === "}") return isTab ? { kind: "tabstop", index: Number(id) } : { kind: "variable", name: id };
    if (sep === "/") throw new SnippetSyntaxError(`transforms (\${${id}/...}) are not supported by this expander`);
    if (sep === "|") {
      if (!isTab) throw new SnippetSyntaxError(`a choice needs a tab stop number, got ${id}`);
      return { kind: "tabstop", index: Number(id), choices: this.choices() };
    }
    const children = this.sequence(true);
    if (this.src[this.pos] !== "}") throw new SnippetSyntaxError(`unterminated placeholder \${${id}:...`);
    this.pos++;
    return isTab ? { kind: "tabstop", index: Number(id), children } : { kind: "variable", name: id, children };
  }

  private choices(): string[] {
    const options: string[] = [];
    let current = "";
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === "\\" && /[,|\\$}]/.test(this.src[this.pos + 1] ?? "")) {
        current += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === ",") {
        options.push(current);
        current = "";
        this.pos++;
      } else if (c === "|" && this.src[this.pos + 1] === "}") {
        options.push(current);
        this.pos += 2;
        return options;
      } else {
        current += c;
        this.pos++;
      }
    }
    throw new SnippetSyntaxError("unterminated choice");
  }
}

export function parseSnippet(body: string | readonly string[]): Node[] {
  return new Parser(typeof body === "string" ? body : body.join("\n")).parse();
}

export function expandSnippet(body: string | readonly string[], variables: Record<string, string> = DEFAULT_VARIABLES): Expansion {
  const nodes = parseSnippet(body);
  const definitions = new Map<number, Node & { kind: "tabstop" }>();
  const tabstops = new Set<number>();
  const choices = new Map<number, string[]>();
  const collect = (list: Node[]): void => {
    for (const node of list) {
      if (node.kind === "tabstop") {
        tabstops.add(node.index);
        if (node.choices !== undefined) choices.set(node.index, node.choices);
        if ((node.children !== undefined || node.choices !== undefined) && !definitions.has(node.index)) definitions.set(node.index, node);
      }
      if (node.kind !== "text" && node.children !== undefined) collect(node.children);
    }
  };
  collect(nodes);
  const render = (list: Node[], depth: number): string => {
    if (depth > 20) throw new SnippetSyntaxError("placeholders nest into themselves");
    return list
      .map((node) => {
        switch (node.kind) {
          case "text":
            return node.value;
          case "tabstop": {
            const def = definitions.get(node.index);
            if (def === undefined) return "";
            return def.choices !== undefined ? (def.choices[0] ?? "") : render(def.children ?? [], depth + 1);
          }
          case "variable": {
            const value = variables[node.name];
            if (value !== undefined && value !== "") return value;
            if (node.children !== undefined) return render(node.children, depth + 1);
            if (value !== undefined) return value;
            throw new SnippetSyntaxError(`unknown variable $${node.name} (no value and no default)`);
          }
        }
      })
      .join("");
  };
  return { text: render(nodes, 0), tabstops: [...tabstops].sort((a, b) => a - b), choices };
}
