import { strict as assert } from "node:assert";
import { check, instance } from "./helpers.ts";

describe("checks: comment-in-value", () => {
  it("says 'auth_pass Ed3!HaPx' is really Ed3", () => {
    const c = check(instance("  authentication {\n    auth_type PASS\n    auth_pass Ed3!HaPx\n  }"));
    const [d] = c.of("comment-in-value");
    assert.equal(c.text(d!), "Ed3!HaPx");
    assert.deepEqual(d!.data, { kept: "Ed3", intended: "Ed3!HaPx", keyword: "auth_pass" });
  });

  it("reports '#' glued to a number, but not a comment after a blank or inside quotes", () => {
    const c = check(instance('  virtual_router_id 51#x\n  priority 100 # fine\n  notify_master "/bin/n a#b"'));
    assert.deepEqual(c.of("comment-in-value").map((d) => d.data?.["kept"]), ["51"]);
  });
});
