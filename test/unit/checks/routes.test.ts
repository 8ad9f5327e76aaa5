import { strict as assert } from "node:assert";
import { check, fixture, instance } from "./helpers.ts";

function routes(items: string[], block = "virtual_routes"): string {
  return instance(`  ${block} {\n${items.map((i) => `    ${i}\n`).join("")}  }`);
}

describe("checks: routes and rules", () => {
  it("accepts routes and rules keepalived accepts silently", () => {
    assert.deepEqual(check(fixture("routes.conf")).diagnostics, []);
  });

  it("says a route without 'dev' is not tracked, unless it says no_track", () => {
    const c = check(routes(["192.168.112.0/24 via 192.168.100.254", "192.168.113.0/24 via 192.168.100.254 no_track"]));
    const [d] = c.of("ignored-setting");
    assert.equal(c.of("ignored-setting").length, 1);
    assert.equal(c.text(d!), "192.168.112.0/24");
    assert.deepEqual(d!.data, { keyword: "virtual_routes", reason: "route-not-tracked" });
  });

  it("reports a destination or via address keepalived cannot read", () => {
    const c = check(routes(["192.168.100./24 dev eth0", "10.0.0.0/8 via 10.0.0.300 dev eth0"]));
    assert.deepEqual(c.of("invalid-value").map((d) => [c.text(d), d.data?.["expected"]]), [["192.168.100./24", "route"], ["10.0.0.300", "address"]]);
  });

  it("reports rule addresses, rules without an action, and rules without a preference", () => {
    const c = check(routes(["to 192.168.100./24 table 1 preference 5", "from 10.0.0.0/8 preference 6", "from 10.0.0.0/8 table 2"], "virtual_rules"));
    assert.equal(c.of("invalid-value")[0]!.data?.["value"], "192.168.100./24");
    const missing = c.of("missing-keyword");
    assert.deepEqual(missing.map((d) => [d.data?.["keyword"], d.severity]), [["table", "error"], ["preference", "warning"]]);
  });

  it("reports an unknown rule option", () => {
    const c = check("static_rules {\n  from 10.0.0.0/8 tabel 2 preference 5\n}\n");
    assert.equal(c.of("invalid-value")[0]!.data?.["expected"], "rule-option");
  });
});
