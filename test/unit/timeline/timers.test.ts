import { strict as assert } from "node:assert";
import { guideFailover } from "../../../server/src/timeline/guide.ts";
import {
  checkTimers,
  failureDetection,
  masterDownSeconds,
  recoveryDetection,
  skewSeconds,
  takeoverAfterResign,
  takeoverAfterSilence,
  takeoverAfterStart,
  takeoverFromLowerMaster,
  type WaitingNode,
} from "../../../server/src/timeline/timers.ts";
import { formatWindow, sumOf } from "../../../server/src/timeline/window.ts";

const near = (actual: number, expected: number, what: string): void => assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} vs ${expected}`);

function node(overrides: Partial<WaitingNode> = {}): WaitingNode {
  return { priority: 90, advertInt: 1, version: 2, preemptDelay: 0, nopreempt: false, ...overrides };
}

describe("timeline timers", () => {
  it("skew is (256 - priority)/256 s in VRRPv2 whatever advert_int, scaled by the master's advert_int in VRRPv3", () => {
    near(skewSeconds({ priority: 90, version: 2 }, 1), 166 / 256, "v2, advert 1");
    near(skewSeconds({ priority: 90, version: 2 }, 3), 166 / 256, "v2, advert 3");
    near(skewSeconds({ priority: 90, version: 3 }, 3), (3 * 166) / 256, "v3, advert 3");
    near(masterDownSeconds(node(), 1), 3 + 166 / 256, "master-down, guide standby");
    near(masterDownSeconds(node({ version: 3, advertInt: 1 }), 2), 6 + (2 * 166) / 256, "v3 counts the master's advert");
  });

  it("keepalived's script defaults: interval 1, fall 1, rise 1, timeout = interval", () => {
    assert.deepEqual(checkTimers({}), { interval: 1, fall: 1, rise: 1, timeout: 1 });
    assert.deepEqual(checkTimers({ interval: 2 }), { interval: 2, fall: 1, rise: 1, timeout: 2 });
  });

  it("a failing check is noticed after fall - 1 to fall intervals; a hung one adds its timeout and skips runs", () => {
    const guide = checkTimers({ interval: 2, fall: 2, rise: 1, timeout: 5 });
    assert.deepEqual(failureDetection(guide, "fails").window, { min: 2, max: 4 });
    // Hung runs at s and s + 6 (the runs at s + 2 and s + 4 are skipped while the first still runs).
    assert.deepEqual(failureDetection(guide, "hangs").window, { min: 5 + 6, max: 2 + 5 + 6 });
    assert.deepEqual(failureDetection(checkTimers({ interval: 5, fall: 3, timeout: 2 }), "hangs").window, { min: 2 + 10, max: 5 + 2 + 10 });
    assert.deepEqual(recoveryDetection(checkTimers({ interval: 2, rise: 3 })).window, { min: 4, max: 6 });
  });

  it("a backup takes over from a lower master 2 to 3 adverts plus skew after the drop; preempt_delay adds to it; nopreempt never", () => {
    const plain = takeoverFromLowerMaster(node(), 1, "b")!;
    near(plain.window.min, 2 + 166 / 256, "min");
    near(plain.window.max, 3 + 166 / 256, "max");
    const delayed = takeoverFromLowerMaster(node({ preemptDelay: 10 }), 1, "b")!;
    near(delayed.window.min, 3 + 166 / 256 + 9, "delayed min");
    near(delayed.window.max, 3 + 166 / 256 + 11, "delayed max");
    assert.match(delayed.what, /preempt_delay 10 s/);
    assert.equal(takeoverFromLowerMaster(node({ nopreempt: true }), 1, "b"), undefined);
  });

  it("priority 0 costs the skew only; silence costs the master-down timer from the last advert; a fresh BACKUP waits it whole", () => {
    near(takeoverAfterResign(node(), 1, "b").window.max, 166 / 256, "resign");
    const silence = takeoverAfterSilence(node({ nopreempt: true }), 1, "b").window;
    near(silence.min, 2 + 166 / 256, "silence min");
    near(silence.max, 3 + 166 / 256, "silence max");
    const start = takeoverAfterStart(node({ priority: 100 }), 1, "a")!.window;
    near(start.min, 3 + 156 / 256, "start min");
    near(start.max, 3 + 156 / 256, "start max");
    assert.equal(takeoverAfterStart(node({ nopreempt: true }), 1, "a"), undefined);
  });

  it("brackets the measurements of notes/ha-lab.md (advert 1, priorities 100/90, weight -30)", () => {
    const guide = guideFailover({ checkInterval: 2, checkFall: 2, advertInt: 1, priorityStandby: 90 });
    assert.ok(guide.min <= 5.6 && guide.max >= 5.7, JSON.stringify(guide));
    const fast = guideFailover({ checkInterval: 1, checkFall: 2, advertInt: 1, priorityStandby: 90 });
    assert.ok(fast.min <= 4.3 && fast.max >= 4.7, JSON.stringify(fast));
    assert.equal(formatWindow(guide), "4.6-7.7 s");
  });

  it("prints windows in tenths rounded outwards, and one number when both ends agree", () => {
    assert.equal(formatWindow({ min: 4.6484375, max: 7.6484375 }), "4.6-7.7 s");
    assert.equal(formatWindow({ min: 0.6484375, max: 0.6484375 }), "0.6 s");
    assert.equal(formatWindow({ min: 2.01, max: 2.04 }), "2.0-2.1 s");
    assert.equal(formatWindow({ min: 2, max: 2 }), "2.0 s");
    assert.deepEqual(sumOf([]), { min: 0, max: 0 });
  });
});
