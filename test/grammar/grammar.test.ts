import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { grammarText, readCatalog, wordsOf } from "../../scripts/generate-grammar.ts";
import { commentStart } from "../../server/src/parser/tokens.ts";
import { CORPUS_ROOT } from "../helpers/corpus.ts";
import { grammarPath, root, tokenizeLines } from "./tokenize.ts";

const here = join(root, "test/grammar");
const config = join(here, "tmgrammar-test.json");
const tool = join(root, "node_modules/vscode-tmgrammar-test/dist");
const corpus = CORPUS_ROOT;

/** Runs one of vscode-tmgrammar-test's two CLIs; it exits 255 when any assertion or snapshot differs. */
function runTool(cli: "unit" | "snapshot", args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [join(tool, `${cli}.js`), "--config", config, ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, FORCE_COLOR: "0" },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const unitCases = readdirSync(here).filter((f) => f.endsWith(".test.keepalived")).sort();
const snapshotSources = readdirSync(join(here, "snap")).filter((f) => f.endsWith(".conf")).sort();

describe("grammar", () => {
  it("is the generator's output for the current keyword catalog", () => {
    const expected = grammarText(readCatalog());
    assert.equal(readFileSync(grammarPath, "utf8"), expected, "stale grammar: run node scripts/generate-grammar.ts");
  });

  it("has scope assertion files to run", () => {
    assert.ok(unitCases.length >= 5, `only ${unitCases.length} *.test.keepalived files`);
  });

  for (const file of unitCases) {
    it(`passes the scope assertions of ${file}`, () => {
      const { status, output } = runTool("unit", ["--compact", join(here, file)]);
      assert.equal(status, 0, output);
      assert.match(output, /run successfuly/, output);
    });
  }

  it("fails a scope assertion that does not hold (the tool's verdict is not ignored)", () => {
    const dir = mkdtempSync(join(tmpdir(), "kha-grammar-"));
    try {
      const file = join(dir, "wrong.test.keepalived");
      writeFileSync(file, '# SYNTAX TEST "source.keepalived"\n    priority 100\n#   ^^^^^^^^ comment.line.number-sign.keepalived\n');
      const { status, output } = runTool("unit", ["--compact", file]);
      assert.notEqual(status, 0, output);
      assert.match(output, /Missing required scopes/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("matches the committed snapshots", () => {
    assert.ok(snapshotSources.length > 0);
    // The tool writes a missing snapshot and passes: require every one to be committed.
    for (const source of snapshotSources) assert.ok(existsSync(join(here, "snap", `${source}.snap`)), `no snapshot for ${source}`);
    const { status, output } = runTool("snapshot", ["--scope", "source.keepalived", join(here, "snap/*.conf")]);
    assert.equal(status, 0, output);
    assert.doesNotMatch(output, /Generating snapshot|Updating snapshot/, output);
  });

  it("starts comments where the server's lexer does, on every line of the shared corpus", async function () {
    if (!existsSync(corpus)) this.skip();
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (!/^(MANIFEST|README)|\.json$/.test(name)) files.push(path);
      }
    };
    walk(corpus);
    assert.ok(files.length > 50, `corpus has only ${files.length} files`);
    const mismatches: string[] = [];
    let lines = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const tokenized = await tokenizeLines(text);
      text.split(/\r?\n/).forEach((line, i) => {
        lines++;
        const comment = tokenized[i]?.find((t) => t.scopes.some((s) => s.startsWith("comment.")));
        const got = comment?.start ?? line.length;
        const want = commentStart(line, 0, line.length);
        if (got !== want) mismatches.push(`${file}:${i + 1}: grammar ${got}, lexer ${want}: ${line}`);
      });
    }
    assert.ok(lines > 1000);
    assert.deepEqual(mismatches.slice(0, 10), []);
  });

  it("gives every block and value-block keyword of the catalog its block scope", async () => {
    const { blocks, valueBlocks } = wordsOf(readCatalog());
    assert.ok(blocks.includes("vrrp_instance") && valueBlocks.includes("virtual_ipaddress"));
    const wrong: string[] = [];
    for (const [names, line, scope] of [
      [blocks, (name: string) => `${name} NAME {`, "keyword.control.block.keepalived"],
      [valueBlocks, (name: string) => `  ${name} {`, "keyword.control.value-block.keepalived"],
    ] as const) {
      for (const name of names) {
        const [tokens] = await tokenizeLines(line(name));
        const keyword = tokens?.find((t) => t.text === name);
        if (keyword?.scopes.at(-1) !== scope) wrong.push(`${name}: ${keyword?.scopes.join(" ") ?? "no token"}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it("colours keywords, names and values in a realistic instance", async () => {
    const [head, state, vip] = await tokenizeLines("vrrp_instance VI_1 {\n    state BACKUP\n    virtual_ipaddress { 10.0.0.1/24 }");
    const scopeOf = (tokens: typeof head, text: string): string | undefined => tokens?.find((t) => t.text === text)?.scopes.at(-1);
    assert.equal(scopeOf(head, "vrrp_instance"), "keyword.control.block.keepalived");
    assert.equal(scopeOf(head, "VI_1"), "entity.name.type.block.keepalived");
    assert.equal(scopeOf(state, "state"), "keyword.other.directive.keepalived");
    assert.deepEqual(state?.find((t) => t.text === "BACKUP")?.scopes, [
      "constant.language.enum.keepalived",
      "variable.other.enummember.keepalived",
    ]);
    assert.equal(scopeOf(vip, "10.0.0.1"), "constant.numeric.ip-address.ipv4.keepalived");
  });
});
