/**
 * Generates server/src/catalog/keywords.generated.json from the facts of the real keepalived parser in
 * ../shared/corpus/keepalived-keywords.json (keyword tree of 2.2.7 and HEAD, ranges, enums, deprecations).
 * Run with `npm run catalog`; the output is committed so that the extension ships without the corpus.
 * `--check` writes nothing and exits 1 when the committed table differs from what the facts give (a test runs it).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ArgSpec, ArgType, CatalogData, KeepalivedVersion, KeywordSpec } from "../server/src/catalog/types.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const check = args.includes("--check");
const source = resolve(args.find((a) => !a.startsWith("--")) ?? process.env["KHA_CORPUS"]?.concat("/keepalived-keywords.json") ?? resolve(root, "../shared/corpus/keepalived-keywords.json"));
const target = resolve(root, "server/src/catalog/keywords.generated.json");

interface NumericRead {
  arg_index: number | string;
  kind: "unsigned" | "int" | "timer_seconds" | "decimal_unsigned";
  min: number | null;
  max: number | null;
  fraction_digits?: number;
}
interface CuratedArg {
  name?: string;
  type?: string;
  required?: boolean;
  min?: number;
  max?: number;
  values?: string[];
  max_len?: number;
  decimal_places?: number;
  prefixes?: string[];
  repeatable?: boolean;
  default?: unknown;
}
interface SourceNode {
  name: string;
  path: string;
  kind: "keyword" | "block" | "value_block";
  versions: { "2.2.7": boolean; head: boolean };
  deprecated: boolean;
  deprecation?: { use: string; reported: string };
  numeric_reads?: NumericRead[];
  bool_arg?: boolean;
  script_arg?: boolean;
  same_handler_as?: string[];
  curated?: {
    args?: CuratedArg[];
    header_args?: CuratedArg[];
    items?: string;
    default?: unknown;
    required_in_block?: boolean;
    must_precede_references?: boolean;
  };
  children?: SourceNode[];
}

const TYPES: Record<string, ArgType> = {
  uint: "uint",
  int: "int",
  decimal: "decimal",
  enum: "enum",
  literal: "literal",
  string: "string",
  ip: "ip",
  ipv4: "ipv4",
  ipv6: "ipv6",
  port: "port",
  ifname: "ifname",
  script_command: "script",
};

function curatedArg(a: CuratedArg, index: number): ArgSpec {
  const type = TYPES[a.type ?? "string"] ?? "string";
  const spec: ArgSpec = { name: a.name ?? `ARG${index + 1}`, type, required: a.required !== false };
  if (type === "port") {
    spec.min = 1;
    spec.max = 65535;
  }
  if (a.min !== undefined) spec.min = a.min;
  if (a.max !== undefined) spec.max = a.max;
  if (a.values !== undefined) spec.values = a.values;
  if (a.max_len !== undefined) spec.maxLength = a.max_len;
  if (a.decimal_places !== undefined) spec.decimals = a.decimal_places;
  if (a.prefixes !== undefined) spec.prefixes = a.prefixes;
  if (a.repeatable === true) spec.repeatable = true;
  if (a.default !== undefined) spec.default = String(a.default);
  return spec;
}

/**
 * Arguments a keyword may go without, where the facts say otherwise: for numbers the facts record the read, not the
 * `vector_size(strvec)` test around it; a few curated arguments are optional too. Listed by hand (path, then the
 * 1-based argument positions), each checked in keepalived's source or with `keepalived -t`. Without this, the
 * keyword alone would be a missing-value error that keepalived does not make.
 * Audit of every other keyword whose args come from numeric_reads: each reads its number unconditionally, or tests
 * `vector_size(strvec) < 2` only to report and ignore the line (value-kinds.ts KEEPS_READING_WITHOUT_VALUE). That
 * is not optional. The optional ones found (max_auto_priority, persistence_timeout) already have curated args. Not
 * checked, because the stored keepalived sources predate them: thread_timer_expired (2.3.2 release notes call it a
 * synonym of timer_expired_backup), auth_hmac/{key,active_key,time_window}, snmp_{vs,rs}_stats_update_interval,
 * vrrp_delay_after_boot, json_version, global_defs/vrrp_down_timer_adverts.
 */
const OPTIONAL_ARGS: Record<string, readonly number[]> = {
  // vrrp_parser.c vrrp_timer_expired_backup_handler: `if (vector_size(strvec) >= 2)`, else VRRP_PRIO_OWNER - 1.
  "vrrp_instance/timer_expired_backup": [1],
  // Curated as required, but `keepalived -t` (2.2.7) accepts the keyword alone without a word (exit 0): alone,
  // param_match is an exact match of the parameters, and notify_deleted sends "DELETED" to the notify scripts
  // instead of "FAULT" when the instance is removed, rather than naming a script of its own.
  "vrrp_track_process/param_match": [1],
  "vrrp_instance/notify_deleted": [1],
};

/** Arguments read by the handler at fixed positions, where nothing hand-checked says more. */
function readArgs(node: SourceNode): ArgSpec[] | undefined {
  const reads = (node.numeric_reads ?? []).filter((r): r is NumericRead & { arg_index: number } =>
    typeof r.arg_index === "number",
  );
  if (reads.length === 0) return node.bool_arg === true ? [{ name: "BOOL", type: "bool", required: false }] : undefined;
  const args: ArgSpec[] = [];
  for (const r of reads.sort((a, b) => a.arg_index - b.arg_index)) {
    if (args.length !== r.arg_index - 1) return undefined;
    const type: ArgType = r.kind === "int" ? "int" : r.kind === "unsigned" ? "uint" : "decimal";
    const spec: ArgSpec = { name: type === "decimal" ? "SECONDS" : "N", type, required: true };
    if (r.min !== null) spec.min = r.min;
    if (r.max !== null) spec.max = r.max;
    if (r.kind === "decimal_unsigned") spec.decimals = r.fraction_digits ?? 6;
    if (r.kind === "timer_seconds") spec.decimals = 6;
    args.push(spec);
  }
  return args;
}

function versionsOf(node: SourceNode): KeepalivedVersion[] {
  const versions: KeepalivedVersion[] = [];
  if (node.versions["2.2.7"]) versions.push("2.2");
  if (node.versions.head) versions.push("2.4");
  return versions;
}

function convert(node: SourceNode, siblings: Set<string>): KeywordSpec {
  const curated = node.curated;
  const curatedArgs = node.kind === "keyword" ? curated?.args : curated?.header_args;
  let args: ArgSpec[] = [];
  let argsKnown = false;
  if (curatedArgs !== undefined) {
    args = curatedArgs.filter((a) => a.name !== undefined || a.type !== undefined).map(curatedArg);
    argsKnown = args.length === curatedArgs.length;
  } else if (node.kind === "keyword") {
    const read = readArgs(node);
    if (read !== undefined) {
      args = read;
      // A bool flag or leading numbers say nothing about what may follow them.
      argsKnown = false;
    }
  }
  if (node.script_arg === true && args.length === 0) args = [{ name: "COMMAND", type: "script", required: true }];
  for (const position of OPTIONAL_ARGS[node.path] ?? []) {
    const arg = args[position - 1];
    if (arg !== undefined) arg.required = false;
  }
  const spec: KeywordSpec = { name: node.name, path: node.path, kind: node.kind, versions: versionsOf(node), args, argsKnown };
  if (curated?.items !== undefined) spec.items = curated.items;
  if (node.same_handler_as !== undefined && node.same_handler_as.length > 0) spec.synonyms = node.same_handler_as;
  if (node.script_arg === true) spec.script = true;
  if (curated?.default !== undefined) spec.default = String(curated.default);
  if (curated?.required_in_block === true) spec.requiredInBlock = true;
  if (curated?.must_precede_references === true) spec.mustPrecedeReferences = true;
  if (node.deprecated && node.deprecation !== undefined) {
    const reported = node.deprecation.reported.startsWith("config_error")
      ? "config_error"
      : node.deprecation.reported === "log_only"
        ? "log_only"
        : "none";
    spec.deprecated = { use: node.deprecation.use, reported };
    if (siblings.has(node.deprecation.use)) spec.deprecated.replacement = node.deprecation.use;
  }
  if (node.children !== undefined && node.children.length > 0) {
    const names = new Set(node.children.map((c) => c.name));
    spec.children = node.children.map((c) => convert(c, names));
  }
  return spec;
}

const facts = JSON.parse(readFileSync(source, "utf8")) as {
  meta: { primary_version: string; head_describe: string };
  top_level: SourceNode[];
};
const topNames = new Set(facts.top_level.map((n) => n.name));
const catalog: CatalogData = {
  generatedFrom: "keepalived-keywords.json (keyword tables dumped from the real keepalived parser)",
  keepalived: { "2.2": facts.meta.primary_version, "2.4": facts.meta.head_describe },
  topLevel: facts.top_level.map((n) => convert(n, topNames)),
};
const generated = JSON.stringify(catalog) + "\n";
if (check) {
  const same = readFileSync(target, "utf8") === generated;
  console.log(same ? "keywords.generated.json is what the facts give" : "keywords.generated.json differs from the facts: run npm run catalog");
  process.exit(same ? 0 : 1);
}
writeFileSync(target, generated);
let count = 0;
const visit = (specs: KeywordSpec[]): void => {
  for (const s of specs) {
    count++;
    if (s.children !== undefined) visit(s.children);
  }
};
visit(catalog.topLevel);
console.log(`wrote ${target}: ${count} keywords`);
