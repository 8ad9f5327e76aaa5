import data from "./keywords.generated.json" with { type: "json" };
import type { CatalogData, KeepalivedVersion, KeywordSpec } from "./types.ts";

export * from "./types.ts";

const catalogData = data as CatalogData;

/** Children of a block (or of the top level, path ""), by name. */
const childrenByPath = new Map<string, Map<string, KeywordSpec>>();
const byPath = new Map<string, KeywordSpec>();

function index(parentPath: string, specs: KeywordSpec[]): void {
  const names = new Map<string, KeywordSpec>();
  for (const spec of specs) {
    names.set(spec.name, spec);
    byPath.set(spec.path, spec);
    if (spec.children !== undefined) index(spec.path, spec.children);
  }
  childrenByPath.set(parentPath, names);
}
index("", catalogData.topLevel);

export const catalogSource = catalogData.keepalived;

/** The keyword `name` directly inside the block at `parentPath` ("" for the top level), if that version has it. */
export function lookupKeyword(parentPath: string, name: string, version: KeepalivedVersion): KeywordSpec | undefined {
  const spec = childrenByPath.get(parentPath)?.get(name);
  return spec !== undefined && spec.versions.includes(version) ? spec : undefined;
}

/** The keyword `name` inside `parentPath` in any version: to tell "unknown" from "not in this version". */
export function lookupAnyVersion(parentPath: string, name: string): KeywordSpec | undefined {
  return childrenByPath.get(parentPath)?.get(name);
}

export function keywordAt(path: string): KeywordSpec | undefined {
  return byPath.get(path);
}

/** Keywords valid directly inside the block at `parentPath` for a version. */
export function keywordsIn(parentPath: string, version: KeepalivedVersion): KeywordSpec[] {
  const names = childrenByPath.get(parentPath);
  if (names === undefined) return [];
  return [...names.values()].filter((s) => s.versions.includes(version));
}

export function allKeywords(): KeywordSpec[] {
  return [...byPath.values()];
}
