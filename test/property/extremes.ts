/**
 * Pathological inputs, built inside the worker that analyzes them (see extremes.test.ts): deep nesting, 10 MB
 * files, definitions that double at each level, sequences whose product is huge.
 */
import { analyzeFile } from "../../server/src/analysis.ts";
import { sourceFile } from "../../server/src/model/source.ts";
import { parse, type SyntaxErrorKind } from "../../server/src/parser/parse.ts";
import { LineIndex } from "../../server/src/model/span.ts";
import { MemoryHost } from "../helpers/memoryHost.ts";
import { analysisProblems, parseProblems } from "./invariants.ts";

export const TEN_MB = 10 * 1024 * 1024;
const DEPTH = 10_000;

/** Distinct instances, as a generator would write them, until the text is at least `size` long. */
function realisticConfig(size: number): string {
  const parts = ["global_defs {\n  router_id big\n}\n"];
  let length = parts[0]!.length;
  for (let i = 0; length < size; i++) {
    const part = `vrrp_instance VI_${i} {\n  state BACKUP\n  interface eth${i % 4}\n  virtual_router_id ${(i % 255) + 1}\n  priority 100\n  advert_int 1\n  virtual_ipaddress {\n    10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32\n  }\n}\n`;
    parts.push(part);
    length += part.length;
  }
  return parts.join("");
}

function doublingDefinitions(levels: number): string {
  const lines = ["$D0=x"];
  for (let i = 1; i <= levels; i++) lines.push(`$D${i}=$D${i - 1} $D${i - 1}`);
  return `${lines.join("\n")}\nglobal_defs {\n  router_id $D${levels}\n}\n`;
}

export const EXTREMES = {
  "nested-closed": () => "a {\n".repeat(DEPTH) + "}\n".repeat(DEPTH),
  "nested-unclosed": () => "a {\n".repeat(DEPTH),
  "nested-inline": () => `vrrp_instance VI_1 ${"{ ".repeat(DEPTH)}${"} ".repeat(DEPTH)}\n`,
  "10mb-one-line": () => `router_id ${"a".repeat(TEN_MB)}\n`,
  "10mb-comments": () => "# padding padding padding padding padding\n".repeat(Math.ceil(TEN_MB / 42)),
  "10mb-one-value-block": () => `vrrp_instance VI_1 {\n  virtual_ipaddress {\n${"    10.0.0.1/24\n".repeat(Math.ceil(TEN_MB / 16))}  }\n}\n`,
  "10mb-config": () => realisticConfig(TEN_MB),
  "doubling-definitions": () => doublingDefinitions(30),
  "sequence-product": () => "~SEQ(i,1,100000) ~SEQ(j,1,100000) ~SEQ(k,1,100000) router_id x$i$j$k\n",
  // Shrunk counterexamples found by the properties (robustness.property.test.ts), kept as fixed cases.
  "self-doubling-definition": () => "$A=x $A $A\nrouter_id $A\n",
  "self-referencing-block-definition": () => "$A={ $A$A global_defs\n$A$A ",
  "definition-in-expanded-block": () => "$A=eth0 global_defs\r{{ $B=${A} { ",
  "undefined-use-in-reparsed-definition": () => "$B=${A} { global_defs\n$B ",
  "undefined-use-in-expanded-sequence": () => "$A=~SEQ(i,1,2) ${UNDEFINEDVERYLONG} q\n$A\n",
} as const satisfies Record<string, () => string>;

export type ExtremeName = keyof typeof EXTREMES;

export interface ExtremeSummary {
  length: number;
  threw?: string;
  syntaxErrors: Partial<Record<SyntaxErrorKind, number>>;
  internalParserError: boolean;
  diagnostics: number;
  /** Broken span invariants, first few. */
  problems: string[];
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message).split("\n").slice(0, 6).join("\n") : String(error);
}

/** parse() alone. */
export function parseExtreme(name: ExtremeName): ExtremeSummary {
  const text = EXTREMES[name]();
  const summary: ExtremeSummary = { length: text.length, syntaxErrors: {}, internalParserError: false, diagnostics: 0, problems: [] };
  try {
    const result = parse(text);
    for (const e of result.errors) summary.syntaxErrors[e.kind] = (summary.syntaxErrors[e.kind] ?? 0) + 1;
    summary.internalParserError = result.errors.some((e) => e.message.startsWith("Internal parser error"));
    summary.problems = parseProblems(text, result, new LineIndex(text)).slice(0, 5);
  } catch (error) {
    summary.threw = describe(error);
  }
  return summary;
}

/** analyzeFile() through an in-memory host, then the span invariants. */
export function analyzeExtreme(name: ExtremeName): ExtremeSummary {
  const text = EXTREMES[name]();
  const summary: ExtremeSummary = { length: text.length, syntaxErrors: {}, internalParserError: false, diagnostics: 0, problems: [] };
  try {
    const root = sourceFile("/etc/keepalived/keepalived.conf", text);
    for (const e of root.parsed.errors) summary.syntaxErrors[e.kind] = (summary.syntaxErrors[e.kind] ?? 0) + 1;
    summary.internalParserError = root.parsed.errors.some((e) => e.message.startsWith("Internal parser error"));
    const analysis = analyzeFile(root, new MemoryHost([[root.file, text]]), { version: "2.2" });
    summary.diagnostics = analysis.diagnostics.length;
    summary.problems = analysisProblems(analysis).slice(0, 5);
  } catch (error) {
    summary.threw = describe(error);
  }
  return summary;
}
