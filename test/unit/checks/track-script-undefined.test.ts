import { strict as assert } from "node:assert";
import { check, instance } from "./helpers.ts";

const SCRIPT = (name: string): string => `vrrp_script ${name} {\n  script "/bin/true"\n}\n`;
const TRACK = (name: string): string => instance(`  track_script {\n    ${name}\n  }`);

describe("checks: track-script-undefined", () => {
  it("reports a track_script naming no vrrp_script, with the names that are defined", () => {
    const c = check(SCRIPT("chk_a") + TRACK("chk_b"));
    const [d] = c.of("track-script-undefined");
    assert.equal(c.text(d!), "chk_b");
    assert.deepEqual(d!.data, { name: "chk_b", list: "track_script", definedAfter: false, known: ["chk_a"] });
  });

  it("reports a vrrp_script defined after the instance: keepalived resolves names while reading", () => {
    const c = check(TRACK("chk") + "\n" + SCRIPT("chk"));
    const [d] = c.of("track-script-undefined");
    assert.equal(d!.data?.["definedAfter"], true);
    assert.equal(d!.related?.length, 1);
  });

  it("accepts a script defined before, and checks track_file names too", () => {
    assert.deepEqual(check(SCRIPT("chk") + TRACK("chk")).of("track-script-undefined"), []);
    const c = check(instance("  track_file {\n    nofile\n  }"));
    assert.equal(c.of("track-script-undefined")[0]!.data?.["list"], "track_file");
  });
});
