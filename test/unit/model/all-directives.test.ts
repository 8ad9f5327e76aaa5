import { strict as assert } from "node:assert";
import { build, flatten } from "./helpers.ts";

/** `BuildResult.all` lists every directive of the tree, depth first in file order: checks rely on it. */

const CASES: Record<string, { text: string; files?: Record<string, string>; configId?: string }> = {
  plain: { text: "global_defs {\n  router_id A\n}\nvrrp_instance X {\n  virtual_ipaddress {\n    1.2.3.4\n  }\n  state MASTER\n}" },
  orphans: { text: "a {\n  {\n    b 1\n  }\n  c 2\n}\n{\n  d 3\n}\ne 4" },
  includes: { text: "x 1\ninclude sub/*.inc\ny 2\nvrrp_instance V {\n  include sub/a.inc\n  z 3\n}", files: { "sub/a.inc": "p {\n  q 1\n}", "sub/b.inc": "r 2" } },
  dropped: { text: "vrrp_instance X {\n  @other track_script {\n    chk\n  }\n  priority 1\n}\n@other g {\n  h 1\n}", configId: "main" },
  expansions: { text: "$H=vrrp_instance VI_1\n$B=virtual_ipaddress { 10.0.0.1 }\n$H {\n  $B\n  state MASTER\n}\n~SEQ(I, 1, 3) router_id r$I\n$M= \\\nm1 {\\\n  m2 \\\n}\n$M" },
};

describe("model: every directive in order", () => {
  for (const [name, { text, files, configId }] of Object.entries(CASES)) {
    it(`lists the tree depth first: ${name}`, () => {
      const { result } = build(text, { files: files ?? {}, configId: configId ?? null });
      assert.ok(result.all.length > 0);
      assert.deepEqual(result.all, flatten(result.directives));
    });
  }
});

describe("model: deep nesting", () => {
  it("does not follow blocks nested more than 128 deep, and says so once", () => {
    const depth = 5000;
    const { result, at } = build("a {\n".repeat(depth) + "}\n".repeat(depth));
    assert.deepEqual(result.problems.map((p) => p.kind), ["nesting-limit"]);
    assert.equal(at(result.problems[0]!.span), "{");
    assert.equal(result.all.length, 129);
  });
});
