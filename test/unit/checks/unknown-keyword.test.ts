import { strict as assert } from "node:assert";
import { check, instance } from "./helpers.ts";

describe("checks: unknown-keyword", () => {
  it("offers the keyword in the right case first, then close spellings", () => {
    const c = check(instance("  Priority 100\n  advert_itn 1"));
    const [priority, advert] = c.of("unknown-keyword");
    assert.deepEqual(priority!.data, { keyword: "Priority", block: "vrrp_instance", candidates: ["priority", "notify_priority_changes"] });
    assert.equal((advert!.data?.["candidates"] as string[])[0], "advert_int");
    assert.match(advert!.message, /did you mean 'advert_int'/);
  });

  it("reports an unknown block once, on its own line", () => {
    const c = check("foo_block {\n  x 1\n  y 2\n}\n");
    assert.equal(c.of("unknown-keyword").length, 1);
    assert.match(c.of("unknown-keyword")[0]!.message, /everything in its block/);
  });

  it("tells a keyword of another keepalived version from an unknown one", () => {
    const text = "global_defs {\n  vrrp_delay_after_boot 5\n}\n";
    const [d] = check(text, { version: "2.2" }).of("unknown-keyword");
    assert.match(d!.message, /keyword of keepalived 2\.4, not 2\.2/);
    assert.deepEqual(check(text, { version: "2.4" }).of("unknown-keyword"), []);
  });

  it("leaves template placeholders to template-placeholder", () => {
    const c = check("{{ if .vip }}\n" + instance("") + "\n{{ end }}\n");
    assert.equal(c.of("unknown-keyword").length, 0);
    assert.equal(c.of("template-placeholder").length, 2);
  });
});
