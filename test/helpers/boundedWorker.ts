import { parentPort, workerData } from "node:worker_threads";

/** Worker side of runBounded: imports the module, calls the function and posts back its value or its error. */
interface Task {
  module: string;
  exportName: string;
  input: unknown;
}

const task = workerData as Task;
const port = parentPort!;
const progress = (note: string): void => port.postMessage({ type: "progress", note });

try {
  const loaded = (await import(task.module)) as Record<string, unknown>;
  const fn = loaded[task.exportName];
  if (typeof fn !== "function") throw new Error(`${task.module} has no function ${task.exportName}`);
  const value: unknown = await (fn as (input: unknown, p: typeof progress) => unknown)(task.input, progress);
  port.postMessage({ type: "done", value });
} catch (error) {
  port.postMessage({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
