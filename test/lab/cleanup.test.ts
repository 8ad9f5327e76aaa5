import { strict as assert } from "node:assert";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LabNetwork } from "./harness/network.ts";
import { labUnavailable } from "./harness/prerequisites.ts";
import { run } from "./harness/process.ts";

/*
 * The lab leaves nothing behind: a lab's namespaces, the programs still running in them and its folder go when
 * it is destroyed, and what a killed run left (its pid gone) goes before the next lab is built.
 */

function namespaces(): string[] {
  return run("ip", ["netns", "list"]).stdout.split("\n").map((l) => l.split(" ")[0]!).filter((n) => n !== "");
}

/** A pid that no process has: one of a program that has already exited. */
function deadPid(): number {
  const child = spawnSync("true");
  assert.equal(child.status, 0);
  return child.pid ?? 999_999;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `sleep 600` inside a namespace, resolved once it runs there (it says so before it execs). */
function sleeperIn(ns: string): Promise<ReturnType<typeof spawn>> {
  const child = spawn("ip", ["netns", "exec", ns, "sh", "-c", "echo inside; exec sleep 600"], { stdio: ["ignore", "pipe", "ignore"] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no sleeper in ${ns}`)), 5_000);
    child.stdout.once("data", () => {
      clearTimeout(timer);
      resolve(child);
    });
  });
}

/** Resolves when the process is gone; the exit event of a child is the only signal to wait on. */
function exited(child: ReturnType<typeof spawn>, deadlineMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pid ${child.pid} still runs after ${deadlineMs} ms`)), deadlineMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe("HA lab: cleanup", function () {
  this.timeout(30_000);
  const reason = labUnavailable();

  before(function () {
    if (reason !== undefined) {
      console.log(`      skipped: ${reason}`);
      this.skip();
    }
  });

  it("removes a killed run's namespaces, the programs left in them and its folder before building a lab", async () => {
    const stale = `kha-lab-${deadPid()}-1`;
    const ns = `${stale}-a`;
    const folder = join(tmpdir(), `${stale}-left`);
    assert.equal(run("ip", ["netns", "add", ns]).status, 0);
    mkdirSync(folder, { recursive: true });
    const orphan = await sleeperIn(ns);
    let lab: LabNetwork | undefined;
    try {
      lab = LabNetwork.create([{ name: "a", address: "192.168.78.10/24" }]);
      assert.ok(!namespaces().includes(ns), `${ns} removed`);
      assert.ok(!existsSync(folder), `${folder} removed`);
      await exited(orphan, 5_000);
    } finally {
      if (alive(orphan.pid!)) orphan.kill("SIGKILL");
      run("ip", ["netns", "delete", ns]);
      lab?.destroy();
    }
  });

  it("destroying a lab removes its namespaces, what runs in them and its folder", async () => {
    const lab = LabNetwork.create([
      { name: "a", address: "192.168.78.10/24" },
      { name: "b", address: "192.168.78.11/24" },
    ]);
    const mine = namespaces().filter((n) => n.startsWith(`${lab.id}-`));
    assert.deepEqual(mine.sort(), [`${lab.id}-a`, `${lab.id}-b`, `${lab.id}-sw`]);
    assert.deepEqual(lab.addresses("a"), ["192.168.78.10"]);
    const running = await sleeperIn(lab.namespace("b"));
    lab.destroy();
    await exited(running, 5_000);
    assert.deepEqual(namespaces().filter((n) => n.startsWith(`${lab.id}-`)), []);
    assert.ok(!existsSync(lab.folder), "the lab's folder is gone");
  });

  it("keeps the lab off the root namespace: no lab interface appears there", () => {
    const before = run("ip", ["-o", "link", "show"]).stdout;
    const lab = LabNetwork.create([{ name: "a", address: "192.168.78.10/24" }]);
    try {
      assert.equal(run("ip", ["-o", "link", "show"]).stdout, before);
    } finally {
      lab.destroy();
    }
  });
});
