import { strict as assert } from "node:assert";
import { check, instance } from "./helpers.ts";

describe("checks: semicolon-in-value", () => {
  it("says keepalived keeps the ';' in a value it accepts (interface eth0;)", () => {
    const c = check(instance("  interface eth0;"));
    const [d] = c.of("semicolon-in-value");
    assert.equal(c.of("semicolon-in-value").length, 1);
    assert.equal(c.text(d!), "eth0;");
    assert.equal(d!.severity, "warning");
    assert.deepEqual(d!.data, { keyword: "interface", value: "eth0;", intended: "eth0", ignored: [], keywords: [] });
  });

  it("reports a value keepalived rejects because of its ';' as invalid-value, with the bare word as the fix", () => {
    const c = check(instance("  authentication {\n    auth_type PASS;\n    auth_pass secret\n  }\n  priority 100;"));
    const invalid = c.of("invalid-value");
    assert.deepEqual(invalid.map((d) => d.data?.["suggestion"]).sort(), ["100", "PASS"]);
    assert.ok(invalid.every((d) => d.severity === "error" && d.data?.["semicolon"] === true));
    assert.match(invalid.find((d) => d.data?.["keyword"] === "auth_type")!.message, /without authentication/);
    assert.equal(c.of("semicolon-in-value").length, 0);
  });

  it("names the settings lost after a ';' used as a separator", () => {
    const c = check("vrrp_instance VI_1 {\n  interface eth0 ; virtual_router_id 51\n  virtual_ipaddress {\n    192.168.1.100/24\n  }\n}\n");
    const [d] = c.of("semicolon-in-value");
    assert.equal(c.text(d!), "; virtual_router_id 51");
    assert.deepEqual(d!.data?.["keywords"], ["virtual_router_id"]);
    assert.match(d!.message, /virtual_router_id is never set/);
    assert.equal(c.of("extra-argument").length, 0, "said once, by this check");
    assert.equal(c.of("missing-keyword").length, 1, "and the instance really has no VRID");
  });

  it("says a script's argument keeps its ';' (no shell runs the command)", () => {
    const c = check(instance("  notify_master /etc/keepalived/notify.sh MASTER;"));
    const [d] = c.of("semicolon-in-value");
    assert.equal(c.text(d!), "MASTER;");
    assert.match(d!.message, /without a shell/);
  });

  it("says once that words after the value are ignored, ';' or not", () => {
    const c = check(instance("  priority 100 200;"));
    const [d] = c.of("semicolon-in-value");
    assert.equal(c.text(d!), "200;");
    assert.deepEqual(d!.data?.["ignored"], ["200;"]);
    assert.deepEqual(c.of("invalid-value"), []);
    assert.deepEqual(c.of("extra-argument"), []);
  });

  it("leaves quoted strings alone", () => {
    const c = check(instance('  notify_master "/bin/a; /bin/b"'));
    assert.equal(c.of("semicolon-in-value").length, 0);
  });

  it("leaves a quoted ';' after the value to extra-argument, as any other word keepalived ignores", () => {
    const c = check(instance('  priority 100 ";" ";x"'));
    assert.deepEqual(c.of("semicolon-in-value"), []);
    const [d] = c.of("extra-argument");
    assert.deepEqual(d?.data?.["extra"], [";", ";x"]);
    assert.equal(c.text(d!), '";" ";x"');
  });

  it("offers the bare keyword for a keyword with a ';' glued on", () => {
    const c = check(instance("  nopreempt;"));
    const [d] = c.of("unknown-keyword");
    assert.equal((d!.data?.["candidates"] as string[])[0], "nopreempt");
    assert.match(d!.message, /no statement separator/);
  });
});
