import { strict as assert } from "node:assert";
import { readdirSync } from "node:fs";
import { basename } from "node:path";
import { FIXABLE_CODES, preferredFix } from "../../../server/src/fixes/index.ts";
import type { Diagnostic } from "../../../server/src/checks/diagnostic.ts";
import type { Fix } from "../../../server/src/fixes/index.ts";
import { applyFix, checkSet, failingCounts, fixesOf, loadSet, PAIR_FIXTURES, type Files } from "./harness.ts";

/**
 * Table-driven over every fixture set in test/fixtures/pair: each offered fix of each diagnostic is applied to
 * a copy of the set, which is checked again. The diagnostic's code must have fewer occurrences in its file, and
 * no code may have more errors or warnings than before. Every fixable code must be exercised by some fixture.
 */

const sets = readdirSync(PAIR_FIXTURES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

const exercised = new Set<string>();

function countIn(after: readonly Diagnostic[], code: string, file: string): number {
  return after.filter((d) => d.code === code && d.span.file === file).length;
}

/** Where an offset of `file` is after `fix`: moved by the edits before it; inside an edit, that edit's start. */
function mapped(fix: Fix, file: string, offset: number): number {
  let shift = 0;
  for (const e of fix.edits.filter((x) => x.file === file).sort((a, b) => a.start - b.start)) {
    if (e.end <= offset && !(e.start === e.end && e.start === offset)) shift += e.newText.length - (e.end - e.start);
    else if (e.start <= offset && offset < e.end) return e.start + shift;
  }
  return offset + shift;
}

describe("every offered fix", () => {
  for (const name of sets) {
    describe(name, () => {
      const { files, groups } = loadSet(name);
      const before = checkSet(files, groups);
      const failingBefore = failingCounts(before);
      const withFixes = before.map((d) => ({ d, fixes: fixesOf(d, files) })).filter((x) => x.fixes.length > 0);

      it("offers fixes", () => assert.ok(withFixes.length > 0, `no fix offered in ${name}`));

      for (const { d, fixes } of withFixes) {
        const countBefore = before.filter((x) => x.code === d.code && x.span.file === d.span.file).length;
        for (const fix of fixes) {
          it(`${d.code} in ${basename(d.span.file)}: ${fix.title}`, () => {
            exercised.add(d.code);
            const after = checkSet(applyFix(files, fix), groups);
            assert.ok(countIn(after, d.code, d.span.file) < countBefore, `${d.code} still there after "${fix.title}"`);
            // The very diagnostic is gone, not another of its code: none is left where it was saying the same (two
            // diagnostics may share a place: a virtual_server lacking two keywords, two scripts' weights).
            const at = mapped(fix, d.span.file, d.span.start);
            const same = after.find((x) => x.code === d.code && x.span.file === d.span.file && x.span.start === at && x.message === d.message);
            assert.equal(same, undefined, `"${fix.title}" left ${d.code} where it was: ${same?.message}`);
            const failingAfter = failingCounts(after);
            for (const [code, count] of failingAfter) {
              assert.ok(count <= (failingBefore.get(code) ?? 0), `"${fix.title}" made ${code} go from ${failingBefore.get(code) ?? 0} to ${count}`);
            }
          });
        }
      }

      it("marks at most one fix preferred per diagnostic", () => {
        for (const { fixes } of withFixes) assert.ok(fixes.filter((f) => f.preferred === true).length <= 1);
      });
    });
  }

  // Mocha runs a suite's own tests before its child suites: this one must come after the sets.
  describe("coverage", () => {
    it("exercises every fixable code", () => {
      const missing = FIXABLE_CODES.filter((c) => !exercised.has(c));
      assert.deepEqual(missing, [], `codes with fixes but no fixture: ${missing.join(", ")}`);
    });
  });

  it("applies the preferred fixes of a set together like `keepalived-ha fix`: the guide pair comes out clean", () => {
    const { files } = loadSet("guide-mismatch");
    let current = files;
    // One preferred fix at a time, re-checking after each, until none is left (bounded: a fix that undid another
    // would loop).
    for (let round = 0; round < 50; round++) {
      const fix = checkSet(current).map((d) => preferredFix(fixesOf(d, current))).find((f) => f !== undefined);
      if (fix === undefined) break;
      current = applyFix(current, fix);
    }
    assert.ok(current !== files, "some fix applied");
    // Clean: what is left is the guide's placeholder passwords' kind of advice at most, no error or warning.
    const left = checkSet(current).filter((d) => d.severity === "error" || d.severity === "warning");
    assert.deepEqual(left.map((d) => `${basename(d.span.file)} ${d.code}: ${d.message}`), []);
  });
});
