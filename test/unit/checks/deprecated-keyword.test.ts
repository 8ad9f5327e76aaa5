import { strict as assert } from "node:assert";
import { check, instance } from "./helpers.ts";

describe("checks: deprecated-keyword", () => {
  it("names the replacement of a deprecated keyword", () => {
    const c = check("virtual_server 10.0.0.1 80 {\n  lb_algo rr\n  lb_kind NAT\n  protocol TCP\n  real_server 10.0.0.2 80 {\n    HTTP_GET {\n      nb_get_retry 3\n      url {\n        path /\n      }\n    }\n  }\n}\n");
    const [d] = c.of("deprecated-keyword");
    assert.deepEqual(d!.data, { keyword: "nb_get_retry", replacement: "retry" });
    assert.deepEqual(d!.tags, ["deprecated"]);
  });

  it("reports the route words gw and or", () => {
    const c = check(instance("  virtual_routes {\n    10.0.0.0/8 gw 10.0.0.1 or 10.0.0.2 dev eth0\n  }"));
    assert.deepEqual(c.of("deprecated-keyword").map((d) => d.data?.["replacement"]), ["via", "nexthop"]);
  });
});
