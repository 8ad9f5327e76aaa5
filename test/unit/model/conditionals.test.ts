import { strict as assert } from "node:assert";
import { build, shape } from "./helpers.ts";

/** `@ID` / `@^ID` lines (keepalived.conf(5), "Conditional configuration and configuration id"). */

const MAN_EXAMPLE = [
  "global_defs {",
  "    @main   router_id main_router",
  "    @backup router_id backup_router",
  "}",
  "vrrp_instance VRRP {",
  "    @main    unicast_src_ip 1.2.3.4",
  "    @backup  unicast_src_ip 1.2.3.5",
  "    @backup2 unicast_src_ip 1.2.3.6",
  "    unicast_peer {",
  "        @^main    1.2.3.4",
  "        @^backup  1.2.3.5",
  "        @^backup2 1.2.3.6",
  "    }",
  "}",
].join("\n");

describe("model: conditionals", () => {
  it("keeps @ID lines for that id and @^ID lines for every other (man page example)", () => {
    assert.deepEqual(shape(MAN_EXAMPLE, { configId: "main" }), [
      "global_defs",
      ["router_id main_router"],
      "vrrp_instance VRRP",
      ["unicast_src_ip 1.2.3.4", "unicast_peer", ["1.2.3.5", "1.2.3.6"]],
    ]);
    assert.deepEqual(shape(MAN_EXAMPLE, { configId: null }), [
      "global_defs",
      [],
      "vrrp_instance VRRP",
      ["unicast_peer", ["1.2.3.4", "1.2.3.5", "1.2.3.6"]],
    ]);
  });

  it("lists the ids named, in order, and whether some line is negated", () => {
    const { result } = build(MAN_EXAMPLE);
    assert.deepEqual(result.configIds, ["main", "backup", "backup2"]);
    assert.equal(result.negatedConditionals, true);
    assert.equal(build("@a x\n@b y").result.negatedConditionals, false);
  });

  it("records the conditional a kept line was written with", () => {
    const built = build("@main router_id A", { configId: "main" });
    const [directive] = built.result.directives;
    assert.equal(directive!.conditional?.text, "@main");
    assert.equal(built.at(directive!.conditional!.span), "@main");
    assert.equal(built.at(directive!.keyword.span), "router_id");
  });

  it("drops a line that is only @ID, whatever the id", () => {
    assert.deepEqual(shape("@main\nrouter_id A", { configId: "main" }), ["?router_id A"]);
    assert.deepEqual(shape("@main\nrouter_id A"), ["?router_id A"]);
  });

  it("reads a '}' after @ID on its own", () => {
    assert.deepEqual(shape("global_defs {\n  router_id A\n@main }\nvrrp_script s {\n}"), ["global_defs", ["router_id A"], "vrrp_script s", []]);
  });

  it("reads the block of a dropped line outside it and says so, where the '{' was", () => {
    const sameLine = build("vrrp_instance X {\n  @main track_script {\n    chk\n  }\n}");
    assert.deepEqual(
      sameLine.result.problems.map((p) => [p.kind, sameLine.at(p.span)]),
      [["unexpected-block", "@main"]],
    );
    const nextLine = build("@main vrrp_instance X\n{\n  state MASTER\n}");
    assert.deepEqual(
      nextLine.result.problems.map((p) => [p.kind, nextLine.at(p.span)]),
      [["unexpected-block", "{"]],
    );
    assert.deepEqual(shape("@main vrrp_instance X\n{\n  state MASTER\n}"), ["?state MASTER"]);
  });

  it("keeps the block of a line that holds", () => {
    const built = build("@main vrrp_instance X {\n  state MASTER\n}", { configId: "main" });
    assert.deepEqual(built.result.problems, []);
    assert.deepEqual(shape("@main vrrp_instance X {\n  state MASTER\n}", { configId: "main" }), ["vrrp_instance X", ["state MASTER"]]);
  });

  it("does not read '@ID include' as an include (keepalived looks for includes first)", () => {
    const built = build("@main include other.conf", { configId: "main", files: { "other.conf": "router_id B" } });
    assert.deepEqual(built.result.includes, []);
    assert.equal(built.result.directives[0]!.role, "unknown");
  });

  it("uses the config-id for ${_INSTANCE}", () => {
    assert.deepEqual(shape("router_id ${_INSTANCE}", { configId: "lb1" }), ["?router_id lb1"]);
  });
});
