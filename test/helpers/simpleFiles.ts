import { strict as assert } from "node:assert";
import fc from "fast-check";
import { benchConfig, variedBenchConfig } from "../../scripts/gen-bench-config.ts";
import { anyText, tokenSoup } from "../property/arbitraries.ts";
import { CORPUS_SETS, corpusFiles } from "./corpus.ts";

/**
 * Simple files (ParseResult.simple) to compare the array path with the object engine on: keyword, item, unknown and
 * orphan lines, misplaced blocks, placeholders, escapes, quotes, stray braces and nesting past the limit.
 */
export const SIMPLE_CASES: readonly string[] = [
  'vrrp_instance VI_1 {\n  state MASTER\n  virtual_ipaddress {\n    10.0.0.1/24 dev eth0\n  }\n  bogus 1\n  authentication {\n    auth_pass "x y" "open\n  }\n}\n',
  "vrrp_instance VI_1\nstate BACKUP\n}\npriority 100 {\n x\n}\n{\n router_id A\n}\nglobal_defs {\n { nested }\n router_id \\#x\n}\n",
  "virtual_server 10.0.0.1 80 {\n real_server 10.0.0.2 80 {\n  TCP_CHECK {\n   connect_timeout 3\n  }\n }\n}\nrouter_id {{ id }} {{x\n",
  `${"a {\n".repeat(140)}b\n${"}\n".repeat(140)}`,
  `${"{\n".repeat(130)}{}\n`,
  "unknown_block {\n  state MASTER\n  inner {\n   x\n  }\n}\n",
  // An orphan's lines belong to the block around it; a block shape is reported after what the block holds.
  "{\n global_defs {\n  {\n   router_id A\n  }\n }\n}\n} extra\n",
  'global_defs {\n router_id A {\n  {{ t }}\n  notify_email {\n   a@b\n  }\n }\n vrrp_garp_interval\n}\n"quoted" head\nsmtp_server a\\!b c\\d # comment\n',
  'global_defs { router_id A } vrrp_script chk { script "/bin/true" }\nvrrp_instance V {\n',
];

/**
 * The tests every array-path stage runs against the object engine: `same(text, label)` asserts that the two agree on
 * `text` and returns whether the text was simple (it compares nothing otherwise).
 */
export function simpleFileTests(same: (text: string, label: string) => boolean, seed: number, numRuns: number): void {
  it("on keyword, item, unknown and orphan lines, misplaced blocks, placeholders, escapes, quotes and deep nesting", () => {
    SIMPLE_CASES.forEach((text, i) => assert.ok(same(text, `case ${i}`), `case ${i} is simple`));
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
      { seed, numRuns },
    );
  });
}
