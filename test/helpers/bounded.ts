import { Worker } from "node:worker_threads";

/**
 * Runs one exported function of a module in a worker thread with a time and memory limit, so that an input
 * which makes the engine loop, recurse or allocate without end fails its test instead of hanging or killing
 * the whole mocha process. The function gets its input and a `progress` callback; the last progress note is
 * reported when the worker has to be stopped, so a hang names the input it was working on.
 */
export interface Limits {
  timeoutMs: number;
  /** Old-generation heap of the worker. */
  memoryMb: number;
  /** Stack of the worker; the default is V8's main-thread size, which is what the language server runs on. */
  stackMb?: number;
}

export type Outcome<T> =
  | { kind: "done"; value: T; ms: number }
  | { kind: "error"; message: string; lastProgress?: string }
  | { kind: "timeout"; lastProgress?: string }
  | { kind: "out-of-memory"; lastProgress?: string }
  | { kind: "crashed"; message: string; lastProgress?: string };

export type BoundedFunction<I, T> = (input: I, progress: (note: string) => void) => T | Promise<T>;

type WorkerMessage = { type: "progress"; note: string } | { type: "done"; value: unknown } | { type: "error"; message: string };

const ENTRY = new URL("./boundedWorker.ts", import.meta.url);

export function runBounded<T>(module: URL, exportName: string, input: unknown, limits: Limits): Promise<Outcome<T>> {
  return new Promise((resolve) => {
    const started = performance.now();
    let lastProgress: string | undefined;
    let settled = false;
    const worker = new Worker(ENTRY, {
      workerData: { module: module.href, exportName, input },
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, stackSizeMb: limits.stackMb ?? 0.95 },
    });
    const finish = (outcome: Outcome<T>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ kind: "timeout", ...withProgress(lastProgress) }), limits.timeoutMs);
    worker.on("message", (message: WorkerMessage) => {
      if (message.type === "progress") lastProgress = message.note;
      else if (message.type === "done") finish({ kind: "done", value: message.value as T, ms: performance.now() - started });
      else finish({ kind: "error", message: message.message, ...withProgress(lastProgress) });
    });
    worker.on("error", (error: Error & { code?: string }) => {
      if (error.code === "ERR_WORKER_OUT_OF_MEMORY") finish({ kind: "out-of-memory", ...withProgress(lastProgress) });
      else finish({ kind: "crashed", message: error.stack ?? String(error), ...withProgress(lastProgress) });
    });
    worker.on("exit", (code) => finish({ kind: "crashed", message: `worker exited with code ${code} before answering`, ...withProgress(lastProgress) }));
  });
}

function withProgress(note: string | undefined): { lastProgress?: string } {
  return note === undefined ? {} : { lastProgress: note };
}

/** The value of a finished run; anything else becomes an assertion message that says what happened. */
export function valueOf<T>(outcome: Outcome<T>, what: string): T {
  if (outcome.kind === "done") return outcome.value;
  const last = outcome.lastProgress === undefined ? "" : `\nlast input: ${abbreviate(outcome.lastProgress)}`;
  switch (outcome.kind) {
    case "timeout":
      throw new Error(`${what}: did not finish within the time limit (a hang or a blow-up)${last}`);
    case "out-of-memory":
      throw new Error(`${what}: ran out of memory${last}`);
    case "crashed":
    case "error":
      throw new Error(`${what}: ${outcome.message}${last}`);
  }
}

/** Long generated inputs are cut in the middle so that a failure message stays readable. */
export function abbreviate(text: string, max = 600): string {
  const shown = JSON.stringify(text);
  return shown.length <= max ? shown : `${shown.slice(0, max / 2)} …(${shown.length} chars)… ${shown.slice(-max / 2)}`;
}
