import { strict as assert } from "node:assert";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { formatWindow, type Outcome, type Window } from "../../../server/src/timeline/index.ts";

/**
 * Predicted against measured. A measured time passes when it falls inside the predicted window widened by the
 * tolerance below; every comparison is recorded, passed or not, for docs/lab.md (scripts/lab.ts renders it from
 * test-results/lab/measurements.json).
 *
 * Tolerance: the timeline counts keepalived's timers only. A real run adds the check script's own run time (bash,
 * curl and nc: tens of milliseconds), process start-up, netlink and pipe latency, and the scheduling of a 2-core
 * machine running both nodes, the client and the test: never earlier by more than EARLY, never later by more than
 * LATE.
 */
export const TOLERANCE = { early: 0.2, late: 0.5 } as const;

/** mqtt.js reconnects every second (its default, which the lab's client keeps), plus the connection setup. */
export const CLIENT_RECONNECT = 1.0;

export interface Measurement {
  setup: string;
  event: string;
  /** Seconds; "never" when our prediction says the VIP stays. */
  predicted: Window | "never";
  /** Seconds after the cause; "never" when nothing moved during `observed` seconds. */
  measured: number | "never";
  observed?: number;
  pass: boolean;
}

export interface Scenario {
  /** The describe and the test: "the guide's configs > broker killed on the primary: ...". */
  title: string;
  state: "passed" | "failed" | "pending";
  seconds: number;
  error?: string;
}

const measurements: Measurement[] = [];
const scenarios: Scenario[] = [];
const started = new Date().toISOString();

/** For an afterEach hook: how the test went, for docs/lab.md. */
export function recordTest(test: Mocha.Test | undefined): void {
  if (test === undefined) return;
  const state = test.state === "passed" ? "passed" : test.state === "failed" ? "failed" : "pending";
  const error = (test as { err?: Error }).err?.message.split("\n")[0];
  scenarios.push({ title: test.titlePath().slice(1).join(" > "), state, seconds: (test.duration ?? 0) / 1000, ...(error !== undefined ? { error } : {}) });
  writeMeasurements();
}

export const MEASUREMENTS_FILE = resolve(dirname(fileURLToPath(import.meta.url)), "../../../test-results/lab/measurements.json");

export function widened(window: Window): Window {
  return { min: window.min - TOLERANCE.early, max: window.max + TOLERANCE.late };
}

/** Records a measured time and asserts it falls inside the predicted window (with the tolerance). */
export function expectWithin(setup: string, event: string, predicted: Window, measuredSeconds: number): void {
  const bounds = widened(predicted);
  const pass = measuredSeconds >= bounds.min && measuredSeconds <= bounds.max;
  measurements.push({ setup, event, predicted, measured: measuredSeconds, pass });
  writeMeasurements();
  assert.ok(pass, `${event}: measured ${measuredSeconds.toFixed(2)} s, predicted ${formatWindow(predicted)} (tolerance -${TOLERANCE.early}/+${TOLERANCE.late} s)`);
}

/** The predicted window of an outcome that must move the VIP. */
export function windowOf(outcome: Outcome | undefined, what: string): Window {
  assert.ok(outcome !== undefined && outcome.moves, `our timeline predicts that ${what} moves the VIP (it says: ${outcome === undefined ? "nothing" : outcome.moves ? "" : outcome.reason})`);
  return outcome.window;
}

/** Records that the VIP stayed during `observed` seconds where our timeline predicts it never moves. */
export function recordNever(setup: string, event: string, observed: number): void {
  measurements.push({ setup, event, predicted: "never", measured: "never", observed, pass: true });
  writeMeasurements();
}

export function recordFailure(setup: string, event: string, predicted: Window | "never", measured: number | "never"): void {
  measurements.push({ setup, event, predicted, measured, pass: false });
  writeMeasurements();
}

export function writeMeasurements(): void {
  mkdirSync(dirname(MEASUREMENTS_FILE), { recursive: true });
  const report = { started, tolerance: TOLERANCE, clientReconnect: CLIENT_RECONNECT, measurements, scenarios };
  writeFileSync(MEASUREMENTS_FILE, `${JSON.stringify(report, null, 2)}\n`);
}
