import { strict as assert } from "node:assert";
import fc from "fast-check";
import { generateFiles } from "../../server/src/generator/index.ts";
import { validSpecInput } from "../unit/generator/arbitraries.ts";
import { expandedSnippets } from "../unit/generator/snippetFiles.ts";
import { shellcheckProblems, specOf, toolUnavailable, yamllintProblems } from "../unit/generator/validators.ts";

/*
 * shellcheck (every severity, style included) on every generated script and every shell snippet; yamllint
 * (strict: warnings count) on every generated docker-compose.yml and the compose snippet. The generated files
 * come from the guide's setups, each service kind, and a seeded sample of property-drawn specs.
 */

const SAMPLED = 60;
const SEED = 20250116;

function generatedFiles(): Map<string, string> {
  const specs = [
    specOf({ interface: "eth0", primary: "192.168.1.10", standby: "192.168.1.11", vip: "192.168.1.100/24" }),
    specOf({ deployment: "docker" }),
    specOf({ service: "tcp:5432", primary: "10.0.0.2", standby: "10.0.0.3", vip: "10.0.0.50/24" }),
    specOf({ service: "http://127.0.0.1:8080/health?full=1&x=$y", primary: "10.0.0.2", standby: "10.0.0.3", vip: "10.0.0.50/24" }),
    specOf({ deployment: "docker", name: "a-cluster-name-of-thirty-two-chr", dockerSubnet: "10.200.0.0/16" }),
    ...fc.sample(validSpecInput, { numRuns: SAMPLED, seed: SEED }).map(specOf),
  ];
  // Keyed by content: the same script from two specs is checked once.
  const byContent = new Map<string, string>();
  specs.forEach((spec, i) => {
    for (const file of generateFiles(spec)) if (!byContent.has(file.content)) byContent.set(file.content, `spec #${i} ${file.path}`);
  });
  return byContent;
}

describe("generated scripts and compose files under shellcheck and yamllint", function () {
  this.timeout(120_000);
  const files = generatedFiles();
  const snippets = expandedSnippets();

  describe("shellcheck", () => {
    const reason = toolUnavailable("shellcheck");
    before(function () {
      if (reason !== undefined) this.skip();
    });
    const scripts = [...files].filter(([, name]) => name.endsWith(".sh"));
    it(reason === undefined ? `passes on ${scripts.length} distinct generated scripts` : `skipped: ${reason}`, () => {
      assert.ok(scripts.length >= 6, "check scripts of each service kind, notify and entrypoint");
      assert.deepEqual(scripts.flatMap(([content, name]) => shellcheckProblems(content, name)), []);
    });
    it(reason === undefined ? "passes on every shell snippet, expanded" : `skipped: ${reason}`, () => {
      const shell = snippets.filter((s) => s.languages.includes("shellscript"));
      assert.ok(shell.length >= 5);
      assert.deepEqual(shell.flatMap((s) => shellcheckProblems(`${s.expansion.text}\n`, s.name)), []);
    });
    it(reason === undefined ? "can fail" : `skipped: ${reason}`, () => {
      assert.notDeepEqual(shellcheckProblems("#!/bin/bash\necho $1\n", "bad.sh"), []);
    });
  });

  describe("yamllint", () => {
    const reason = toolUnavailable("yamllint");
    before(function () {
      if (reason !== undefined) this.skip();
    });
    const composes = [...files].filter(([, name]) => name.endsWith("docker-compose.yml"));
    it(reason === undefined ? `passes on ${composes.length} distinct generated docker-compose.yml` : `skipped: ${reason}`, () => {
      assert.ok(composes.length >= 2);
      assert.deepEqual(composes.flatMap(([content, name]) => yamllintProblems(content, name)), []);
    });
    it(reason === undefined ? "passes on the compose snippet, expanded" : `skipped: ${reason}`, () => {
      const compose = snippets.filter((s) => s.languages.includes("dockercompose"));
      assert.ok(compose.length >= 1);
      assert.deepEqual(compose.flatMap((s) => yamllintProblems(`${s.expansion.text}\n`, s.name)), []);
    });
    it(reason === undefined ? "can fail" : `skipped: ${reason}`, () => {
      assert.notDeepEqual(yamllintProblems("a: 1\na: 2\n", "bad.yml"), []);
    });
  });
});
