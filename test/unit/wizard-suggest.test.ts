import * as assert from "node:assert/strict";
import fc from "fast-check";
import { validateField } from "../../server/src/generator/index.ts";
import { standbyBeside, vipBeside } from "../../client/src/wizard/suggest.ts";

describe("wizard suggestions that follow the primary", () => {
  it("puts the standby beside the primary and the VIP on its /24", () => {
    assert.equal(standbyBeside("10.0.20.11"), "10.0.20.12");
    assert.equal(standbyBeside("10.0.20.254"), "10.0.20.253");
    assert.equal(vipBeside("10.0.20.11", "10.0.20.12"), "10.0.20.100/24");
    assert.equal(vipBeside("10.0.20.100", "10.0.20.101"), "10.0.20.200/24");
    assert.equal(vipBeside("10.0.20.100", "10.0.20.200"), "10.0.20.50/24");
  });

  it("suggests nothing for a primary that is not an address", () => {
    for (const text of ["", "10.0.20", "10.0.20.256", "fe80::1", "a.b.c.d"]) {
      assert.equal(standbyBeside(text), undefined, text);
      assert.equal(vipBeside(text, "10.0.20.12"), undefined, text);
    }
  });

  it("suggests what the wizard's own validation accepts, for any usable host of a /24", () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const primaries = fc
      .tuple(fc.integer({ min: 1, max: 223 }).filter((n) => n !== 127), octet, octet, fc.integer({ min: 1, max: 254 }))
      .map((parts) => parts.join("."))
      // Addresses the generator refuses whatever the standby (e.g. link-local 169.254/16) are not the suggestions' concern.
      .filter((primary) => validateField("primary", primary) === undefined);
    fc.assert(
      fc.property(primaries, (primary) => {
        const standby = standbyBeside(primary)!;
        const vip = vipBeside(primary, standby)!;
        const context = { deployment: "bare-metal" as const, interface: "eth0", primary };
        assert.equal(validateField("standby", standby, context), undefined, `standby ${standby} for ${primary}`);
        assert.equal(validateField("vip", vip, { ...context, standby }), undefined, `VIP ${vip} for ${primary}, ${standby}`);
      }),
    );
  });
});
