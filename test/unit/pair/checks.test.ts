import { strict as assert } from "node:assert";
import type { Diagnostic } from "../../../server/src/checks/diagnostic.ts";
import { A, B, C, GUIDE_PRIMARY, GUIDE_STANDBY, PAIR_CODES, pairs, primaryWith, standbyWith, type Paired } from "./helpers.ts";

/** The diagnostic of `code` in each of the two files, each relating to a line of the other. */
function inBoth(p: Paired, code: string): { a: Diagnostic; b: Diagnostic } {
  const list = p.of(code);
  const a = list.find((d) => d.span.file === A);
  const b = list.find((d) => d.span.file === B);
  assert.ok(a !== undefined && b !== undefined, `${code} in both files: ${JSON.stringify(p.diagnostics.map((d) => [d.code, d.span.file]))}`);
  assert.ok(a.related?.some((r) => r.span.file === B), `${code} in A relates to B`);
  assert.ok(b.related?.some((r) => r.span.file === A), `${code} in B relates to A`);
  return { a, b };
}

function guide(standby: string, primary = GUIDE_PRIMARY): Paired {
  return pairs({ [A]: primary, [B]: standby });
}

describe("pair checks", () => {
  it("declares every pair code in the code table", () => {
    assert.deepEqual(PAIR_CODES.sort(), [
      "advert-int-mismatch", "auth-pass-mismatch", "auth-type-mismatch", "both-master", "peer-not-found", "peers-ambiguous", "preempt-missing",
      "priority-reversed", "priority-tie", "standby-nopreempt", "unicast-not-mirrored", "vip-mismatch", "vrid-collision", "vrid-mismatch", "weight-too-small",
    ]);
  });

  it("vrid-mismatch: on each file's virtual_router_id, split brain said", () => {
    const p = guide(standbyWith(["virtual_router_id 51", "virtual_router_id 52"]));
    const { a, b } = inBoth(p, "vrid-mismatch");
    assert.equal(p.text(a.span), "51");
    assert.equal(p.text(b.span), "52");
    assert.equal(p.text(a.related![0]!.span), "52");
    assert.match(a.message, /51 here, but 52 in b\/keepalived\.conf/);
    assert.match(a.message, /split brain/);
    assert.equal(a.severity, "error");
    assert.deepEqual(p.diagnostics.map((d) => d.code).sort(), ["vrid-mismatch", "vrid-mismatch"]);
  });

  it("auth-pass-mismatch compares the first 8 bytes only, as keepalived does, and never quotes the password", () => {
    const same8 = guide(
      standbyWith(["REPLACE_WITH_YOUR_OWN_SHARED_VRRP_PASSWORD", "Abcdefgh-standby"]),
      primaryWith(["REPLACE_WITH_YOUR_OWN_SHARED_VRRP_PASSWORD", "Abcdefgh-primary"]),
    );
    assert.deepEqual(same8.of("auth-pass-mismatch"), []);
    const p = guide(standbyWith(["REPLACE_WITH_YOUR_OWN_SHARED_VRRP_PASSWORD", "Xbcdefgh"]), primaryWith(["REPLACE_WITH_YOUR_OWN_SHARED_VRRP_PASSWORD", "Abcdefgh"]));
    const { a } = inBoth(p, "auth-pass-mismatch");
    assert.match(a.message, /first 8 bytes/);
    assert.doesNotMatch(a.message, /bcdefgh/);
  });

  it("auth-type-mismatch: authentication on one side only", () => {
    const standby = GUIDE_STANDBY.replace(/authentication \{[^}]*\}\n/, "");
    const { b } = inBoth(guide(standby), "auth-type-mismatch");
    assert.match(b.message, /no authentication here, but auth_type PASS/);
  });

  it("advert-int-mismatch: an error with VRRPv2, a warning with VRRPv3", () => {
    const v2 = inBoth(guide(standbyWith(["advert_int 1", "advert_int 3"])), "advert-int-mismatch");
    assert.equal(v2.a.severity, "error");
    assert.match(v2.a.message, /advertisement interval mismatch/);
    const v3 = guide(standbyWith(["advert_int 1", "advert_int 3\nversion 3"]), primaryWith(["advert_int 1", "advert_int 1\nversion 3"]));
    assert.equal(inBoth(v3, "advert-int-mismatch").a.severity, "warning");
  });

  it("vip-mismatch lists the differing addresses", () => {
    const p = guide(standbyWith(["192.168.1.100/24 dev eth0", "192.168.1.100/24 dev eth0\n192.168.1.200/24"]));
    const { a, b } = inBoth(p, "vip-mismatch");
    assert.match(a.message, /only in b\/keepalived\.conf \(EMQX_EDGE_HA\): 192\.168\.1\.200/);
    assert.match(b.message, /only here: 192\.168\.1\.200/);
    // Prefix and device do not matter: adverts carry the bare address.
    assert.deepEqual(guide(standbyWith(["192.168.1.100/24 dev eth0", "192.168.1.100"])).of("vip-mismatch"), []);
  });

  it("priority-reversed: the MASTER below a BACKUP, on both priority lines", () => {
    const p = guide(standbyWith(["priority 90", "priority 110"]));
    const { a, b } = inBoth(p, "priority-reversed");
    assert.equal(p.text(a.span), "100");
    assert.equal(p.text(b.span), "110");
    assert.match(a.message, /starts as MASTER with priority 100, below the 110/);
  });

  it("priority-tie and both-master", () => {
    const p = guide(standbyWith(["priority 90", "priority 100"], ["state BACKUP", "state MASTER"]));
    inBoth(p, "priority-tie");
    const { a } = inBoth(p, "both-master");
    assert.match(a.message, /both start as MASTER/);
  });

  it("preempt-missing: information without preempt, a warning with a nopreempt keepalived honours, nothing with preempt", () => {
    assert.deepEqual(guide(GUIDE_STANDBY).of("preempt-missing"), []);
    const info = inBoth(guide(GUIDE_STANDBY, primaryWith(["preempt\n", ""])), "preempt-missing");
    assert.equal(info.a.severity, "information");
    const sticky = guide(GUIDE_STANDBY, primaryWith(["preempt\n", "nopreempt\n"], ["state MASTER", "state BACKUP"]));
    const warning = inBoth(sticky, "preempt-missing");
    assert.equal(warning.a.severity, "warning");
    assert.equal(sticky.text(warning.a.span), "nopreempt");
    // With state MASTER keepalived clears nopreempt: nopreempt-master says it, not this check.
    assert.deepEqual(guide(GUIDE_STANDBY, primaryWith(["preempt\n", "nopreempt\n"])).of("preempt-missing"), []);
  });

  it("standby-nopreempt: a weighted check of the primary never moves the VIP to a nopreempt standby (measured in the lab)", () => {
    const p = guide(standbyWith(["advert_int 1\n", "advert_int 1\nnopreempt\n"]));
    const { a, b } = inBoth(p, "standby-nopreempt");
    assert.equal(p.text(b.span), "nopreempt");
    assert.equal(p.text(a.span), "-30");
    assert.match(b.message, /drops to priority 70, below this node's 90/);
    assert.match(b.message, /never takes the VIP from a master that is still alive/);
    assert.equal(b.severity, "warning");
    // A check without weight faults the primary, which then gives the VIP away whatever nopreempt says.
    const fault = guide(
      standbyWith(["advert_int 1\n", "advert_int 1\nnopreempt\n"]).replace(/weight -30[^\n]*\n/, ""),
      GUIDE_PRIMARY.replace(/weight -30[^\n]*\n/, ""),
    );
    assert.deepEqual(fault.of("standby-nopreempt"), []);
    // With state MASTER keepalived clears the standby's nopreempt (nopreempt-master says so).
    assert.deepEqual(guide(standbyWith(["advert_int 1\n", "advert_int 1\nnopreempt\n"], ["state BACKUP", "state MASTER"])).of("standby-nopreempt"), []);
  });

  it("unicast-not-mirrored: the list that lacks the address and the address it lacks", () => {
    const p = guide(standbyWith(["192.168.1.10\n}", "192.168.1.12\n}"]));
    const { a, b } = inBoth(p, "unicast-not-mirrored");
    assert.equal(p.text(b.span), "unicast_peer");
    assert.equal(p.text(a.span), "192.168.1.10");
    assert.match(b.message, /does not list 192\.168\.1\.10/);
    assert.match(b.message, /split brain/);
    assert.deepEqual(p.of("peer-not-found"), [], "the unknown address is taken for a typo, not a missing peer");
  });

  it("unicast-not-mirrored: one member unicast, the other multicast", () => {
    const standby = GUIDE_STANDBY.replace(/unicast_src_ip [^\n]*\nunicast_peer \{[^}]*\}\n/, "");
    const { b } = inBoth(guide(standby), "unicast-not-mirrored");
    assert.match(b.message, /by multicast/);
  });

  it("weight-too-small says the numbers (measured: weight -5 with 100/90 never moves the VIP)", () => {
    const p = guide(standbyWith(["weight -30", "weight -5"]), primaryWith(["weight -30", "weight -5"]));
    const { a, b } = inBoth(p, "weight-too-small");
    assert.match(a.message, /priority 95 \(priority 100, weight -5\), not below the 90/);
    assert.match(a.message, /weight -11 is the smallest/);
    assert.equal(p.text(a.span), "-5");
    assert.equal(p.text(b.span), "90");
    // A check without weight faults the instance instead: the VIP always moves.
    const fault = guide(GUIDE_STANDBY.replace(/weight -30[^\n]*\n/, ""), GUIDE_PRIMARY.replace(/weight -30[^\n]*\n/, ""));
    assert.deepEqual(fault.of("weight-too-small"), []);
  });

  it("vrid-collision: two multicast routers on one segment with one VRID, not unicast ones", () => {
    const router = (name: string, vip: string): string =>
      `vrrp_instance ${name} {\n  state MASTER\n  interface eth0\n  virtual_router_id 51\n  priority 100\n  preempt\n  virtual_ipaddress {\n    ${vip}\n  }\n}\n`;
    const p = pairs({ [A]: router("WEB", "10.0.0.100/24"), [B]: router("DB", "10.0.0.200/24") });
    const { a } = inBoth(p, "vrid-collision");
    assert.match(a.message, /also used by b\/keepalived\.conf \(DB\)/);
    assert.deepEqual(pairs({ [A]: router("WEB", "10.0.0.100/24"), [B]: router("DB", "10.0.1.200/24") }).of("vrid-collision"), [], "another subnet");
    assert.match(a.message, /drops them as invalid/);
  });

  it("vip-mismatch in a cluster of three says what only one node has once", () => {
    const node = (vips: string): string => `vrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n  priority 100\n  virtual_ipaddress {\n${vips}  }\n}\n`;
    const p = pairs({ [A]: node("    10.1.0.100/24\n"), [B]: node("    10.1.0.100/24\n"), [C]: node("    10.1.0.100/24\n    10.1.0.101/24\n") });
    const odd = p.of("vip-mismatch").find((d) => d.span.file === C)!;
    assert.equal(odd.message.match(/only here/g)?.length, 1, odd.message);
    assert.match(odd.message, /only here: 10\.1\.0\.101\)/);
    const other = p.of("vip-mismatch").find((d) => d.span.file === A)!;
    assert.match(other.message, /only in c\/keepalived\.conf \(VI_1\): 10\.1\.0\.101/);
  });

  it("vrid-collision: unicast routers collide only by their virtual MAC, when both use use_vmac", () => {
    const router = (name: string, vip: string, own: string, peer: string, vmac: boolean): string =>
      `vrrp_instance ${name} {\n  state MASTER\n  interface eth0\n  virtual_router_id 51\n  priority 100\n${vmac ? "  use_vmac\n" : ""}  unicast_src_ip ${own}\n  unicast_peer {\n    ${peer}\n  }\n  virtual_ipaddress {\n    ${vip}\n  }\n}\n`;
    const withVmac = pairs({ [A]: router("WEB", "10.0.0.100/24", "10.0.0.1", "10.0.0.2", true), [B]: router("DB", "10.0.0.200/24", "10.0.0.3", "10.0.0.4", true) });
    const { a } = inBoth(withVmac, "vrid-collision");
    assert.match(a.message, /announces the virtual MAC 00:00:5e:00:01:33/);
    assert.doesNotMatch(a.message, /adverts/);
    const plain = pairs({ [A]: router("WEB", "10.0.0.100/24", "10.0.0.1", "10.0.0.2", false), [B]: router("DB", "10.0.0.200/24", "10.0.0.3", "10.0.0.4", true) });
    assert.deepEqual(plain.of("vrid-collision"), [], "one without use_vmac: no MAC shared, no advert heard");
  });

  it("finds nothing on a consistent pair, whichever file comes first", () => {
    assert.deepEqual(pairs({ [B]: GUIDE_STANDBY, [A]: GUIDE_PRIMARY }).diagnostics, []);
  });

  it("each pair diagnostic's data carries what its fix needs (no message parsing)", () => {
    const p = guide(standbyWith(["virtual_router_id 51", "virtual_router_id 52"]));
    const data = p.of("vrid-mismatch").find((d) => d.span.file === B)!.data!;
    assert.equal(data["keyword"], "virtual_router_id");
    assert.equal(data["reference"], "51");
    assert.deepEqual((data["here"] as { word: { raw: string } }).word.raw, "52");
  });
});
