import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { expandSnippet, type Expansion } from "./snippetExpander.ts";

/** The snippet files, their index, and every snippet expanded with its defaults. */

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const SNIPPETS_DIR = join(ROOT, "snippets");

const Index = z.object({
  $comment: z.string().optional(),
  snippets: z.array(z.object({ language: z.string().regex(/^[a-z][a-z0-9-]*$/), path: z.string().regex(/^\.\/snippets\/[\w-]+\.json$/) })).min(1),
});

const SnippetFile = z.record(
  z.string().min(1),
  z.strictObject({
    prefix: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    body: z.union([z.string(), z.array(z.string())]),
    description: z.string().min(10),
    scope: z.string().optional(),
  }),
);

export function snippetIndex(): z.infer<typeof Index> {
  return Index.parse(JSON.parse(readFileSync(join(SNIPPETS_DIR, "index.json"), "utf8")));
}

export function snippetFileNames(): string[] {
  return readdirSync(SNIPPETS_DIR).filter((f) => f.endsWith(".json") && f !== "index.json").sort();
}

export interface ExpandedSnippet {
  file: string;
  /** Every language the index serves this file to. */
  languages: string[];
  name: string;
  body: string[];
  expansion: Expansion;
}

export function expandedSnippets(): ExpandedSnippet[] {
  const index = snippetIndex();
  return snippetFileNames().flatMap((file) => {
    const languages = index.snippets.filter((s) => s.path === `./snippets/${file}`).map((s) => s.language);
    const snippets = SnippetFile.parse(JSON.parse(readFileSync(join(SNIPPETS_DIR, file), "utf8")));
    return Object.entries(snippets).map(([name, snippet]) => {
      const body = typeof snippet.body === "string" ? [snippet.body] : snippet.body;
      return { file, languages, name, body, expansion: expandSnippet(body) };
    });
  });
}

/** Tabs (VS Code turns them into the editor's indentation) as four spaces, as an editor set that way would. */
export function asInserted(text: string): string {
  return text.replaceAll("\t", "    ");
}
