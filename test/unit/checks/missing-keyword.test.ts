import { strict as assert } from "node:assert";
import { check } from "./helpers.ts";

describe("checks: missing-keyword", () => {
  it("reports an instance without virtual_router_id, with the VRIDs already used", () => {
    const c = check("vrrp_instance A {\n  interface eth0\n  virtual_router_id 7\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\nvrrp_instance B {\n  interface eth0\n  virtual_ipaddress {\n    10.0.0.2\n  }\n}\n");
    const [d] = c.of("missing-keyword");
    assert.equal(c.text(d!), "B");
    assert.deepEqual(d!.data, { instance: "B", keyword: "virtual_router_id", used: [7] });
  });

  it("warns of an instance without a virtual address, and makes it an error where keepalived drops the instance", () => {
    const v2 = check("vrrp_instance A {\n  interface eth0\n  virtual_router_id 7\n}\n").of("missing-keyword")[0]!;
    assert.equal(v2.severity, "warning");
    assert.equal(v2.data?.["required"], false);
    const v3 = check("vrrp_instance A {\n  interface eth0\n  virtual_router_id 7\n  version 3\n}\n").of("missing-keyword")[0]!;
    assert.equal(v3.severity, "error");
    assert.match(v3.message, /at least one is required/);
  });

  it("does not call addresses missing when they come from an include only the target host has", () => {
    const c = check("vrrp_instance A {\n  interface eth0\n  virtual_router_id 7\n  virtual_ipaddress {\n    include /etc/keepalived/vips.conf\n  }\n}\n");
    assert.deepEqual(c.of("missing-keyword"), []);
    const relative = check("vrrp_instance A {\n  interface eth0\n  virtual_router_id 7\n  virtual_ipaddress {\n    include vips/none.conf\n  }\n}\n");
    assert.equal(relative.of("missing-keyword").length, 1, "a missing file next to this one really leaves it empty");
  });

  it("reports a vrrp_script without script and a sync group without group", () => {
    const c = check("vrrp_script chk {\n  interval 2\n}\nvrrp_sync_group G {\n  A\n}\n");
    assert.deepEqual(c.of("missing-keyword").map((d) => d.data?.["keyword"]), ["script", "group"]);
  });
});
