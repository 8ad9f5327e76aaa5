import { strict as assert } from "node:assert";
import { check, instance } from "./helpers.ts";

const TWO = instance("  state BACKUP\n  priority 100", "VI_1") + "\n" + instance("  state BACKUP\n  priority 100\n  virtual_router_id 52", "VI_2") + "\n";

function group(name: string, members: string[], extra = ""): string {
  return `vrrp_sync_group ${name} {\n  group {\n${members.map((m) => `    ${m}\n`).join("")}  }\n${extra}}\n`;
}

describe("checks: sync-group-member", () => {
  it("accepts a group of two defined instances, in any order of definition", () => {
    assert.deepEqual(check(group("G", ["VI_1", "VI_2"]) + TWO).of("sync-group-member"), []);
  });

  it("reports a member that is no vrrp_instance, and a group left with one member", () => {
    const c = check(TWO + group("G", ["VI_1", "MISSING"]));
    const [undefinedMember, single] = c.of("sync-group-member");
    assert.equal(c.text(undefinedMember!), "MISSING");
    assert.deepEqual(undefinedMember!.data, { group: "G", member: "MISSING", reason: "undefined", known: ["VI_1", "VI_2"] });
    assert.equal(undefinedMember!.severity, "error");
    assert.equal(single!.data?.["reason"], "single");
    assert.equal(single!.severity, "warning");
  });

  it("leaves an instance out of a second group and removes a group with no valid member", () => {
    const c = check(TWO + group("G1", ["VI_1", "VI_2"]) + group("G2", ["VI_2", "VI_1"]));
    const list = c.of("sync-group-member");
    assert.deepEqual(list.map((d) => d.data?.["reason"]), ["other-group", "other-group", "empty"]);
    assert.equal(list[0]!.data?.["other"], "G1");
  });

  it("reports a group mixing address owners with other members", () => {
    const owner = instance("  state MASTER\n  priority 255", "VI_1") + "\n" + instance("  state BACKUP\n  priority 100\n  virtual_router_id 52", "VI_2") + "\n";
    assert.deepEqual(check(owner + group("G", ["VI_1", "VI_2"])).of("sync-group-member").map((d) => d.data?.["reason"]), ["mixed-owner"]);
  });

  it("says the weights of tracked scripts are ignored in a group, unless sync_group_tracking_weight is set", () => {
    const script = 'vrrp_script chk {\n  script "/bin/true"\n  weight -20\n}\n';
    const tracked = instance("  state BACKUP\n  priority 100\n  track_script {\n    chk\n  }", "VI_1") + "\n" + instance("  state BACKUP\n  priority 90\n  virtual_router_id 52", "VI_2") + "\n";
    const c = check(script + tracked + group("G", ["VI_1", "VI_2"]));
    const [d] = c.of("ignored-setting");
    assert.deepEqual(d!.data, { keyword: "track_script", reason: "sync-group", group: "G", instance: "VI_1", tracked: ["chk"] });
    assert.equal(check(script + tracked + group("G", ["VI_1", "VI_2"], "  sync_group_tracking_weight\n")).of("ignored-setting").length, 0);
  });
});
