import { strict as assert } from "node:assert";
import { ALL_CODES } from "../../../server/src/checks/codes.ts";
import { check, fixture, instance } from "./helpers.ts";

describe("checks: every check together", () => {
  it("finds nothing at all in configurations keepalived -t accepts without a word", () => {
    for (const name of ["primary.conf", "lvs.conf", "routes.conf"]) assert.deepEqual(check(fixture(name)).diagnostics, [], name);
  });

  it("gives every diagnostic a known code, a data payload for its quick fix and a non-empty range", () => {
    const text = fixture("broken.conf");
    const c = check(text);
    for (const d of c.diagnostics) {
      assert.ok(ALL_CODES.includes(d.code), d.code);
      assert.equal(typeof d.data, "object", `${d.code} has data: ${d.message}`);
      assert.ok(d.span.end > d.span.start, `${d.code} covers some text`);
      assert.ok(!/undefined|\[object Object\]|NaN/.test(d.message), `${d.code} message reads well: ${d.message}`);
    }
    const codes = new Set(c.diagnostics.map((d) => d.code));
    for (const code of ["syntax-error", "unknown-keyword", "missing-value", "value-out-of-range", "invalid-value", "deprecated-keyword", "auth-pass-truncated", "auth-pass-placeholder", "track-script-undefined", "nopreempt-master", "priority-255-weight", "unicast-self-peer", "script-security-missing", "include-not-found", "duplicate-definition", "vrid-conflict", "comment-in-value"] as const) {
      assert.ok(codes.has(code), `broken.conf exercises ${code}`);
    }
  });

  it("says which @config-id renderings a diagnostic holds for", () => {
    const text = instance("@node1 priority 300\n@node2 priority 100\n  state BACKUP");
    const c = check(text, { configId: undefined });
    const [d] = c.of("value-out-of-range");
    assert.deepEqual(d!.data?.["configIds"], ["node1"]);
    assert.deepEqual(check(text, { configId: "node2" }).of("value-out-of-range"), []);
  });
});
