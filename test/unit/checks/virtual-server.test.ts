import { strict as assert } from "node:assert";
import { check, fixture } from "./helpers.ts";

function vs(header: string, body: string): string {
  return `virtual_server ${header} {\n${body}\n}\n`;
}

const RS = "  real_server 10.0.0.2 80 {\n    weight 1\n  }";

describe("checks: virtual_server", () => {
  it("accepts LVS blocks keepalived accepts silently", () => {
    assert.deepEqual(check(fixture("lvs.conf")).diagnostics, []);
  });

  it("says which defaults keepalived fills in and reports: protocol UDP, scheduler wlc, method NAT", () => {
    const c = check(vs("10.0.0.1 80", RS));
    assert.deepEqual(c.of("missing-keyword").map((d) => [d.data?.["keyword"], d.data?.["default"], d.severity]), [
      ["protocol", "UDP", "warning"],
      ["lb_algo", "wlc", "warning"],
      ["lb_kind", "NAT", "warning"],
    ]);
  });

  it("drops a virtual server without real servers", () => {
    const c = check(vs("10.0.0.1 80", "  lb_algo rr\n  lb_kind NAT\n  protocol TCP"));
    const [d] = c.of("missing-keyword");
    assert.deepEqual(d!.data, { keyword: "real_server", virtualServer: "10.0.0.1 80" });
    assert.equal(d!.severity, "error");
  });

  it("ignores protocol on a fwmark service and resets DR/TUN real server ports", () => {
    const fw = check(vs("fwmark 1", `  lb_algo rr\n  lb_kind NAT\n  protocol TCP\n${RS}`));
    assert.deepEqual(fw.of("ignored-setting").map((d) => d.data?.["reason"]), ["fwmark-protocol"]);
    const dr = check(vs("10.0.0.1 80", "  lb_algo rr\n  lb_kind DR\n  protocol TCP\n  real_server 10.0.0.2 8080 {\n    weight 1\n  }"));
    const [port] = dr.of("ignored-setting");
    assert.equal(port!.data?.["reason"], "port-mismatch");
    assert.equal(dr.text(port!), "8080");
  });

  it("reports a real server given twice and a quorum above the total weight", () => {
    const c = check(vs("10.0.0.1 80", `  lb_algo rr\n  lb_kind NAT\n  protocol TCP\n  quorum 5\n${RS}\n${RS}`));
    assert.deepEqual(c.of("duplicate-definition").map((d) => d.data), [{ kind: "real_server", name: "10.0.0.2 80" }]);
    assert.deepEqual(c.of("ignored-setting").map((d) => d.data?.["reason"]), ["quorum"]);
  });

  it("reads a virtual_server group as keepalived does: by addresses when it has any, else as fwmarks", () => {
    const body = `  lb_algo rr\n  lb_kind NAT\n${RS}`;
    const addresses = check(vs("group G", body) + "virtual_server_group G {\n  10.0.0.5 80\n}\n");
    assert.deepEqual(addresses.of("missing-keyword").map((d) => [d.data?.["keyword"], d.data?.["virtualServer"]]), [["protocol", "group G"]]);
    const marks = check(vs("group G", `${body}\n  protocol TCP`) + "virtual_server_group G {\n  fwmark 3\n}\n");
    assert.deepEqual(marks.of("missing-keyword"), []);
    assert.deepEqual(marks.of("ignored-setting").map((d) => d.data?.["reason"]), ["fwmark-protocol"]);
  });

  it("asks for persistence on port 0", () => {
    const c = check(vs("10.0.0.1 0", `  lb_algo rr\n  lb_kind NAT\n  protocol TCP\n${RS}`));
    assert.deepEqual(c.of("ignored-setting").map((d) => d.data?.["reason"]), ["zero-port"]);
  });
});
