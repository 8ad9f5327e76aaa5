import { strict as assert } from "node:assert";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeFile } from "../../server/src/analysis.ts";
import type { Diagnostic } from "../../server/src/checks/diagnostic.ts";
import { checkWithPairs } from "../../server/src/pair/combine.ts";
import { analyzePairs } from "../../server/src/pair/index.ts";
import { DiskHost } from "../../server/src/workspace/diskHost.ts";
import { CORPUS } from "./corpus.ts";
import { preferredFix } from "../../server/src/fixes/index.ts";
import { MemoryHost } from "../helpers/memoryHost.ts";
import { applyFix, fixesOf } from "../unit/fixes/harness.ts";

/**
 * The primary/standby pairs among the wild configs (master/slave and node pairs from public repositories),
 * checked together as one workspace. What the pair checks find is pinned exactly, so that a false diagnostic on
 * a consistent pair (Glf9832: only the information that preempt is implicit) fails here.
 */

const WILD = join(CORPUS, "keepalived-wild");
const GLF = "Glf9832__keepalived_redis_nginx__";
const DIGG = "diggzhang__keepalived_mysql_master_slave__keepalive__";
const DENIS = "DenisSubbota__keepalived_configs__keepalived-mysql-vip-poc__configs__keepalived.conf.node-10.30.50.";

const PAIRS: Record<string, [string, string]> = {
  Glf9832: [`${GLF}master__keepalived__keepalived.conf`, `${GLF}slave__keepalived__keepalived.conf`],
  diggzhang: [`${DIGG}master__keepalived.conf`, `${DIGG}slave__keepalived.conf`],
  DenisSubbota: [`${DENIS}115`, `${DENIS}117`],
};

/** [file, 1-based line, code, severity] of every pair diagnostic of the whole wild set. */
const EXPECTED: Array<[string, number, string, string]> = [
  // Both nodes start as MASTER with priority 10 for the writer VIP, and tie at 10 for the reader VIP.
  [`${DENIS}115`, 18, "both-master", "warning"],
  [`${DENIS}117`, 18, "both-master", "warning"],
  [`${DENIS}115`, 21, "priority-tie", "warning"],
  [`${DENIS}117`, 21, "priority-tie", "warning"],
  [`${DENIS}115`, 47, "priority-tie", "warning"],
  [`${DENIS}117`, 47, "priority-tie", "warning"],
  // Consistent: VRID, auth, VIP, unicast mirrored, 100/98 with a fault-mode check. Only the implicit preempt.
  [`${GLF}master__keepalived__keepalived.conf`, 12, "preempt-missing", "information"],
  [`${GLF}slave__keepalived__keepalived.conf`, 12, "preempt-missing", "information"],
  // weight 2 with priorities 150/100: a failing check leaves the master at 150, far above 102; nopreempt keeps
  // the VIP on the slave after a failover.
  [`${DIGG}master__keepalived.conf`, 8, "weight-too-small", "warning"],
  [`${DIGG}slave__keepalived.conf`, 19, "weight-too-small", "warning"],
  [`${DIGG}master__keepalived.conf`, 21, "preempt-missing", "warning"],
  [`${DIGG}slave__keepalived.conf`, 19, "preempt-missing", "warning"],
  // A per-node template whose peer (10.20.30.11) is not in the corpus.
  ["DenisSubbota__keepalived_configs__keepalived.conf.template", 101, "peer-not-found", "information"],
];

const host = new DiskHost();
const analyze = (name: string) => analyzeFile(host.load(join(WILD, name))!, host, { version: "2.2" });
const where = (d: Diagnostic): [string, number, string, string] => [d.span.file.slice(WILD.length + 1), host.load(d.span.file)!.lines.positionAt(d.span.start).line + 1, d.code, d.severity];

describe("wild primary/standby pairs", function () {
  before(function () {
    if (!existsSync(WILD)) this.skip();
  });

  it("finds exactly the known pairs and problems in the whole wild set", () => {
    const names = readdirSync(WILD).filter((f) => f !== "MANIFEST.txt").sort();
    const analyses = names.map(analyze);
    const result = analyzePairs(analyses, {}, analyses.flatMap((a) => a.diagnostics));
    const clusters = result.clusters.map((c) => c.members.map((m) => `${m.node.file.slice(WILD.length + 1)}:${m.name}`)).sort();
    assert.deepEqual(clusters, [
      [`${DENIS}115:VI_MYSQL_READER`, `${DENIS}117:VI_MYSQL_READER`],
      [`${DENIS}115:VI_MYSQL_WRITER`, `${DENIS}117:VI_MYSQL_WRITER`],
      [`${GLF}master__keepalived__keepalived.conf:rk`, `${GLF}slave__keepalived__keepalived.conf:rk`],
      [`${DIGG}master__keepalived.conf:VI_1`, `${DIGG}slave__keepalived.conf:VI_1`],
    ]);
    assert.deepEqual(result.diagnostics.map(where), EXPECTED);
  });

  for (const [name, [a, b]] of Object.entries(PAIRS)) {
    it(`${name}: the pair alone gives what it gives in the whole set, and its preferred fixes leave no pair warning`, () => {
      const alone = analyzePairs([analyze(a), analyze(b)]).diagnostics.map(where);
      assert.deepEqual(alone, EXPECTED.filter(([file]) => file === a || file === b));
      let files = new Map([a, b].map((n) => [join(WILD, n), readFileSync(join(WILD, n), "utf8")]));
      const roles = ["both-master", "priority-tie", "weight-too-small", "preempt-missing"];
      const pairProblems = (): Diagnostic[] => {
        const h = new MemoryHost(files);
        const analyses = [...files.keys()].map((f) => analyzeFile(h.load(f)!, h, { version: "2.2" }));
        return checkWithPairs(analyses).diagnostics;
      };
      for (let round = 0; round < 10; round++) {
        const next = pairProblems().find((d) => d.severity !== "information" && roles.includes(d.code) && preferredFix(fixesOf(d, files)) !== undefined);
        if (next === undefined) break;
        files = applyFix(files, preferredFix(fixesOf(next, files))!);
      }
      const left = pairProblems().filter((d) => roles.includes(d.code) && d.severity !== "information");
      assert.deepEqual(left.map((d) => d.code), []);
    });
  }
});

