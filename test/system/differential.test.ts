import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { analyzeFile, verdictOf } from "../../server/src/analysis.ts";
import { CORPUS_ROOT, CORPUS_SETS, corpusFiles, isMainConfig, virtualPath, type CorpusFile, type CorpusSet } from "../helpers/corpus.ts";
import { MemoryHost } from "../helpers/memoryHost.ts";
import { NamespaceError, namespaceUnavailable, NetworkNamespace } from "../helpers/netns.ts";
import { ADDRESSES, EnvironmentError, HOSTNAME, INTERFACES, keepalivedUnavailable, Stage, type Verdict } from "./keepalivedOracle.ts";

/*
 * Differential test: the real `keepalived -t` (Debian 2.2.7) against our verdict (verdictOf) on every corpus
 * file, in a network namespace that has the interfaces the configs name. A disagreement fails the test unless
 * differential-allowlist.json lists the file with our verdict and the reason (host-dependent checks, lint beyond
 * keepalived, known gaps). The table of every file is printed either way.
 */

type OurVerdict = "accept" | "reject";

const AllowList = z.object({
  $comment: z.string().optional(),
  entries: z.record(z.string(), z.object({ rc: z.number().int(), ours: z.enum(["accept", "reject"]), reason: z.string().min(10) })),
});
type AllowEntry = z.infer<typeof AllowList>["entries"][string];

const ALLOW_LIST_FILE = new URL("./differential-allowlist.json", import.meta.url);

interface Row {
  key: string;
  set: CorpusSet;
  rc: number | null;
  /** rc recorded in the corpus (manifest rc_netns, results.json), for spotting a drifting environment. */
  recorded: number | undefined;
  ours: OurVerdict;
  /** Codes of our errors and warnings: why we reject. */
  codes: string[];
  messages: string[];
  allowed: AllowEntry | undefined;
}

const keyOf = (file: CorpusFile): string => `${file.set}/${file.name}`;
const theirs = (rc: number | null): OurVerdict => (rc === 0 ? "accept" : "reject");

function recordedRcs(): Map<string, number> {
  const rcs = new Map<string, number>();
  const manifest = (set: CorpusSet, column: number): void => {
    const text = readFileSync(join(CORPUS_ROOT, set, "MANIFEST.txt"), "utf8");
    for (const line of text.split("\n")) {
      if (line.startsWith("#") || !line.includes(" | ")) continue;
      const cells = line.split(" | ");
      const rc = Number(cells[column]);
      if (Number.isInteger(rc)) rcs.set(`${set}/${cells[0]!.trim()}`, rc);
    }
  };
  manifest("keepalived-samples", 3);
  manifest("keepalived-wild", 5);
  const results = JSON.parse(readFileSync(join(CORPUS_ROOT, "keepalived-t-cases", "results.json"), "utf8")) as { cases: Array<{ file: string; rc: number }> };
  for (const c of results.cases) rcs.set(`keepalived-t-cases/${c.file}`, c.rc);
  return rcs;
}

function statusOf(row: Row): string {
  if (theirs(row.rc) === row.ours) return row.allowed === undefined ? "agree" : "agree (stale allow-list entry)";
  if (row.allowed?.ours === row.ours) return "allow-listed";
  return "DISAGREE";
}

function table(rows: Row[]): string {
  const lines = rows.map((r) => {
    const why = r.ours === "reject" ? r.codes.join(",") : "";
    const first = r.messages[0]?.slice(0, 70) ?? "";
    return `  ${r.key.padEnd(96).slice(0, 96)} rc=${String(r.rc).padEnd(4)} rec=${String(r.recorded ?? "-").padEnd(2)} ours=${r.ours.padEnd(6)} ${statusOf(r).padEnd(14)} ${why} | ${first}`;
  });
  return lines.join("\n");
}

function agreement(rows: Row[]): string {
  const agree = rows.filter((r) => theirs(r.rc) === r.ours).length;
  return `${agree}/${rows.length} agree (${rows.length === 0 ? 0 : Math.round((100 * agree) / rows.length)}%)`;
}

describe("differential: keepalived -t in a network namespace vs our verdict", function () {
  this.timeout(600_000);
  let ns: NetworkNamespace | undefined;
  let stage: Stage | undefined;
  const rows: Row[] = [];
  const allowList = AllowList.parse(JSON.parse(readFileSync(ALLOW_LIST_FILE, "utf8")));

  before(function () {
    const all = CORPUS_SETS.flatMap((set) => corpusFiles(set));
    const reason =
      namespaceUnavailable() ?? keepalivedUnavailable() ?? (all.length === 0 ? `the corpus is missing at ${CORPUS_ROOT}` : undefined);
    if (reason !== undefined) {
      console.log(`    skipped: ${reason}`);
      this.skip();
    }
    stage = new Stage(all);
    const mains = all.filter(isMainConfig);
    let verdicts: Map<string, Verdict>;
    try {
      ns = NetworkNamespace.create("kha-diff", { interfaces: INTERFACES, addresses: ADDRESSES });
      verdicts = stage.check(ns, mains.map(virtualPath), 540_000);
    } catch (error) {
      if (!(error instanceof NamespaceError || error instanceof EnvironmentError)) throw error;
      console.log(`    skipped: ${error.message}`);
      this.skip();
    }
    const present = ns.interfaces();
    assert.deepEqual(INTERFACES.filter((i) => !present.includes(i)), [], "interfaces missing in the namespace");
    const recorded = recordedRcs();
    // Our side reads the same files at the same paths, so includes resolve as keepalived's do.
    const files = all.map((f) => [virtualPath(f), readFileSync(f.path, "utf8")] as const);
    for (const file of mains) {
      const host = new MemoryHost(files);
      const analysis = analyzeFile(host.load(virtualPath(file))!, host, { version: "2.2", configId: HOSTNAME });
      const verdict = verdicts.get(virtualPath(file))!;
      const codes = [...new Set(analysis.diagnostics.filter((d) => d.severity === "error" || d.severity === "warning").map((d) => d.code))];
      rows.push({
        key: keyOf(file),
        set: file.set,
        rc: verdict.rc,
        recorded: recorded.get(keyOf(file)),
        ours: verdictOf(analysis.diagnostics),
        codes,
        messages: verdict.messages,
        allowed: allowList.entries[keyOf(file)],
      });
    }
  });

  after(() => {
    ns?.delete();
    stage?.remove();
    if (rows.length > 0) console.log(`\n  keepalived -t vs ours, all corpus files: ${agreement(rows)}`);
  });

  for (const set of CORPUS_SETS) {
    it(`${set}: every disagreement with keepalived is allow-listed`, () => {
      const mine = rows.filter((r) => r.set === set);
      assert.ok(mine.length > 0, `no files checked in ${set}`);
      console.log(`\n  ${set}: ${agreement(mine)}\n${table(mine)}`);
      const drift = mine.filter((r) => r.recorded !== undefined && r.recorded !== r.rc);
      if (drift.length > 0) console.log(`  note: keepalived's rc differs from the corpus record for ${drift.map((r) => `${r.key} (${r.recorded} -> ${r.rc})`).join(", ")}`);
      const unexplained = mine.filter((r) => statusOf(r) === "DISAGREE");
      assert.deepEqual(
        unexplained.map((r) => `${r.key}: keepalived rc ${r.rc}, ours ${r.ours}${r.codes.length > 0 ? ` (${r.codes.join(", ")})` : ""}`),
        [],
        "disagreements not in test/system/differential-allowlist.json",
      );
      // An entry whose disagreement is gone would hide a future regression in the other direction.
      assert.deepEqual(mine.filter((r) => statusOf(r).startsWith("agree (stale")).map((r) => r.key), [], "stale entries in test/system/differential-allowlist.json: remove them");
    });
  }

  it("keepalived ran on every file, in the environment the t-cases were recorded in", () => {
    assert.deepEqual(rows.filter((r) => r.rc === null).map((r) => r.key), [], "files without an exit code (keepalived did not run or timed out)");
    const rcOf = (name: string): number | null | undefined => rows.find((r) => r.key === `keepalived-t-cases/${name}`)?.rc;
    // Controls: a clean config with its scripts present passes, a missing interface and a missing script don't.
    assert.equal(rcOf("primary_pw8.conf"), 0, "primary_pw8.conf: scripts or interfaces missing in the namespace");
    assert.equal(rcOf("x_bad_interface.conf"), 5);
    assert.equal(rcOf("x_no_script_security.conf"), 6);
  });

  it("the allow-list names only corpus files that keepalived is run on", () => {
    const known = new Set(rows.map((r) => r.key));
    assert.deepEqual(Object.keys(allowList.entries).filter((k) => !known.has(k)), []);
  });
});
