import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from "node:child_process";
import { EventEmitter } from "node:events";

/** Milliseconds on one clock for every event of the lab (wall-clock based, monotonic within the run). */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

export function run(command: string, args: readonly string[], timeoutMs = 30_000): SpawnSyncReturns<string> {
  return spawnSync(command, [...args], { encoding: "utf8", timeout: timeoutMs });
}

export function must(command: string, args: readonly string[], timeoutMs = 30_000): string {
  const result = run(command, args, timeoutMs);
  if (result.error !== undefined || result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed: ${result.error?.message ?? result.stderr.trim()}`);
  }
  return result.stdout;
}

export interface Line {
  t: number;
  text: string;
}

/** Every process the lab started, so that an interrupted run still kills them on its way out. */
const running = new Set<LabProcess>();
process.on("exit", () => {
  for (const p of running) p.killNow();
});

/**
 * A long-running program of the lab (keepalived, mosquitto, `ip monitor`, the MQTT client): its output kept as
 * timestamped lines, a `line` event per line, and a stop that waits for the exit.
 */
export class LabProcess extends EventEmitter<{ line: [Line]; exit: [number | null, NodeJS.Signals | null] }> {
  readonly label: string;
  readonly lines: Line[] = [];
  readonly child: ChildProcess;
  exited = false;
  private readonly exitPromise: Promise<void>;

  constructor(label: string, command: string, args: readonly string[], options: { stdin?: "pipe" | "ignore" } = {}) {
    super();
    this.label = label;
    this.child = spawn(command, [...args], { stdio: [options.stdin ?? "ignore", "pipe", "pipe"] });
    running.add(this);
    const collect = (stream: NodeJS.ReadableStream | null): void => {
      if (stream === null) return;
      let rest = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => {
        const parts = (rest + chunk).split("\n");
        rest = parts.pop() ?? "";
        for (const text of parts) {
          const line = { t: now(), text };
          this.lines.push(line);
          this.emit("line", line);
        }
      });
    };
    collect(this.child.stdout);
    collect(this.child.stderr);
    this.exitPromise = new Promise((resolve) => {
      this.child.once("exit", (code, signal) => {
        this.exited = true;
        running.delete(this);
        this.emit("exit", code, signal);
        resolve();
      });
      // A program that cannot start (ENOENT) never exits: count the error as its exit.
      this.child.once("error", () => {
        this.exited = true;
        running.delete(this);
        resolve();
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Resolves with the first line (from now on, or already seen when `past`) matching `pattern`. */
  waitForLine(pattern: RegExp, deadlineMs: number, what: string, past = false): Promise<Line> {
    const seen = past ? this.lines.find((l) => pattern.test(l.text)) : undefined;
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const onLine = (line: Line): void => {
        if (!pattern.test(line.text)) return;
        cleanup();
        resolve(line);
      };
      const onExit = (): void => {
        cleanup();
        reject(new Error(`${this.label} exited before ${what}:\n${this.tail()}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${this.label}: no ${what} within ${(deadlineMs / 1000).toFixed(1)} s:\n${this.tail()}`));
      }, deadlineMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.off("line", onLine);
        this.off("exit", onExit);
      };
      this.on("line", onLine);
      this.once("exit", onExit);
    });
  }

  /** The last lines of output, for failure messages. */
  tail(count = 25): string {
    return this.lines
      .slice(-count)
      .map((l) => `    ${this.label}| ${l.text}`)
      .join("\n");
  }

  /** Sends a signal that does not end the process (SIGSTOP, SIGCONT). */
  signal(signal: NodeJS.Signals): void {
    if (!this.exited) this.child.kill(signal);
  }

  /** Sends `signal` and waits for the exit; SIGKILL after `graceMs`. */
  async stop(signal: NodeJS.Signals = "SIGTERM", graceMs = 10_000): Promise<void> {
    if (this.exited) return;
    this.child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.child.kill("SIGKILL");
        resolve();
      }, graceMs);
    });
    await Promise.race([this.exitPromise, grace]);
    clearTimeout(timer);
    await this.exitPromise;
  }

  /** For the exit hook: no waiting possible there. */
  killNow(): void {
    if (!this.exited) this.child.kill("SIGKILL");
  }

  done(): Promise<void> {
    return this.exitPromise;
  }
}
