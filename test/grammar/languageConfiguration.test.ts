import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./tokenize.ts";

interface LanguageConfiguration {
  comments: { lineComment: string };
  brackets: [string, string][];
  autoClosingPairs: { open: string; close: string }[];
  surroundingPairs: [string, string][];
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
  folding: { markers: { start: string; end: string } };
  wordPattern: string;
}

const configuration = JSON.parse(readFileSync(join(root, "language-configuration.json"), "utf8")) as LanguageConfiguration;

/** The word VS Code would pick at `column`, the way getWordAtPosition scans with wordPattern. */
function wordAt(line: string, column: number): string | undefined {
  const pattern = new RegExp(configuration.wordPattern, "g");
  for (const match of line.matchAll(pattern)) {
    if (match.index <= column && column <= match.index + match[0].length) return match[0];
  }
  return undefined;
}

describe("language configuration", () => {
  it("comments with #, pairs braces and double quotes", () => {
    assert.equal(configuration.comments.lineComment, "#");
    assert.deepEqual(configuration.brackets, [["{", "}"]]);
    const pairs = configuration.autoClosingPairs.map((p) => p.open + p.close);
    assert.deepEqual(pairs, ["{}", '""']);
    assert.ok(configuration.surroundingPairs.some(([open, close]) => open === "{" && close === "}"));
  });

  it("indents after a line that ends with { and outdents a line that starts with }", () => {
    const increase = new RegExp(configuration.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(configuration.indentationRules.decreaseIndentPattern);
    for (const line of ["vrrp_instance VI_1 {", "global_defs{", "  authentication {   # creds", "vrrp_instance VI_${N} {", 'notify "a b" {']) {
      assert.ok(increase.test(line), line);
    }
    for (const line of ["virtual_ipaddress { 10.0.0.1 }", "# vrrp_instance {", 'notify "x {"', "priority 100", "}"]) {
      assert.ok(!increase.test(line), line);
    }
    assert.ok(decrease.test("    }"));
    assert.ok(decrease.test("} # end"));
    assert.ok(!decrease.test("priority 100 }"));
  });

  it("folds # region / # endregion markers", () => {
    assert.ok(new RegExp(configuration.folding.markers.start).test("  # region peers"));
    assert.ok(new RegExp(configuration.folding.markers.end).test("! endregion"));
    assert.ok(!new RegExp(configuration.folding.markers.start).test("# regional office"));
  });

  it("takes keywords, names, addresses and variables as whole words", () => {
    const cases: [string, number, string][] = [
      ["    virtual_router_id 51", 8, "virtual_router_id"],
      ["vrrp_instance VI_1 {", 15, "VI_1"],
      ["    192.168.1.100/24 dev eth0", 8, "192.168.1.100/24"],
      ["    fe80::1/64", 6, "fe80::1/64"],
      ["    interface eth0.100", 19, "eth0.100"],
      ["    router_id lb-01.example", 16, "lb-01.example"],
      ["    weight -20", 12, "-20"],
      ["@^backup priority 100", 3, "@^backup"],
      ["    priority $PRI", 15, "$PRI"],
      ["    priority ${PRI}", 15, "${PRI}"],
      ["    auth_pass Ed3!HaPx", 15, "Ed3"],
    ];
    for (const [line, column, word] of cases) assert.equal(wordAt(line, column), word, `${line} @${column}`);
  });
});
