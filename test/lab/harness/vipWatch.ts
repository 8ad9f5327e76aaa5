import { EventEmitter } from "node:events";
import { must } from "./process.ts";
import { LabProcess, now, type Line } from "./process.ts";
import type { LabNetwork } from "./network.ts";

/**
 * Where the VIP is, as the kernel reports it: one `ip monitor address` per node namespace, so that every time is
 * the moment an address appeared or went, never a polling interval. `waitFor` resolves on the event that makes a
 * condition true; `steady` fails on the first event that breaks one.
 */

export interface VipEvent {
  t: number;
  node: string;
  added: boolean;
}

/** A documentation address (RFC 5737) put on `lo` and removed again: proves a monitor listens. */
const SENTINEL = "198.51.100.77/32";

export class VipWatch extends EventEmitter<{ change: [VipEvent] }> {
  readonly vip: string;
  readonly events: VipEvent[] = [];
  private readonly holding = new Set<string>();
  private readonly monitors: LabProcess[] = [];

  private constructor(vip: string) {
    super();
    this.vip = vip;
  }

  /** Starts a monitor per node and waits until each has seen its sentinel address come and go. */
  static async start(network: LabNetwork, nodes: readonly string[], vip: string): Promise<VipWatch> {
    const watch = new VipWatch(vip);
    for (const node of nodes) {
      const ns = network.namespace(node);
      const monitor = new LabProcess(`monitor-${node}`, "ip", ["-n", ns, "-o", "monitor", "address"]);
      watch.monitors.push(monitor);
      monitor.on("line", (line) => watch.read(node, line));
      const ready = monitor.waitForLine(/198\.51\.100\.77/, 10_000, "sentinel address event");
      // The monitor subscribes some time after it starts: repeat the sentinel until it is seen.
      let seen = false;
      void ready.then(() => (seen = true), () => undefined);
      for (let attempt = 0; attempt < 100 && !seen; attempt++) {
        must("ip", ["-n", ns, "addr", "add", SENTINEL, "dev", "lo"]);
        must("ip", ["-n", ns, "addr", "del", SENTINEL, "dev", "lo"]);
        await Promise.race([ready.then(() => undefined, () => undefined), new Promise((r) => setTimeout(r, 50))]);
      }
      await ready;
      for (const address of network.addresses(node)) if (address === vip) watch.holding.add(node);
    }
    return watch;
  }

  private read(node: string, line: Line): void {
    const match = /^(Deleted )?\d+:\s+(\S+)\s+inet (\d+\.\d+\.\d+\.\d+)\//.exec(line.text);
    if (match === null || match[3] !== this.vip) return;
    const added = match[1] === undefined;
    if (added === this.holding.has(node)) return;
    if (added) this.holding.add(node);
    else this.holding.delete(node);
    const event = { t: line.t, node, added };
    this.events.push(event);
    this.emit("change", event);
  }

  holders(): string[] {
    return [...this.holding].sort();
  }

  /** "a" / "a+b" / "nobody": for messages. */
  describe(): string {
    return this.holders().join("+") || "nobody";
  }

  /**
   * Resolves with the time at which `condition` (over the holders) became true: the last change when it already
   * holds, else the change event that makes it hold. Rejects after `deadlineMs`.
   */
  waitFor(condition: (holders: string[]) => boolean, deadlineMs: number, what: string): Promise<number> {
    if (condition(this.holders())) return Promise.resolve(this.events.at(-1)?.t ?? now());
    return new Promise((resolve, reject) => {
      const onChange = (event: VipEvent): void => {
        if (!condition(this.holders())) return;
        cleanup();
        resolve(event.t);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${what}: not within ${(deadlineMs / 1000).toFixed(1)} s (the VIP is on ${this.describe()}; changes: ${this.history()})`));
      }, deadlineMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.off("change", onChange);
      };
      this.on("change", onChange);
    });
  }

  /** Resolves after `durationMs` if `condition` held all along; rejects at the first change that breaks it. */
  steady(condition: (holders: string[]) => boolean, durationMs: number, what: string): Promise<void> {
    if (!condition(this.holders())) return Promise.reject(new Error(`${what}: does not hold to begin with (the VIP is on ${this.describe()})`));
    const since = now();
    return new Promise((resolve, reject) => {
      const onChange = (event: VipEvent): void => {
        if (condition(this.holders())) return;
        cleanup();
        reject(new Error(`${what}: broken after ${((event.t - since) / 1000).toFixed(2)} s (the VIP is now on ${this.describe()})`));
      };
      const timer = setTimeout(() => {
        cleanup();
        resolve();
      }, durationMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.off("change", onChange);
      };
      this.on("change", onChange);
    });
  }

  /**
   * Resolves once `condition` has held for `holdMs` without a break, with the time it began to hold; a break
   * starts the wait again. Rejects after `deadlineMs`. For start-up, where both nodes may hold the VIP for an
   * instant before the lower priority steps back.
   */
  settles(condition: (holders: string[]) => boolean, holdMs: number, deadlineMs: number, what: string): Promise<number> {
    return new Promise((resolve, reject) => {
      let holdTimer: NodeJS.Timeout | undefined;
      let since = 0;
      const arm = (t: number): void => {
        clearTimeout(holdTimer);
        holdTimer = undefined;
        if (!condition(this.holders())) return;
        since = t;
        holdTimer = setTimeout(() => {
          cleanup();
          resolve(since);
        }, holdMs);
      };
      const onChange = (event: VipEvent): void => arm(event.t);
      const deadline = setTimeout(() => {
        cleanup();
        reject(new Error(`${what}: not settled within ${(deadlineMs / 1000).toFixed(1)} s (the VIP is on ${this.describe()}; changes: ${this.history()})`));
      }, deadlineMs);
      const cleanup = (): void => {
        clearTimeout(holdTimer);
        clearTimeout(deadline);
        this.off("change", onChange);
      };
      this.on("change", onChange);
      arm(this.events.at(-1)?.t ?? now());
    });
  }

  /** The changes so far, relative to the first: "+a 0.00, -a 6.21, +b 6.19". */
  history(from = this.events[0]?.t ?? now()): string {
    return this.events.map((e) => `${e.added ? "+" : "-"}${e.node} ${((e.t - from) / 1000).toFixed(2)}`).join(", ") || "none";
  }

  async stop(): Promise<void> {
    await Promise.all(this.monitors.map((m) => m.stop()));
  }
}

/** Conditions, named as the scenarios say them. */
export const only = (node: string) => (holders: string[]): boolean => holders.length === 1 && holders[0] === node;
export const both = (a: string, b: string) => (holders: string[]): boolean => holders.includes(a) && holders.includes(b);
export const holds = (node: string) => (holders: string[]): boolean => holders.includes(node);
export const lacks = (node: string) => (holders: string[]): boolean => !holders.includes(node);
