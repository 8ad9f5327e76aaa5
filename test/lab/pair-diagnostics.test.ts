import { strict as assert } from "node:assert";
import type { Diagnostic } from "../../server/src/checks/diagnostic.ts";
import { masterDownSeconds } from "../../server/src/timeline/index.ts";
import type { CheckTimeline, PairTimeline } from "../../server/src/timeline/index.ts";
import { LabPair } from "./harness/labPair.ts";
import { TOLERANCE, expectWithin, recordNever, recordTest, windowOf } from "./harness/measure.ts";
import { labUnavailable } from "./harness/prerequisites.ts";
import { now } from "./harness/process.ts";
import { edited, specPair, type PairSetup } from "./harness/setups.ts";
import { both, holds, only } from "./harness/vipWatch.ts";

/*
 * Every pair diagnostic whose message predicts what keepalived will do, reproduced on a real pair: the test
 * asserts that our analysis reports the diagnostic on these configs AND that keepalived then does what the
 * message says (both nodes hold the VIP, the VIP never moves, the BACKUP preempts, the VIP does not come back).
 * Each pair is the generator's output (lab addresses, password labpass1) with the lines of the situation changed.
 */

const PASSWORD = "labpass1";
const base = (): PairSetup => specPair("base", "", { password: PASSWORD });
const SLACK = 8_000;
/** Seconds to watch for a change that must not come: what it would take (advert, skew) plus the tolerance. */
const NEVER_WATCH = 3 + 1 + 1 + TOLERANCE.late;

function reported(pair: LabPair, code: string, effect: RegExp): Diagnostic[] {
  const found = pair.analysis.diagnostics.filter((d) => d.code === code);
  const codes = pair.analysis.diagnostics.map((d) => d.code).join(", ") || "none";
  assert.ok(found.length > 0, `our analysis reports ${code} on these configs (it reports: ${codes})`);
  for (const d of found) assert.match(d.message, effect, `the ${code} message says what keepalived will do`);
  return found;
}

function timelineOf(pair: LabPair): PairTimeline {
  assert.ok(pair.analysis.timeline !== undefined, "our pair analysis finds the pair");
  return pair.analysis.timeline;
}

async function withPair(setup: PairSetup, scenario: (pair: LabPair) => Promise<void>): Promise<void> {
  const pair = await LabPair.create(setup);
  try {
    await scenario(pair);
  } catch (error) {
    console.log(pair.logs());
    throw error;
  } finally {
    await pair.destroy();
  }
}

/** Starts the primary alone and waits until it holds the VIP, then the standby, until it is BACKUP. */
async function primaryThenStandby(pair: LabPair): Promise<void> {
  pair.startKeepalived("a");
  await pair.watch.waitFor(only("a"), 15_000, "the VIP on the primary");
  pair.startKeepalived("b");
  await pair.keepalived.b!.entered("BACKUP", 10_000);
}

/**
 * The primary's broker killed: the VIP on the standby within the timeline's failover window; restored: back on
 * the primary within its failback window (recorded as `backEvent`).
 */
async function failoverAndBack(pair: LabPair, key: string, check: CheckTimeline, backEvent: string): Promise<void> {
  const killed = now();
  await pair.brokers.a!.crash();
  const failover = windowOf(check.failover, "the check failing");
  const moved = await pair.watch.waitFor(only("b"), (failover.max + TOLERANCE.late) * 1000 + SLACK, "the VIP on the standby");
  expectWithin(key, "broker killed: VIP on the standby", failover, (moved - killed) / 1000);
  const failback = windowOf(check.failback, "the check recovering");
  const restored = await pair.startBroker("a");
  const back = await pair.watch.waitFor(only("a"), (failback.max + TOLERANCE.late) * 1000 + SLACK, "the VIP back on the primary");
  expectWithin(key, backEvent, failback, (back - restored) / 1000);
}

/** Both nodes started at once hold the VIP together, and keep holding it: split brain. */
async function splitBrain(pair: LabPair, advertInt = 1): Promise<void> {
  pair.startKeepalived("a");
  pair.startKeepalived("b");
  await pair.watch.waitFor(both("a", "b"), (3 * advertInt + 1) * 1000 + SLACK, "both nodes hold the VIP");
  await pair.keepalived.a!.entered("MASTER", 5_000);
  await pair.keepalived.b!.entered("MASTER", 5_000);
  // A pair that hears itself resolves a double master at the next advert: three adverts and more, still both.
  await pair.watch.steady(both("a", "b"), (3 * advertInt + 1) * 1000, "both nodes keep the VIP");
}

describe("HA lab: pair diagnostics reproduced on real keepalived", function () {
  this.timeout(90_000);
  const reason = labUnavailable();

  before(function () {
    if (reason !== undefined) {
      console.log(`      skipped: ${reason}`);
      this.skip();
    }
  });
  afterEach(function () {
    recordTest(this.currentTest);
  });

  it("weight-too-small (weight -5, priorities 100/90): the broker dies, the check fails, the VIP never moves", async () => {
    const setup = edited(base(), "weight-too-small", "weight -5", { primary: [["weight -30", "weight -5"]], standby: [["weight -30", "weight -5"]] });
    await withPair(setup, async (pair) => {
      const [d] = reported(pair, "weight-too-small", /VIP never moves|never takes over/);
      assert.equal(d!.data?.["failing"], 95);
      assert.equal(d!.data?.["standby"], 90);
      const check = timelineOf(pair).checks[0]!;
      assert.equal(check.failover.moves, false, "our timeline says the VIP stays");
      await primaryThenStandby(pair);
      const killed = now();
      await pair.brokers.a!.crash();
      await pair.keepalived.a!.process.waitForLine(/Changing effective priority from 100 to 95/, (check.timers.fall * check.timers.interval + 2) * 1000 + SLACK, "the failing check lowering the priority");
      await pair.watch.steady(only("a"), NEVER_WATCH * 1000, "the VIP stays on the primary");
      recordNever(setup.key, "broker killed: VIP stays on the primary", (now() - killed) / 1000);
    });
  });

  const splitBrains: Array<{ code: string; title: string; edits: Parameters<typeof edited>[3]; advertInt?: number }> = [
    { code: "vrid-mismatch", title: "virtual_router_id 51 and 52", edits: { standby: [["virtual_router_id 51", "virtual_router_id 52"]] } },
    { code: "auth-pass-mismatch", title: "different auth_pass", edits: { standby: [[`auth_pass ${PASSWORD}`, "auth_pass labpass2"]] } },
    { code: "unicast-not-mirrored", title: "unicast_peer naming the wrong address", edits: { primary: [["unicast_peer {\n        192.168.77.11", "unicast_peer {\n        192.168.77.12"]] } },
    { code: "auth-type-mismatch", title: "authentication on one node only", edits: { standby: [[/\n {4}authentication \{[^}]*\}\n/, "\n"]] } },
    { code: "advert-int-mismatch", title: "advert_int 1 and 2", edits: { standby: [["advert_int 1", "advert_int 2"]] }, advertInt: 2 },
    { code: "vip-mismatch", title: "one more VIP on the standby", edits: { standby: [["192.168.77.100/24 dev eth0", "192.168.77.100/24 dev eth0\n        192.168.77.101/24 dev eth0"]] } },
  ];
  for (const { code, title, edits, advertInt } of splitBrains) {
    it(`${code} (${title}): both nodes hold the VIP`, async () => {
      const setup = edited(base(), code, title, edits);
      await withPair(setup, async (pair) => {
        reported(pair, code, /both nodes hold|split brain|holds? (the|their) VIP/);
        const started = now();
        await splitBrain(pair, advertInt);
        recordNever(setup.key, "both start: both nodes keep the VIP", (now() - started) / 1000);
      });
    });
  }

  it("vrid-collision (two multicast routers, one VRID, one segment): each drops the other's adverts and logs it, each keeps its own VIP", async () => {
    const multicast: Array<[RegExp, string]> = [[/\n {4}unicast_src_ip[^\n]*\n {4}unicast_peer \{[^}]*\}\n/, "\n"]];
    const setup = edited(base(), "vrid-collision", "two routers sharing VRID 51", {
      primary: multicast,
      standby: [...multicast, ["vrrp_instance EMQX_EDGE_HA", "vrrp_instance OTHER_HA"], ["192.168.77.100/24 dev eth0", "192.168.77.150/24 dev eth0"], ["state BACKUP", "state MASTER"]],
    });
    await withPair(setup, async (pair) => {
      reported(pair, "vrid-collision", /drops them as invalid, so both stay master of their own VIPs while keepalived logs .* again and again/);
      pair.startKeepalived("a");
      pair.startKeepalived("b");
      // Router A's VIP on a alone; router B is master of its own VIP on b: neither takes the other's adverts for its own.
      await pair.watch.waitFor(only("a"), 15_000, "router A's VIP on a");
      await pair.keepalived.b!.entered("MASTER", 15_000);
      const other = "192.168.77.150";
      assert.ok(pair.network.addresses("b").includes(other), `router B's VIP on b (b has ${pair.network.addresses("b").join(", ")})`);
      assert.ok(!pair.network.addresses("a").includes(other), "router B's VIP not on a");
      // Each logs the other's adverts as errors: one node at every advert, the other at least once, often at its
      // start (its line may come before this test looks: the lines since each start count).
      const errors = /ip address associated with VRID 51 not present in MASTER advert/;
      const seenA = await pair.keepalived.a!.process.waitForLine(errors, 10_000, "a logging router B's adverts", true);
      const seenB = await pair.keepalived.b!.process.waitForLine(errors, 10_000, "b logging router A's adverts", true);
      console.log(`      a logs: ${seenA.text.trim()}\n      b logs: ${seenB.text.trim()}`);
      const watched = now();
      await pair.watch.steady(only("a"), NEVER_WATCH * 1000, "router A's VIP stays on a");
      assert.equal(pair.keepalived.b!.state, "MASTER", "b stays master of router B");
      assert.ok(pair.network.addresses("b").includes(other), "router B's VIP stays on b");
      const logged = (node: "a" | "b"): number => pair.keepalived[node]!.process.lines.filter((l) => l.t >= watched && errors.test(l.text)).length;
      assert.ok(logged("a") + logged("b") >= 2, `the errors go on while both run (a: ${logged("a")}, b: ${logged("b")} in ${NEVER_WATCH} s)`);
      recordNever(setup.key, "both routers run: each keeps its own VIP, the other's adverts dropped", (now() - watched) / 1000);
    });
  });

  it("priority-reversed (MASTER 90, BACKUP 100): the BACKUP preempts, and the VIP moves at every restart of it", async () => {
    const setup = edited(base(), "priority-reversed", "MASTER 90, BACKUP 100", { primary: [["priority 100", "priority 90"]], standby: [["priority 90", "priority 100"]] });
    await withPair(setup, async (pair) => {
      reported(pair, "priority-reversed", /VIP settles/);
      const timeline = timelineOf(pair);
      assert.equal(timeline.primary.node.label, setup.standby.config, "our timeline's primary is the node marked BACKUP");
      pair.startKeepalived("a");
      await pair.watch.waitFor(only("a"), 15_000, "the VIP on the node marked MASTER, alone");
      const started = now();
      pair.startKeepalived("b");
      const preempted = await pair.watch.waitFor(only("b"), 15_000, "the VIP on the node marked BACKUP");
      expectWithin(setup.key, "BACKUP started: VIP taken from the MASTER", windowOf(timeline.keepalivedStarts, "the BACKUP starting"), (preempted - started) / 1000);
      const stopped = now();
      await pair.keepalived.b!.stop();
      const fallback = await pair.watch.waitFor(only("a"), 10_000, "the VIP on the MASTER while the BACKUP is down");
      expectWithin(setup.key, "BACKUP stopped: VIP on the MASTER", windowOf(timeline.keepalivedStops, "the BACKUP stopping"), (fallback - stopped) / 1000);
      const restarted = now();
      pair.startKeepalived("b");
      const again = await pair.watch.waitFor(only("b"), 15_000, "the VIP back on the BACKUP after its restart");
      expectWithin(setup.key, "BACKUP restarted: VIP taken again", windowOf(timeline.keepalivedStarts, "the BACKUP starting"), (again - restarted) / 1000);
    });
  });

  it("nopreempt-master (nopreempt with state MASTER): keepalived clears it, so the VIP comes back after recovery", async () => {
    const setup = edited(base(), "nopreempt-master", "nopreempt on the MASTER primary", { primary: [[/ {4}preempt {4}#.*\n/, "    nopreempt\n"]] });
    await withPair(setup, async (pair) => {
      const found = pair.analysis.fileDiagnostics.filter((d) => d.code === "nopreempt-master");
      assert.ok(found.length > 0, `our analysis reports nopreempt-master (it reports: ${pair.analysis.fileDiagnostics.map((d) => d.code).join(", ") || "none"})`);
      assert.match(found[0]!.message, /clears it, so \S+ takes the VIP back whenever it can/);
      const check = timelineOf(pair).checks[0]!;
      assert.ok(check.failback?.moves === true, "our timeline says the VIP comes back (nopreempt cleared)");
      await primaryThenStandby(pair);
      await pair.keepalived.a!.process.waitForLine(/nopreempt will not work with initial state MASTER/, 5_000, "keepalived clearing nopreempt", true);
      await failoverAndBack(pair, setup.key, check, "broker restored: VIP back on the primary (nopreempt cleared)");
    });
  });

  it("preempt_delay 4 on a BACKUP primary: after recovery the VIP comes back that much later, as the timeline says", async () => {
    const setup = edited(base(), "preempt-delay", "preempt_delay 4 on the primary (state BACKUP)", {
      primary: [["state MASTER", "state BACKUP"], [/ {4}preempt {4}#.*\n/, "    preempt\n    preempt_delay 4\n"]],
    });
    await withPair(setup, async (pair) => {
      const check = timelineOf(pair).checks[0]!;
      assert.ok(check.failback?.moves === true && check.failback.steps.some((s) => /preempt_delay 4/.test(s.what)), `our timeline counts preempt_delay in the failback (${check.failback?.moves === true ? check.failback.steps.map((s) => s.what).join("; ") : "no move"})`);
      await primaryThenStandby(pair);
      await failoverAndBack(pair, setup.key, check, "broker restored: VIP back on the primary after preempt_delay 4");
    });
  });

  it("preempt-missing (nopreempt on a BACKUP primary): after a failover the VIP stays on the standby", async () => {
    const setup = edited(base(), "nopreempt-primary", "nopreempt on the primary", {
      primary: [["state MASTER", "state BACKUP"], [/ {4}preempt {4}#.*\n/, "    nopreempt\n"]],
    });
    await withPair(setup, async (pair) => {
      const [d] = reported(pair, "preempt-missing", /stays on the standby/);
      assert.equal(d!.severity, "warning");
      const check = timelineOf(pair).checks[0]!;
      assert.ok(check.failback !== undefined && !check.failback.moves, "our timeline says the VIP stays on the standby");
      await primaryThenStandby(pair);
      const killed = now();
      await pair.brokers.a!.crash();
      const predicted = windowOf(check.failover, "the check failing");
      const moved = await pair.watch.waitFor(holds("b"), (predicted.max + TOLERANCE.late) * 1000 + SLACK, "the VIP on the standby");
      expectWithin(setup.key, "broker killed: VIP on the standby", predicted, (moved - killed) / 1000);
      const restored = await pair.startBroker("a");
      await pair.keepalived.a!.process.waitForLine(/Changing effective priority from 70 to 100/, (check.timers.rise * check.timers.interval + 2) * 1000 + SLACK, "the check recovering");
      await pair.watch.steady(only("b"), NEVER_WATCH * 1000, "the VIP stays on the standby");
      recordNever(setup.key, "broker restored: VIP stays on the standby", (now() - restored) / 1000);
    });
  });

  it("priority-tie (100 and 100): after a failover the VIP never comes back", async () => {
    const setup = edited(base(), "priority-tie", "priorities 100 and 100", { standby: [["priority 90", "priority 100"]] });
    await withPair(setup, async (pair) => {
      reported(pair, "priority-tie", /never fails back|start order/);
      const check = timelineOf(pair).checks[0]!;
      assert.ok(check.failback !== undefined && !check.failback.moves, "our timeline says the VIP stays on the standby");
      await primaryThenStandby(pair);
      await pair.brokers.a!.crash();
      const predicted = windowOf(check.failover, "the check failing");
      await pair.watch.waitFor(only("b"), (predicted.max + TOLERANCE.late) * 1000 + SLACK, "the VIP on the standby");
      const restored = await pair.startBroker("a");
      await pair.keepalived.a!.process.waitForLine(/Changing effective priority from 70 to 100/, (check.timers.rise * check.timers.interval + 2) * 1000 + SLACK, "the check recovering");
      await pair.watch.steady(only("b"), NEVER_WATCH * 1000, "the VIP stays on the standby");
      recordNever(setup.key, "broker restored: VIP stays on the standby", (now() - restored) / 1000);
    });
  });

  it("standby-nopreempt (nopreempt on the standby): a failing check never moves the VIP", async () => {
    const setup = edited(base(), "nopreempt-standby", "nopreempt on the standby", { standby: [["advert_int 1", "advert_int 1\n    nopreempt"]] });
    await withPair(setup, async (pair) => {
      reported(pair, "standby-nopreempt", /never takes the VIP from a master that is still alive/);
      const timeline = timelineOf(pair);
      const check = timeline.checks[0]!;
      assert.ok(!check.failover.moves && /nopreempt/.test(check.failover.reason), "our timeline says a failing check leaves the VIP where it is");
      await primaryThenStandby(pair);
      const killed = now();
      await pair.brokers.a!.crash();
      await pair.keepalived.a!.process.waitForLine(/Changing effective priority from 100 to 70/, (check.timers.fall * check.timers.interval + 2) * 1000 + SLACK, "the failing check lowering the priority");
      const standby = { priority: 90, advertInt: 1, version: 2, preemptDelay: 0, nopreempt: true };
      await pair.watch.steady(only("a"), (masterDownSeconds(standby, 1) + 1 + TOLERANCE.late) * 1000, "the VIP stays on the failing primary");
      recordNever(setup.key, "broker killed: VIP stays on the primary", (now() - killed) / 1000);
      // keepalived stopping still hands it over: priority 0 wins over nopreempt.
      const stopped = now();
      await pair.keepalived.a!.stop();
      const taken = await pair.watch.waitFor(only("b"), 10_000, "the VIP on the standby once keepalived stops");
      expectWithin(setup.key, "keepalived stopped: VIP on the standby", windowOf(timeline.keepalivedStops, "keepalived stopping"), (taken - stopped) / 1000);
    });
  });

  it("both-master (both state MASTER): keepalived 2.x starts the non-owner MASTER as a BACKUP, and the highest priority holds the VIP", async () => {
    const setup = edited(base(), "both-master", "state MASTER on both", { standby: [["state BACKUP", "state MASTER"]] });
    await withPair(setup, async (pair) => {
      reported(pair, "both-master", /full master-down timer/);
      const timeline = timelineOf(pair);
      const standby = { priority: 90, advertInt: 1, version: 2, preemptDelay: 0, nopreempt: false };
      // Alone, the standby marked MASTER takes the free VIP only when its full master-down timer runs out.
      pair.startKeepalived("b");
      const init = await pair.keepalived.b!.entered("BACKUP", 10_000);
      const alone = await pair.watch.waitFor(only("b"), 15_000, "the VIP on the standby marked MASTER, alone");
      const down = masterDownSeconds(standby, 1);
      expectWithin(setup.key, "standby marked MASTER, alone: VIP taken after its master-down timer", { min: down, max: down }, (alone - init.t) / 1000);
      // The primary starting takes the VIP as any BACKUP of a higher priority would.
      const started = now();
      pair.startKeepalived("a");
      const taken = await pair.watch.waitFor(only("a"), 15_000, "the VIP on the primary");
      expectWithin(setup.key, "primary started: VIP taken from the standby marked MASTER", windowOf(timeline.keepalivedStarts, "the primary starting"), (taken - started) / 1000);
      // A restart of the standby marked MASTER hears the primary and stays BACKUP: the VIP never moves.
      await pair.keepalived.b!.stop();
      const restarted = now();
      pair.startKeepalived("b");
      await pair.keepalived.b!.entered("BACKUP", 10_000);
      await pair.watch.steady(only("a"), (down + 1 + TOLERANCE.late) * 1000, "the VIP stays on the primary while the standby marked MASTER restarts");
      assert.equal(pair.keepalived.b!.state, "BACKUP", "the restarted standby marked MASTER stays BACKUP");
      recordNever(setup.key, "standby marked MASTER restarted: VIP stays on the primary", (now() - restarted) / 1000);
    });
  });
});
