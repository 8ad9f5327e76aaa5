import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CORPUS_ROOT } from "../helpers/corpus.ts";

/** The committed keyword table is exactly what scripts/generate-catalog.ts makes of the corpus's facts. */

const SCRIPT = fileURLToPath(new URL("../../scripts/generate-catalog.ts", import.meta.url));
const FACTS = join(CORPUS_ROOT, "keepalived-keywords.json");

function check(facts: string): { status: number | null; out: string } {
  const run = spawnSync(process.execPath, [SCRIPT, "--check", facts], { encoding: "utf8" });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

describe("keyword catalog", () => {
  before(function () {
    if (!existsSync(FACTS)) {
      console.log(`      skipped: no ${FACTS}`);
      this.skip();
    }
  });

  it("keywords.generated.json is what the facts of the real parser give (npm run catalog)", () => {
    const result = check(FACTS);
    assert.equal(result.status, 0, result.out);
  });

  it("the check notices a table that drifted from the facts", () => {
    const facts = JSON.parse(readFileSync(FACTS, "utf8")) as { top_level: unknown[] };
    facts.top_level = facts.top_level.slice(1);
    const changed = join(mkdtempSync(join(tmpdir(), "kha-catalog-")), "keepalived-keywords.json");
    writeFileSync(changed, JSON.stringify(facts));
    assert.equal(check(changed).status, 1);
  });
});
