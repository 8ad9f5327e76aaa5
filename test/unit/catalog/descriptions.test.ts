import { strict as assert } from "node:assert";
import { keywordAt } from "../../../server/src/catalog/catalog.ts";
import { LVS_DESCRIPTIONS, VRRP_DESCRIPTIONS } from "../../../server/src/catalog/descriptions-more.ts";
import { DESCRIPTIONS } from "../../../server/src/catalog/descriptions.ts";
import { keywordMarkdown } from "../../../server/src/features/keywordDocs.ts";

/** Hover texts: every description names a keyword of the catalog, and the keywords users write have one. */

const ALL = { ...DESCRIPTIONS, ...VRRP_DESCRIPTIONS, ...LVS_DESCRIPTIONS };

describe("keyword descriptions", () => {
  it("every description is of a keyword keepalived has (2.2 or 2.4), under its path", () => {
    // `include` is the parser's, not a keyword of the tables.
    const unknown = Object.keys(ALL).filter((path) => path !== "include" && keywordAt(path) === undefined);
    assert.deepEqual(unknown, []);
  });

  it("is written once per keyword", () => {
    const sets = [DESCRIPTIONS, VRRP_DESCRIPTIONS, LVS_DESCRIPTIONS].map((d) => Object.keys(d));
    const seen = new Set<string>();
    const twice = sets.flat().filter((k) => (seen.has(k) ? true : (seen.add(k), false)));
    assert.deepEqual(twice, []);
  });

  it("the hover of a keyword real configurations use says what it does, not just where it goes", () => {
    // What the 58 corpus configurations and the guide use most, from each kind of block.
    for (const path of ["vrrp_instance/priority", "vrrp_instance/virtual_routes", "vrrp_sync_group/notify_master", "virtual_server/real_server/weight", "virtual_server/real_server/TCP_CHECK/connect_timeout", "global_defs/smtp_connect_timeout", "static_routes", "vrrp_track_process"]) {
      const spec = keywordAt(path);
      assert.ok(spec !== undefined, path);
      const markdown = keywordMarkdown(spec);
      assert.doesNotMatch(markdown, /A setting of /, `${path} has only the generic text`);
    }
  });
});
