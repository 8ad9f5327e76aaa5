import { strict as assert } from "node:assert";
import { runBounded, valueOf, type Limits } from "../helpers/bounded.ts";
import type { ExtremeName, ExtremeSummary } from "./extremes.ts";

/*
 * Each input runs in a worker with a stack as small as the language server's and limits on time and memory, so
 * a blow-up fails its own test with a reason instead of hanging or killing mocha. The limits are far above what
 * the input needs when the engine is linear: they catch exponential or quadratic behaviour, they do not time it.
 */

const MODULE = new URL("./extremes.ts", import.meta.url);
const SMALL: Limits = { timeoutMs: 15_000, memoryMb: 1024 };
const BIG: Limits = { timeoutMs: 60_000, memoryMb: 3072 };

async function summary(fn: "parseExtreme" | "analyzeExtreme", name: ExtremeName, limits: Limits): Promise<ExtremeSummary> {
  return valueOf(await runBounded<ExtremeSummary>(MODULE, fn, name, limits), `${fn}(${name})`);
}

function assertSound(s: ExtremeSummary): void {
  assert.equal(s.threw, undefined, `threw: ${s.threw}`);
  assert.equal(s.internalParserError, false, "the parser gave up (Internal parser error), leaving an empty tree");
  assert.deepEqual(s.problems, [], "spans outside their document");
}

describe("extreme inputs", () => {
  describe("10,000 nested blocks", () => {
    for (const fn of ["parseExtreme", "analyzeExtreme"] as const) {
      it(`${fn}: 'a {' x 10000 then '}' x 10000 gives a tree with every block closed`, async function () {
        this.timeout(SMALL.timeoutMs + 10_000);
        const s = await summary(fn, "nested-closed", SMALL);
        assertSound(s);
        assert.equal(s.syntaxErrors["unclosed-block"] ?? 0, 0);
        assert.equal(s.syntaxErrors["extra-close"] ?? 0, 0);
      });

      it(`${fn}: 'a {' x 10000, never closed, reports the unclosed blocks`, async function () {
        this.timeout(SMALL.timeoutMs + 10_000);
        const s = await summary(fn, "nested-unclosed", SMALL);
        assertSound(s);
        assert.ok((s.syntaxErrors["unclosed-block"] ?? 0) >= 1, `no unclosed-block error: ${JSON.stringify(s.syntaxErrors)}`);
      });

      it(`${fn}: 10000 '{' and '}' on one line`, async function () {
        this.timeout(SMALL.timeoutMs + 10_000);
        const s = await summary(fn, "nested-inline", SMALL);
        assertSound(s);
        assert.equal(s.syntaxErrors["unclosed-block"] ?? 0, 0);
      });
    }
  });

  describe("10 MB files", () => {
    for (const name of ["10mb-one-line", "10mb-comments", "10mb-one-value-block", "10mb-config"] as const) {
      it(`analyzeFile returns on ${name}`, async function () {
        this.timeout(BIG.timeoutMs + 10_000);
        const s = await summary("analyzeExtreme", name, BIG);
        assertSound(s);
        assert.ok(s.length >= 10 * 1024 * 1024);
      });
    }
  });

  describe("preprocessor blow-ups", () => {
    it("30 levels of definitions that each double the previous one ('billion laughs')", async function () {
      this.timeout(SMALL.timeoutMs + 10_000);
      assertSound(await summary("analyzeExtreme", "doubling-definitions", SMALL));
    });

    it("three nested ~SEQ of 100,000 values each", async function () {
      this.timeout(SMALL.timeoutMs + 10_000);
      assertSound(await summary("analyzeExtreme", "sequence-product", SMALL));
    });
  });

  describe("counterexamples the properties found", () => {
    const cases: Array<[ExtremeName, string]> = [
      ["self-doubling-definition", "a definition using itself twice ($A=x $A $A) doubles at each expansion level"],
      ["self-referencing-block-definition", "a self-referencing definition holding a brace is re-parsed level after level"],
      ["definition-in-expanded-block", "a definition produced by an expansion keeps a span inside the file"],
      ["undefined-use-in-reparsed-definition", "an undefined ${A} inside re-parsed expanded text keeps a span inside the file"],
      ["undefined-use-in-expanded-sequence", "an undefined ${X} in an expanded ~SEQ line keeps a span inside the file"],
    ];
    for (const [name, what] of cases) {
      it(what, async function () {
        this.timeout(SMALL.timeoutMs + 10_000);
        assertSound(await summary("analyzeExtreme", name, SMALL));
      });
    }
  });
});
