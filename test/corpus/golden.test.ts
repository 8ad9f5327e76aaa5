import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { verdictOf } from "../../server/src/analysis.ts";
import { analyzeCorpusFile, corpusAvailable, lineOf, T_CASES } from "./corpus.ts";

/**
 * The 97 golden cases: our verdict (any error or warning = reject) against `keepalived -t` (rc 0 = accept).
 * A disagreement must be on the reviewed allow-list with its reason, and an allow-listed case that starts to agree
 * fails too, so that the list stays true. Each case's diagnostics are pinned in golden-expectations.json, and every
 * line keepalived names must carry one of ours unless the table says why not.
 */

interface GoldenCase {
  file: string;
  description: string;
  rc: number;
  stderr?: string[];
  stderr_unique?: string[];
  stderr_unique_counts?: Record<string, number>;
}

interface AllowListEntry {
  file: string;
  keepalivedRc: number;
  ourVerdict: "accept" | "reject";
  category: "host-dependent" | "lint-beyond-keepalived";
  reason: string;
}

interface Expectation {
  diagnostics: string[];
  linesNotReported?: Record<string, string>;
}

const here = dirname(fileURLToPath(import.meta.url));
const allowList = JSON.parse(readFileSync(join(here, "golden-allow-list.json"), "utf8")) as AllowListEntry[];
const expectations = (JSON.parse(readFileSync(join(here, "golden-expectations.json"), "utf8")) as { cases: Record<string, Expectation> }).cases;
const cases: GoldenCase[] = corpusAvailable() ? (JSON.parse(readFileSync(join(T_CASES, "results.json"), "utf8")) as { cases: GoldenCase[] }).cases : [];

/** Lines keepalived names, as "N" in the case's own file or "FILE:N" in another; both message forms are read. */
function namedLines(c: GoldenCase): Set<string> {
  const messages = c.stderr ?? c.stderr_unique ?? Object.keys(c.stderr_unique_counts ?? {});
  const lines = new Set<string>();
  for (const message of messages) {
    const match = /^\((?:(.+?): )?Line (\d+)\)/.exec(message);
    if (match === null) continue;
    const file = match[1] === undefined ? c.file : basename(match[1]);
    lines.add(file === c.file ? match[2]! : `${file}:${match[2]}`);
  }
  return lines;
}

const verdicts = new Map<string, "accept" | "reject">();

describe("golden: keepalived -t cases", function () {
  before(function () {
    if (!corpusAvailable()) this.skip();
  });

  it("has 97 cases, each with an expectation, and an allow-list of known cases, one entry each", function () {
    if (!corpusAvailable()) this.skip();
    assert.equal(cases.length, 97);
    const files = new Set(cases.map((c) => c.file));
    assert.deepEqual(Object.keys(expectations).filter((f) => !files.has(f)), [], "expectations name only golden cases");
    const listed = allowList.map((e) => e.file);
    assert.equal(new Set(listed).size, listed.length, "one allow-list entry per case");
    for (const entry of allowList) {
      assert.ok(files.has(entry.file), `${entry.file} is a golden case`);
      assert.ok(["host-dependent", "lint-beyond-keepalived"].includes(entry.category), `${entry.file}: category`);
      assert.ok(/^[^\n]{20,}\.$/.test(entry.reason) && !/\. [A-Z]/.test(entry.reason), `${entry.file}: the reason is one sentence`);
    }
  });

  for (const c of cases) {
    it(`${c.file}: ${c.description} (keepalived -t: ${c.rc})`, () => {
      const path = join(T_CASES, c.file);
      const analysis = analyzeCorpusFile(path);
      const ours = verdictOf(analysis.diagnostics);
      verdicts.set(c.file, ours);
      const theirs = c.rc === 0 ? "accept" : "reject";
      const entry = allowList.find((e) => e.file === c.file);
      if (entry === undefined) {
        assert.equal(ours, theirs, `we ${ours}, keepalived ${theirs}s: fix the checks or allow-list the case with its reason`);
      } else {
        assert.notEqual(ours, theirs, "this allow-listed case now agrees: take it off the allow-list");
        assert.equal(entry.keepalivedRc, c.rc, "the allow-list records keepalived's exit code");
        assert.equal(entry.ourVerdict, ours, "the allow-list records our verdict");
      }

      const expected = expectations[c.file];
      assert.ok(expected !== undefined, "golden-expectations.json has this case");
      const reported = analysis.diagnostics
        .filter((d) => d.severity !== "hint")
        .map((d) => `${d.span.file === path ? "" : `${basename(d.span.file)}:`}${lineOf(analysis, d)} ${d.code} ${d.severity}`);
      assert.deepEqual([...reported].sort(), [...expected.diagnostics].sort(), "diagnostics as pinned in golden-expectations.json");

      const ourLines = new Set(analysis.diagnostics.map((d) => (d.span.file === path ? "" : `${basename(d.span.file)}:`) + String(lineOf(analysis, d))));
      const excused = expected.linesNotReported ?? {};
      const named = namedLines(c);
      const unreported = [...named].filter((line) => !ourLines.has(line) && excused[line] === undefined);
      assert.deepEqual(unreported, [], "a line keepalived names carries a diagnostic of ours, or the table says why not");
      for (const line of Object.keys(excused)) {
        assert.ok(named.has(line) && !ourLines.has(line), `line ${line} is excused only while keepalived names it and we do not`);
      }
    });
  }

  after(function () {
    if (verdicts.size === 0) return;
    const agree = cases.filter((c) => verdicts.get(c.file) === (c.rc === 0 ? "accept" : "reject")).length;
    console.log(`      golden: ${agree}/${cases.length} agree, ${allowList.length} allow-listed`);
  });
});
