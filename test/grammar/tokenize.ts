/**
 * Loads syntaxes/keepalived.tmLanguage.json into vscode-textmate with the Oniguruma WASM build VS Code uses, so
 * tests can tokenize text the way the editor does.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import textmate from "vscode-textmate";
import oniguruma from "vscode-oniguruma";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const grammarPath = join(root, "syntaxes/keepalived.tmLanguage.json");

export interface Token {
  text: string;
  start: number;
  end: number;
  /** Scopes innermost last, without the root `source.keepalived`. */
  scopes: string[];
}

let loaded: Promise<textmate.IGrammar> | undefined;

async function load(): Promise<textmate.IGrammar> {
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === "source.keepalived" ? textmate.parseRawGrammar(readFileSync(grammarPath, "utf8"), grammarPath) : null,
  });
  const grammar = await registry.loadGrammar("source.keepalived");
  if (grammar === null) throw new Error(`cannot load ${grammarPath}`);
  return grammar;
}

/** The grammar, loaded once per process (the WASM module can only be initialised once). */
export function keepalivedGrammar(): Promise<textmate.IGrammar> {
  loaded ??= load();
  return loaded;
}

/** Tokens of each line of `text`, carrying the rule stack from line to line as the editor does. */
export async function tokenizeLines(text: string): Promise<Token[][]> {
  const grammar = await keepalivedGrammar();
  let state = textmate.INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), start: t.startIndex, end: t.endIndex, scopes: t.scopes.slice(1) }));
  });
}
