import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * Network namespaces for system tests that run real tools against a chosen set of interfaces. A namespace is
 * named `<prefix>-<pid of the test process>`: concurrent runs don't meet, and one left by a killed run (its pid
 * gone) is removed by the next run. Nothing outside the namespace is created except the namespace itself.
 */

export interface NamespacePlan {
  /** Interfaces to create (veth, each with a peer inside the namespace too); names up to 15 characters. */
  interfaces: string[];
  /** Addresses to put on interfaces, e.g. { eth0: ["192.0.2.2/24"] }. */
  addresses?: Record<string, string[]>;
}

function run(command: string, args: string[], timeoutMs = 30_000): SpawnSyncReturns<string> {
  return spawnSync(command, args, { encoding: "utf8", timeout: timeoutMs });
}

function ok(command: string, args: string[]): boolean {
  const result = run(command, args);
  return result.error === undefined && result.status === 0;
}

/** Why namespaces cannot be made here, or undefined when they can. */
export function namespaceUnavailable(): string | undefined {
  if (process.platform !== "linux") return `network namespaces need Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return "network namespaces need root (run the system suite as root, e.g. with sudo)";
  if (!ok("ip", ["-V"])) return "the `ip` command (package iproute2) is missing";
  if (!ok("unshare", ["--version"])) return "the `unshare` command (package util-linux) is missing";
  return undefined;
}

/** A namespace step failed: the machine (kernel, container, permissions) does not allow it. */
export class NamespaceError extends Error {}

function must(command: string, args: string[]): string {
  const result = run(command, args);
  if (result.error !== undefined || result.status !== 0) {
    throw new NamespaceError(`${command} ${args.join(" ")} failed: ${result.error?.message ?? result.stderr.trim()}`);
  }
  return result.stdout;
}

function namespaces(): string[] {
  const result = run("ip", ["netns", "list"]);
  return result.status === 0 ? result.stdout.split("\n").map((line) => line.split(" ")[0]!).filter((n) => n !== "") : [];
}

/** Deletes namespaces of this prefix whose test process is gone. */
export function removeStaleNamespaces(prefix: string): string[] {
  const removed: string[] = [];
  for (const name of namespaces()) {
    const match = new RegExp(`^${prefix}-(\\d+)$`).exec(name);
    if (match === null || existsSync(`/proc/${match[1]}`)) continue;
    if (ok("ip", ["netns", "delete", name])) removed.push(name);
  }
  return removed;
}

export class NetworkNamespace {
  readonly name: string;
  private deleted = false;
  private readonly onExit = (): void => this.delete();

  private constructor(name: string) {
    this.name = name;
    // The test's `after` hook deletes it; this covers a process that ends without running hooks.
    process.once("exit", this.onExit);
  }

  /** Creates `<prefix>-<pid>` with loopback up and the planned interfaces; removes it again if a step fails. */
  static create(prefix: string, plan: NamespacePlan): NetworkNamespace {
    removeStaleNamespaces(prefix);
    const name = `${prefix}-${process.pid}`;
    if (namespaces().includes(name)) must("ip", ["netns", "delete", name]);
    must("ip", ["netns", "add", name]);
    const ns = new NetworkNamespace(name);
    try {
      must("ip", ["-n", name, "link", "set", "lo", "up"]);
      plan.interfaces.forEach((ifname, i) => {
        must("ip", ["-n", name, "link", "add", ifname, "type", "veth", "peer", "name", `khapeer${i}`]);
        must("ip", ["-n", name, "link", "set", ifname, "up"]);
      });
      for (const [ifname, addresses] of Object.entries(plan.addresses ?? {})) {
        for (const address of addresses) must("ip", ["-n", name, "addr", "add", address, "dev", ifname]);
      }
    } catch (error) {
      ns.delete();
      throw error;
    }
    return ns;
  }

  /** `ip netns exec` a command inside the namespace. */
  exec(command: string, args: string[], timeoutMs: number): SpawnSyncReturns<string> {
    return spawnSync("ip", ["netns", "exec", this.name, command, ...args], { encoding: "utf8", timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 });
  }

  interfaces(): string[] {
    const out = must("ip", ["-n", this.name, "-o", "link", "show"]);
    return out
      .split("\n")
      .map((line) => /^\d+:\s+([^:@\s]+)/.exec(line)?.[1])
      .filter((n): n is string => n !== undefined);
  }

  delete(): void {
    if (this.deleted) return;
    this.deleted = true;
    process.removeListener("exit", this.onExit);
    run("ip", ["netns", "delete", this.name]);
  }
}
