import { strict as assert } from "node:assert";
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { generateFiles, parseSpec, type HaSpec, type HaSpecInput } from "../../server/src/generator/index.ts";
import { validSpecInput } from "../unit/generator/arbitraries.ts";
import { asInserted, expandedSnippets } from "../unit/generator/snippetFiles.ts";

/*
 * The real `keepalived -t` (Debian 2.2.7) accepts both generated configs, exit 0 and not a word on stderr, for the
 * guide's setups and a seeded sample of property-drawn specs, and for the primary/standby snippets. It runs in a
 * network namespace made here, holding the interface each spec names (veth: this kernel has no "dummy"), with
 * /etc/keepalived replaced, in a private mount namespace, by a folder holding that spec's files: the scripts are
 * where the configs name them. The host's /etc and interfaces are never touched; everything goes in `after`.
 */

const PREFIX = "kha-gen";
const SAMPLED = 40;
const SEED = 20250115;
const ETC = "/etc/keepalived";

function run(command: string, args: string[], timeout = 60_000): SpawnSyncReturns<string> {
  return spawnSync(command, args, { encoding: "utf8", timeout });
}

function must(command: string, args: string[]): string {
  const result = run(command, args);
  if (result.error !== undefined || result.status !== 0) throw new Error(`${command} ${args.join(" ")}: ${result.error?.message ?? result.stderr.trim()}`);
  return result.stdout;
}

function unavailable(): string | undefined {
  if (process.platform !== "linux") return `network namespaces need Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return "network namespaces need root (run the system suite as root)";
  if (run("ip", ["-V"]).status !== 0) return "the ip command is missing (apt-get install iproute2)";
  if (run("unshare", ["--version"]).status !== 0) return "unshare is missing (apt-get install util-linux)";
  const version = run("keepalived", ["--version"]);
  if (version.error !== undefined) return "keepalived is not installed (apt-get install keepalived)";
  if (!existsSync(ETC)) return `${ETC} does not exist to be bind-mounted over (the keepalived package creates it)`;
  const probe = `${PREFIX}-probe-${process.pid}`;
  if (run("ip", ["netns", "add", probe]).status !== 0) return "cannot create network namespaces here (ip netns add failed)";
  run("ip", ["netns", "delete", probe]);
  return undefined;
}

/** Namespaces of earlier runs whose process is gone (a killed run cannot clean up after itself). */
function removeStale(): void {
  for (const line of run("ip", ["netns", "list"]).stdout.split("\n")) {
    const name = line.split(" ")[0] ?? "";
    const pid = new RegExp(`^${PREFIX}-(\\d+)$`).exec(name)?.[1];
    if (pid !== undefined && !existsSync(`/proc/${pid}`)) run("ip", ["netns", "delete", name]);
  }
}

interface Case {
  label: string;
  /** Files as they lie in /etc/keepalived: the two configs and the scripts they name. */
  files: Array<{ name: string; content: string; mode: number }>;
  interface: string;
  /** keepalived must refuse this one (the control that shows the runner can fail). */
  expectFailure?: RegExp;
}

function caseOf(label: string, spec: HaSpec): Case {
  const files = generateFiles(spec)
    .filter((f) => f.kind.startsWith("keepalived-") || f.kind === "check-script" || f.kind === "notify-script")
    .map((f) => ({ name: f.path.replace(/^HA\//, ""), content: f.content, mode: f.mode }));
  return { label, files, interface: spec.interface };
}

function specOf(input: HaSpecInput): HaSpec {
  const result = parseSpec(input);
  if (!result.success) throw new Error(JSON.stringify(result.issues));
  return result.spec;
}

function snippetCase(): Case {
  const snippets = expandedSnippets();
  const text = (name: string): string => {
    const s = snippets.find((x) => x.name === name);
    if (s === undefined) throw new Error(`snippet ${name}`);
    return asInserted(s.expansion.text);
  };
  return {
    label: "snippets: HA primary node + HA standby node, with the check and notify snippets as scripts",
    interface: "eth0",
    files: [
      { name: "keepalived-primary.conf", content: `${text("HA primary node")}\n`, mode: 0o644 },
      { name: "keepalived-standby.conf", content: `${text("HA standby node")}\n`, mode: 0o644 },
      { name: "check_emqx_edge.sh", content: `${text("keepalived health check (EMQX Edge)")}\n`, mode: 0o755 },
      { name: "notify.sh", content: `${text("keepalived notify script")}\n`, mode: 0o755 },
    ],
  };
}

describe("keepalived -t on generated configs", function () {
  this.timeout(180_000);
  const reason = unavailable();
  let ns: string | undefined;
  let stage: string | undefined;
  const cleanup = (): void => {
    if (ns !== undefined) run("ip", ["netns", "delete", ns]);
    ns = undefined;
    if (stage !== undefined) rmSync(stage, { recursive: true, force: true });
    stage = undefined;
  };

  before(function () {
    if (reason !== undefined) {
      this.skip();
    }
    process.once("exit", cleanup);
  });
  after(() => {
    cleanup();
    process.removeListener("exit", cleanup);
  });

  it(reason === undefined ? `accepts both configs of the guide's setups, ${SAMPLED} sampled specs and the snippets` : `skipped: ${reason}`, () => {
    const guide = specOf({ interface: "eth0", primary: "192.168.1.10", standby: "192.168.1.11", vip: "192.168.1.100/24" });
    const cases: Case[] = [
      caseOf("guide, bare metal", guide),
      caseOf("guide, Docker", specOf({ deployment: "docker" })),
      caseOf("tcp service on ens18", specOf({ service: "tcp:5432", interface: "ens18", primary: "10.0.0.2", standby: "10.0.0.3", vip: "10.0.0.50/24" })),
      caseOf("http service", specOf({ service: "http://127.0.0.1:8080/health", primary: "10.0.0.2", standby: "10.0.0.3", vip: "10.0.0.50/24" })),
      ...fc.sample(validSpecInput, { numRuns: SAMPLED, seed: SEED }).map((input, i) => caseOf(`sampled #${i}: ${JSON.stringify(input)}`, specOf(input))),
      snippetCase(),
    ];
    const control = caseOf("control: check script missing", guide);
    control.files = control.files.filter((f) => !f.name.startsWith("check_"));
    control.expectFailure = /Disabling track script check_emqx_edge since not found/;
    cases.push(control);

    removeStale();
    ns = `${PREFIX}-${process.pid}`;
    must("ip", ["netns", "add", ns]);
    must("ip", ["-n", ns, "link", "set", "lo", "up"]);
    const interfaces = [...new Set(cases.map((c) => c.interface))].filter((n) => n !== "lo");
    const peerNames = interfaces.map((_, i) => `khgpeer${i}`).map((n) => (interfaces.includes(n) ? `${n}x` : n));
    interfaces.forEach((ifname, i) => {
      must("ip", ["-n", ns!, "link", "add", ifname, "type", "veth", "peer", "name", peerNames[i]!]);
      must("ip", ["-n", ns!, "link", "set", ifname, "up"]);
    });

    // keepalived's script security refuses scripts under a folder others can write: 0755 all the way.
    stage = mkdtempSync(join(tmpdir(), "kha-gen-"));
    chmodSync(stage, 0o755);
    cases.forEach((c, i) => {
      const dir = join(stage!, String(i));
      mkdirSync(dir, { mode: 0o755 });
      for (const file of c.files) {
        writeFileSync(join(dir, file.name), file.content);
        chmodSync(join(dir, file.name), file.mode);
      }
    });
    const script = [
      "set -u",
      `for i in $(seq 0 ${cases.length - 1}); do`,
      `  mount --bind "$1/$i" ${ETC} || exit 90`,
      "  for role in primary standby; do",
      `    if [ -f ${ETC}/keepalived-$role.conf ]; then`,
      `      (cd ${ETC} && timeout 60 keepalived -t -f ${ETC}/keepalived-$role.conf </dev/null >/dev/null 2>"$1/$i.$role.err"; echo $? >"$1/$i.$role.rc")`,
      "    fi",
      "  done",
      `  umount ${ETC} || exit 91`,
      "done",
    ].join("\n");
    const result = run("ip", ["netns", "exec", ns, "unshare", "--mount", "--propagation", "private", "--", "sh", "-c", script, "sh", stage], 170_000);
    assert.equal(result.status, 0, `runner: ${result.error?.message ?? result.stderr}`);

    const failures: string[] = [];
    let accepted = 0;
    cases.forEach((c, i) => {
      for (const role of ["primary", "standby"]) {
        const rc = Number(readFileSync(join(stage!, `${i}.${role}.rc`), "utf8").trim());
        const stderr = readFileSync(join(stage!, `${i}.${role}.err`), "utf8").trim();
        if (c.expectFailure !== undefined) {
          if (rc === 0 || !c.expectFailure.test(stderr)) failures.push(`${c.label} (${role}): expected a refusal, got rc ${rc}: ${stderr}`);
        } else if (rc !== 0 || stderr !== "") {
          failures.push(`${c.label} (${role}): rc ${rc}\n${stderr}\n--- config:\n${c.files.find((f) => f.name === `keepalived-${role}.conf`)?.content ?? ""}`);
        } else {
          accepted++;
        }
      }
    });
    assert.deepEqual(failures, []);
    const expected = 2 * (cases.length - 1);
    assert.equal(accepted, expected);
    console.log(`      keepalived -t: ${accepted}/${expected} configs of ${cases.length - 1} setups accepted (rc 0, no output); control refused`);
  });
});

