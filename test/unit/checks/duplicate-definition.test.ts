import { strict as assert } from "node:assert";
import { check, instance } from "./helpers.ts";

const SCRIPT = 'vrrp_script chk {\n  script "/bin/true"\n}\n';

describe("checks: duplicate-definition", () => {
  it("reports a second vrrp_instance of one name as an error (keepalived skips it) and a second vrrp_script as a warning", () => {
    const c = check(SCRIPT + SCRIPT + instance("", "A") + "\n" + instance("  virtual_router_id 52", "A"));
    const byKind = new Map(c.of("duplicate-definition").map((d) => [d.data?.["kind"], d]));
    assert.equal(byKind.get("vrrp_instance")?.severity, "error");
    assert.equal(byKind.get("vrrp_script")?.severity, "warning");
    assert.match(byKind.get("vrrp_script")!.message, /uses the first/);
    assert.equal(byKind.get("vrrp_instance")?.related?.length, 1);
  });

  it("reports a track_script listed twice in one instance", () => {
    const c = check(SCRIPT + instance("  track_script {\n    chk\n    chk weight 10\n  }"));
    const [d] = c.of("duplicate-definition");
    assert.deepEqual(d!.data, { kind: "track_script", name: "chk" });
    assert.equal(c.line(d!), 10);
  });

  it("grades repeated settings by what keepalived does: notify keeps the first, MASTER sticks, others silently override", () => {
    const c = check(instance('  state MASTER\n  state BACKUP\n  priority 100\n  priority 50\n  notify_master "/bin/a"\n  notify_master "/bin/b"\n  advert_int 1\n  advert_int 1'));
    const bySetting = c.of("duplicate-definition").map((d) => [d.data?.["name"], d.severity]);
    assert.deepEqual(bySetting, [
      ["state", "warning"],
      ["priority", "information"],
      ["notify_master", "warning"],
      ["advert_int", "hint"],
    ]);
  });
});
