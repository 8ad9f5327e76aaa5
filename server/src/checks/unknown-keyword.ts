import { keywordsIn, lookupAnyVersion } from "../catalog/catalog.ts";
import type { Check } from "./diagnostic.ts";
import { allDirectives, containerPath, editDistance, whereIs } from "./util.ts";

const MAX_CANDIDATES = 3;

/** Keywords of the block that are most likely meant: same word in another case, then the closest spellings. */
export function candidatesFor(word: string, parentPath: string, version: Parameters<typeof keywordsIn>[1]): string[] {
  const names = keywordsIn(parentPath, version).map((s) => s.name);
  const lower = word.toLowerCase();
  const scored = names
    .map((name) => {
      if (name.toLowerCase() === lower) return { name, score: 0 };
      const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
      const distance = editDistance(lower, name.toLowerCase(), limit);
      if (distance <= limit) return { name, score: distance };
      if (word.length >= 4 && name.includes(lower)) return { name, score: limit + 0.5 };
      return undefined;
    })
    .filter((c): c is { name: string; score: number } => c !== undefined)
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  return scored.slice(0, MAX_CANDIDATES).map((c) => c.name);
}

export const unknownKeyword: Check = (ctx) => {
  for (const directive of allDirectives(ctx.config)) {
    if (directive.role !== "unknown") continue;
    // Inside an unknown block only the block's own line is reported: its contents follow from it.
    const parent = directive.parent;
    if (parent !== undefined && (parent.role === "unknown" || parent.role === "orphan")) continue;
    const word = directive.keyword.text;
    const parentPath = containerPath(directive);
    const other = lookupAnyVersion(parentPath, word);
    const candidates = candidatesFor(word, parentPath, ctx.version);
    let message: string;
    if (other !== undefined) {
      const versions = other.versions.join(" and ");
      message = `'${word}' is a keyword of keepalived ${versions}, not ${ctx.version}: that version reports "Unknown keyword" and ignores the line`;
    } else if (directive.conditional !== undefined && /^include[rmwba]?$/.test(word)) {
      message = `keepalived recognises include lines before conditionals, so '@... ${word}' is read as the unknown keyword '${word}' and nothing is included`;
    } else {
      const hint = candidates.length > 0 ? `; did you mean ${candidates.map((c) => `'${c}'`).join(", ")}?` : "";
      const block = directive.block !== undefined ? " and everything in its block" : "";
      message = `Unknown keyword '${word}' in ${whereIs(directive)}: keepalived reports it and ignores the line${block}${hint}`;
    }
    ctx.report({
      code: "unknown-keyword",
      message,
      span: directive.keyword.span,
      data: { keyword: word, block: parentPath, candidates },
    });
  }
};
