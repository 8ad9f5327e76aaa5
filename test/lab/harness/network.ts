import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { must, run } from "./process.ts";

/**
 * The lab's test hosts: one network namespace per node plus one holding a bridge (the "switch"), joined by veth
 * pairs created inside the namespaces, so that nothing of the lab ever appears in the root namespace and no
 * packet leaves it. Names carry the test process's pid (`kha-lab-<pid>-<n>-<node>`): two runs never meet, and
 * the namespaces of a run that was killed (its pid gone) are emptied and deleted by the next one. The kernel here
 * has no dummy interfaces; veth and bridges are enough.
 */

const PREFIX = "kha-lab";

export interface NodePlan {
  /** Short name: a, b, c. */
  name: string;
  /** Address with prefix on the node's eth0, e.g. 192.168.77.10/24. */
  address: string;
}

function namespaces(): string[] {
  const result = run("ip", ["netns", "list"]);
  return result.status === 0 ? result.stdout.split("\n").map((line) => line.split(" ")[0]!).filter((n) => n !== "") : [];
}

/** Kills what still runs in a namespace (keepalived, mosquitto of a killed run) and deletes it. */
function removeNamespace(name: string): void {
  const pids = run("ip", ["netns", "pids", name]).stdout.split("\n").filter((p) => /^\d+$/.test(p));
  for (const pid of pids) {
    try {
      process.kill(Number(pid), "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  run("ip", ["netns", "delete", name]);
}

/** Namespaces and folders left by lab runs whose process is gone. Returns what was removed. */
export function removeStaleLabs(): string[] {
  const removed: string[] = [];
  for (const name of namespaces()) {
    const pid = new RegExp(`^${PREFIX}-(\\d+)-`).exec(name)?.[1];
    if (pid === undefined || existsSync(`/proc/${pid}`)) continue;
    removeNamespace(name);
    removed.push(name);
  }
  for (const entry of readdirSync(tmpdir())) {
    const pid = new RegExp(`^${PREFIX}-(\\d+)-`).exec(entry)?.[1];
    if (pid === undefined || existsSync(`/proc/${pid}`)) continue;
    rmSync(join(tmpdir(), entry), { recursive: true, force: true });
    removed.push(join(tmpdir(), entry));
  }
  return removed;
}

let labCount = 0;

export class LabNetwork {
  /** Prefix of this lab's namespaces. */
  readonly id: string;
  /** The lab's folder (configs, pid files, logs); mode 0755 so keepalived's script security accepts it. */
  readonly folder: string;
  readonly nodes: readonly NodePlan[];
  private readonly created: string[] = [];
  private destroyed = false;
  private readonly onExit = (): void => this.destroy();

  private constructor(id: string, folder: string, nodes: readonly NodePlan[]) {
    this.id = id;
    this.folder = folder;
    this.nodes = nodes;
    process.once("exit", this.onExit);
  }

  /** Builds the switch and one namespace per node, each with `eth0` on the bridge and its address. */
  static create(nodes: readonly NodePlan[]): LabNetwork {
    removeStaleLabs();
    const id = `${PREFIX}-${process.pid}-${++labCount}`;
    const folder = mkdtempSync(join(tmpdir(), `${id}-`));
    must("chmod", ["0755", folder]);
    const lab = new LabNetwork(id, folder, nodes);
    try {
      const sw = lab.namespace("sw");
      lab.add(sw);
      must("ip", ["-n", sw, "link", "set", "lo", "up"]);
      must("ip", ["-n", sw, "link", "add", "br0", "type", "bridge"]);
      must("ip", ["-n", sw, "link", "set", "br0", "up"]);
      for (const node of nodes) {
        const ns = lab.namespace(node.name);
        lab.add(ns);
        must("ip", ["-n", sw, "link", "add", lab.port(node.name), "type", "veth", "peer", "name", "eth0", "netns", ns]);
        must("ip", ["-n", sw, "link", "set", lab.port(node.name), "master", "br0"]);
        must("ip", ["-n", sw, "link", "set", lab.port(node.name), "up"]);
        must("ip", ["-n", ns, "link", "set", "lo", "up"]);
        must("ip", ["-n", ns, "link", "set", "eth0", "up"]);
        must("ip", ["-n", ns, "addr", "add", node.address, "dev", "eth0"]);
      }
    } catch (error) {
      lab.destroy();
      throw error;
    }
    return lab;
  }

  namespace(node: string): string {
    return `${this.id}-${node}`;
  }

  /** The bridge side of a node's cable. */
  private port(node: string): string {
    return `v${node}`;
  }

  private add(ns: string): void {
    must("ip", ["netns", "add", ns]);
    this.created.push(ns);
  }

  /** Pulls a node's cable out of the switch: its eth0 loses carrier, as with a cut link. */
  cutLink(node: string): void {
    must("ip", ["-n", this.namespace("sw"), "link", "set", this.port(node), "down"]);
  }

  restoreLink(node: string): void {
    must("ip", ["-n", this.namespace("sw"), "link", "set", this.port(node), "up"]);
  }

  /** Addresses (without prefix) on a node's eth0. */
  addresses(node: string): string[] {
    return must("ip", ["-n", this.namespace(node), "-o", "-4", "addr", "show", "dev", "eth0"])
      .split("\n")
      .map((line) => /\sinet (\d+\.\d+\.\d+\.\d+)\//.exec(line)?.[1])
      .filter((a): a is string => a !== undefined);
  }

  /** Removes every namespace (and what still runs in it) and the folder; safe to call twice. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    process.removeListener("exit", this.onExit);
    for (const ns of this.created.reverse()) removeNamespace(ns);
    rmSync(this.folder, { recursive: true, force: true });
  }
}
