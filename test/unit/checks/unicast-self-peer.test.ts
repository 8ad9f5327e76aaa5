import { strict as assert } from "node:assert";
import { check, instance } from "./helpers.ts";

describe("checks: unicast-self-peer", () => {
  it("reports the instance's own unicast_src_ip among its peers, spelled any way", () => {
    const c = check(instance("  unicast_src_ip fe80::10\n  unicast_peer {\n    fe80::11\n    FE80:0:0:0:0:0:0:10\n  }\n  virtual_ipaddress {\n    fe80::100\n  }"));
    const [d] = c.of("unicast-self-peer");
    assert.equal(c.of("unicast-self-peer").length, 1);
    assert.deepEqual(d!.data, { instance: "VI_1", peer: "FE80:0:0:0:0:0:0:10", reason: "self" });
    assert.equal(d!.severity, "warning", "lint beyond keepalived, which accepts it silently");
  });

  it("reports a peer listed twice", () => {
    const c = check(instance("  unicast_src_ip 192.168.1.10\n  unicast_peer {\n    192.168.1.11\n    192.168.1.11\n  }"));
    assert.equal(c.of("unicast-self-peer")[0]!.data?.["reason"], "duplicate");
  });

  it("accepts distinct peers", () => {
    assert.deepEqual(check(instance("  unicast_src_ip 192.168.1.10\n  unicast_peer {\n    192.168.1.11\n    192.168.1.12\n  }")).diagnostics, []);
  });
});
