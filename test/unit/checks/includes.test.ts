import { strict as assert } from "node:assert";
import { check, instance } from "./helpers.ts";

describe("checks: include-not-found and include-cycle", () => {
  it("only informs about an absolute path: it names a file on the target host", () => {
    const c = check(instance("") + "\ninclude /etc/keepalived/conf.d/extra.conf\n");
    const [d] = c.of("include-not-found");
    assert.equal(d!.severity, "information");
    assert.deepEqual(d!.data, { pattern: "/etc/keepalived/conf.d/extra.conf", variant: "include", absolute: true });
  });

  it("warns about a relative path that names nothing next to the file, and errors where keepalived aborts", () => {
    assert.equal(check(instance("") + "\ninclude extra.conf\n").of("include-not-found")[0]!.severity, "warning");
    assert.equal(check(instance("") + "\nincludea extra.conf\n").of("include-not-found")[0]!.severity, "error");
  });

  it("follows includes, and reports a loop on the line that closes it", () => {
    const files = { "/etc/keepalived/a.inc": "include b.inc\n", "/etc/keepalived/b.inc": "include a.inc\n" };
    const c = check(instance("") + "\ninclude a.inc\n", { files });
    const [d] = c.of("include-cycle");
    assert.equal(c.of("include-cycle").length, 1);
    assert.equal(d!.span.file, "/etc/keepalived/b.inc");
    assert.deepEqual(d!.data?.["cycle"], ["/etc/keepalived/a.inc", "/etc/keepalived/b.inc", "/etc/keepalived/a.inc"]);
  });

  it("checks what an included file holds", () => {
    const c = check("include vi.inc\n", { files: { "/etc/keepalived/vi.inc": instance("  priority 300") } });
    const [d] = c.of("value-out-of-range");
    assert.equal(d!.span.file, "/etc/keepalived/vi.inc");
  });
});
