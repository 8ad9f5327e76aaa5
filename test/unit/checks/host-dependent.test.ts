import { strict as assert } from "node:assert";
import { check, instance } from "./helpers.ts";

describe("checks: host-dependent", () => {
  it("notes a script without a path, at information level only", () => {
    const c = check('vrrp_script chk {\n  script "check.sh --fast"\n}\n' + instance('  notify_master "/etc/keepalived/notify.sh MASTER"'));
    const [d] = c.of("host-dependent");
    assert.equal(c.of("host-dependent").length, 1);
    assert.equal(d!.severity, "information");
    assert.deepEqual(d!.data, { kind: "script-path", program: "check.sh" });
  });

  it("notes users other than root, which only the target host can confirm", () => {
    const c = check('global_defs {\n  script_user keepalived_script\n}\nvrrp_script chk {\n  script "/bin/true"\n  user nobody\n}\nvrrp_script ok {\n  script "/bin/true"\n  user root\n}\n');
    assert.deepEqual(c.of("host-dependent").map((d) => d.data), [
      { kind: "user", user: "keepalived_script", keyword: "script_user" },
      { kind: "user", user: "nobody", keyword: "user" },
    ]);
    assert.ok(c.diagnostics.every((d) => d.severity === "information" || d.code !== "host-dependent"));
  });

  it("never reports interfaces: their existence is the target host's business", () => {
    const c = check(instance("  interface eth9\n  track_interface {\n    eth7\n  }\n  virtual_ipaddress {\n    10.0.0.1/24 dev eth8\n  }"));
    assert.deepEqual(c.diagnostics, []);
  });
});
