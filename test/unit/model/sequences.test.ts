import { strict as assert } from "node:assert";
import { MAX_REPETITIONS, parseSequence } from "../../../server/src/model/sequence.ts";
import { build, flatten, shape } from "./helpers.ts";

/** `~SEQ`, `~SEQx` and `~LST` lines (keepalived.conf(5), "Sequence blocks" and "List blocks"). */

const values = (image: string): string[] => parseSequence(image).bindings.map((b) => b.map(([, v]) => v).join(","));

describe("model: sequences", () => {
  it("counts from START by STEP to END, with keepalived's defaults", () => {
    assert.deepEqual(values("~SEQ(S, 0, 3)"), ["0", "1", "2", "3"]);
    assert.deepEqual(values("~SEQ(S, 3)"), ["1", "2", "3"]);
    assert.deepEqual(values("~SEQ(S, -2)"), ["-1", "-2"]);
    assert.deepEqual(values("~SEQ(S, 0)"), ["1", "0"]);
    assert.deepEqual(values("~SEQ(S, 5, 2)"), ["5", "4", "3", "2"]);
    assert.deepEqual(values("~SEQ(S, 1, 2, 6)"), ["1", "3", "5"]);
    assert.deepEqual(values("~SEQ(S, 6, -3, 0)"), ["6", "3", "0"]);
  });

  it("writes ~SEQx values in hexadecimal and reads 0x numbers", () => {
    assert.deepEqual(values("~SEQx(S, 144, 16, 192)"), ["90", "a0", "b0", "c0"]);
    assert.deepEqual(values("~SEQx(S, 0x90, 0x10, 0xc0)"), ["90", "a0", "b0", "c0"]);
  });

  it("lists ~LST values, one variable or several in braces", () => {
    assert.deepEqual(values("~LST(IP, 1, 2, 3)"), ["1", "2", "3"]);
    assert.deepEqual(values("~LST({IP, IP1}, {10,1},{20,4},{5,6})"), ["10,1", "20,4", "5,6"]);
  });

  it("rejects what keepalived rejects", () => {
    for (const image of ["~SEQ(S)", "~SEQ(S, a)", "~SEQ(S, 1, 0, 5)", "~SEQ(S, 1, -1, 5)", "~SEQx(S, -3)", "~LST(I)", "~LST({A,B}, {1})", "~SEQ(1X, 3)"]) {
      const result = parseSequence(image);
      assert.ok(result.error !== undefined, image);
      assert.deepEqual(result.bindings, [], image);
    }
  });

  it("repeats the rest of the line once per value, nesting several prefixes left to right (man page)", () => {
    assert.deepEqual(shape("~LST({IP, IP1}, {10,1},{20,4}) ~SEQ(IP2,168,2,172) kw 192.${IP2}.${IP}.${IP1}"), [
      "?kw 192.168.10.1",
      "?kw 192.170.10.1",
      "?kw 192.172.10.1",
      "?kw 192.168.20.4",
      "?kw 192.170.20.4",
      "?kw 192.172.20.4",
    ]);
  });

  it("repeats items inside a value block", () => {
    const text = "vrrp_instance X {\n  virtual_ipaddress {\n    ~SEQx(AD2, 0x90, 0x10, 0xa0) ~SEQx(AD1, 0x12, -1, 0x11) fe81::10:${AD2}:${AD1}\n  }\n}";
    assert.deepEqual(shape(text), ["vrrp_instance X", ["virtual_ipaddress", ["fe81::10:90:12", "fe81::10:90:11", "fe81::10:a0:12", "fe81::10:a0:11"]]]);
  });

  it("keeps each repeated word at its place and points at the ~SEQ line", () => {
    const text = "~SEQ(N, 1, 2) router_id r$N\n";
    const built = build(text);
    for (const d of built.result.directives) {
      assert.equal(built.at(d.keyword.span), "router_id");
      assert.equal(built.at(d.args[0]!.span), "r$N");
      assert.equal(built.at(d.expandedFrom!), "~SEQ(N, 1, 2) router_id r$N");
    }
  });

  it("repeats a multi-line definition (man page ~SEQ ... $VI4)", () => {
    const text = [
      "$VI4= \\",
      "vrrp_instance vrrp4.${IF}.${ID} { \\",
      "    virtual_router_id ${ID} \\",
      "}",
      "~SEQ(IF,0,1) ~SEQ(ID,1,3) $VI4",
    ].join("\n");
    const names = build(text).result.directives.map((d) => d.args[0]!.text);
    assert.deepEqual(names, ["vrrp4.0.1", "vrrp4.0.2", "vrrp4.0.3", "vrrp4.1.1", "vrrp4.1.2", "vrrp4.1.3"]);
  });

  it("reports a malformed prefix and drops its line", () => {
    const built = build("~SEQ(N) router_id r$N\n~SEQ(I, 1, 0, 3) x\nstate BACKUP");
    assert.deepEqual(shape("~SEQ(N) router_id r$N\n~SEQ(I, 1, 0, 3) x\nstate BACKUP"), ["?state BACKUP"]);
    assert.deepEqual(built.result.problems.map((p) => [p.kind, built.at(p.span)]), [
      ["sequence-syntax", "~SEQ(N)"],
      ["sequence-syntax", "~SEQ(I, 1, 0, 3)"],
    ]);
  });

  it("repeats a line at most MAX_REPETITIONS times in all, however the prefixes multiply, and says so", () => {
    const text = "~SEQ(A, 1, 100000) ~SEQ(B, 1, 100000) router_id ${A}.${B}\n";
    const built = build(text);
    assert.equal(built.result.directives.length, MAX_REPETITIONS);
    assert.deepEqual(built.result.problems.map((p) => p.kind), ["sequence-limit"]);
    assert.deepEqual(flatten(built.result.directives.slice(0, 2)).map((d) => d.args[0]!.text), ["1.1", "1.2"]);
  });

  it("does nothing for a prefix with nothing after it", () => {
    assert.deepEqual(shape("~SEQ(I, 1, 3)\nrouter_id A"), ["?router_id A"]);
  });
});
