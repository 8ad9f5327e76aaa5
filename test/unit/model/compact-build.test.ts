import { strict as assert } from "node:assert";
import fc from "fast-check";
import { analyzeFile } from "../../../server/src/analysis.ts";
import { KEEPALIVED_VERSIONS, type KeepalivedVersion } from "../../../server/src/catalog/types.ts";
import { buildDirectives, type BuildResult } from "../../../server/src/model/build.ts";
import { buildFromCompact } from "../../../server/src/model/compact-build.ts";
import { compactTree } from "../../../server/src/model/compact-tree.ts";
import { LineIndex } from "../../../server/src/model/span.ts";
import { compactSyntax, sourceFile, type SourceFile } from "../../../server/src/model/source.ts";
import type { Directive, Word } from "../../../server/src/model/types.ts";
import { parseCompact } from "../../../server/src/parser/compact.ts";
import { parse } from "../../../server/src/parser/parse.ts";
import { variedBenchConfig } from "../../../scripts/gen-bench-config.ts";
import { CORPUS_SETS, corpusFiles } from "../../helpers/corpus.ts";
import { MemoryHost } from "../../helpers/memoryHost.ts";
import { simpleFileTests } from "../../helpers/simpleFiles.ts";
import { anyText, tokenSoup } from "../../property/arbitraries.ts";

/*
 * A simple file's directives made from its parse in arrays (compact-build.ts) must be the object engine's
 * (build.ts over parse.ts) field for field: words, spans, roles, catalog entries, parents, blocks and their
 * children, the order of `directives` and `all`, and the problems with their directives. And the analysis, which
 * takes that path for a file read whole, must report what the object engine's analysis reports.
 */

const FILE = "/etc/keepalived/keepalived.conf";

/** A build result as plain data: each directive by its index in `all`, so that parents and children compare. */
function plain(build: BuildResult): unknown {
  const index = new Map<Directive, number>(build.all.map((d, i) => [d, i]));
  const at = (d: Directive | undefined): number => (d === undefined ? -1 : index.get(d)!);
  const word = (w: Word | undefined): unknown => (w === undefined ? null : [w.text, w.raw, w.quoted, w.span]);
  return {
    root: build.root,
    files: build.files.map((f) => f.file),
    directives: build.directives.map(at),
    all: build.all.map((d) => ({
      role: d.role,
      spec: d.spec ?? null,
      keyword: word(d.keyword),
      args: d.args.map(word),
      span: d.span,
      parent: at(d.parent),
      block: d.block === undefined ? null : { open: d.block.open, close: d.block.close ?? null, children: d.block.children.map(at) },
      conditional: word(d.conditional),
      expandedFrom: d.expandedFrom ?? null,
      includedBy: d.includedBy ?? null,
    })),
    problems: build.problems.map((p) => [p.kind, p.message, p.span, at(p.directive)]),
    rest: [build.includes, build.definitions, build.undefinedRefs, build.configIds, build.negatedConditionals],
  };
}

function same(text: string, label: string): boolean {
  if (!parseCompact(text, FILE).simple) return false;
  for (const version of KEEPALIVED_VERSIONS) {
    const source = sourceFile(FILE, text);
    const objects = buildDirectives(source, new MemoryHost([[FILE, text]]), { version, configId: null });
    const arrays = buildFromCompact(source, compactTree(parseCompact(text, FILE), version)!);
    assert.deepEqual(plain(arrays), plain(objects), `${label} (${version})`);
  }
  return true;
}

/** A source the analysis cannot read in arrays: its parse is made as objects before it sees it. */
function objectSource(text: string): SourceFile {
  return { file: FILE, text, parsed: parse(text, FILE), lines: new LineIndex(text) };
}

/** The analysis of `text` read whole (in arrays when simple) against the object engine's; whether it was read in arrays. */
function sameAnalysis(text: string, version: KeepalivedVersion, label: string): boolean {
  const host = new MemoryHost([[FILE, text]]);
  const whole = sourceFile(FILE, text);
  const arrays = analyzeFile(whole, host, { version });
  const objects = analyzeFile(objectSource(text), host, { version });
  assert.deepEqual(arrays.diagnostics, objects.diagnostics, label);
  return compactSyntax(whole)?.simple === true;
}

describe("model: a simple file's directives made from arrays are the object engine's", () => {
  simpleFileTests(same, 20261203, 1500);
});

describe("analysis: a file read whole is analysed in arrays when it is simple, with the object engine's diagnostics", () => {
  it("reads a simple file in arrays and any other with objects", () => {
    const simple = sourceFile(FILE, "global_defs {\n router_id A\n}\n");
    analyzeFile(simple, new MemoryHost(), {});
    assert.ok(compactSyntax(simple)?.simple, "the simple file's parse in arrays was made");
    // Once its objects exist (an editor feature asked for them), they are read: no second parse.
    const parsedFirst = sourceFile(FILE, "router_id A\n");
    void parsedFirst.parsed;
    assert.equal(compactSyntax(parsedFirst), undefined);
    assert.equal(compactSyntax(objectSource("router_id A\n")), undefined);
    // Text that will need its objects (here an include) is not parsed in arrays for nothing.
    for (const text of ["include a.conf\n", "$X=1\n", "@h router_id A\n", "~SEQ(i,1,2) x\n", "router_id $X\n"]) {
      const source = sourceFile(FILE, text);
      analyzeFile(source, new MemoryHost(), {});
      assert.equal(compactSyntax(source), undefined, text);
    }
  });

  it("reports the same diagnostics on the corpus, the benchmark configurations and generated text", () => {
    let inArrays = 0;
    for (const set of CORPUS_SETS) for (const file of corpusFiles(set)) if (sameAnalysis(file.text, "2.4", `${set}/${file.name}`)) inArrays++;
    if (corpusFiles("keepalived-samples").length > 0) assert.ok(inArrays >= 20, `${inArrays} corpus files read in arrays`);
    for (const version of KEEPALIVED_VERSIONS) assert.ok(sameAnalysis(variedBenchConfig(300), version, `varied bench (${version})`));
    fc.assert(
      fc.property(fc.oneof(tokenSoup, anyText), (text) => {
        sameAnalysis(text, "2.2", JSON.stringify(text.slice(0, 200)));
      }),
      { seed: 20261204, numRuns: 500 },
    );
  });
});
