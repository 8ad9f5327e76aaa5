import { strict as assert } from "node:assert";
import { readdirSync } from "node:fs";
import { basename } from "node:path";
import { FIXABLE_CODES, preferredFix } from "../../../server/src/fixes/index.ts";
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

function countIn(files: Files, groups: string[][], code: string, file: string): number {
  return checkSet(files, groups).filter((d) => d.code === code && d.span.file === file).length;
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
            const after = applyFix(files, fix);
            assert.ok(countIn(after, groups, d.code, d.span.file) < countBefore, `${d.code} still there after "${fix.title}"`);
            const failingAfter = failingCounts(checkSet(after, groups));
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
    for (let round = 0; round < 3; round++) {
      for (const d of checkSet(current)) {
        const fix = preferredFix(fixesOf(d, current));
        if (fix === undefined) continue;
        current = applyFix(current, fix);
        break;
      }
    }
    assert.ok(current !== files);
  });
});
