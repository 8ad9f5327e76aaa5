import { deepStrictEqual, ok } from "node:assert/strict";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import type { TextDocumentContentChangeEvent } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { analyzeFile, reanalyzeFile, type AnalyzeOptions, type FileAnalysis } from "../../server/src/analysis.ts";
import { toLspDiagnostics, type Locator } from "../../server/src/features/diagnostics.ts";
import { documentSymbols, symbolsOf } from "../../server/src/features/structure.ts";
import { editedSource, isSuperseded, sourceFile, type SourceFile } from "../../server/src/model/source.ts";
import { uriOfFile } from "../../server/src/workspace/uri.ts";
import { Workspace } from "../../server/src/workspace/workspace.ts";
import { applied, bases, editOf, editSpec, withFile, type Base } from "./incremental.ts";

/*
 * The incremental parse and analysis (server/src/parser/incremental.ts, server/src/incremental.ts) must give,
 * after every edit, exactly what a full analysis of the resulting text gives: the same diagnostics, in the same
 * order with the same data, and the same outline. Random edit sequences (characters, lines, blocks, braces,
 * quotes, definitions, conditionals, includes, line breaks) are applied to every corpus file and to generated
 * configurations, first straight on the engine, then through the language server's document store the way
 * didChange notifications reach it.
 *
 * The seed is fixed so that a failure reproduces; explore with others:
 *   FC_SEED=7 FC_RUNS_FACTOR=5 node_modules/.bin/node node_modules/mocha/bin/mocha.js test/property/incremental.property.test.ts
 */

const SEED = Number(process.env["FC_SEED"] ?? 20241125);
const FACTOR = Number(process.env["FC_RUNS_FACTOR"] ?? 1);

const OPTIONS: AnalyzeOptions[] = [{}, { configId: null }, { configId: "high" }, { version: "2.2" }];

function parseOf(source: SourceFile): unknown {
  return { errors: source.parsed.errors, comments: source.parsed.comments.map((c) => [c.image, c.startOffset]), simple: source.parsed.simple };
}

function outline(file: string, source: SourceFile, analysis: FileAnalysis): unknown {
  const config = analysis.renderings[0]?.config;
  return config === undefined ? [] : symbolsOf(file, source, config);
}

/** Whether `next` took over top-level directives of `previous` (the incremental analysis ran, not a full one). */
function tookOver(previous: FileAnalysis, next: FileAnalysis): boolean {
  const before = new Set(previous.renderings[0]?.config.build.directives ?? []);
  return (next.renderings[0]?.config.build.directives ?? []).some((d) => before.has(d));
}

describe("incremental analysis (property)", function () {
  this.timeout(300_000 * FACTOR);
  const all: Base[] = bases();

  it("after every edit, reanalyzeFile gives exactly analyzeFile's diagnostics, parse errors, comments and outline", () => {
    let edits = 0;
    let incrementalParses = 0;
    let incrementalAnalyses = 0;
    fc.assert(
      fc.property(fc.nat(all.length - 1), fc.constantFrom(...OPTIONS), fc.array(editSpec, { minLength: 1, maxLength: 10 }), (index, options, specs) => {
        const base = all[index]!;
        let text = base.text;
        let source = sourceFile(base.file, text);
        const host = withFile(base.host, base.file, () => source);
        let analysis = analyzeFile(source, host, { ...options, incremental: true });
        specs.forEach((spec, step) => {
          const edit = editOf(text, spec);
          text = applied(text, edit);
          const previous = source;
          source = editedSource(previous, edit, text);
          const previousAnalysis = analysis;
          analysis = reanalyzeFile(previousAnalysis, source, host, options);
          edits++;
          if (isSuperseded(previous)) incrementalParses++;
          if (tookOver(previousAnalysis, analysis)) incrementalAnalyses++;
          const fresh = sourceFile(base.file, text);
          const full = analyzeFile(fresh, withFile(base.host, base.file, () => fresh), options);
          const where = `${base.label}, edit ${step + 1} ${JSON.stringify(edit)}`;
          deepStrictEqual(parseOf(source), parseOf(fresh), `parse after ${where}`);
          deepStrictEqual(analysis.diagnostics, full.diagnostics, `diagnostics after ${where}`);
          deepStrictEqual(outline(base.file, source, analysis), outline(base.file, fresh, full), `outline after ${where}`);
        });
      }),
      { seed: SEED, numRuns: Math.round(400 * FACTOR) },
    );
    // The property means something only if the incremental path ran, and often.
    ok(incrementalParses > edits / 4, `incremental parse on ${incrementalParses} of ${edits} edits`);
    ok(incrementalAnalyses > edits / 4, `incremental analysis on ${incrementalAnalyses} of ${edits} edits`);
  });

  it("through the document store and workspace, diagnostics (with their ranges) and the outline match a fresh workspace's", () => {
    let parses = 0;
    let incremental = 0;
    // Folders no disk has: includes resolve to nothing on both sides.
    const located = all.map((base) => ({ ...base, file: `/kha-property-missing${base.file}` }));
    const lspOf = (workspace: Workspace, file: string): unknown => {
      const locator: Locator = { source: (f) => workspace.source(f), uriOf: (f) => workspace.documents.uriOf(f) ?? uriOfFile(f) };
      return toLspDiagnostics(workspace.diagnosticsFor([file]).get(file) ?? [], workspace.settings, locator);
    };
    fc.assert(
      fc.property(
        fc.nat(located.length - 1),
        // Each step: one or two changes in one didChange, then (or not) a look at the diagnostics.
        fc.array(fc.tuple(fc.array(editSpec, { minLength: 1, maxLength: 2 }), fc.boolean()), { minLength: 1, maxLength: 8 }),
        (index, steps) => {
          const base = located[index]!;
          const uri = pathToFileURL(base.file).href;
          const workspace = new Workspace();
          const documents = workspace.documents.textDocumentsConfiguration();
          let document = documents.create(uri, "keepalived", 1, base.text);
          workspace.documents.set(document);
          workspace.diagnosticsFor([base.file]);
          let version = 1;
          const compare = (where: string): void => {
            const fresh = new Workspace();
            fresh.documents.set(TextDocument.create(uri, "keepalived", version, document.getText()));
            deepStrictEqual(lspOf(workspace, base.file), lspOf(fresh, base.file), `diagnostics after ${where}`);
            deepStrictEqual(documentSymbols(workspace, uri), documentSymbols(fresh, uri), `outline after ${where}`);
          };
          steps.forEach(([specs, look], step) => {
            let text = document.getText();
            const changes: TextDocumentContentChangeEvent[] = specs.map((spec) => {
              const edit = editOf(text, spec);
              const before = TextDocument.create(uri, "keepalived", 0, text);
              text = applied(text, edit);
              return { range: { start: before.positionAt(edit.start), end: before.positionAt(edit.end) }, text: edit.text };
            });
            document = documents.update(document, changes, ++version);
            workspace.documents.set(document);
            if (look) compare(`${base.label}, step ${step + 1} ${JSON.stringify(changes)}`);
          });
          compare(`${base.label}, all ${steps.length} steps`);
          parses += workspace.documents.parseCount;
          incremental += workspace.documents.incrementalParseCount;
        },
      ),
      { seed: SEED + 1, numRuns: Math.round(150 * FACTOR) },
    );
    ok(incremental > parses / 4, `incremental parse on ${incremental} of ${parses} parses`);
  });
});
