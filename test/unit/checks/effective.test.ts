import { strict as assert } from "node:assert";
import { analyzeFile } from "../../../server/src/analysis.ts";
import { authDroppedOf, initialState, priorityOf, startStateOf, strictModeOf, vrrpVersionOf } from "../../../server/src/checks/effective.ts";
import type { Config, VrrpInstance } from "../../../server/src/model/config.ts";
import { sourceFile, type SourceHost } from "../../../server/src/model/source.ts";
import { instance, MAIN } from "./helpers.ts";

const NO_FILES: SourceHost = { load: () => undefined, resolveInclude: () => [], isAbsolute: (p) => p.startsWith("/"), dirname: (f) => f.slice(0, f.lastIndexOf("/")) };

function read(text: string): { config: Config; vi: VrrpInstance } {
  const config = analyzeFile(sourceFile(MAIN, text), NO_FILES, { version: "2.2" }).renderings[0]!.config;
  return { config, vi: config.instances[0]! };
}

describe("checks: state, priority, version as keepalived settles them", () => {
  it("keeps MASTER after a later BACKUP, but not after an unknown word", () => {
    assert.equal(initialState(read(instance("  state MASTER\n  state BACKUP")).vi)?.value, "MASTER");
    assert.equal(initialState(read(instance("  state MASTER\n  state FOO")).vi)?.value, "BACKUP");
    assert.equal(initialState(read(instance("  priority 100")).vi), undefined);
  });

  it("derives priority 255 from MASTER only when no priority line exists; an invalid one means 100", () => {
    assert.deepEqual(priorityOf(read(instance("  state MASTER")).vi), { value: 255, how: "owner" });
    assert.equal(priorityOf(read(instance("  state MASTER\n  priority 300")).vi)?.how, "invalid");
    assert.equal(priorityOf(read(instance("  state MASTER\n  priority 300")).vi)?.value, 100);
    assert.equal(priorityOf(read(instance("  priority 10\n  priority 20")).vi)?.value, 20);
  });

  it("starts as MASTER without a state line only as the address owner, and AH turns MASTER into BACKUP", () => {
    const owner = read(instance("  priority 255"));
    assert.equal(startStateOf(owner.config, owner.vi), "MASTER");
    const ah = read(instance("  state MASTER\n  priority 100\n  authentication {\n    auth_type AH\n    auth_pass x\n  }"));
    assert.equal(startStateOf(ah.config, ah.vi), "BACKUP");
  });

  it("reads the version from the instance, the address family, then global_defs", () => {
    const v6 = read(instance("  virtual_ipaddress {\n    fe80::1\n  }"));
    assert.equal(vrrpVersionOf(v6.config, v6.vi), 3);
    const global = read("global_defs {\n  vrrp_version 3\n}\n" + instance(""));
    assert.equal(vrrpVersionOf(global.config, global.vi), 3);
    const own = read("global_defs {\n  vrrp_version 3\n}\n" + instance("  version 2"));
    assert.equal(vrrpVersionOf(own.config, own.vi), 2);
  });

  it("takes strict mode from the instance before vrrp_strict, and orders the reasons to drop authentication", () => {
    const off = read("global_defs {\n  vrrp_strict\n}\n" + instance("  strict_mode off"));
    assert.equal(strictModeOf(off.config, off.vi), false);
    const strict = read("global_defs {\n  vrrp_strict\n}\n" + instance("  version 3\n  authentication {\n    auth_type PASS\n    auth_pass x\n  }"));
    assert.equal(authDroppedOf(strict.config, strict.vi), "strict");
  });
});
