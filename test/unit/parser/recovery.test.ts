import { strict as assert } from "node:assert";
import fc from "fast-check";
import { parse } from "../../../server/src/parser/parse.ts";
import { parser } from "../../../server/src/parser/parser.ts";
import { errorsOf, shape } from "./helpers.ts";

/** Malformed input gives a partial tree and errors whose ranges point at the culprit; a parse never throws. */

describe("parser: recovery", () => {
  it("keeps a block never closed, with everything read so far, and points at its keyword line", () => {
    const text = "global_defs {\n  router_id A\n}\nvrrp_instance X {\n  state MASTER\n  priority 100\n";
    assert.deepEqual(shape(text), ["global_defs", ["router_id A"], "vrrp_instance X", ["{...", "state MASTER", "priority 100"]]);
    assert.deepEqual(errorsOf(text), [["unclosed-block", "vrrp_instance X {"]]);
  });

  it("reports each of several unclosed nested blocks", () => {
    const text = "vrrp_instance X {\n  virtual_ipaddress {\n    1.2.3.4\n";
    assert.deepEqual(errorsOf(text), [
      ["unclosed-block", "vrrp_instance X {"],
      ["unclosed-block", "virtual_ipaddress {"],
    ]);
  });

  it("reports an extra '}' and goes on reading", () => {
    const text = "vrrp_instance X {\n  state MASTER\n}\n}\nglobal_defs {\n}\n";
    assert.deepEqual(shape(text), ["vrrp_instance X", ["state MASTER"], "global_defs", []]);
    assert.deepEqual(errorsOf(text), [["extra-close", "}"]]);
    assert.equal(parse(text).errors[0]!.start, text.indexOf("}\nglobal"));
  });

  it("reports an extra '}' at the very start", () => {
    assert.deepEqual(errorsOf("}\na 1"), [["extra-close", "}"]]);
    assert.deepEqual(shape("}\na 1"), ["a 1"]);
  });

  it("reports a '{' with no keyword before it and keeps its lines", () => {
    const text = "vrrp_instance X {\n  {\n  state MASTER\n  }\n}\n";
    assert.deepEqual(shape(text), ["vrrp_instance X", ["", ["state MASTER"]]]);
    assert.deepEqual(errorsOf(text), [["orphan-open", "{"]]);
  });

  it("reports an unterminated quote up to the end of its line and reads the next line normally", () => {
    const text = 'vrrp_instance X {\n  notify_master "/bin/a b\n  state MASTER\n}\n';
    assert.deepEqual(shape(text), ["vrrp_instance X", ['notify_master "/bin/a b', "state MASTER"]]);
    assert.deepEqual(errorsOf(text), [["unterminated-quote", '"/bin/a b']]);
  });

  it("does not close a block with a brace inside an unterminated quote", () => {
    const text = 'a {\n  b "x }\n}';
    assert.deepEqual(shape(text), ["a", ['b "x }']]);
    assert.deepEqual(errorsOf(text), [["unterminated-quote", '"x }']]);
  });

  it("sorts errors by position", () => {
    const text = '}\na "x\nb {\n';
    const starts = parse(text).errors.map((e) => e.start);
    assert.deepEqual(starts, [...starts].sort((x, y) => x - y));
    assert.deepEqual(errorsOf(text).map(([kind]) => kind), ["extra-close", "unterminated-quote", "unclosed-block"]);
  });

  it("parses blocks nested far deeper than the call stack would allow a recursive rule", () => {
    const depth = 20_000;
    const result = parse("a {\n".repeat(depth) + "}\n".repeat(depth));
    assert.deepEqual(result.errors, []);
    let level = 0;
    for (let list = result.tree.statements; list.length > 0; list = list[0]!.block!.statements) level++;
    assert.equal(level, depth);
  });

  it("parses the empty text and blank text to nothing", () => {
    for (const text of ["", "\n\n", "   \t  ", "# only a comment"]) {
      const result = parse(text);
      assert.deepEqual(result.tree.statements, []);
      assert.deepEqual(result.errors, []);
    }
  });

  it("lets go of what it parsed: the process's one parser holds no token or statement of the last text", () => {
    const result = parse("vrrp_instance VI_1 {\n  state MASTER\n  virtual_ipaddress {\n    10.0.0.1\n}\n}\n}\n{\n");
    assert.ok(result.tree.statements.length > 0 && result.errors.length > 0);
    assert.equal(parser.input.length, 0);
    assert.deepEqual([parser.orphans.length, parser.unclosed.length], [0, 0]);
    for (const held of Object.values(parser as unknown as Record<string, unknown>)) {
      // Whatever the parser keeps between parses (its grammar, its lookahead tables) holds none of the statements.
      if (Array.isArray(held)) assert.ok(!held.some((x) => result.tree.statements.includes(x)));
    }
  });

  it("never throws, and every error range lies inside the text", () => {
    const alphabet = fc.constantFrom("a", "b1", " ", "\t", "\n", "\r\n", "{", "}", '"', "#", "!", "\\", "$", "$A=", "${A}", "@x ", "@^y ", "~SEQ(I,1,2) ", "~LST(", ")", "{{", "}}", ";", "include ", "\u00e9");
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }), (parts) => {
        const text = parts.join("");
        const result = parse(text);
        for (const e of result.errors) {
          assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, `${JSON.stringify(text)}: ${JSON.stringify(e)}`);
        }
        assert.ok(!result.errors.some((e) => e.message.startsWith("Internal parser error")), JSON.stringify(text));
      }),
      { seed: 20241125, numRuns: 400 },
    );
  });
});
