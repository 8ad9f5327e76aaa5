import { strict as assert } from "node:assert";
import { check, fixture } from "./helpers.ts";

describe("checks: script-security-missing", () => {
  it("reports scripts configured without enable_script_security, once, on the first script", () => {
    const text = fixture("primary.conf").replace("  enable_script_security\n", "");
    const c = check(text);
    const [d] = c.of("script-security-missing");
    assert.equal(c.of("script-security-missing").length, 1);
    assert.equal(c.text(d!), "script");
    assert.deepEqual(d!.data, { globalDefs: true, scripts: 4 });
  });

  it("is quiet with enable_script_security or without scripts", () => {
    assert.deepEqual(check(fixture("primary.conf")).of("script-security-missing"), []);
    assert.deepEqual(check(fixture("lvs.conf")).of("script-security-missing"), []);
  });
});
