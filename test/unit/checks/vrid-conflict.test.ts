import { strict as assert } from "node:assert";
import { check, instance } from "./helpers.ts";

describe("checks: vrid-conflict", () => {
  it("reports two instances with one VRID on one interface, with every VRID used", () => {
    const c = check(instance("", "A") + "\n" + instance("", "B"));
    const [d] = c.of("vrid-conflict");
    assert.equal(c.of("vrid-conflict").length, 1);
    assert.deepEqual(d!.data, { vrid: 51, other: "A", used: [51] });
    assert.equal(d!.related?.length, 1);
  });

  it("accepts one VRID on two interfaces or in two address families", () => {
    assert.deepEqual(check(instance("", "A") + "\n" + instance("  interface eth1", "B")).of("vrid-conflict"), []);
    assert.deepEqual(check(instance("", "A") + "\n" + instance("  virtual_ipaddress {\n    fe80::1\n  }", "B")).of("vrid-conflict"), []);
  });

  it("accepts unicast instances that share no peer", () => {
    const a = instance("  unicast_src_ip 10.0.0.1\n  unicast_peer {\n    10.0.0.2\n  }", "A");
    const b = instance("  unicast_src_ip 10.0.0.1\n  unicast_peer {\n    10.0.0.3\n  }", "B");
    assert.deepEqual(check(a + "\n" + b).of("vrid-conflict"), []);
  });

  it("leaves a second block of the same name to duplicate-definition: keepalived skips it", () => {
    const c = check(instance("", "A") + "\n" + instance("", "A"));
    assert.deepEqual(c.of("vrid-conflict"), []);
    assert.equal(c.of("duplicate-definition")[0]!.severity, "error");
  });
});
