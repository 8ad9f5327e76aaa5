import { strict as assert } from "node:assert";
import { check, instance } from "./helpers.ts";

describe("checks: syntax-error, template-placeholder, undefined-variable", () => {
  it("reports braces and quotes keepalived cannot match", () => {
    const unclosed = check("global_defs {\n  router_id A\n");
    assert.equal(unclosed.of("syntax-error")[0]!.data?.["kind"], "unclosed-block");
    assert.equal(check("global_defs {\n}\n}\n").of("syntax-error")[0]!.data?.["kind"], "extra-close");
    assert.equal(check(instance('  notify_master "/bin/n')).of("syntax-error")[0]!.data?.["kind"], "unterminated-quote");
  });

  it("reports a block keyword without '{'", () => {
    const c = check("vrrp_instance VI_1\n  state BACKUP\n}\n");
    assert.ok(c.of("syntax-error").some((d) => d.data?.["kind"] === "missing-open-brace"));
  });

  it("reports unfilled {{ }} placeholders once each, as errors", () => {
    const c = check(instance("  priority {{ PRIORITY }}"));
    assert.deepEqual(c.of("template-placeholder").map((d) => [c.text(d), d.severity]), [["{{ PRIORITY }}", "error"]]);
    assert.equal(c.diagnostics.length, 1, "nothing else about the same word");
    assert.equal(c.of("template-placeholder")[0]!.data?.["stops"], true);
    assert.match(c.of("template-placeholder")[0]!.message, /exit 2/);
  });

  it("reports undefined $NAME and ${NAME}, with the names that are defined", () => {
    const c = check("$PRIO=100\n" + instance("  priority $PRI\n  interface ${IFACE}"));
    const list = c.of("undefined-variable");
    assert.deepEqual(list.map((d) => [d.data?.["name"], d.severity]), [["PRI", "warning"], ["IFACE", "error"]]);
    assert.deepEqual(list[0]!.data?.["defined"], ["PRIO"]);
    assert.deepEqual(c.of("invalid-value"), [], "the value checks stay quiet about the undefined word");
  });
});
