import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findKeepalivedConfigs, hasKeepalivedModeLine, isKeepalivedConfigName } from "../../server/src/cli/discover.ts";

describe("cli: which files are keepalived configurations", () => {
  it("matches keepalived names, never every .conf", () => {
    const yes = [
      "keepalived.conf",
      "/etc/keepalived/keepalived.conf",
      "keepalived-primary.conf",
      "lb1.keepalived.conf",
      "doc/samples/keepalived.conf.SMTP_CHECK",
      "keepalived.conf.vrrp.localcheck",
      "/etc/keepalived/conf.d/vrrp.conf",
      "deploy/keepalived/site/lb.conf",
    ];
    const no = [
      "nginx.conf",
      "keepalived.cfg",
      "keepalived-.conf",
      ".keepalived.conf",
      "keepalived.conf.",
      "mykeepalived.conf",
      "/etc/keepalived/notify.sh",
      "/etc/keepalived-old/vrrp.conf",
      "keepalived.conf/nginx.conf",
      "/etc/nginx/keepalived",
    ];
    for (const path of yes) assert.ok(isKeepalivedConfigName(path), path);
    for (const path of no) assert.ok(!isKeepalivedConfigName(path), path);
  });

  it("recognises Emacs and vim mode lines on the first line only", () => {
    const yes = ["# -*- keepalived -*-", "! -*- mode: keepalived -*-", "# vim: ft=keepalived", "# vim: set filetype=keepalived :", "#ex: syntax=keepalived", "  # -*- Keepalived -*-\nx"];
    const no = ["", "global_defs {", "# keepalived config for lb1", "# vim: ft=keepalivedx", "\n# -*- keepalived -*-", "x # -*- keepalived -*-"];
    for (const text of yes) assert.ok(hasKeepalivedModeLine(text), JSON.stringify(text));
    for (const text of no) assert.ok(!hasKeepalivedModeLine(text), JSON.stringify(text));
  });

  it("walks a tree in path order, skipping node_modules, .git and links to directories", () => {
    const dir = mkdtempSync(join(tmpdir(), "kha-discover-"));
    try {
      const file = (path: string, text = "") => {
        mkdirSync(join(dir, path, ".."), { recursive: true });
        writeFileSync(join(dir, path), text);
      };
      file("b/keepalived.conf");
      file("a/z-keepalived.conf");
      file("a/keepalived-lb.conf");
      file("a/marked.txt", "# vim: ft=keepalived\n");
      file("a/other.conf", "# -*- nginx -*-\n");
      file("node_modules/x/keepalived.conf");
      file(".git/keepalived.conf");
      file(".hidden/keepalived.conf"); // only node_modules and .git are skipped
      symlinkSync(join(dir, "b"), join(dir, "loop"));
      symlinkSync(join(dir, "b/keepalived.conf"), join(dir, "keepalived-linked.conf"));
      assert.deepEqual(
        findKeepalivedConfigs(dir).map((p) => p.slice(dir.length + 1)),
        [".hidden/keepalived.conf", "a/keepalived-lb.conf", "a/marked.txt", "b/keepalived.conf", "keepalived-linked.conf"],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
