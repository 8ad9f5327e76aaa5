import { strict as assert } from "node:assert";
import { KEEPALIVED_VERSIONS } from "../../../server/src/catalog/types.ts";
import { buildDirectives } from "../../../server/src/model/build.ts";
import { compactTree, NOT_READ, ROLE_CODES } from "../../../server/src/model/compact-tree.ts";
import { sourceFile } from "../../../server/src/model/source.ts";
import { parseCompact } from "../../../server/src/parser/compact.ts";
import { MemoryHost } from "../../helpers/memoryHost.ts";
import { simpleFileTests } from "../../helpers/simpleFiles.ts";

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

  simpleFileTests(same, 20261202, 2000);
});
