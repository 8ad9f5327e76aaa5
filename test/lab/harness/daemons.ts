import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { LabNetwork } from "./network.ts";
import { LabProcess, type Line } from "./process.ts";

/**
 * The daemons of a lab node: Debian's keepalived and mosquitto, each started inside the node's namespace.
 *
 * keepalived reads the configuration exactly as generated: its own mount namespace (unshare) binds the node's
 * folder over /etc/keepalived, so the scripts are where the configs name them and no path is rewritten. Each
 * daemon gets its own pid files (two keepalived side by side otherwise refuse to start), logs to the console and
 * never forks away. A host /dev/log is hidden from it, so notify.sh logs to standard output, not the host's syslog.
 */

export interface NodeFile {
  name: string;
  content: string;
  mode: number;
}

/** Writes a node's /etc/keepalived: the folder 0755 and scripts 0755, as enable_script_security demands. */
export function stageNode(network: LabNetwork, setup: string, node: string, files: readonly NodeFile[]): string {
  const folder = join(network.folder, setup, node);
  mkdirSync(folder, { recursive: true, mode: 0o755 });
  chmodSync(join(network.folder, setup), 0o755);
  chmodSync(folder, 0o755);
  for (const file of files) {
    const path = join(folder, file.name);
    writeFileSync(path, file.content, { mode: file.mode });
    chmodSync(path, file.mode);
  }
  return folder;
}

export interface StateChange {
  t: number;
  state: "MASTER" | "BACKUP" | "FAULT";
}

export class Keepalived {
  readonly node: string;
  readonly process: LabProcess;
  readonly states: StateChange[] = [];

  private constructor(node: string, process: LabProcess) {
    this.node = node;
    this.process = process;
    process.on("line", (line: Line) => {
      const state = /\) Entering (MASTER|BACKUP|FAULT) STATE/.exec(line.text)?.[1] as StateChange["state"] | undefined;
      if (state !== undefined) this.states.push({ t: line.t, state });
    });
  }

  /** `ip netns exec NS keepalived -f /etc/keepalived/CONF -p/-r/-c <own pid files> --vrrp -l -D -n`, folder bound. */
  static start(network: LabNetwork, node: string, folder: string, config: string): Keepalived {
    const run = join(folder, "run");
    mkdirSync(run, { recursive: true, mode: 0o755 });
    const script = [
      'mount --bind "$0" /etc/keepalived || exit 97',
      "if [ -e /dev/log ]; then mount --bind /dev/null /dev/log; fi",
      'exec keepalived -f "/etc/keepalived/$1" -p "$2/keepalived.pid" -r "$2/vrrp.pid" -c "$2/checkers.pid" --vrrp -l -D -n',
    ].join("\n");
    const args = ["netns", "exec", network.namespace(node), "unshare", "--mount", "--propagation", "private", "sh", "-c", script, folder, config, run];
    return new Keepalived(node, new LabProcess(`keepalived-${node}`, "ip", args));
  }

  get state(): StateChange["state"] | undefined {
    return this.states.at(-1)?.state;
  }

  /** Resolves when keepalived logs that the instance entered `state` (now or already, when `past`). */
  entered(state: StateChange["state"], deadlineMs: number, past = true): Promise<Line> {
    return this.process.waitForLine(new RegExp(`\\) Entering ${state} STATE`), deadlineMs, `${state} state`, past);
  }

  /** Resolves after `durationMs` without a state change; rejects at the first "Entering ... STATE". */
  staysIn(state: StateChange["state"], durationMs: number): Promise<void> {
    if (this.state !== state) return Promise.reject(new Error(`keepalived-${this.node} is ${this.state ?? "starting"}, not ${state}`));
    return new Promise((resolve, reject) => {
      const onLine = (line: Line): void => {
        const next = /\) Entering (MASTER|BACKUP|FAULT) STATE/.exec(line.text)?.[1];
        if (next === undefined || next === state) return;
        cleanup();
        reject(new Error(`keepalived-${this.node} left ${state} for ${next}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        resolve();
      }, durationMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.process.off("line", onLine);
      };
      this.process.on("line", onLine);
    });
  }

  /** Lines of the health check's verdicts: "VRRP_Script(check_x) failed". */
  scriptVerdict(verdict: "failed" | "succeeded", deadlineMs: number): Promise<Line> {
    return this.process.waitForLine(new RegExp(`VRRP_Script\\(\\S+\\) ${verdict}`), deadlineMs, `health check ${verdict}`);
  }

  /** systemctl stop: SIGTERM, keepalived sends priority 0 and removes the VIP. */
  stop(): Promise<void> {
    return this.process.stop("SIGTERM");
  }
}

const MOSQUITTO_CONF = ["listener 1883 0.0.0.0", "allow_anonymous true", "persistence false", "log_dest stderr", "log_type all", ""].join("\n");

export class Mosquitto {
  readonly node: string;
  readonly process: LabProcess;

  private constructor(node: string, process: LabProcess) {
    this.node = node;
    this.process = process;
  }

  /** A broker on the node's port 1883, resolved once it listens. */
  static async start(network: LabNetwork, node: string): Promise<Mosquitto> {
    const conf = join(network.folder, "mosquitto.conf");
    writeFileSync(conf, MOSQUITTO_CONF, { mode: 0o644 });
    const process = new LabProcess(`mosquitto-${node}`, "ip", ["netns", "exec", network.namespace(node), "mosquitto", "-c", conf]);
    await process.waitForLine(/mosquitto version \S+ running/, 10_000, "broker running", true);
    return new Mosquitto(node, process);
  }

  /** Whether a client connected from `address` (mosquitto logs "New client connected from ADDR:PORT"). */
  sawClientFrom(address: string, since: number): boolean {
    return this.process.lines.some((l) => l.t >= since && l.text.includes(`New client connected from ${address}:`));
  }

  /**
   * The broker hangs (SIGSTOP): its port still accepts connections (the kernel completes them) but nothing
   * answers, as when the EMQX Edge process deadlocks or is swapped out.
   */
  hang(): void {
    this.process.signal("SIGSTOP");
  }

  resume(): void {
    this.process.signal("SIGCONT");
  }

  /** The broker dies (kill -9): its port closes at once, as when the EMQX Edge process crashes. */
  crash(): Promise<void> {
    return this.process.stop("SIGKILL");
  }

  stop(): Promise<void> {
    return this.process.stop("SIGTERM");
  }
}
