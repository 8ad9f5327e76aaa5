/**
 * Runs every test suite in turn and prints one summary line ("N passed, N failed, N skipped").
 * Suites are mocha runs over folders of test/; a suite whose prerequisites are missing on this machine
 * reports its tests as pending (skipped) with the reason, never as passed.
 *
 *   node scripts/test.ts            all suites
 *   node scripts/test.ts unit lsp   only these
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

interface Suite {
  name: string;
  /** mocha spec globs, relative to the root */
  spec: string[];
}

/** Generous: the slowest suites (lab, vscode) take about 4 minutes on this kind of machine. */
const SUITE_TIMEOUT_MS = 20 * 60 * 1000;

const SUITES: Suite[] = [
  { name: "unit", spec: ["test/unit/**/*.test.ts"] },
  { name: "corpus", spec: ["test/corpus/**/*.test.ts"] },
  { name: "property", spec: ["test/property/**/*.test.ts"] },
  { name: "lsp", spec: ["test/lsp/**/*.test.ts"] },
  { name: "grammar", spec: ["test/grammar/**/*.test.ts"] },
  { name: "system", spec: ["test/system/**/*.test.ts"] },
  { name: "lab", spec: ["test/lab/**/*.test.ts"] },
  { name: "vscode", spec: ["test/vscode/**/*.test.ts"] },
];

interface Stats {
  passes: number;
  failures: number;
  pending: number;
}

function runSuite(suite: Suite): Stats | undefined {
  const files = suite.spec.filter((glob) => existsSync(join(root, glob.split("/**")[0]!)));
  if (files.length === 0) return undefined;
  const dir = mkdtempSync(join(tmpdir(), "kha-test-"));
  const statsFile = join(dir, "stats.json");
  console.log(`\n=== ${suite.name} ===`);
  const result = spawnSync(
    process.execPath,
    [join(root, "node_modules/mocha/bin/mocha.js"), "--config", join(root, ".mocharc.json"), "--reporter", join(root, "scripts/mocha-reporter.cjs"), "--reporter-option", `stats=${statsFile}`, ...suite.spec],
    // A suite that outlives its budget (a handle left open, a hung server) fails instead of stalling CI.
    { cwd: root, stdio: "inherit", env: process.env, timeout: SUITE_TIMEOUT_MS, killSignal: "SIGKILL" },
  );
  if (result.error !== undefined) console.error(`suite ${suite.name}: ${result.error.message}`);
  let stats: Stats = { passes: 0, failures: result.status === 0 ? 0 : 1, pending: 0 };
  if (existsSync(statsFile)) stats = JSON.parse(readFileSync(statsFile, "utf8")) as Stats;
  else if (result.status !== 0) console.error(`suite ${suite.name} ended with status ${result.status} before reporting`);
  rmSync(dir, { recursive: true, force: true });
  return stats;
}

const wanted = process.argv.slice(2);
const total: Stats = { passes: 0, failures: 0, pending: 0 };
const lines: string[] = [];
for (const suite of SUITES) {
  if (wanted.length > 0 && !wanted.includes(suite.name)) continue;
  const stats = runSuite(suite);
  if (stats === undefined) continue;
  total.passes += stats.passes;
  total.failures += stats.failures;
  total.pending += stats.pending;
  lines.push(`  ${suite.name.padEnd(9)} ${stats.passes} passed, ${stats.failures} failed, ${stats.pending} skipped`);
}
console.log(`\nSuites:\n${lines.join("\n")}`);
console.log(`\n${total.passes} passed, ${total.failures} failed, ${total.pending} skipped`);
process.exit(total.failures > 0 ? 1 : 0);
