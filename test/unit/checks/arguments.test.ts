import { strict as assert } from "node:assert";
import { check, instance } from "./helpers.ts";

describe("checks: arguments", () => {
  it("reports a keyword without its value as missing-value, where keepalived stops (exit 2)", () => {
    const c = check(instance("  state\n  priority 100"));
    const [d] = c.of("missing-value");
    assert.equal(c.of("missing-value").length, 1);
    assert.equal(c.text(d!), "state");
    assert.match(d!.message, /exit 2/);
    assert.deepEqual(d!.data, { keyword: "state", argument: "STATE", outcome: "stop" });
  });

  it("says where keepalived goes on without the value, or crashes, as measured with 2.2.7", () => {
    const routerId = check("global_defs {\n  router_id\n}\n").of("missing-value")[0]!;
    assert.equal(routerId.data?.["outcome"], "report");
    assert.doesNotMatch(routerId.message, /exit 2/);
    const neighbor = check("bfd_instance B {\n  neighbor_ip\n}\n").of("missing-value")[0]!;
    assert.equal(neighbor.data?.["outcome"], "crash");
  });

  it("takes a number keepalived reads only when it is there as optional (timer_expired_backup)", () => {
    // vrrp_timer_expired_backup_handler reads the highest other priority only if the line has one (default 254).
    // The keyword is new in 2.4.
    const c = check(instance("  nopreempt\n  timer_expired_backup\n  priority 100"), { version: "2.4" });
    assert.deepEqual(c.of("missing-value"), []);
    assert.equal(check(instance("  timer_expired_backup 255"), { version: "2.4" }).of("value-out-of-range").length, 1);
  });

  it("takes param_match and notify_deleted alone, as keepalived -t does (exact match; DELETED to the notify scripts)", () => {
    const c = check(`vrrp_track_process P {\n  process foo\n  param_match\n}\n${instance("  notify_deleted")}`);
    assert.deepEqual(c.of("missing-value"), []);
    assert.equal(check("vrrp_track_process P {\n  process foo\n  param_match whole\n}\n").of("invalid-value").length, 1);
  });

  it("reports numbers outside their range with the consequence keepalived applies", () => {
    const c = check(instance("  priority 256\n  advert_int 0"));
    const [priority, advert] = c.of("value-out-of-range");
    assert.equal(c.of("value-out-of-range").length, 2);
    assert.equal(c.text(priority!), "256");
    assert.match(priority!.message, /uses priority 100/);
    assert.deepEqual(priority!.data, { keyword: "priority", value: 256, min: 1, max: 255 });
    assert.match(advert!.message, /default of 1 second/);
  });

  it("reports words that are no number, address or accepted word as invalid-value", () => {
    const c = check(instance("  state master\n  unicast_src_ip 192.168.1.310\n  virtual_router_id abc"));
    const byValue = new Map(c.of("invalid-value").map((d) => [d.data?.["value"], d]));
    assert.equal(byValue.get("master")?.data?.["suggestion"], "MASTER", "the case-only difference is offered as the fix");
    assert.match(byValue.get("master")!.message, /starts the instance as BACKUP/);
    assert.ok(byValue.has("192.168.1.310"));
    assert.match(byValue.get("abc")!.message, /virtual router id must be set/);
  });

  it("says which words after a value keepalived ignores, and names the keywords that are lost", () => {
    const c = check(instance("  priority 90 advert_int 1\n  state MASTER BACKUP"));
    const extra = c.of("extra-argument");
    assert.equal(extra.length, 2);
    const joined = extra.find((d) => c.text(d) === "advert_int 1")!;
    assert.deepEqual(joined.data, { keyword: "priority", extra: ["advert_int", "1"], keywords: ["advert_int"] });
    assert.match(joined.message, /advert_int is never set/);
    const plain = extra.find((d) => c.text(d) === "BACKUP")!;
    assert.deepEqual(plain.data?.["keywords"], []);
  });

  it("accepts a valid configuration without a word", () => {
    const c = check(instance("  state BACKUP\n  priority 90\n  advert_int 1\n  nopreempt"));
    assert.deepEqual(c.diagnostics, []);
  });

  it("leaves template placeholders, ';' and a line-ending '\\' to their own checks", () => {
    const c = check(instance("  priority {{ PRIO }}\n  state BACKUP;\n  virtual_router_id 5 \\"));
    assert.equal(c.of("invalid-value").filter((d) => d.data?.["semicolon"] !== true).length, 0);
    assert.equal(c.of("template-placeholder").length, 1);
    assert.equal(c.of("extra-argument").length, 0);
    assert.equal(c.of("line-continuation").length, 1);
  });
});
