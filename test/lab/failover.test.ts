import { strict as assert } from "node:assert";
import { failureDetection } from "../../server/src/timeline/timers.ts";
import { sumOf } from "../../server/src/timeline/window.ts";
import { CLIENT_RECONNECT, TOLERANCE, expectWithin, recordFailure, recordTest, windowOf } from "./harness/measure.ts";
import type { MqttClient } from "./harness/client.ts";
import { LabPair } from "./harness/labPair.ts";
import { labUnavailable } from "./harness/prerequisites.ts";
import { now } from "./harness/process.ts";
import { guidePair, initPair, specPair, type PairSetup } from "./harness/setups.ts";
import { holds, only } from "./harness/vipWatch.ts";

/*
 * Failover on a real keepalived pair, for the settings users deploy: what `keepalived-ha init` writes (the
 * wizard's defaults), the guide's configs verbatim, and the faster check of the measurement. Each
 * scenario waits on events (addresses appearing, log lines, MQTT messages) against a deadline derived from our
 * timeline, and compares each measured time with the timeline's window (harness/measure.ts).
 */

const SLACK = 8_000;
const seconds = (from: number, to: number): number => (to - from) / 1000;
const deadline = (window: { max: number }, extra = 0): number => (window.max + TOLERANCE.late + extra) * 1000 + SLACK;

const SETUPS: Array<{ make: () => PairSetup; nodeFailures: boolean }> = [
  { make: initPair, nodeFailures: true },
  { make: guidePair, nodeFailures: true },
  { make: () => specPair("check-every-1s", "check every 1 s, fall 2 (the issue's measurement)", { checkInterval: 1 }), nodeFailures: false },
];

/** The generated check's probe timeout (PROBE_TIMEOUT): a probe of a hung broker fails after this long. */
const PROBE_TIMEOUT = 2;

describe("HA lab: failover on real keepalived", function () {
  this.timeout(120_000);
  const reason = labUnavailable();

  before(function () {
    if (reason !== undefined) {
      console.log(`      skipped: ${reason}`);
      this.skip();
    }
  });

  for (const { make, nodeFailures } of SETUPS) {
    // Building a setup needs no root: the titles read the same whether the lab runs or is skipped.
    const setup = make();
    describe(setup.title, function () {
      let lab: LabPair | undefined;
      const key = setup.title;
      const client = setup.client.split("/")[0]!;

      before(async () => {
        lab = await LabPair.create(setup);
      });
      after(async () => {
        await lab?.destroy();
      });
      afterEach(function () {
        recordTest(this.currentTest);
        if (this.currentTest?.state === "failed" && lab !== undefined) console.log(lab.logs());
      });

      const timeline = () => {
        const t = lab!.analysis.timeline;
        assert.ok(t !== undefined, "our pair analysis finds the pair");
        return t;
      };
      const clientOf = (pair: LabPair): MqttClient => {
        assert.ok(pair.client !== undefined, "the MQTT client runs (it starts in the first scenario)");
        return pair.client;
      };
      const check = () => {
        const c = timeline().checks[0];
        assert.ok(c !== undefined, "our timeline has the primary's health check");
        return c;
      };

      it("starts with the VIP on the primary only", async () => {
        const pair = lab!;
        const started = now();
        pair.startKeepalived("a");
        pair.startKeepalived("b");
        const startWindow = windowOf(timeline().keepalivedStarts, "keepalived starting on the primary");
        // Started together, both wait out their master-down timer: if the standby started a little earlier it
        // may hold the VIP for an instant before it hears the primary. Settled: the primary alone, 3 adverts on.
        await pair.watch.settles(only("a"), 3_500, deadline(startWindow, 3.5), "the VIP on the primary only");
        const took = pair.watch.events.filter((e) => e.node === "a" && e.added).at(-1)!.t;
        expectWithin(key, "both nodes start: VIP on the primary", startWindow, seconds(started, took));
        const transient = pair.watch.events.filter((e) => e.node === "b");
        if (transient.length > 0) console.log(`      (at start-up the standby held the VIP too for ${(transient.at(-1)!.t - transient[0]!.t).toFixed(0)} ms)`);
        await pair.startClient(10_000);
        assert.ok(pair.brokers.a!.sawClientFrom(client, started), "the client reached the primary's broker through the VIP");
      });

      it("broker killed on the primary: the VIP moves to the standby and messages flow again", async () => {
        const pair = lab!;
        const c = check();
        const predicted = windowOf(c.failover, "the check failing");
        const killed = now();
        await pair.brokers.a!.crash();
        let moved: number;
        try {
          moved = await pair.watch.waitFor(holds("b"), deadline(predicted), "the VIP on the standby");
        } catch (error) {
          recordFailure(key, "broker killed: VIP on the standby", predicted, "never");
          throw error;
        }
        expectWithin(key, "broker killed: VIP on the standby", predicted, seconds(killed, moved));
        await pair.watch.waitFor(only("b"), 5_000, "the VIP on the standby only");
        const message = await clientOf(pair).nextMessage(killed, deadline(predicted, CLIENT_RECONNECT), "an MQTT message through the VIP after the failover");
        expectWithin(key, "broker killed: first MQTT message again", { min: predicted.min, max: predicted.max + CLIENT_RECONNECT }, seconds(killed, message.t));
        assert.ok(pair.brokers.b!.sawClientFrom(client, killed), "the client reconnected to the standby's broker");
      });

      it("broker restored: the VIP returns to the primary (preempt) and messages flow again", async () => {
        const pair = lab!;
        const predicted = windowOf(check().failback, "the check recovering");
        const restored = await pair.startBroker("a");
        const back = await pair.watch.waitFor(only("a"), deadline(predicted), "the VIP back on the primary only");
        expectWithin(key, "broker restored: VIP back on the primary", predicted, seconds(restored, back));
        const message = await clientOf(pair).nextMessage(back, deadline(predicted, CLIENT_RECONNECT), "an MQTT message through the VIP after the failback");
        expectWithin(key, "broker restored: first MQTT message again", { min: predicted.min, max: predicted.max + CLIENT_RECONNECT }, seconds(restored, message.t));
        assert.ok(pair.brokers.a!.sawClientFrom(client, restored), "the client reconnected to the primary's broker");
      });

      it("broker hangs on the primary (SIGSTOP): the check's probe times out and the VIP moves; resumed, it returns", async () => {
        const pair = lab!;
        const c = check();
        // Each run now lasts the probe timeout before it fails: detection as for a check hung that long.
        const failover = c.failover.moves ? sumOf([failureDetection({ ...c.timers, timeout: PROBE_TIMEOUT }, "hangs"), ...c.failover.steps.slice(1)]) : windowOf(c.failover, "the check failing");
        const hung = now();
        pair.brokers.a!.hang();
        try {
          const moved = await pair.watch.waitFor(only("b"), deadline(failover), "the VIP on the standby");
          expectWithin(key, "broker hangs: VIP on the standby", failover, seconds(hung, moved));
        } finally {
          pair.brokers.a!.resume();
        }
        const resumed = now();
        const failback = windowOf(c.failback, "the check recovering");
        const back = await pair.watch.waitFor(only("a"), deadline(failback), "the VIP back on the primary");
        expectWithin(key, "broker resumes: VIP back on the primary", failback, seconds(resumed, back));
      });

      if (!nodeFailures) return;

      it("keepalived stopped on the primary: the standby takes over; started again: the VIP returns", async () => {
        const pair = lab!;
        const stops = windowOf(timeline().keepalivedStops, "keepalived stopping");
        const stopped = now();
        await pair.keepalived.a!.stop();
        const taken = await pair.watch.waitFor(only("b"), deadline(stops), "the VIP on the standby only");
        // SIGTERM to the exit is part of it: keepalived sends priority 0 on its way out.
        expectWithin(key, "keepalived stopped: VIP on the standby", stops, seconds(stopped, taken));
        const starts = windowOf(timeline().keepalivedStarts, "keepalived starting again");
        const started = now();
        pair.startKeepalived("a");
        const back = await pair.watch.waitFor(only("a"), deadline(starts), "the VIP back on the primary only");
        expectWithin(key, "keepalived started again: VIP back on the primary", starts, seconds(started, back));
      });

      it("the primary's link cut: the standby takes over; link back: the VIP returns", async () => {
        const pair = lab!;
        const lost = windowOf(timeline().linkLost, "the link going down");
        pair.network.cutLink("a");
        // The link is down once the command returns: on a busy machine `ip` itself can take a tenth of a second.
        const cut = now();
        const taken = await pair.watch.waitFor(holds("b"), deadline(lost), "the VIP on the standby");
        expectWithin(key, "link cut: VIP on the standby", lost, seconds(cut, taken));
        await pair.keepalived.a!.entered("FAULT", 5_000);
        await pair.watch.waitFor(only("b"), 5_000, "the VIP off the cut primary");
        const returns = windowOf(timeline().linkBack, "the link coming back");
        pair.network.restoreLink("a");
        const restored = now();
        const back = await pair.watch.waitFor(only("a"), deadline(returns), "the VIP back on the primary only");
        expectWithin(key, "link back: VIP back on the primary", returns, seconds(restored, back));
      });
    });
  }
});
