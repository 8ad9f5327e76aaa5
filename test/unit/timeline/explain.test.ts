import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { main, type CliIo } from "../../../server/src/cli.ts";

/** `keepalived-ha explain`: the timeline of each pair on the command line. */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

async function explain(args: string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd };
  const code = await main(["explain", ...args], io);
  return { code, stdout, stderr };
}

describe("keepalived-ha explain", () => {
  it("explains the guide's pair from its folder, step by step", async () => {
    const run = await explain(["examples/guide"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, "");
    assert.match(run.stdout, /^EMQX_EDGE_HA: primary keepalived-primary\.conf, standby keepalived-standby\.conf\n/);
    assert.match(run.stdout, /check_emqx_edge \(every 2 s, fall 2, rise 1, timeout 5 s; weight -30: priority 100 -> 70, below the standby's 90\)/);
    assert.match(run.stdout, /fails on keepalived-primary\.conf -> VIP on keepalived-standby\.conf in 4\.6-7\.7 s/);
    assert.match(run.stdout, /recovers -> VIP on keepalived-primary\.conf in 2\.6-5\.7 s/);
    assert.match(run.stdout, /keepalived stops -> VIP on keepalived-standby\.conf in 0\.6 s/);
    assert.match(run.stdout, /link lost -> VIP on keepalived-standby\.conf in 2\.6-3\.7 s/);
  });

  it("gives the same timeline as JSON, in seconds", async () => {
    const run = await explain(["--format", "json", "examples/guide/keepalived-standby.conf", "examples/guide/keepalived-primary.conf"]);
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout) as { version: number; pairs: Array<{ primary: string; checks: Array<{ failover: { moves: boolean; window: { min: number; max: number } } }> }>; alone: string[] };
    assert.equal(json.version, 1);
    assert.equal(json.pairs.length, 1);
    assert.equal(json.pairs[0]!.primary, "keepalived-primary.conf");
    assert.deepEqual(json.pairs[0]!.checks[0]!.failover.window, { min: 4.648438, max: 7.648438 });
    assert.deepEqual(json.alone, []);
  });

  it("says when the VIP never moves, and why", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kha-explain-"));
    try {
      for (const role of ["primary", "standby"]) {
        const text = readFileSync(join(ROOT, `examples/guide/keepalived-${role}.conf`), "utf8").replace("weight -30", "weight -5");
        writeFileSync(join(dir, `keepalived-${role}.conf`), text);
      }
      const run = await explain(["."], dir);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /fails on keepalived-primary\.conf -> the VIP stays on keepalived-primary\.conf: check_emqx_edge failing leaves keepalived-primary\.conf at priority 95, not below the 90/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("exits 1 without a pair and 2 without a path", async () => {
    const alone = await explain(["examples/guide/keepalived-primary.conf"]);
    assert.equal(alone.code, 1);
    assert.match(alone.stdout, /No peer found for examples\/guide\/keepalived-primary\.conf/);
    assert.match(alone.stderr, /no primary\/standby pair/);
    const none = await explain([]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no file or directory given/);
  });
});
