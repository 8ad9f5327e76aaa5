import { strict as assert } from "node:assert";
import { KEEPALIVED_VERSIONS, type KeepalivedVersion } from "../../../server/src/catalog/types.ts";
import { diagnosticKey, withDefaultSeverity, type Diagnostic, type DirectiveCheck, type DirectiveContext } from "../../../server/src/checks/diagnostic.ts";
import { checkEntries, singleFileChecks } from "../../../server/src/checks/index.ts";
import { DirectiveRunner, runAllChecks } from "../../../server/src/checks/run.ts";
import { placeholderTest } from "../../../server/src/checks/util.ts";
import { buildDirectives } from "../../../server/src/model/build.ts";
import { buildConfig, type Config } from "../../../server/src/model/config.ts";
import { variedBenchConfig } from "../../../scripts/gen-bench-config.ts";
import { CORPUS_SETS, corpusFiles, isMainConfig, virtualPath } from "../../helpers/corpus.ts";
import { MemoryHost } from "../../helpers/memoryHost.ts";

/**
 * A directive check's `appliesTo` lets the runner skip the directives it refuses without calling the check. A
 * refusal must never hide a diagnostic: each check that declares one is run both ways, by the runner and on every
 * directive of its roles, over the corpus, the varied benchmark configuration and a few route and script lines, and
 * must say the same.
 */

const EXTRA = `global_defs {
  script_user keepalived_script
}
vrrp_script chk {
  script "check_broker.sh"
  user nobody
}
vrrp_instance VI_1 {
  state BACKUP
  interface eth0
  virtual_router_id 51
  priority 100
  virtual_ipaddress {
    10.0.0.1/24
  }
  virtual_routes {
    10.1.0.0/16 via 999.1.1.1
  }
  virtual_rules {
    from 10.0.0.0/33 table 100
  }
}
static_routes {
  banana via 10.0.0.9
}
`;

interface Case {
  label: string;
  config: Config;
  version: KeepalivedVersion;
}

/** Every rendering (config-id) of every corpus configuration and of the varied benchmark, in both versions. */
function cases(): Case[] {
  const out: Case[] = [];
  const add = (label: string, host: MemoryHost, path: string): void => {
    for (const version of KEEPALIVED_VERSIONS) {
      const first = buildConfig(buildDirectives(host.load(path)!, host, { version, configId: null }));
      out.push({ label: `${label} ${version}`, config: first, version });
      for (const id of first.build.configIds) {
        out.push({ label: `${label} ${version} @${id}`, config: buildConfig(buildDirectives(host.load(path)!, host, { version, configId: id })), version });
      }
    }
  };
  for (const set of CORPUS_SETS) {
    const files = corpusFiles(set);
    const host = new MemoryHost(files.map((f) => [virtualPath(f), f.text] as const));
    for (const file of files.filter(isMainConfig)) add(`${set}/${file.name}`, host, virtualPath(file));
  }
  const varied = "/bench/varied-2000.conf";
  add("varied 2000", new MemoryHost([[varied, variedBenchConfig(2000)]]), varied);
  // Route and rule items and script users, which the varied benchmark has none of: so that each check has something
  // to report even where the corpus is not beside the project.
  const extra = "/etc/keepalived/extra.conf";
  add("routes and scripts", new MemoryHost([[extra, EXTRA]]), extra);
  return out;
}

/** What `check` reports when it is called on every directive of its roles, as before the runner filtered. */
function unfiltered(check: DirectiveCheck, { config, version }: Case): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ctx: DirectiveContext = { config, version, isPlaceholder: placeholderTest(config), report: (d) => out.push(withDefaultSeverity(d)) };
  for (const directive of config.build.all) if (check.roles.includes(directive.role)) check.visit(directive, ctx);
  return out;
}

describe("checks: directive checks that read only some keywords", () => {
  const declared = checkEntries.flatMap((entry, index) => (entry.kind === "directive" && entry.appliesTo !== undefined ? [{ index, check: entry }] : []));

  it("declare it for the checks that skip most directives", () => {
    const names = declared.map(({ check }) => check.name);
    for (const name of ["valueItems", "routeChecks", "deprecatedKeyword", "duplicateSettings", "hostDependent"]) assert.ok(names.includes(name), name);
  });

  it("report the same when the runner skips what they refuse as when they see every directive", function () {
    this.timeout(120_000);
    const all = cases();
    const reported = new Map<string, number>(declared.map(({ check }) => [check.name, 0]));
    for (const c of all) {
      const segment = new DirectiveRunner(c.config, c.version).run(c.config.build.all);
      for (const { index, check } of declared) {
        const filtered = segment.diagnostics.filter((_, i) => segment.checks[i] === index);
        const expected = unfiltered(check, c);
        assert.deepEqual(filtered, expected, `${check.name} on ${c.label}`);
        reported.set(check.name, reported.get(check.name)! + expected.length);
      }
    }
    // The comparison means something only for a check that had something to report.
    for (const [name, count] of reported) assert.ok(count > 0, `${name} reports something in the ${all.length} configurations`);
  });

  it("are given the same directives when run one at a time (singleFileChecks, as the benchmark times each)", function () {
    this.timeout(120_000);
    for (const c of cases()) {
      const one: string[] = [];
      for (const check of singleFileChecks) check({ config: c.config, version: c.version, report: (d) => one.push(diagnosticKey(withDefaultSeverity(d))) });
      assert.deepEqual(one.sort(), runAllChecks(c.config, c.version).map(diagnosticKey).sort(), c.label);
    }
  });
});
