import { strict as assert } from "node:assert";
import { check, instance } from "./helpers.ts";

const AUTH = (type: string, pass = "secret"): string => `  authentication {\n    auth_type ${type}\n    auth_pass ${pass}\n  }`;

function reasons(text: string): unknown[] {
  return check(text).of("ignored-setting").map((d) => d.data?.["reason"]);
}

describe("checks: ignored-setting", () => {
  it("clears preempt_delay with MASTER and resets it with nopreempt", () => {
    assert.deepEqual(reasons(instance("  state MASTER\n  priority 100\n  preempt_delay 10")), ["state-master"]);
    assert.deepEqual(reasons(instance("  state BACKUP\n  priority 100\n  nopreempt\n  preempt_delay 10")), ["nopreempt"]);
    assert.deepEqual(reasons(instance("  state BACKUP\n  priority 100\n  preempt_delay 10")), []);
  });

  it("drops authentication for VRRPv3, IPv6 (which is v3), strict mode and a missing password, in keepalived's order", () => {
    assert.deepEqual(reasons(instance(`  version 3\n${AUTH("PASS")}`)), ["version-3"]);
    assert.deepEqual(reasons(instance(`${AUTH("AH")}\n  virtual_ipaddress {\n    fe80::1\n  }`)), ["version-3"]);
    assert.deepEqual(reasons("global_defs {\n  vrrp_strict\n}\n" + instance(`  state BACKUP\n  priority 100\n  version 3\n${AUTH("PASS")}`)), ["strict"]);
    assert.deepEqual(reasons(instance("  authentication {\n    auth_type PASS\n  }")), ["no-pass"]);
  });

  it("starts AH instances as BACKUP unless they own the address", () => {
    const ah = check(instance(`  state MASTER\n  priority 100\n${AUTH("AH")}`));
    const [d] = ah.of("ignored-setting");
    assert.equal(d!.data?.["reason"], "ah-master");
    assert.equal(ah.text(d!), "AH");
    assert.deepEqual(reasons(instance(`  state MASTER\n  priority 255\n${AUTH("AH")}`)), []);
  });

  it("rounds VRRPv2 advert_int to whole seconds (0.5 to 1) and v3 to 10 ms", () => {
    const v2 = check(instance("  advert_int 0.5")).of("ignored-setting")[0]!;
    assert.deepEqual(v2.data, { keyword: "advert_int", reason: "v2-fraction", rounded: 1, instance: "VI_1" });
    assert.equal(check(instance("  advert_int 1.5")).of("ignored-setting")[0]!.data?.["rounded"], 2);
    assert.deepEqual(reasons(instance("  version 3\n  advert_int 0.5")), []);
    assert.equal(check(instance("  version 3\n  advert_int 0.015")).of("ignored-setting")[0]!.data?.["rounded"], 0.02);
  });

  it("makes state follow priority 255 in strict mode", () => {
    const strict = "global_defs {\n  vrrp_strict\n}\n";
    assert.deepEqual(reasons(strict + instance("  state MASTER\n  priority 100")), ["strict-state"]);
    assert.deepEqual(reasons(strict + instance("  state MASTER\n  priority 255")), []);
  });

  it("drops a track_interface entry for the instance's own interface, unless its weight already dropped it", () => {
    assert.deepEqual(reasons(instance("  track_interface {\n    eth0 weight 10\n    eth1\n  }")), ["own-interface"]);
    assert.deepEqual(reasons(instance("  track_interface {\n    eth0 weight 300\n  }")), []);
  });

  it("ignores unicast_ttl without unicast peers", () => {
    assert.deepEqual(reasons(instance("  unicast_ttl 10")), ["no-peers"]);
    assert.deepEqual(reasons(instance("  unicast_ttl 10\n  unicast_src_ip 10.0.0.1\n  unicast_peer {\n    10.0.0.2\n  }")), []);
  });

  it("reports vrrp_script interval and timeout 0, which keepalived raises to 1", () => {
    const c = check('vrrp_script chk {\n  script "/bin/true"\n  interval 0\n  timeout 0\n}\n');
    assert.deepEqual(c.of("value-out-of-range").map((d) => d.data?.["keyword"]), ["interval", "timeout"]);
  });
});
