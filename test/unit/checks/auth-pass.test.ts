import { strict as assert } from "node:assert";
import { check, instance } from "./helpers.ts";

const AUTH = (pass: string): string => instance(`  authentication {\n    auth_type PASS\n    auth_pass ${pass}\n  }`);

describe("checks: auth-pass", () => {
  it("says keepalived keeps only the first 8 bytes of a longer password", () => {
    const c = check(AUTH("S3cr3t123"));
    const [d] = c.of("auth-pass-truncated");
    assert.deepEqual(d!.data, { instance: "VI_1", value: "S3cr3t123", kept: "S3cr3t12" });
    assert.deepEqual(check(AUTH("S3cr3t12")).diagnostics, []);
  });

  it("counts bytes, not characters", () => {
    assert.equal(check(AUTH("pässwörd")).of("auth-pass-truncated").length, 1, "8 characters, 10 bytes");
  });

  it("recognises guide and template placeholders", () => {
    for (const pass of ["REPLACE_WITH_YOUR_OWN_SHARED_VRRP_PASSWORD", "CHANGEME", "<password>", "changeme123", "KEEPALIVE_PASS", "__VRRP_SECRET__"]) {
      assert.equal(check(AUTH(pass)).of("auth-pass-placeholder").length, 1, pass);
    }
    const guide = check(AUTH("REPLACE_WITH_YOUR_OWN_SHARED_VRRP_PASSWORD"));
    assert.equal(guide.of("auth-pass-truncated").length, 1, "the guide's value is also truncated, as keepalived says");
    assert.equal(check(AUTH("x7Gq2pLm")).of("auth-pass-placeholder").length, 0);
  });

  it("reports an unfilled {{ }} password as a placeholder, not as truncated", () => {
    const c = check(AUTH("{{ KEEPALIVED_PASSWORD }}"));
    assert.equal(c.of("auth-pass-placeholder").length, 1);
    assert.equal(c.of("auth-pass-truncated").length, 0);
  });
});
