import { strict as assert } from "node:assert";
import { check, instance } from "./helpers.ts";

const SCRIPT = 'vrrp_script chk {\n  script "/bin/true"\n  weight -20\n}\n';

describe("checks: nopreempt-master and priority-255-weight", () => {
  it("says nopreempt is cleared with state MASTER", () => {
    const c = check(instance("  state MASTER\n  priority 100\n  nopreempt"));
    const [d] = c.of("nopreempt-master");
    assert.equal(c.text(d!), "nopreempt");
    assert.deepEqual(d!.data, { instance: "VI_1", reason: "state" });
    assert.match(d!.message, /nopreempt will not work with initial state MASTER/);
  });

  it("says nopreempt is cleared with priority 255, whatever the state", () => {
    const c = check(instance("  state BACKUP\n  priority 255\n  nopreempt"));
    assert.deepEqual(c.of("nopreempt-master")[0]!.data, { instance: "VI_1", reason: "priority" });
  });

  it("accepts nopreempt with state BACKUP, and a later preempt that cancels it", () => {
    assert.equal(check(instance("  state BACKUP\n  priority 100\n  nopreempt")).of("nopreempt-master").length, 0);
    assert.equal(check(instance("  state MASTER\n  priority 100\n  nopreempt\n  preempt")).of("nopreempt-master").length, 0);
  });

  it("keeps MASTER after a later 'state BACKUP', as keepalived does", () => {
    const c = check(instance("  state MASTER\n  state BACKUP\n  priority 100\n  nopreempt"));
    assert.equal(c.of("nopreempt-master").length, 1);
    assert.match(c.of("duplicate-definition")[0]!.message, /state previously set as MASTER/);
  });

  it("says weights are dropped for the address owner, also when 255 comes from state MASTER without priority", () => {
    const track = "  track_script {\n    chk\n  }";
    const explicit = check(SCRIPT + instance(`  state BACKUP\n  priority 255\n${track}`));
    assert.deepEqual(explicit.of("priority-255-weight")[0]!.data, { instance: "VI_1", implicit: false, tracked: ["chk"] });
    assert.equal(explicit.text(explicit.of("priority-255-weight")[0]!), "255");
    const implicit = check(SCRIPT + instance(`  state MASTER\n${track}`));
    assert.equal(implicit.of("priority-255-weight")[0]!.data?.["implicit"], true);
  });

  it("counts an unreadable priority as 100 and a priority line without value as the end of reading", () => {
    const track = "  track_script {\n    chk\n  }";
    assert.equal(check(SCRIPT + instance(`  state MASTER\n  priority abc\n${track}`)).of("priority-255-weight").length, 0);
    assert.equal(check(SCRIPT + instance(`  state MASTER\n  priority\n${track}`)).of("priority-255-weight").length, 0);
  });

  it("ignores unweighted tracking, but counts a tracked file, whose default weight is 1", () => {
    const unweighted = 'vrrp_script chk {\n  script "/bin/true"\n}\n';
    assert.equal(check(unweighted + instance("  state MASTER\n  track_script {\n    chk\n  }")).of("priority-255-weight").length, 0);
    const file = "track_file tf {\n  file /run/tf\n}\n";
    const c = check(file + instance("  state MASTER\n  track_file {\n    tf\n  }"));
    assert.deepEqual(c.of("priority-255-weight")[0]!.data?.["tracked"], ["tf"]);
    assert.equal(check(file + instance("  state MASTER\n  track_file {\n    tf weight 0\n  }")).of("priority-255-weight").length, 0);
  });
});
