import { strict as assert } from "node:assert";
import { join } from "node:path";
import { verdictOf } from "../../server/src/analysis.ts";
import { analyzeCorpusFile, CORPUS, corpusAvailable, lineOf, readManifest } from "./corpus.ts";

/**
 * The upstream samples and the configs from the wild: every file is read without a crash, and a file that
 * `keepalived -t` accepts (in a namespace with the interfaces it names) gets no syntax-error, no unknown-keyword
 * and no error at all from us.
 */
for (const set of ["keepalived-samples", "keepalived-wild"]) {
  describe(`corpus: ${set}`, function () {
    before(function () {
      if (!corpusAvailable()) this.skip();
    });
    const dir = join(CORPUS, set);
    const rows = corpusAvailable() ? readManifest(dir) : [];
    it("lists files in its manifest", function () {
      if (!corpusAvailable()) this.skip();
      assert.ok(rows.length > 20, `${rows.length} rows`);
    });
    for (const row of rows) {
      it(`${row.file} (keepalived -t: ${row.rcNetns})`, () => {
        const analysis = analyzeCorpusFile(join(dir, row.file));
        assert.ok(analysis.renderings.length > 0);
        if (row.rcNetns !== 0) return;
        const wrong = analysis.diagnostics.filter((d) => d.code === "syntax-error" || d.code === "unknown-keyword" || d.severity === "error");
        assert.deepEqual(wrong.map((d) => `${lineOf(analysis, d)}: ${d.code}: ${d.message}`), [], "keepalived accepts this file");
      });
    }
    after(function () {
      if (rows.length === 0) return;
      // Not a pass/fail figure: warnings beyond keepalived (script security, placeholders) may reject what it accepts.
      const agree = rows.filter((row) => (verdictOf(analyzeCorpusFile(join(dir, row.file)).diagnostics) === "accept") === (row.rcNetns === 0)).length;
      console.log(`      ${set}: ${agree}/${rows.length} verdicts agree with keepalived -t (netns)`);
    });
  });
}
