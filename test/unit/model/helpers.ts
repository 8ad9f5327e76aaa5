import type { KeepalivedVersion } from "../../../server/src/catalog/types.ts";
import { buildDirectives, type BuildResult } from "../../../server/src/model/build.ts";
import { buildConfig, type Config } from "../../../server/src/model/config.ts";
import type { Directive, Span } from "../../../server/src/model/types.ts";
import { MemoryHost } from "../../helpers/memoryHost.ts";

export const ROOT = "/etc/keepalived/keepalived.conf";

export interface BuildInput {
  configId?: string | null;
  version?: KeepalivedVersion;
  /** Other files, by absolute path (relative paths are taken from the root's folder). */
  files?: Record<string, string>;
}

export interface Built {
  result: BuildResult;
  host: MemoryHost;
  /** The text a span covers, in its own file. */
  at(span: Span): string;
}

export function build(text: string, input: BuildInput = {}): Built {
  const files = Object.entries(input.files ?? {}).map(([path, t]) => [path.startsWith("/") ? path : `/etc/keepalived/${path}`, t] as const);
  const host = new MemoryHost([[ROOT, text], ...files]);
  const result = buildDirectives(host.load(ROOT)!, host, { version: input.version ?? "2.4", configId: input.configId ?? null });
  return { result, host, at: (span) => host.load(span.file)!.text.slice(span.start, span.end) };
}

export function config(text: string, input: BuildInput = {}): Config {
  return buildConfig(build(text, input).result);
}

/**
 * A directive as "keyword arg arg", followed by an array of its block's directives when it has one. Roles other
 * than keyword and item are marked: "?word" unknown, "+include", "!orphan".
 */
export type Shape = string | Shape[];

const MARK = { keyword: "", item: "", unknown: "?", include: "+", orphan: "!" } as const;

export function shapeOf(directives: Directive[]): Shape[] {
  const out: Shape[] = [];
  for (const d of directives) {
    out.push(`${MARK[d.role]}${[d.keyword.text, ...d.args.map((a) => a.text)].join(" ")}`);
    if (d.block !== undefined) out.push(shapeOf(d.block.children));
  }
  return out;
}

export function shape(text: string, input: BuildInput = {}): Shape[] {
  return shapeOf(build(text, input).result.directives);
}

/** Depth-first list of every directive. */
export function flatten(directives: Directive[]): Directive[] {
  return directives.flatMap((d) => [d, ...flatten(d.block?.children ?? [])]);
}
