import { strict as assert } from "node:assert";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { analyzeFile } from "../../../server/src/analysis.ts";
import { mirrorNode } from "../../../server/src/generator/mirror.ts";
import { sourceFile, type SourceHost } from "../../../server/src/model/source.ts";
import { DEFAULT_VARIABLES, expandSnippet, parseSnippet, SnippetSyntaxError } from "./snippetExpander.ts";
import { asInserted, expandedSnippets, ROOT, snippetFileNames, snippetIndex, type ExpandedSnippet } from "./snippetFiles.ts";
import { composeProblems, dockerfileProblems, keepalivedProblems } from "./validators.ts";

/**
 * Every snippet, expanded with its defaults, passes the checks the generator's output passes. Fragments that
 * only live inside a vrrp_instance are checked in place, in the primary-node snippet's instance.
 */

const all = expandedSnippets();
const byName = (name: string): ExpandedSnippet => {
  const found = all.find((s) => s.name === name);
  assert.ok(found !== undefined, `snippet '${name}'`);
  return found;
};
const text = (name: string): string => asInserted(byName(name).expansion.text);

/** The primary snippet's config with one part of its vrrp_instance replaced by a fragment snippet. */
function inPrimary(part: RegExp, fragment: string): string {
  const host = text("HA primary node");
  assert.match(host, part, "the host config has the part the fragment replaces");
  return host.replace(part, `${fragment.split("\n").map((l) => `    ${l}`).join("\n")}\n`);
}

/**
 * A node snippet with the other node as the language server writes it in a new file beside it (the completion
 * "ha-standby (mirror of ...)", generator/mirror.ts): the pair the user ends up with, checked as a pair.
 */
function withMirror(name: string, path: string, peerPath: string): Array<{ path: string; text: string }> {
  const own = text(name);
  const analysis = analyzeFile(sourceFile(path, own), NO_INCLUDES, {});
  const mirror = mirrorNode(analysis.renderings[0]!.config, own, path);
  assert.ok(mirror !== undefined, `the language server can write the other node of '${name}'`);
  return [
    { path, text: own },
    { path: peerPath, text: mirror.text },
  ];
}

const NO_INCLUDES: SourceHost = { load: () => undefined, resolveInclude: () => [], isAbsolute: (p) => p.startsWith("/"), dirname: (f) => f.slice(0, f.lastIndexOf("/")) };

/** How each keepalived snippet is checked: the files to analyse (several: as a pair). */
const KEEPALIVED_CONTEXTS: Record<string, () => Array<{ path: string; text: string }>> = {
  "HA primary node": () => withMirror("HA primary node", "/snip/keepalived-primary.conf", "/snip/keepalived-standby.conf"),
  "HA standby node": () => withMirror("HA standby node", "/snip/keepalived-standby.conf", "/snip/keepalived-primary.conf"),
  global_defs: () => [{ path: "/snip/keepalived.conf", text: text("global_defs") }],
  "vrrp_script health check": () => [{ path: "/snip/keepalived.conf", text: `${text("global_defs")}\n\n${text("vrrp_script health check")}\n` }],
  "vrrp_instance with unicast peers": () => [
    { path: "/snip/keepalived.conf", text: `${text("global_defs")}\n\n${text("vrrp_script health check")}\n\n${text("vrrp_instance with unicast peers")}\n` },
  ],
  authentication: () => [{ path: "/snip/keepalived.conf", text: inPrimary(/ {4}authentication \{\n[^}]*\n {4}\}\n/, text("authentication")) }],
  virtual_ipaddress: () => [{ path: "/snip/keepalived.conf", text: inPrimary(/ {4}virtual_ipaddress \{\n[^}]*\n {4}\}\n/, text("virtual_ipaddress")) }],
  "unicast peers": () => [{ path: "/snip/keepalived.conf", text: inPrimary(/ {4}unicast_src_ip .*\n {4}unicast_peer \{\n[^}]*\n {4}\}\n/, text("unicast peers")) }],
};

describe("snippets", () => {
  it("the index serves every snippet file, each to at least one language, and names only existing files", () => {
    const index = snippetIndex();
    for (const entry of index.snippets) assert.ok(existsSync(join(ROOT, entry.path)), entry.path);
    for (const file of snippetFileNames()) assert.ok(index.snippets.some((s) => s.path === `./snippets/${file}`), `${file} is in index.json`);
    const languages = index.snippets.map((s) => s.language);
    for (const language of ["keepalived", "yaml", "dockercompose", "dockerfile", "shellscript"]) assert.ok(languages.includes(language), language);
  });

  it("has the keepalived snippets the issue asks for, with choices", () => {
    for (const name of Object.keys(KEEPALIVED_CONTEXTS)) assert.equal(byName(name).languages.join(), "keepalived", name);
    assert.deepEqual(byName("HA primary node").expansion.choices.get(9), ["MASTER", "BACKUP"]);
    assert.deepEqual(byName("HA standby node").expansion.choices.get(9), ["BACKUP", "MASTER"]);
    assert.deepEqual(byName("vrrp_instance with unicast peers").expansion.choices.get(2), ["MASTER", "BACKUP"]);
  });

  it("every tab stop has a default somewhere, and $0 ends each snippet", () => {
    for (const snippet of all) {
      const { tabstops } = snippet.expansion;
      assert.ok(tabstops.includes(0), `${snippet.name} has $0`);
      assert.ok(tabstops.length > 1, `${snippet.name} has tab stops`);
      // An empty tab stop expands to nothing: every stop the user tabs to starts with a value that works.
      const defined = new Set<number>();
      const body = snippet.body.join("\n");
      for (const m of body.matchAll(/\$\{(\d+)[:|]/g)) defined.add(Number(m[1]));
      for (const stop of tabstops) if (stop !== 0) assert.ok(defined.has(stop), `${snippet.name}: tab stop ${stop} has a default`);
      // keepalived reads `$NAME` as its own variables: a `$` left in a config is a snippet that did not expand.
      if (snippet.languages.includes("keepalived")) assert.doesNotMatch(snippet.expansion.text, /\$/, snippet.name);
    }
  });

  it("the two static node snippets, inserted in two files, draw two passwords: only the mirror makes a pair that agrees", () => {
    // VS Code draws $RANDOM_HEX anew at each insertion: the two nodes of a pair written from the static snippets
    // disagree on auth_pass, which is why the second node comes from the mirror completion.
    const expanded = (name: string, hex: string): string => asInserted(expandSnippet(byName(name).body, { ...DEFAULT_VARIABLES, RANDOM_HEX: hex }).text);
    const problems = keepalivedProblems([
      { path: "/snip/keepalived-primary.conf", text: expanded("HA primary node", "a3f9c1") },
      { path: "/snip/keepalived-standby.conf", text: expanded("HA standby node", "07be2d") },
    ]);
    assert.ok(problems.some((p) => p.includes("auth-pass-mismatch")), `the static pair's passwords differ:\n${problems.join("\n")}`);
    const pair = KEEPALIVED_CONTEXTS["HA primary node"]!();
    assert.equal(/auth_pass (\S+)/.exec(pair[1]!.text)?.[1], /auth_pass (\S+)/.exec(pair[0]!.text)?.[1], "the mirror keeps the primary's password");
    assert.match(pair[1]!.text, /state BACKUP/);
    assert.match(pair[1]!.text, /unicast_src_ip 192\.168\.1\.11/);
  });

  describe("expanded with defaults, each passes the generator's checks", () => {
    for (const snippet of all) {
      it(`${snippet.file}: ${snippet.name}`, () => {
        const languages = snippet.languages;
        if (languages.includes("keepalived")) {
          const context = KEEPALIVED_CONTEXTS[snippet.name];
          assert.ok(context !== undefined, `a check context for keepalived snippet '${snippet.name}'`);
          assert.deepEqual(keepalivedProblems(context()), []);
        } else if (languages.includes("dockerfile")) {
          assert.deepEqual(dockerfileProblems(snippet.expansion.text), []);
        } else if (languages.includes("dockercompose")) {
          assert.deepEqual(composeProblems(snippet.expansion.text), []);
        } else if (languages.includes("shellscript")) {
          // shellcheck runs in the system suite (generated-tools.test.ts); here the script must at least be bash.
          assert.match(snippet.expansion.text, /^#!\/bin\/bash\n/);
        } else {
          assert.fail(`no check for the languages ${languages.join(", ")}`);
        }
      });
    }
  });
});

describe("snippet expander", () => {
  it("expands placeholders, mirrors, choices, variables and escapes like VS Code", () => {
    assert.equal(expandSnippet("a ${1:x} b $1 ${2|P,Q|} ${3} $0").text, "a x b x P  ");
    assert.equal(expandSnippet(["${1:outer ${2:inner}}", "$2"]).text, "outer inner\ninner");
    assert.equal(expandSnippet("\\$HOME \\} \\\\ $ 5 ${RANDOM_HEX} $TM_FILENAME").text, "$HOME } \\ $ 5 a3f9c1 keepalived.conf");
    assert.equal(expandSnippet("${1:$RANDOM_HEX}").text, "a3f9c1");
    assert.equal(expandSnippet("${NOPE:fallback}").text, "fallback");
    assert.equal(expandSnippet("${1|a\\,b,c|}").text, "a,b");
    assert.equal(expandSnippet("$1 ${1:late}").text, "late late", "a mirror before its placeholder");
  });

  it("rejects what VS Code would not expand as meant", () => {
    assert.throws(() => expandSnippet("$NOPE"), SnippetSyntaxError);
    assert.throws(() => parseSnippet("${1:open"), SnippetSyntaxError);
    assert.throws(() => parseSnippet("${1|a,b"), SnippetSyntaxError);
    assert.throws(() => parseSnippet("${1/a/b/}"), SnippetSyntaxError);
  });
});
