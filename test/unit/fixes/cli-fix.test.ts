import { strict as assert } from "node:assert";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main, type CliIo } from "../../../server/src/cli.ts";
import { execFileSync } from "node:child_process";
import { unifiedDiff } from "../../../server/src/fixes/diff.ts";
import { applyEdits } from "../../../server/src/fixes/index.ts";
import { PAIR_FIXTURES } from "./harness.ts";

/** `keepalived-ha check` with pairs and `keepalived-ha fix`, in-process, on copies of the fixture sets. */

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], cwd: string): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd };
  return { code: await main(argv, io), stdout, stderr };
}

/** A temporary directory holding `set/` copied from test/fixtures/pair/<set>. */
function copySet(set: string, names = ["keepalived-primary.conf", "keepalived-standby.conf"]): string {
  const dir = mkdtempSync(join(tmpdir(), "kha-fix-"));
  for (const name of names) {
    const target = join(dir, name);
    copyFileSync(join(PAIR_FIXTURES, set, name), target);
  }
  return dir;
}

/** A small deterministic generator, so that a failing case can be replayed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
}

const read = (dir: string, name: string): string => readFileSync(join(dir, name), "utf8");

describe("cli: check with pairs, fix", () => {
  it("check reports pair problems on both files of a directory, with the peer's line as related, JSON shape unchanged", async () => {
    const dir = copySet("guide-mismatch");
    const result = await run(["check", "--format", "json", "."], dir);
    assert.equal(result.code, 1, result.stderr);
    const report = JSON.parse(result.stdout) as { version: number; files: Array<{ path: string; diagnostics: Array<{ code: string; related: Array<{ path: string }> }> }> };
    assert.equal(report.version, 1);
    for (const file of report.files) {
      const vrid = file.diagnostics.find((d) => d.code === "vrid-mismatch");
      assert.ok(vrid !== undefined, `${file.path} has vrid-mismatch`);
      assert.equal(vrid.related.length, 1);
      assert.notEqual(vrid.related[0]!.path, file.path);
    }
  });

  it("check --peers pairs files whose addresses do not tell, and is repeatable", async () => {
    const dir = copySet("collision", ["keepalived-web.conf", "keepalived-db.conf"]);
    const alone = await run(["check", "keepalived-web.conf"], dir);
    assert.doesNotMatch(alone.stdout, /vip-mismatch/);
    const grouped = await run(["check", "--peers", "keepalived-web.conf,keepalived-db.conf", "--peers", "keepalived-db.conf,keepalived-web.conf"], dir);
    assert.match(grouped.stdout, /keepalived-web\.conf:\d+:\d+ error vip-mismatch/);
    assert.match(grouped.stdout, /keepalived-db\.conf:\d+:\d+ error vip-mismatch/);
    const bad = await run(["check", "--peers", "keepalived-web.conf", "."], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--peers: expects two or more files/);
  });

  it("fix --dry-run prints a unified diff of the preferred fixes and writes nothing", async () => {
    const dir = copySet("guide-mismatch");
    const before = read(dir, "keepalived-standby.conf");
    const result = await run(["fix", "--dry-run", "."], dir);
    assert.equal(read(dir, "keepalived-standby.conf"), before, "nothing written");
    assert.match(result.stdout, /^--- keepalived-primary\.conf\n\+\+\+ keepalived-primary\.conf\n@@ /m);
    assert.match(result.stdout, /^-virtual_router_id 52\n\+virtual_router_id 51$/m);
    assert.match(result.stderr, /\(dry run: nothing written\); left: no problems/);
    assert.equal(result.code, 0, "no error would be left");
  });

  it("fix writes the preferred fixes, keeps every other byte, and the pair checks clean afterwards", async () => {
    const dir = copySet("guide-mismatch");
    const primary = read(dir, "keepalived-primary.conf");
    const standby = read(dir, "keepalived-standby.conf");
    const result = await run(["fix", "."], dir);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /vrid-mismatch: Set virtual_router_id 51/);
    const fixedPrimary = read(dir, "keepalived-primary.conf");
    const fixedStandby = read(dir, "keepalived-standby.conf");
    const password = /auth_pass (\S+)/.exec(fixedPrimary)![1]!;
    assert.match(password, /^[A-Za-z0-9]{8}$/);
    assert.equal(/auth_pass (\S+)/.exec(fixedStandby)![1], password, "one password in both files");
    // Only the words meant changed: the primary differs in its password alone, comments included.
    assert.equal(fixedPrimary, primary.replace("REPLACE_WITH_YOUR_OWN_SHARED_VRRP_PASSWORD", password));
    const expected = standby
      .replace("virtual_router_id 52", "virtual_router_id 51")
      .replace("advert_int 2", "advert_int 1")
      .replace("192.168.1.12", "192.168.1.10")
      .replace("REPLACE_WITH_YOUR_OWN_SHARED_VRRP_PASSWORD", password)
      .replace("192.168.1.101/24", "192.168.1.100/24");
    assert.equal(fixedStandby, expected);
    const check = await run(["check", "."], dir);
    assert.equal(check.stdout, "2 files checked: no problems\n");
  });

  it("fix keeps CRLF line breaks and never touches a file that does not parse cleanly", async () => {
    const dir = copySet("guide-mismatch");
    const crlf = read(dir, "keepalived-standby.conf").replace(/\n/g, "\r\n");
    writeFileSync(join(dir, "keepalived-standby.conf"), crlf);
    const broken = "vrrp_instance X {\n  prority 100\n  interface eth0\n  virtual_router_id 9\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n}\n";
    writeFileSync(join(dir, "keepalived-broken.conf"), broken);
    const result = await run(["fix", "."], dir);
    assert.equal(result.code, 1, "the broken file keeps its errors");
    assert.equal(read(dir, "keepalived-broken.conf"), broken);
    assert.match(result.stderr, /keepalived-broken\.conf:2:3 unknown-keyword: not fixed, keepalived-broken\.conf does not parse cleanly/);
    const fixed = read(dir, "keepalived-standby.conf");
    assert.ok(!/[^\r]\n/.test(fixed), "every line break is still CRLF");
    assert.match(fixed, /virtual_router_id 51\r\n/);
  });

  it("unified diffs end lines as the file does", () => {
    const edit = (start: number, end: number, newText: string) => ({ file: "f", start, end, newText });
    assert.equal(unifiedDiff("a\nb\nc", [edit(2, 3, "B")], "f", "f"), "--- f\n+++ f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n\\ No newline at end of file\n");
    assert.equal(unifiedDiff("a\r\nb\r\n", [edit(3, 4, "c")], "f", "f"), "--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n");
    assert.equal(unifiedDiff("same\n", [], "f", "f"), "");
  });

  it("unified diffs of random edits apply with patch(1) to exactly the edited text", function () {
    const random = seeded(7);
    const dir = mkdtempSync(join(tmpdir(), "kha-diff-"));
    for (let round = 0; round < 150; round++) {
      const lines = Array.from({ length: 1 + Math.floor(random() * 30) }, (_, i) => `line ${i % 5}`);
      const eol = random() < 0.3 ? "\r\n" : "\n";
      const before = lines.join(eol) + (random() < 0.3 ? "" : eol);
      const cuts = [...new Set(Array.from({ length: 2 + Math.floor(random() * 6) }, () => Math.floor(random() * (before.length + 1))))].sort((a, b) => a - b);
      const edits = [];
      for (let k = 0; k + 1 < cuts.length; k += 2) edits.push({ file: "f", start: cuts[k]!, end: random() < 0.3 ? cuts[k]! : cuts[k + 1]!, newText: ["", "X", `new${eol}`, `${eol}ins`][Math.floor(random() * 4)]! });
      const after = applyEdits(before, edits);
      writeFileSync(join(dir, "f"), before);
      writeFileSync(join(dir, "f.patch"), unifiedDiff(before, edits, "f", "f"));
      if (before !== after) execFileSync("patch", ["-s", "-p0", "-i", "f.patch"], { cwd: dir });
      assert.equal(readFileSync(join(dir, "f"), "utf8"), after, JSON.stringify({ before, edits }));
    }
  });
});
