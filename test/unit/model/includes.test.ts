import { strict as assert } from "node:assert";
import { build, flatten, ROOT, shape } from "./helpers.ts";

/** `include` lines: globs relative to the including file, spliced in place at any level, loops and misses found. */

describe("model: includes", () => {
  it("splices the files a glob names, sorted, relative to the including file", () => {
    const files = {
      "conf.d/b.conf": "vrrp_script b {\n}",
      "conf.d/a.conf": "vrrp_script a {\n}",
      "conf.d/notes.txt": "ignored",
    };
    assert.deepEqual(shape("include conf.d/*.conf\nglobal_defs {\n}", { files }), ["+include conf.d/*.conf", "vrrp_script a", [], "vrrp_script b", [], "global_defs", []]);
    const { result } = build("include conf.d/*.conf", { files });
    assert.deepEqual(result.includes[0]!.files, ["/etc/keepalived/conf.d/a.conf", "/etc/keepalived/conf.d/b.conf"]);
    assert.equal(result.includes[0]!.glob, true);
    assert.deepEqual(result.files.map((f) => f.file), [ROOT, "/etc/keepalived/conf.d/a.conf", "/etc/keepalived/conf.d/b.conf"]);
  });

  it("reads braces {a,b} in a pattern as glob(3) with GLOB_BRACE does", () => {
    const files = { "x.conf": "router_id X", "y.conf": "router_id Y", "z.conf": "router_id Z" };
    assert.deepEqual(shape("include {x,z}.conf", { files }), ["+include {x,z}.conf", "?router_id X", "?router_id Z"]);
  });

  it("resolves a nested include from the folder of the file that names it", () => {
    const files = { "sub/a.inc": "include b.inc", "sub/b.inc": "router_id B" };
    const { result } = build("include sub/a.inc", { files });
    assert.deepEqual(result.includes.map((i) => i.files), [["/etc/keepalived/sub/a.inc"], ["/etc/keepalived/sub/b.inc"]]);
  });

  it("splices an include inside a block into that block", () => {
    const files = { "vips.inc": "virtual_ipaddress {\n  10.0.0.1/24\n}" };
    assert.deepEqual(shape("vrrp_instance X {\n  include vips.inc\n  priority 100\n}", { files }), [
      "vrrp_instance X",
      ["+include vips.inc", "virtual_ipaddress", ["10.0.0.1/24"], "priority 100"],
    ]);
  });

  it("gives each included directive its own file and place, and the include line it came through", () => {
    const files = { "sub/a.inc": "include b.inc\n", "sub/b.inc": "vrrp_instance X {\n  priority 100\n}\n" };
    const built = build("global_defs {\n}\ninclude sub/a.inc\n", { files });
    const priority = flatten(built.result.directives).find((d) => d.keyword.text === "priority")!;
    assert.equal(priority.span.file, "/etc/keepalived/sub/b.inc");
    assert.equal(built.at(priority.span), "priority 100");
    assert.equal(priority.includedBy!.file, ROOT);
    assert.equal(built.at(priority.includedBy!), "include sub/a.inc");
  });

  it("reports a missing file, relative or absolute, and a glob that matches nothing", () => {
    const { result } = build("include missing.conf\ninclude /abs/missing.conf\ninclude none/*.conf");
    assert.deepEqual(
      result.includes.map((i) => [i.pattern, i.missing, i.absolute, i.glob]),
      [
        ["missing.conf", true, false, false],
        ["/abs/missing.conf", true, true, false],
        ["none/*.conf", true, false, true],
      ],
    );
  });

  it("detects a loop, reports the chain and does not follow it", () => {
    const files = { "a.conf": "include b.conf\nrouter_id A", "b.conf": "include a.conf\nrouter_id B" };
    const { result } = build("include a.conf", { files });
    const loop = result.includes.find((i) => i.cycle !== undefined)!;
    assert.deepEqual(loop.cycle, ["/etc/keepalived/a.conf", "/etc/keepalived/b.conf", "/etc/keepalived/a.conf"]);
    assert.deepEqual(shape("include a.conf", { files }), ["+include a.conf", "+include b.conf", "+include a.conf", "?router_id B", "?router_id A"]);
  });

  it("detects a file that includes itself", () => {
    const { result } = build("include keepalived.conf\nrouter_id A");
    assert.deepEqual(result.includes[0]!.cycle, [ROOT, ROOT]);
  });

  it("reads the variants includer, includem, includew, includeb and includea", () => {
    const files = { "x.conf": "router_id X" };
    const { result } = build("includer x.conf\nincludem x.conf\nincludew x.conf\nincludeb x.conf\nincludea x.conf\nincludet x.conf", { files });
    assert.deepEqual(result.includes.map((i) => i.variant), ["includer", "includem", "includew", "includeb", "includea"]);
    assert.equal(result.directives.at(-1)!.role, "unknown");
  });

  it("sets ${_PWD} to the folder of the file being read", () => {
    const files = { "/opt/lb/sub.conf": "notify ${_PWD}/n.sh" };
    assert.deepEqual(shape("notify ${_PWD}/a.sh\ninclude /opt/lb/sub.conf\nnotify ${_PWD}/b.sh", { files }), [
      "?notify /etc/keepalived/a.sh",
      "+include /opt/lb/sub.conf",
      "?notify /opt/lb/n.sh",
      "?notify /etc/keepalived/b.sh",
    ]);
  });

  it("takes the path of an include line as written: definitions are not expanded there", () => {
    const { result } = build("$F=x.conf\ninclude $F", { files: { "x.conf": "router_id X" } });
    assert.equal(result.includes[0]!.pattern, "$F");
    assert.equal(result.includes[0]!.missing, true);
  });
});
