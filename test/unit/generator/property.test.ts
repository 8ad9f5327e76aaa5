import { strict as assert } from "node:assert";
import fc from "fast-check";
import { SPEC_FIELDS, generateFiles, parseSpec } from "../../../server/src/generator/index.ts";
import { validSpecInput } from "./arbitraries.ts";
import { composeProblems, dockerfileProblems, keepalivedProblems } from "./validators.ts";

/**
 * Property: every valid spec gives a pair that our own checks find free of errors and warnings, whose two files
 * agree on what must agree, and whose weight moves the VIP. And no input at all makes the spec parser throw.
 */

const SPEC_RUNS = 300;

function field(text: string, keyword: string): string | undefined {
  return new RegExp(`^\\s*${keyword}\\s+(\\S+)`, "m").exec(text)?.[1];
}

describe("generator properties", function () {
  this.timeout(120_000);

  it(`every valid spec generates a clean, consistent pair (${SPEC_RUNS} specs)`, () => {
    let docker = 0;
    fc.assert(
      fc.property(validSpecInput, (input) => {
        const result = parseSpec(input);
        assert.ok(result.success, `valid input rejected: ${JSON.stringify(input)} ${result.success ? "" : JSON.stringify(result.issues)}`);
        const spec = result.spec;
        const files = generateFiles(spec);
        const configs = files.filter((f) => f.kind === "keepalived-primary" || f.kind === "keepalived-standby");
        assert.equal(configs.length, 2);
        assert.deepEqual(keepalivedProblems(configs.map((f) => ({ path: `/gen/${f.path}`, text: f.content }))), []);

        const [primary, standby] = configs.map((f) => f.content) as [string, string];
        for (const keyword of ["virtual_router_id", "auth_pass", "advert_int", "interface", "auth_type"]) {
          assert.equal(field(primary, keyword), field(standby, keyword), keyword);
        }
        assert.equal(field(primary, "unicast_src_ip"), spec.primary);
        assert.equal(field(standby, "unicast_src_ip"), spec.standby);
        assert.ok(Buffer.byteLength(spec.password) <= 8);
        assert.ok(spec.priorityPrimary + spec.weight < spec.priorityStandby, "a failing check moves the VIP");
        if (input.weight !== undefined) assert.equal(spec.weight, input.weight, "a valid weight is kept as given");

        for (const f of files) assert.equal(f.mode, f.path.endsWith(".sh") ? 0o755 : 0o644, f.path);
        if (spec.deployment === "docker") {
          docker++;
          assert.deepEqual(composeProblems(files.find((f) => f.kind === "compose")!.content), []);
          assert.deepEqual(dockerfileProblems(files.find((f) => f.kind === "dockerfile")!.content), []);
        }
      }),
      { numRuns: SPEC_RUNS },
    );
    assert.ok(docker > SPEC_RUNS / 5, `Docker specs were drawn too (${docker})`);
  });

  it("never throws on any input, and every issue names a field and says what is expected", () => {
    const anyValue = fc.oneof(fc.anything(), fc.string(), fc.integer(), fc.constant(undefined));
    const input = fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom(...SPEC_FIELDS, "bogus"), anyValue), validSpecInput.chain((valid) => fc.record({ valid: fc.constant(valid), key: fc.constantFrom(...SPEC_FIELDS), value: anyValue }).map(({ valid, key, value }) => ({ ...valid, [key]: value }))));
    fc.assert(
      fc.property(input, (value) => {
        const result = parseSpec(value);
        if (result.success) return;
        assert.ok(result.issues.length > 0);
        for (const issue of result.issues) {
          assert.ok(SPEC_FIELDS.includes(issue.field), issue.field);
          assert.match(issue.message, /expected|must|at most|missing|reserved/, issue.message);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
