import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { main, type CliIo } from "../../server/src/cli.ts";

/** `main` in-process: argument handling and messages, without the cost of a process per case. */

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function runMain(argv: string[], cwd = root, overrides: Partial<CliIo> = {}): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, ...overrides };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

function assertUsage(run: Captured, expected: string): void {
  assert.equal(run.code, 2);
  assert.equal(run.stdout, "");
  assert.equal(run.stderr, `${expected}\n`);
}

describe("cli: main", () => {
  it("explains each usage error in one line: what is wrong and what is expected", async () => {
    assertUsage(await runMain(["check", "--format", "xml", "examples/guide"]), "keepalived-ha check: --format: expected one of text, json, sarif (got 'xml')");
    assertUsage(
      await runMain(["check", "--keepalived-version=2.3", "examples/guide"]),
      "keepalived-ha check: --keepalived-version: expected one of 2.2, 2.4 (got '2.3')",
    );
    assertUsage(await runMain(["check", "--config-id=", "examples/guide"]), "keepalived-ha check: --config-id: must not be empty");
    assertUsage(
      await runMain(["check", "examples/guide", "--format"]),
      "keepalived-ha check: --format needs a value (text|json|sarif); write --format=VALUE if the value starts with '-'",
    );
    assertUsage(
      await runMain(["check", "--format", "--help", "x"]),
      "keepalived-ha check: --format needs a value (text|json|sarif); write --format=VALUE if the value starts with '-'",
    );
    assertUsage(await runMain(["check", "--help=yes"]), "keepalived-ha check: --help takes no value");
    assertUsage(await runMain(["check", "-x"]), "keepalived-ha check: unknown option -x (expected --format, --keepalived-version, --config-id, --peers, --help)");
    assertUsage(await runMain(["check"]), "keepalived-ha check: no file or directory given (expected e.g. keepalived-ha check /etc/keepalived)");
    assertUsage(await runMain(["check", ""]), "keepalived-ha check: an empty path was given");
    assertUsage(await runMain([]), "keepalived-ha: no command given (expected one of: check, fix, init, explain; see keepalived-ha --help)");
    assertUsage(await runMain(["lint"]), "keepalived-ha: unknown command 'lint' (expected one of: check, fix, init, explain; see keepalived-ha --help)");
    assertUsage(await runMain(["--fast"]), "keepalived-ha: unknown option --fast (expected a command: check, fix, init, explain; or --help, --version)");
    assertUsage(await runMain(["help", "lint"]), "keepalived-ha: unknown command 'lint' (expected one of: check, fix, init, explain)");
  });

  it("exits 2 for a directory that holds no keepalived configuration", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kha-cli-empty-"));
    try {
      writeFileSync(join(dir, "nginx.conf"), "server {\n}\n");
      const run = await runMain(["check", "."], dir);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /^keepalived-ha check: no keepalived configuration found in \. \(looked for keepalived\.conf, .*; see --help\); name files to check them whatever their name\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads a path named twice (or through a directory and by name) once", async () => {
    const run = await runMain(["check", "examples/guide", "examples/guide/keepalived-primary.conf", "./examples/guide/"]);
    assert.equal(run.code, 0);
    assert.equal(run.stdout.match(/keepalived-primary\.conf:28:11 warning auth-pass-truncated/g)?.length, 1);
    assert.match(run.stdout, /^2 files checked: /m);
  });

  it("passes --keepalived-version and --config-id to the checks", async () => {
    const newer = "test/fixtures/cli/newer-keyword.conf";
    assert.equal((await runMain(["check", newer])).code, 0);
    const old = await runMain(["check", "--keepalived-version", "2.2", newer]);
    assert.equal(old.code, 1);
    assert.match(old.stdout, /newer-keyword\.conf:2:3 error unknown-keyword 'use_symlink_paths' is a keyword of keepalived 2\.4, not 2\.2/);

    const ids = "test/fixtures/cli/config-ids.conf";
    assert.equal((await runMain(["check", "--config-id", "lb1", ids])).code, 0);
    assert.equal((await runMain(["check", "--config-id", "lb2", ids])).code, 1);
    const all = JSON.parse((await runMain(["check", "--format", "json", ids])).stdout) as {
      files: Array<{ diagnostics: Array<{ code: string; data?: { configIds?: unknown } }> }>;
    };
    assert.deepEqual(all.files[0]!.diagnostics.map((d) => [d.code, d.data?.configIds]), [["value-out-of-range", ["lb2"]]]);
  });

  it("prints help for the tool and for each command", async () => {
    const help = await runMain(["--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: keepalived-ha <command>/);
    assert.match(help.stdout, /^ {2}check +check keepalived configurations/m);
    const checkHelp = await runMain(["check", "--help"]);
    assert.equal(checkHelp.code, 0);
    assert.match(checkHelp.stdout, /^Usage: keepalived-ha check \[--format text\|json\|sarif\]/);
    assert.match(checkHelp.stdout, /keepalived-\*\.conf, \*\.keepalived\.conf, keepalived\.conf\.\*/);
    assert.match(checkHelp.stdout, /Exit status: 0 no errors/);
    assert.equal((await runMain(["help", "check"])).stdout, checkHelp.stdout);
    assert.equal((await runMain(["-h"])).stdout, help.stdout);
  });

  it("turns an internal failure into exit 2 and one line, without a stack trace", async () => {
    const run = await runMain(["check", "examples/guide"], root, {
      stdout: () => {
        throw new TypeError("stdout exploded");
      },
    });
    assertUsage(run, "keepalived-ha check: internal error: stdout exploded (set KEEPALIVED_HA_DEBUG=1 for details)");
  });

  it("prints a summary without problems", async () => {
    const run = await runMain(["check", "test/fixtures/cli/tree/site/lb1.keepalived.conf"]);
    assert.deepEqual(run, { code: 0, stdout: "1 file checked: no problems\n", stderr: "" });
  });
});
