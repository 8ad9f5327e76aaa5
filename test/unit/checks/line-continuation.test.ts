import { strict as assert } from "node:assert";
import { check, instance } from "./helpers.ts";

describe("checks: line-continuation", () => {
  it("reads 'interface \\' as the unknown keyword 'interface\\' and the next line on its own", () => {
    const c = check(instance("  state BACKUP\n  interface \\\n  eth0"));
    const [d] = c.of("line-continuation");
    assert.equal(d!.severity, "error");
    assert.equal(c.line(d!), 4);
    assert.deepEqual(d!.data, { keyword: "interface", glued: "interface\\", position: "keyword" });
    assert.deepEqual(c.of("unknown-keyword").map((u) => u.data?.["keyword"]), ["eth0"]);
    assert.equal(c.of("missing-value").length, 0);
  });

  it("is an error when the glued value is rejected (virtual_router_id 5 \\)", () => {
    const c = check(instance("  virtual_router_id 5 \\\n  priority 50"));
    const [d] = c.of("line-continuation");
    assert.equal(d!.severity, "error");
    assert.equal(d!.data?.["glued"], "5\\");
    assert.match(d!.message, /virtual router id must be set/);
  });

  it("is a warning when keepalived keeps the value with its '\\' (router_id A \\)", () => {
    const c = check("global_defs {\n  router_id A \\\n}\n");
    const [d] = c.of("line-continuation");
    assert.equal(d!.severity, "warning");
    assert.equal(c.text(d!), "A \\");
  });

  it("leaves multi-line $NAME= definitions alone", () => {
    const c = check("$VIPS= \\\n  192.168.1.100/24\n" + instance("  virtual_ipaddress {\n    $VIPS\n  }"));
    assert.equal(c.of("line-continuation").length, 0);
  });
});
