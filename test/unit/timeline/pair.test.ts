import { strict as assert } from "node:assert";
import { explainLines, summaryLine, timelineJson, timelineOf, type Outcome, type PairTimeline } from "../../../server/src/timeline/index.ts";
import { A, B, GUIDE_PRIMARY, GUIDE_STANDBY, pairs, primaryWith, standbyWith } from "../pair/helpers.ts";

function timeline(primary: string, standby: string): PairTimeline {
  const p = pairs({ [A]: primary, [B]: standby });
  const cluster = p.result.clusters[0];
  assert.ok(cluster !== undefined, "one cluster");
  const t = timelineOf(cluster);
  assert.ok(t !== undefined, "a timeline");
  return t;
}

function window(outcome: Outcome | undefined): { min: number; max: number } {
  assert.ok(outcome?.moves === true, `the VIP moves: ${JSON.stringify(outcome)}`);
  return outcome.window;
}

function stays(outcome: Outcome | undefined, reason: RegExp): void {
  assert.ok(outcome !== undefined && !outcome.moves, `the VIP stays: ${JSON.stringify(outcome)}`);
  assert.match(outcome.reason, reason);
}

const near = (actual: number, expected: number): void => assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} vs ${expected}`);
const SKEW_90 = 166 / 256;
const SKEW_100 = 156 / 256;

describe("pair timeline", () => {
  it("gratuitous ARPs again after the instance's garp_master_delay, else global_defs' vrrp_garp_master_delay, else 5 s", () => {
    const garpNote = (t: PairTimeline): string => t.notes.find((n) => /gratuitous ARPs/.test(n))!;
    assert.match(garpNote(timeline(GUIDE_PRIMARY, GUIDE_STANDBY)), /again 5 s later/);
    const global = GUIDE_PRIMARY.replace("global_defs {", "global_defs {\n    vrrp_garp_master_delay 2");
    assert.ok(global !== GUIDE_PRIMARY);
    assert.match(garpNote(timeline(global, GUIDE_STANDBY)), /again 2 s later/);
    const own = global.replace("advert_int 1", "advert_int 1\n    garp_master_delay 3");
    assert.match(garpNote(timeline(own, GUIDE_STANDBY)), /again 3 s later/);
  });

  it("the guide's pair: the check fails -> standby in 4.6-7.7 s, recovers -> back in 2.6-5.7 s", () => {
    const t = timeline(GUIDE_PRIMARY, GUIDE_STANDBY);
    assert.equal(t.primary.node.file, A);
    assert.equal(t.standby.node.file, B);
    assert.equal(t.checks.length, 1);
    const check = t.checks[0]!;
    assert.deepEqual(check.timers, { interval: 2, fall: 2, rise: 1, timeout: 5 });
    assert.deepEqual(check.effect, { kind: "weight", weight: -30, healthy: 100, failing: 70, standby: 90 });
    const failover = window(check.failover);
    near(failover.min, 2 + 2 + SKEW_90);
    near(failover.max, 4 + 3 + SKEW_90);
    const back = window(check.failback);
    near(back.min, 0 + 2 + SKEW_100);
    near(back.max, 2 + 3 + SKEW_100);
    near(window(check.failoverIfHung).max, 2 + 5 + 6 + 3 + SKEW_90);
    near(window(t.keepalivedStops).max, SKEW_90);
    near(window(t.linkLost).min, 2 + SKEW_90);
    near(window(t.linkBack).max, 3 + SKEW_100);
    assert.equal(summaryLine(t), "check_emqx_edge fails on a/keepalived.conf -> VIP on b/keepalived.conf in 4.6-7.7 s; recovers -> back in 2.6-5.7 s");
    assert.equal(summaryLine(t, "a/keepalived.conf"), "check_emqx_edge fails -> VIP on b/keepalived.conf in 4.6-7.7 s; recovers -> back in 2.6-5.7 s");
    assert.equal(summaryLine(t, "b/keepalived.conf"), "check_emqx_edge fails on a/keepalived.conf -> VIP here in 4.6-7.7 s; recovers -> back in 2.6-5.7 s");
  });

  it("weight -5 with 100/90: the VIP never moves, with the numbers", () => {
    const t = timeline(primaryWith(["weight -30", "weight -5"]), standbyWith(["weight -30", "weight -5"]));
    const check = t.checks[0]!;
    stays(check.failover, /priority 95, not below the 90 of b\/keepalived\.conf/);
    assert.equal(check.failback, undefined);
    assert.match(summaryLine(t), /check_emqx_edge fails on a\/keepalived\.conf -> VIP stays on a\/keepalived\.conf$/);
  });

  it("nopreempt on the primary (state BACKUP): the VIP does not come back; on the standby: a failing check never moves it", () => {
    const held = timeline(primaryWith(["state MASTER", "state BACKUP"], ["preempt\n", "nopreempt\n"]), GUIDE_STANDBY);
    window(held.checks[0]!.failover);
    stays(held.checks[0]!.failback, /nopreempt/);
    stays(held.linkBack, /nopreempt/);
    const stuck = timeline(GUIDE_PRIMARY, standbyWith(["priority 90", "priority 90\nnopreempt"]));
    stays(stuck.checks[0]!.failover, /b\/keepalived\.conf has nopreempt/);
    // A priority-0 advert and silence still move it.
    window(stuck.keepalivedStops);
    window(stuck.linkLost);
  });

  it("nopreempt with state MASTER is cleared by keepalived: the VIP comes back", () => {
    const t = timeline(primaryWith(["preempt\n", "nopreempt\n"]), GUIDE_STANDBY);
    window(t.checks[0]!.failback);
  });

  it("preempt_delay on a BACKUP primary delays the failback", () => {
    const t = timeline(primaryWith(["state MASTER", "state BACKUP"], ["preempt\n", "preempt_delay 30\n"]), GUIDE_STANDBY);
    const back = window(t.checks[0]!.failback);
    near(back.min, 0 + 3 + SKEW_100 + 29);
    near(back.max, 2 + 3 + SKEW_100 + 31);
  });

  it("a check without weight faults the instance: priority 0, the standby waits its skew only", () => {
    const t = timeline(primaryWith(["weight -30", ""]), standbyWith(["weight -30", ""]));
    const check = t.checks[0]!;
    assert.deepEqual(check.effect, { kind: "fault" });
    const failover = window(check.failover);
    near(failover.min, 2 + SKEW_90);
    near(failover.max, 4 + SKEW_90);
    const back = window(check.failback);
    near(back.min, 3 + SKEW_100);
    near(back.max, 2 + 3 + SKEW_100);
  });

  it("equal priorities: a failover but no failback; priority 255: weights ignored", () => {
    const tie = timeline(GUIDE_PRIMARY, standbyWith(["priority 90", "priority 100"]));
    window(tie.checks[0]!.failover);
    stays(tie.checks[0]!.failback, /does not outrank/);
    const owner = timeline(primaryWith(["priority 100", "priority 255"]), GUIDE_STANDBY);
    stays(owner.checks[0]!.failover, /address owner/);
  });

  it("explains each window step by step, and as JSON", () => {
    const t = timeline(GUIDE_PRIMARY, GUIDE_STANDBY);
    const text = explainLines(t).join("\n");
    assert.match(text, /^EMQX_EDGE_HA: primary a\/keepalived\.conf, standby b\/keepalived\.conf/);
    assert.match(text, /fails on a\/keepalived\.conf -> VIP on b\/keepalived\.conf in 4\.6-7\.7 s/);
    assert.match(text, /2\.0-4\.0 s +the check fails 2 times in a row \(every 2 s\)/);
    assert.match(text, /master-down timer runs out \(3 x 1 s \+ skew 0\.65 s/);
    assert.match(text, /keepalived stops -> VIP on b\/keepalived\.conf in 0\.6 s/);
    const json = timelineJson(t);
    assert.equal(json.checks[0]!.failover.window!.min, 4.648438);
    assert.equal(JSON.parse(JSON.stringify(json)).primary, "a/keepalived.conf");
  });
});
