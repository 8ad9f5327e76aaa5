import { strict as assert } from "node:assert";
import { check, instance } from "./helpers.ts";

describe("checks: include-not-found and include-cycle", () => {
  it("only informs about an absolute path: it names a file on the target host", () => {
    const c = check(instance("") + "\ninclude /etc/keepalived/conf.d/extra.conf\n");
    const [d] = c.of("include-not-found");
    assert.equal(d!.severity, "information");
    assert.deepEqual(d!.data, { pattern: "/etc/keepalived/conf.d/extra.conf", variant: "include", absolute: true, aborts: false });
  });

  it("warns about a relative path that names nothing next to the file, and errors where keepalived aborts", () => {
    const severity = (line: string): string | undefined => check(instance("") + `\n${line}\n`).of("include-not-found")[0]?.severity;
    // As keepalived 2.2.7 measured: which variants refuse to start (exit 6) for which kind of pattern.
    assert.equal(severity("include extra.conf"), "warning");
    assert.equal(severity("includer extra.conf"), "warning");
    assert.equal(severity("includem extra.conf"), "error");
    assert.equal(severity("includem conf.d/*.conf"), "information");
    assert.equal(severity("includew conf.d/*.conf"), "error");
    assert.equal(severity("includeb conf.d/{a,b}.conf"), "error");
    assert.equal(severity("includeb extra.conf"), "warning");
    assert.equal(severity("includea conf.d/*.conf"), "error");
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
