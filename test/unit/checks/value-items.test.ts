import { strict as assert } from "node:assert";
import { check, instance } from "./helpers.ts";

describe("checks: value block entries", () => {
  it("reports an address keepalived cannot read, and says when a ';' spoils it", () => {
    const c = check(instance("  virtual_ipaddress {\n    192.168.1.300/24\n    192.168.1.101/24;\n  }"));
    const invalid = c.of("invalid-value");
    assert.deepEqual(invalid.map((d) => c.text(d)), ["192.168.1.300/24", "192.168.1.101/24;"]);
    assert.match(invalid[1]!.message, /no statement separator/);
  });

  it("reads a second address on the line of the first as an option, as keepalived does", () => {
    const c = check(instance("  virtual_ipaddress { 192.168.1.100/24 192.168.1.101/24 }"));
    const [d] = c.of("invalid-value");
    assert.deepEqual(d!.data, { keyword: "virtual_ipaddress", value: "192.168.1.101/24", expected: "option", splitAddress: true });
  });

  it("accepts address options with their values", () => {
    assert.deepEqual(check(instance("  virtual_ipaddress {\n    192.168.1.100/24 dev eth0 label eth0:1 scope global\n  }")).diagnostics, []);
  });

  it("reports a peer keepalived cannot read, and a peer of the other address family than unicast_src_ip", () => {
    const c = check(instance("  unicast_src_ip 192.168.1.10\n  unicast_peer {\n    192.168.1.311\n    fe80::1\n  }"));
    const [bad, family] = c.of("invalid-value");
    assert.equal(bad!.data?.["value"], "192.168.1.311");
    assert.equal(family!.data?.["family"], true);
    assert.match(family!.message, /MUST be of the same family/);
  });

  it("reports tracking weights outside -253..253", () => {
    const c = check('vrrp_script chk {\n  script "/bin/true"\n}\n' + instance("  track_script {\n    chk weight 300\n  }\n  track_interface {\n    eth1 weight -254\n  }"));
    const out = c.of("value-out-of-range");
    assert.deepEqual(out.map((d) => d.data?.["value"]), [300, -254]);
    assert.match(out[1]!.message, /±253/);
  });
});
