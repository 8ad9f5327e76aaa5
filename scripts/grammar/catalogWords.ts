import type { CatalogData, KeywordSpec } from "../../server/src/catalog/types.ts";

export interface GrammarWords {
  blocks: string[];
  valueBlocks: string[];
  keywords: string[];
  /** Enum value sets with the keywords that take them. */
  enums: { keywords: string[]; values: string[] }[];
}

export function wordsOf(catalog: CatalogData): GrammarWords {
  const blocks = new Set<string>();
  const valueBlocks = new Set<string>();
  const keywords = new Set<string>();
  const enumsByValues = new Map<string, Set<string>>();
  const visit = (spec: KeywordSpec): void => {
    keywords.add(spec.name);
    if (spec.kind === "block") blocks.add(spec.name);
    if (spec.kind === "value_block") valueBlocks.add(spec.name);
    for (const arg of spec.args) {
      if ((arg.type !== "enum" && arg.type !== "literal") || arg.values === undefined) continue;
      const key = JSON.stringify([...arg.values].sort());
      const users = enumsByValues.get(key) ?? new Set<string>();
      users.add(spec.name);
      enumsByValues.set(key, users);
    }
    for (const child of spec.children ?? []) visit(child);
  };
  catalog.topLevel.forEach(visit);
  const sorted = (set: Set<string>): string[] => [...set].sort();
  const enums = [...enumsByValues].map(([key, users]) => ({ keywords: sorted(users), values: JSON.parse(key) as string[] }));
  enums.sort((a, b) => (a.keywords[0] ?? "").localeCompare(b.keywords[0] ?? ""));
  return { blocks: sorted(blocks), valueBlocks: sorted(valueBlocks), keywords: sorted(keywords), enums };
}
