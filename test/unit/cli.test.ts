import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { ALL_CODES, DIAGNOSTIC_CODES } from "../../server/src/checks/codes.ts";
import { main } from "../../server/src/cli.ts";

/**
 * The CLI as users run it: a child process, through the TypeScript entry with Node 24 and through the
 * launcher with the machine's old Node. Stdout, stderr and exit codes are the contract.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const NODE24 = join(root, "node_modules/.bin/node");
const ENTRY = join(root, "server/src/cli.ts");
const LAUNCHER = join(root, "bin/keepalived-ha.js");
const SYSTEM_NODE = "/usr/bin/node";
const FIXTURES = join(root, "test/fixtures/cli");
const PACKAGE_VERSION = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runWith(node: string, script: string, args: string[], cwd = root): Promise<Run> {
  const env = { ...process.env };
  delete env["KEEPALIVED_HA_REEXEC"];
  delete env["NODE_OPTIONS"];
  return new Promise((resolvePromise, reject) => {
    execFile(node, [script, ...args], { cwd, env, timeout: 30_000, encoding: "utf8" }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== "number") reject(error);
      else resolvePromise({ code: error === null ? 0 : Number(error.code), stdout, stderr });
    });
  });
}

const cli = (args: string[], cwd = root): Promise<Run> => runWith(NODE24, ENTRY, args, cwd);

/** A usage failure: exit 2, nothing on stdout, exactly one line on stderr, no stack trace. */
function assertUsageError(run: Run, pattern: RegExp): void {
  assert.equal(run.code, 2, `exit code; stderr: ${run.stderr}`);
  assert.equal(run.stdout, "");
  const lines = run.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, `one line on stderr, got:\n${run.stderr}`);
  assert.match(lines[0]!, /^keepalived-ha( \w+)?: /);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
}

const GUIDE_TEXT = [
  "examples/guide/keepalived-primary.conf:28:11 warning auth-pass-placeholder ",
  "examples/guide/keepalived-primary.conf:28:11 warning auth-pass-truncated ",
  "examples/guide/keepalived-standby.conf:27:11 warning auth-pass-placeholder ",
  "examples/guide/keepalived-standby.conf:27:11 warning auth-pass-truncated ",
];

function assertGuideText(run: Run): void {
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, "");
  const lines = run.stdout.trimEnd().split("\n");
  assert.equal(lines.length, GUIDE_TEXT.length + 1, run.stdout);
  GUIDE_TEXT.forEach((prefix, i) => assert.ok(lines[i]!.startsWith(prefix), `line ${i}: ${lines[i]}`));
  assert.equal(lines.at(-1), "2 files checked: 0 errors, 4 warnings, 0 information, 0 hints");
}

// The JSON contract, strict: an extra or missing field fails here before it breaks a consumer.
const position = z.object({ line: z.number().int().min(0), character: z.number().int().min(0) }).strict();
const range = z.object({ start: position, end: position }).strict();
const jsonReport = z
  .object({
    version: z.literal(1),
    files: z.array(
      z
        .object({
          path: z.string().min(1),
          diagnostics: z.array(
            z
              .object({
                code: z.enum(ALL_CODES as [string, ...string[]]),
                severity: z.enum(["error", "warning", "information", "hint"]),
                message: z.string().min(1),
                range,
                related: z.array(z.object({ path: z.string().min(1), range, message: z.string().min(1) }).strict()),
                data: z.record(z.string(), z.unknown()).optional(),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict();
type JsonReport = z.infer<typeof jsonReport>;

function parseJsonReport(run: Run): JsonReport {
  assert.equal(run.stderr, "");
  assert.equal(run.stdout.trim().split("\n").length, 1, "exactly one JSON document on one line");
  const parsed = jsonReport.safeParse(JSON.parse(run.stdout));
  assert.ok(parsed.success, parsed.success ? "" : JSON.stringify(parsed.error.issues, null, 2));
  return parsed.data;
}

describe("cli: keepalived-ha check", () => {
  it("reports the guide pair's auth_pass warnings and exits 0 (warnings are not errors)", async () => {
    assertGuideText(await cli(["check", "examples/guide"]));
  });

  it("gives the same result through bin/keepalived-ha.js started by the system Node (re-exec to Node 24)", async function () {
    if (!existsSync(SYSTEM_NODE)) this.skip();
    assertGuideText(await runWith(SYSTEM_NODE, LAUNCHER, ["check", "examples/guide"]));
  });

  it("refuses to run on an old Node when the package has no Node 24 to re-exec, with exit 2", async function () {
    if (!existsSync(SYSTEM_NODE)) this.skip();
    const version = await runWith(SYSTEM_NODE, "-p", ["process.versions.node"]);
    if (Number(version.stdout.split(".")[0]) >= 22) this.skip(); // the system Node is new enough: nothing to prove
    const dir = mkdtempSync(join(tmpdir(), "kha-cli-launcher-"));
    try {
      mkdirSync(join(dir, "bin"));
      cpSync(LAUNCHER, join(dir, "bin/keepalived-ha.js"));
      writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
      assertUsageError(await runWith(SYSTEM_NODE, join(dir, "bin/keepalived-ha.js"), ["check", "x.conf"], dir), /needs Node\.js 22 or newer/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("runs the bundled dist/cli.cjs (scripts/build.ts) where there is no TypeScript source", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kha-cli-dist-"));
    try {
      mkdirSync(join(dir, "bin"));
      mkdirSync(join(dir, "dist"));
      cpSync(LAUNCHER, join(dir, "bin/keepalived-ha.js"));
      writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
      writeFileSync(join(dir, "dist/cli.cjs"), "exports.run = async function run(argv) { console.log('bundle ' + argv.join(' ')); };\n");
      const run = await runWith(NODE24, join(dir, "bin/keepalived-ha.js"), ["check", "a.conf"], dir);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, "bundle check a.conf\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("exits 1 on a syntax error in a file named explicitly, whatever its extension", async () => {
    const run = await cli(["check", "test/fixtures/cli/syntax-error.cfg"]);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stderr, "");
    assert.match(run.stdout, /^test\/fixtures\/cli\/syntax-error\.cfg:1:1 error syntax-error Missing '}'/m);
    assert.match(run.stdout, /^1 file checked: 1 error, 0 warnings, 0 information, 0 hints$/m);
  });

  it("exits 2 with one line on stderr for a missing path", async () => {
    assertUsageError(await cli(["check", "examples/guide/keepalived-primary.conf", "no/such/keepalived.conf"]), /cannot read no\/such\/keepalived\.conf: no such file or directory/);
  });

  it("exits 2 for an unknown option, naming it and the options expected", async () => {
    assertUsageError(await cli(["check", "--bogus", "examples/guide"]), /unknown option --bogus \(expected --format, --keepalived-version, --config-id, --peers, --help\)/);
  });

  it("walks directories: keepalived names, modelines, includes; skips other files, node_modules and .git", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kha-cli-walk-"));
    try {
      cpSync(join(FIXTURES, "tree"), join(dir, "tree"), { recursive: true });
      // Broken copies where the walk must not look (git and npm cannot hold these in the repository).
      for (const hidden of ["node_modules/pkg", ".git/keepalived"]) {
        mkdirSync(join(dir, "tree", hidden), { recursive: true });
        writeFileSync(join(dir, "tree", hidden, "keepalived.conf"), "vrrp_instance {\n");
      }
      const run = await cli(["check", "--format", "json", "tree"], dir);
      assert.equal(run.code, 1, run.stderr);
      const report = parseJsonReport(run);
      assert.deepEqual(
        report.files.map((f) => f.path),
        [
          "tree/etc/keepalived/conf.d/vrrp.conf",
          "tree/etc/keepalived/keepalived.conf",
          "tree/etc/keepalived/scripts.inc", // not a config name: reached through `include`
          "tree/samples/keepalived.conf.vrrp",
          "tree/site/edge.cfg", // first line `# -*- keepalived -*-`
          "tree/site/keepalived-backup.conf",
          "tree/site/lb1.keepalived.conf",
        ],
      );
      const codes = Object.fromEntries(report.files.map((f) => [f.path, f.diagnostics.map((d) => d.code)]));
      assert.deepEqual(codes["tree/etc/keepalived/scripts.inc"], ["missing-keyword"]);
      assert.deepEqual(codes["tree/etc/keepalived/keepalived.conf"], ["vrid-conflict"]);
      assert.deepEqual(codes["tree/site/keepalived-backup.conf"], ["unknown-keyword"]);
      assert.deepEqual(codes["tree/site/edge.cfg"], []);
      // The included fragment is checked through its parent, not alone (where it would lack the parent's context).
      assert.deepEqual(codes["tree/etc/keepalived/conf.d/vrrp.conf"], []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("prints diagnostics of included files under their own path, sorted by file then position", async () => {
    const run = await cli(["check", "test/fixtures/cli/tree/etc/keepalived/keepalived.conf"]);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(
      run.stdout
        .trimEnd()
        .split("\n")
        .map((line) => line.split(" ").slice(0, 3).join(" ")),
      [
        "test/fixtures/cli/tree/etc/keepalived/keepalived.conf:11:21 error vrid-conflict",
        "test/fixtures/cli/tree/etc/keepalived/scripts.inc:1:13 error missing-keyword",
        "3 files checked:",
      ],
    );
  });

  it("writes the JSON report: every file, 0-based ranges, related locations, data", async () => {
    const guide = parseJsonReport(await cli(["check", "--format", "json", "examples/guide"]));
    assert.deepEqual(
      guide.files.map((f) => f.path),
      ["examples/guide/keepalived-primary.conf", "examples/guide/keepalived-standby.conf"],
    );
    const truncated = guide.files[0]!.diagnostics.find((d) => d.code === "auth-pass-truncated");
    assert.ok(truncated);
    assert.equal(truncated.severity, "warning");
    // Text says 28:11; LSP positions are 0-based. The range covers the 42-byte password.
    assert.deepEqual(truncated.range, { start: { line: 27, character: 10 }, end: { line: 27, character: 52 } });
    assert.deepEqual(truncated.related, []);
    assert.equal(truncated.data?.["kept"], "REPLACE_");

    const tree = parseJsonReport(await cli(["check", "--format", "json", "test/fixtures/cli/tree/etc/keepalived/keepalived.conf"]));
    const conflict = tree.files.flatMap((f) => f.diagnostics).find((d) => d.code === "vrid-conflict");
    assert.ok(conflict);
    assert.deepEqual(conflict.related, [
      {
        path: "test/fixtures/cli/tree/etc/keepalived/conf.d/vrrp.conf",
        range: { start: { line: 3, character: 20 }, end: { line: 3, character: 22 } },
        message: "VI_2 uses VRID 51",
      },
    ]);
    // Files without diagnostics are listed too.
    assert.deepEqual(
      tree.files.map((f) => [f.path, f.diagnostics.length]),
      [
        ["test/fixtures/cli/tree/etc/keepalived/conf.d/vrrp.conf", 0],
        ["test/fixtures/cli/tree/etc/keepalived/keepalived.conf", 1],
        ["test/fixtures/cli/tree/etc/keepalived/scripts.inc", 1],
      ],
    );
  });

  it("writes SARIF 2.1.0 with a rule per diagnostic code and 1-based regions", async () => {
    const target = "test/fixtures/cli/tree/etc/keepalived/keepalived.conf";
    const run = await cli(["check", "--format", "sarif", target]);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stderr, "");
    // The same check in-process gives the JSON report the SARIF must agree with.
    let stdout = "";
    await main(["check", "--format", "json", target], { stdout: (t) => void (stdout += t), stderr: () => {}, cwd: root });
    const json = parseJsonReport({ code: 1, stdout, stderr: "" });
    assertSarif(JSON.parse(run.stdout), json, root);
  });

  it("prints paths as given, or relative to the working directory", async () => {
    const site = join(FIXTURES, "tree/site");
    const up = await cli(["check", "../etc/keepalived/keepalived.conf"], site);
    assert.match(up.stdout, /^\.\.\/etc\/keepalived\/keepalived\.conf:11:21 error vrid-conflict /m);
    assert.match(up.stdout, /^\.\.\/etc\/keepalived\/scripts\.inc:1:13 error missing-keyword /m);

    const here = parseJsonReport(await cli(["check", "--format", "json", "."], join(FIXTURES, "tree/etc")));
    assert.deepEqual(
      here.files.map((f) => f.path),
      ["keepalived/conf.d/vrrp.conf", "keepalived/keepalived.conf", "keepalived/scripts.inc"],
    );

    const absolute = join(FIXTURES, "tree/etc/keepalived/keepalived.conf");
    const abs = parseJsonReport(await cli(["check", "--format", "json", absolute], site));
    assert.ok(abs.files.every((f) => f.path.startsWith("/")), JSON.stringify(abs.files.map((f) => f.path)));
  });

  it("prints --version", async () => {
    assert.deepEqual(await cli(["--version"]), { code: 0, stdout: `${PACKAGE_VERSION}\n`, stderr: "" });
  });
});

/** SARIF's required structure, checked by hand (no schema download), and its agreement with the JSON report. */
function assertSarif(sarif: unknown, json: JsonReport, cwd: string): void {
  // any: SARIF is untyped JSON here, and every field this reads is asserted on the way.
  const log = sarif as Record<string, any>;
  assert.equal(log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  assert.equal(log["version"], "2.1.0");
  assert.ok(Array.isArray(log["runs"]) && log["runs"].length === 1);
  const run = log["runs"][0];
  const driver = run.tool.driver;
  assert.equal(driver.name, "keepalived-ha");
  assert.equal(driver.version, PACKAGE_VERSION);
  if (driver.informationUri !== undefined) assert.ok(new URL(driver.informationUri).protocol.startsWith("http"));
  assert.deepEqual(
    driver.rules.map((r: { id: string }) => r.id),
    ALL_CODES,
  );
  for (const rule of driver.rules) {
    const info = DIAGNOSTIC_CODES[rule.id as keyof typeof DIAGNOSTIC_CODES];
    assert.equal(rule.shortDescription.text, info.summary);
    assert.equal(rule.defaultConfiguration.level, info.severity === "error" ? "error" : info.severity === "warning" ? "warning" : "note");
  }
  assert.equal(run.originalUriBaseIds["%SRCROOT%"].uri, new URL(`file://${cwd}/`).href);

  const expected = json.files.flatMap((f) => f.diagnostics.map((d) => ({ path: f.path, d })));
  assert.equal(run.results.length, expected.length);
  run.results.forEach((result: Record<string, any>, i: number) => {
    const { path, d } = expected[i]!;
    assert.equal(result["ruleId"], d.code);
    assert.equal(driver.rules[result["ruleIndex"]].id, d.code);
    assert.ok(["error", "warning", "note"].includes(result["level"]));
    assert.equal(result["message"].text, d.message);
    assert.equal(result["locations"].length, 1);
    const physical = result["locations"][0].physicalLocation;
    assert.equal(physical.artifactLocation.uri, path, "relative URI reference, no scheme");
    assert.equal(physical.artifactLocation.uriBaseId, "%SRCROOT%");
    assert.deepEqual(physical.region, {
      startLine: d.range.start.line + 1,
      startColumn: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
    });
    for (const value of Object.values(physical.region)) assert.ok(Number.isInteger(value) && (value as number) >= 1);
    assert.equal((result["relatedLocations"] ?? []).length, d.related.length);
  });
  assert.ok(run.results.some((r: { level: string }) => r.level === "error"));
}
