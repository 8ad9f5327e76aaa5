import { strict as assert } from "node:assert";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generateFiles, type GeneratedFile } from "../../../server/src/generator/index.ts";
import { composeProblems, dockerfileProblems, keepalivedProblems, specOf } from "./validators.ts";

/**
 * What the generator writes for the guide's own setup, bare metal and Docker: compared with reviewed golden files
 * (regenerate with UPDATE_GOLDEN=1 and read the diff), and held to the guide's layout and its two fixes.
 */

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), "../../fixtures/generator");
const FIXED_PASSWORD = "Xk7pQ2vL";

const BARE = specOf({ interface: "eth0", primary: "192.168.1.10", standby: "192.168.1.11", vip: "192.168.1.100/24", password: FIXED_PASSWORD });
const DOCKER = specOf({ deployment: "docker", password: FIXED_PASSWORD });

function byKind(files: GeneratedFile[], kind: GeneratedFile["kind"]): GeneratedFile {
  const file = files.find((f) => f.kind === kind);
  assert.ok(file !== undefined, `a ${kind} file`);
  return file;
}

describe("generator output", () => {
  for (const [name, spec] of [["bare-metal", BARE], ["docker", DOCKER]] as const) {
    it(`matches the reviewed golden files (${name})`, () => {
      for (const file of generateFiles(spec)) {
        const golden = join(FIXTURES, name, file.path);
        if (process.env["UPDATE_GOLDEN"] === "1") {
          mkdirSync(dirname(golden), { recursive: true });
          writeFileSync(golden, file.content);
        }
        assert.ok(existsSync(golden), `golden file ${golden} (run with UPDATE_GOLDEN=1)`);
        assert.equal(file.content, readFileSync(golden, "utf8"), `${name}/${file.path}`);
      }
    });
  }

  it("lays bare metal out flat and Docker as the guide's project folder", () => {
    assert.deepEqual(
      generateFiles(BARE).map((f) => [f.path, f.mode.toString(8)]),
      [["keepalived-primary.conf", "644"], ["keepalived-standby.conf", "644"], ["check_emqx_edge.sh", "755"], ["notify.sh", "755"], ["README.md", "644"]],
    );
    assert.deepEqual(
      generateFiles(DOCKER).map((f) => [f.path, f.mode.toString(8)]),
      [
        ["HA/keepalived-primary.conf", "644"],
        ["HA/keepalived-standby.conf", "644"],
        ["HA/check_emqx_edge.sh", "755"],
        ["HA/notify.sh", "755"],
        ["docker-compose.yml", "644"],
        ["Dockerfile", "644"],
        ["entrypoint.sh", "755"],
        ["README.md", "644"],
      ],
    );
  });

  it("writes the guide's keepalived layout with its two fixes", () => {
    const files = generateFiles(BARE);
    const primary = byKind(files, "keepalived-primary").content;
    const standby = byKind(files, "keepalived-standby").content;
    for (const [text, role, state, priority, self, peer] of [
      [primary, "PRIMARY", "MASTER", 100, "192.168.1.10", "192.168.1.11"],
      [standby, "STANDBY", "BACKUP", 90, "192.168.1.11", "192.168.1.10"],
    ] as const) {
      assert.match(text, new RegExp(`global_defs \\{\\n\\s+router_id EMQX_EDGE_${role}\\n\\s+script_user root\\n\\s+enable_script_security\\n\\}`));
      assert.match(text, /vrrp_script check_emqx_edge \{\n\s+script "\/etc\/keepalived\/check_emqx_edge\.sh"/);
      assert.match(text, new RegExp(`state ${state}\\n\\s+interface eth0\\n\\s+virtual_router_id 51\\n\\s+priority ${priority}\\b`));
      assert.match(text, new RegExp(`unicast_src_ip ${self.replaceAll(".", "\\.")}\\n\\s+unicast_peer \\{\\n\\s+${peer.replaceAll(".", "\\.")}\\n\\s+\\}`));
      assert.match(text, new RegExp(`auth_type PASS\\n\\s+auth_pass ${FIXED_PASSWORD}\\b`));
      assert.match(text, /virtual_ipaddress \{\n\s+192\.168\.1\.100\/24 dev eth0\n/);
      assert.match(text, /track_script \{\n\s+check_emqx_edge\n/);
      for (const s of ["MASTER", "BACKUP", "FAULT"]) assert.match(text, new RegExp(`notify_${s.toLowerCase()} "/etc/keepalived/notify\\.sh ${s}"`));
      assert.match(text, /weight -30\b/);
    }
    assert.match(primary, /\n\s+preempt\b/);
    assert.doesNotMatch(standby, /preempt/);
    const check = byKind(files, "check-script").content;
    assert.doesNotMatch(check, /104/, "no HTTP server sends status 104");
    assert.match(check, /"\$HTTP_STATUS" = "200" \] \|\| \[ "\$HTTP_STATUS" = "401" \]/);
    assert.match(check, /if \[ "\$CURL_EXIT" -eq 28 \]; then\n[^\n]*\n\s+exit 1/, "an HTTP API that hangs fails the check (no fallback vouches for it)");
    assert.match(check, /exec 3<>"\/dev\/tcp\/\$\{HOST\}\/\$\{MQTT_PORT\}"/, "MQTT fallback on the MQTT port");
    assert.doesNotMatch(check, /nc -z/, "a port that only accepts connections proves nothing");
    assert.match(check, /PROBE_TIMEOUT=2\b/, "two probes of 2 s fit keepalived's 5 s timeout");
  });

  it("passes our own checks, the compose schema and dockerfile-utils", () => {
    for (const spec of [BARE, DOCKER]) {
      const files = generateFiles(spec);
      const configs = files.filter((f) => f.kind.startsWith("keepalived-")).map((f) => ({ path: `/gen/${f.path}`, text: f.content }));
      assert.deepEqual(keepalivedProblems(configs), []);
    }
    const files = generateFiles(DOCKER);
    assert.deepEqual(composeProblems(byKind(files, "compose").content), []);
    assert.deepEqual(dockerfileProblems(byKind(files, "dockerfile").content), []);
  });

  it("the validators can fail", () => {
    assert.notDeepEqual(keepalivedProblems([{ path: "/x.conf", text: "vrrp_instance A {\n  priority 300\n}\n" }]), []);
    assert.notDeepEqual(composeProblems("services:\n  a:\n    cap_add: NET_ADMIN\n"), []);
    assert.notDeepEqual(composeProblems("services: [\n"), []);
    assert.notDeepEqual(dockerfileProblems("FROM ubuntu\nEXPOSE port\n"), []);
  });

  it("names everything after the cluster and the service", () => {
    const spec = specOf({ name: "mqtt-a", service: "tcp:1884", interface: "ens18", primary: "10.1.2.3", standby: "10.1.2.4", vip: "10.1.2.50/25", password: FIXED_PASSWORD });
    const files = generateFiles(spec);
    assert.deepEqual(files.map((f) => f.path), ["keepalived-primary.conf", "keepalived-standby.conf", "check_mqtt_a.sh", "notify.sh", "README.md"]);
    const primary = byKind(files, "keepalived-primary").content;
    assert.match(primary, /router_id MQTT_A_PRIMARY/);
    assert.match(primary, /vrrp_instance MQTT_A_HA \{/);
    assert.match(primary, /10\.1\.2\.50\/25 dev ens18/);
    assert.match(byKind(files, "check-script").content, /PORT="1884"/);
    assert.match(byKind(files, "readme").content, /Expected failover time .*\*\*4\.6-7\.7 s\*\*/);
  });
});
