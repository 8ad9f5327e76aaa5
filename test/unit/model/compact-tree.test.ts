import { strict as assert } from "node:assert";
import fc from "fast-check";
import { KEEPALIVED_VERSIONS } from "../../../server/src/catalog/types.ts";
import { buildDirectives } from "../../../server/src/model/build.ts";
import { compactTree, NOT_READ, ROLE_CODES } from "../../../server/src/model/compact-tree.ts";
import { sourceFile } from "../../../server/src/model/source.ts";
import { parseCompact } from "../../../server/src/parser/compact.ts";
import { benchConfig, variedBenchConfig } from "../../../scripts/gen-bench-config.ts";
import { CORPUS_SETS, corpusFiles } from "../../helpers/corpus.ts";
import { MemoryHost } from "../../helpers/memoryHost.ts";
import { anyText, tokenSoup } from "../../property/arbitraries.ts";

/*
 * The typed-array directive tree (compact-tree.ts) must say of each directive of a simple file what the object
 * engine's builder (build.ts, tree.ts) says: the same directives in the same order, each with its role and catalog
 * entry, and the same problems (kind, message, place, directive) in the same order.
 */

const FILE = "/etc/keepalived/keepalived.conf";

function objects(text: string, version: (typeof KEEPALIVED_VERSIONS)[number]): unknown {
  const host = new MemoryHost([[FILE, text]]);
  const build = buildDirectives(sourceFile(FILE, text), host, { version, configId: null });
  const index = new Map(build.all.map((d, i) => [d, i]));
  return {
    directives: build.all.map((d) => [d.role, d.spec?.path ?? null, d.keyword.span.start]),
    problems: build.problems.map((p) => [p.kind, p.message, p.span.start, p.span.end, p.directive !== undefined ? index.get(p.directive)! : -1]),
  };
}

function columns(text: string, version: (typeof KEEPALIVED_VERSIONS)[number]): unknown {
  const syntax = parseCompact(text, FILE);
  const tree = compactTree(syntax, version)!;
  const read: number[] = [];
  for (let s = 0; s < syntax.statementCount; s++) if (tree.role[s] !== NOT_READ) read.push(s);
  const index = new Map(read.map((s, i) => [s, i]));
  return {
    directives: read.map((s) => [ROLE_CODES[tree.role[s]!], tree.spec[s]?.path ?? null, syntax.words[s]! > 0 ? syntax.wordStart[syntax.firstWord[s]!]! : syntax.open[s]!]),
    problems: tree.problems.map((p) => [p.kind, p.message, p.start, p.end, p.statement >= 0 ? index.get(p.statement)! : -1]),
  };
}

function same(text: string, label: string): boolean {
  if (!parseCompact(text, FILE).simple) return false;
  for (const version of KEEPALIVED_VERSIONS) assert.deepEqual(columns(text, version), objects(text, version), `${label} (${version})`);
  return true;
}

describe("model: the typed-array directive tree reads simple files as the object engine does", () => {
  it("is only made for simple parses", () => {
    assert.equal(compactTree(parseCompact("@id router_id A\n"), "2.4"), undefined);
    assert.ok(compactTree(parseCompact("router_id A\n"), "2.4") !== undefined);
  });

  it("on keyword, item, unknown and orphan lines, misplaced blocks, placeholders and deep nesting", () => {
    const cases = [
      "vrrp_instance VI_1 {\n  state MASTER\n  virtual_ipaddress {\n    10.0.0.1/24 dev eth0\n  }\n  bogus 1\n  authentication {\n    auth_pass x\n  }\n}\n",
      "vrrp_instance VI_1\nstate BACKUP\n}\npriority 100 {\n x\n}\n{\n router_id A\n}\nglobal_defs {\n { nested }\n router_id \\#x\n}\n",
      "virtual_server 10.0.0.1 80 {\n real_server 10.0.0.2 80 {\n  TCP_CHECK {\n   connect_timeout 3\n  }\n }\n}\nrouter_id {{ id }} {{x\n",
      `${"a {\n".repeat(140)}b\n${"}\n".repeat(140)}`,
      `${"{\n".repeat(130)}{}\n`,
      "unknown_block {\n  state MASTER\n  inner {\n   x\n  }\n}\n",
      // An orphan's lines belong to the block around it; a block shape is reported after what the block holds.
      "{\n global_defs {\n  {\n   router_id A\n  }\n }\n}\n",
      "global_defs {\n router_id A {\n  {{ t }}\n  notify_email {\n   a@b\n  }\n }\n vrrp_garp_interval\n}\n",
    ];
    cases.forEach((text, i) => assert.ok(same(text, `case ${i}`), `case ${i} is simple`));
  });

  it("on every simple corpus file and the benchmark configurations", () => {
    let simple = 0;
    for (const set of CORPUS_SETS) for (const file of corpusFiles(set)) if (same(file.text, `${set}/${file.name}`)) simple++;
    assert.ok(same(benchConfig(50), "bench") && same(variedBenchConfig(200), "varied bench"));
    if (corpusFiles("keepalived-samples").length > 0) assert.ok(simple >= 20, `${simple} simple corpus files`);
  });

  it("on generated text", () => {
    fc.assert(
      fc.property(fc.oneof(tokenSoup, anyText), (text) => {
        same(text, JSON.stringify(text.slice(0, 200)));
      }),
      { seed: 20261202, numRuns: 2000 },
    );
  });
});
