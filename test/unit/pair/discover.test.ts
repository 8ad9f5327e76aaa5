import { strict as assert } from "node:assert";
import { A, B, C, GUIDE_PRIMARY, GUIDE_STANDBY, pairs, primaryWith, standbyWith } from "./helpers.ts";

const labelsOf = (p: ReturnType<typeof pairs>): string[][] =>
  p.result.clusters.map((c) => c.members.map((m) => `${m.node.label}:${m.name}`));

function multicast(name: string, vip: string, extra = "", iface = "eth0"): string {
  return `vrrp_instance ${name} {\n  state BACKUP\n  interface ${iface}\n  virtual_router_id 51\n  priority 100\n${extra}  virtual_ipaddress {\n    ${vip}\n  }\n}\n`;
}

describe("pair discovery", () => {
  it("pairs the guide's primary and standby by their unicast addresses", () => {
    const p = pairs({ [A]: GUIDE_PRIMARY, [B]: GUIDE_STANDBY });
    assert.deepEqual(labelsOf(p), [["a/keepalived.conf:EMQX_EDGE_HA", "b/keepalived.conf:EMQX_EDGE_HA"]]);
    assert.deepEqual([...p.result.clusters[0]!.links], ["unicast"]);
    assert.deepEqual(p.diagnostics, [], "the guide's pair is consistent");
  });

  it("pairs multicast instances by name, interface and a shared virtual address, not otherwise", () => {
    assert.equal(pairs({ [A]: multicast("VI_1", "10.0.0.100/24"), [B]: multicast("VI_1", "10.0.0.100") }).result.clusters.length, 1);
    assert.equal(pairs({ [A]: multicast("VI_1", "10.0.0.100/24"), [B]: multicast("VI_2", "10.0.0.100/24") }).result.clusters.length, 0);
    assert.equal(pairs({ [A]: multicast("VI_1", "10.0.0.100/24"), [B]: multicast("VI_1", "10.0.0.101/24") }).result.clusters.length, 0);
    assert.equal(pairs({ [A]: multicast("VI_1", "10.0.0.100/24"), [B]: multicast("VI_1", "10.0.0.100/24", "", "eth1") }).result.clusters.length, 0);
  });

  it("leaves a crowd of more than 4 copies of one multicast instance unchecked, and says so in each file", () => {
    const files = Object.fromEntries(["a", "b", "c", "d", "e"].map((n, i) => [`/w/${n}/keepalived.conf`, multicast("VI_1", "10.0.0.100/24").replace("virtual_router_id 51", `virtual_router_id ${i === 4 ? 52 : 51}`)]));
    const p = pairs(files);
    assert.equal(p.result.clusters.length, 0, "no cluster of five by name");
    assert.deepEqual(p.of("vrid-mismatch"), [], "so no pair check");
    const said = p.of("peers-ambiguous");
    assert.equal(said.length, 5, "one information per file");
    assert.equal(said[0]!.severity, "information");
    assert.match(said[0]!.message, /is in 5 files .*no pair check .*keepalived\.peers/);
    // Named as one group, they are checked: the odd VRID is found.
    const grouped = pairs(files, [Object.keys(files)]);
    assert.deepEqual(grouped.of("peers-ambiguous"), []);
    assert.ok(grouped.of("vrid-mismatch").length > 0);
    // Four are still taken for one router.
    const four = pairs(Object.fromEntries(Object.entries(files).slice(1)));
    assert.equal(four.result.clusters.length, 1);
    assert.deepEqual(four.of("peers-ambiguous"), []);
  });

  it("still pairs a unicast pair whose peer address is mistyped, by name and address, and says so", () => {
    const standby = standbyWith(["192.168.1.10\n}", "192.168.1.12\n}"], ["unicast_src_ip 192.168.1.11", "unicast_src_ip 192.168.1.13"]);
    const p = pairs({ [A]: GUIDE_PRIMARY, [B]: standby });
    assert.equal(p.result.clusters.length, 1);
    assert.deepEqual([...p.result.clusters[0]!.links], ["name"]);
    assert.ok(p.of("unicast-not-mirrored").length > 0);
  });

  it("matches instances one to one when several share the nodes' addresses (one per service)", () => {
    const two = (text: string): string => `${text}\n${text.replace(/EMQX_EDGE_HA/g, "SECOND").replace("virtual_router_id 51", "virtual_router_id 52").replace("192.168.1.100/24", "192.168.1.101/24")}`;
    const p = pairs({ [A]: two(GUIDE_PRIMARY.slice(GUIDE_PRIMARY.indexOf("vrrp_instance"))), [B]: two(GUIDE_STANDBY.slice(GUIDE_STANDBY.indexOf("vrrp_instance"))) });
    assert.deepEqual(labelsOf(p).sort(), [
      ["a/keepalived.conf:EMQX_EDGE_HA", "b/keepalived.conf:EMQX_EDGE_HA"],
      ["a/keepalived.conf:SECOND", "b/keepalived.conf:SECOND"],
    ]);
  });

  it("checks a cluster of three nodes as one", () => {
    const third = standbyWith(["unicast_src_ip 192.168.1.11", "unicast_src_ip 192.168.1.12"], ["priority 90", "priority 80"]);
    const withThird = (text: string): string => text.replace(/unicast_peer \{\n([^}]*)\}/, (_, peers: string) => `unicast_peer {\n${peers}192.168.1.${text.includes("src_ip 192.168.1.12") ? "11" : "12"}\n}`);
    const p = pairs({ [A]: withThird(GUIDE_PRIMARY), [B]: withThird(GUIDE_STANDBY), [C]: withThird(third.replace("192.168.1.10\n}", "192.168.1.10\n}")) });
    assert.deepEqual(labelsOf(p), [["a/keepalived.conf:EMQX_EDGE_HA", "b/keepalived.conf:EMQX_EDGE_HA", "c/keepalived.conf:EMQX_EDGE_HA"]]);
  });

  it("pairs files of an explicit group whatever their addresses say", () => {
    const a = multicast("VI_A", "10.0.0.100/24");
    const b = multicast("VI_B", "10.0.0.200/24");
    assert.equal(pairs({ [A]: a, [B]: b }).result.clusters.length, 0);
    const p = pairs({ [A]: a, [B]: b }, [[A, B]]);
    assert.deepEqual([...p.result.clusters[0]!.links], ["explicit"]);
    assert.ok(p.of("vip-mismatch").length === 2);
  });

  it("checks a file written for two hosts (@ID lines) as a pair, one node per config-id", () => {
    const text = [
      "vrrp_instance VI_1 {",
      "  @lb1 state MASTER",
      "  @lb2 state BACKUP",
      "  interface eth0",
      "  virtual_router_id 51",
      "  @lb1 priority 100",
      "  @lb2 priority 100",
      "  virtual_ipaddress {",
      "    10.0.0.100/24",
      "  }",
      "}",
    ].join("\n");
    const p = pairs({ [A]: text });
    assert.deepEqual(labelsOf(p), [["keepalived.conf @lb1:VI_1", "keepalived.conf @lb2:VI_1"]]);
    assert.deepEqual(p.of("priority-tie").map((d) => p.line(d.span)), [6, 7]);
  });

  it("never merges two address-linked clusters that share an instance name", () => {
    const other = (text: string): string => text.replace(/192\.168\.1\./g, "10.9.9.");
    const p = pairs({ [A]: GUIDE_PRIMARY, [B]: GUIDE_STANDBY, [C]: other(GUIDE_PRIMARY), "/etc/ha/d/keepalived.conf": other(GUIDE_STANDBY) });
    assert.equal(p.result.clusters.length, 2);
    assert.ok(p.result.clusters.every((c) => c.members.length === 2));
  });

  it("says once per file when a unicast peer has no configuration, and how to point at it", () => {
    const p = pairs({ [A]: GUIDE_PRIMARY });
    const [d] = p.of("peer-not-found");
    assert.ok(d !== undefined);
    assert.equal(p.diagnostics.length, 1);
    assert.equal(d.severity, "information");
    assert.match(d.message, /192\.168\.1\.11/);
    assert.match(d.message, /skipped/);
    assert.match(d.message, /keepalived\.peers/);
    assert.match(d.message, /--peers/);
    assert.equal(p.text(d.span), "unicast_peer");
    // Two instances with the same missing peer: still one diagnostic for the file.
    const twice = GUIDE_PRIMARY + GUIDE_PRIMARY.slice(GUIDE_PRIMARY.indexOf("vrrp_instance")).replace("EMQX_EDGE_HA", "OTHER");
    assert.equal(pairs({ [A]: twice }).of("peer-not-found").length, 1);
  });

  it("does not take template placeholders for missing peers", () => {
    const templated = primaryWith(["192.168.1.11\n}", "{{ PEER_IP }}\n}"]);
    assert.deepEqual(pairs({ [A]: templated }).of("peer-not-found"), []);
  });
});
