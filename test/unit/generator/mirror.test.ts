import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { analyzeFile } from "../../../server/src/analysis.ts";
import { generateFiles } from "../../../server/src/generator/index.ts";
import { mirrorNode, type MirroredNode } from "../../../server/src/generator/mirror.ts";
import { sourceFile, type SourceHost } from "../../../server/src/model/source.ts";
import { keepalivedProblems, specOf } from "./validators.ts";

const NO_INCLUDES: SourceHost = { load: () => undefined, resolveInclude: () => [], isAbsolute: (p) => p.startsWith("/"), dirname: (f) => f.slice(0, f.lastIndexOf("/")) };
const guide = (name: string): string => readFileSync(new URL(`../../../examples/guide/${name}`, import.meta.url), "utf8");

function mirror(text: string, path = "/m/keepalived-a.conf"): MirroredNode | undefined {
  return mirrorNode(analyzeFile(sourceFile(path, text), NO_INCLUDES, {}).renderings[0]!.config, text, path);
}

const NODE = (lines: string[]): string =>
  [
    "# Primary node: install on 10.0.0.1",
    "global_defs {",
    "    router_id HA_PRIMARY",
    "    enable_script_security",
    "}",
    "vrrp_script chk {",
    '    script "/bin/true"',
    "    weight -5",
    "}",
    "vrrp_instance VI {",
    ...lines,
    "    interface eth0",
    "    virtual_router_id 7",
    "    unicast_src_ip 10.0.0.1",
    "    unicast_peer {",
    "        10.0.0.2",
    "    }",
    "    authentication {",
    "        auth_type PASS",
    "        auth_pass s3cret77",
    "    }",
    "    virtual_ipaddress {",
    "        10.0.0.100/24",
    "    }",
    "    track_script {",
    "        chk",
    "    }",
    "}",
    "",
  ].join("\n");

describe("the other node of a pair, written from one node (generator/mirror.ts)", () => {
  it("writes the guide's standby from the guide's primary, byte for byte", () => {
    const written = mirror(guide("keepalived-primary.conf"), "/g/keepalived-primary.conf");
    assert.ok(written !== undefined);
    assert.equal(written.role, "standby");
    assert.equal(written.address, "192.168.1.11");
    assert.equal(written.text, guide("keepalived-standby.conf"));
  });

  it("writes a generated pair's other node in both directions, and the pair is clean", () => {
    const files = generateFiles(specOf({ interface: "ens3", primary: "10.1.2.10", standby: "10.1.2.11", vip: "10.1.2.100/24", vrid: 33 }));
    const primary = files.find((f) => f.kind === "keepalived-primary")!.content;
    const standby = files.find((f) => f.kind === "keepalived-standby")!.content;
    const fromPrimary = mirror(primary, "/g/keepalived-primary.conf")!;
    const fromStandby = mirror(standby, "/g/keepalived-standby.conf")!;
    assert.equal(fromPrimary.role, "standby");
    assert.equal(fromStandby.role, "primary");
    assert.deepEqual(keepalivedProblems([{ path: "/g/keepalived-primary.conf", text: primary }, { path: "/g/keepalived-standby.conf", text: fromPrimary.text }]), []);
    assert.deepEqual(keepalivedProblems([{ path: "/g/keepalived-standby.conf", text: standby }, { path: "/g/keepalived-primary.conf", text: fromStandby.text }]), []);
    // Everything but the node's own lines is the generator's: same lines, apart from the comments on changed values.
    const strip = (t: string): string[] => t.split("\n").map((l) => l.replace(/\s+#.*$/, "")).filter((l) => !/^\s*(preempt|#)/.test(l));
    assert.deepEqual(strip(fromPrimary.text), strip(standby));
  });

  it("keeps the primary on top while each weighted failure still moves the VIP", () => {
    // weight -5 from 100: the standby must sit above 95, so not at 90 but at 96.
    const written = mirror(NODE(["    state MASTER", "    priority 100", "    preempt"]))!;
    assert.deepEqual(written.instances, [{ name: "VI", priority: 96 }]);
    assert.match(written.text, /state BACKUP\n {4}priority 96\n {4}interface/);
    assert.doesNotMatch(written.text, /preempt/, "the standby does without the primary's preempt");
    assert.match(written.text, /unicast_src_ip 10\.0\.0\.2\n {4}unicast_peer \{\n {8}10\.0\.0\.1\n/);
    assert.match(written.text, /router_id HA_STANDBY/);
    assert.match(written.text, /^# Standby node: install on 10\.0\.0\.2$/m, "whole-line comments now describe this node");
    assert.match(written.text, /auth_pass s3cret77/);
    assert.deepEqual(keepalivedProblems([{ path: "/m/keepalived-a.conf", text: NODE(["    state MASTER", "    priority 100", "    preempt"]) }, { path: "/m/keepalived-b.conf", text: written.text }]), []);
  });

  it("writes the primary from a standby: MASTER, a priority above it, preempt", () => {
    const written = mirror(NODE(["    state BACKUP", "    priority 90    # below the primary", "    nopreempt"]))!;
    assert.equal(written.role, "primary");
    assert.deepEqual(written.instances, [{ name: "VI", priority: 94 }]);
    assert.match(written.text, /state MASTER\n {4}priority 94\n {4}preempt\n/, "the comment on the old value goes, nopreempt becomes preempt");
    const withoutPriority = mirror(NODE(["    state BACKUP"]))!;
    assert.match(withoutPriority.text, /state MASTER\n {4}priority 104\n {4}preempt\n {4}interface/, "lines added after state when priority is absent (100)");
  });

  it("keeps every other byte: comments, blank lines, quoting and CRLF line ends", () => {
    const text = NODE(["    state MASTER", "    priority 100", "    preempt"]).replace("    interface eth0", "    interface eth0 # the LAN\n\n    # advert every second\n    advert_int 1").replaceAll("\n", "\r\n");
    const written = mirror(text)!;
    assert.ok(written.text.includes("    interface eth0 # the LAN\r\n\r\n    # advert every second\r\n    advert_int 1\r\n"));
    assert.ok(written.text.includes('script "/bin/true"'));
    assert.equal(written.text.split("\r\n").length, text.split("\r\n").length - 1, "one line less: the standby's preempt");
    assert.doesNotMatch(written.text.replaceAll("\r\n", ""), /\n/, "no bare LF");
  });

  it("writes nothing for a file that is no unicast node of a pair", () => {
    const multicast = NODE(["    state MASTER", "    priority 100"]).replace(/ {4}unicast_src_ip .*\n {4}unicast_peer \{\n.*\n {4}\}\n/, "");
    assert.equal(mirror(multicast), undefined, "multicast: no peer address to swap");
    assert.equal(mirror(NODE(["    state MASTER", "    priority 100"]).replace("        10.0.0.2", "        10.0.0.2\n        10.0.0.3")), undefined, "three nodes");
    assert.equal(mirror(NODE(["    state MASTER"])), undefined, "the address owner (priority 255) has no standby to mirror");
    assert.equal(mirror("vrrp_instance VI {\n    state MASTER\n"), undefined, "no peer at all");
  });
});
