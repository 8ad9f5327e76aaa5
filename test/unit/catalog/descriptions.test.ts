import { strict as assert } from "node:assert";
import { allKeywords, keywordAt } from "../../../server/src/catalog/catalog.ts";
import { LVS_DESCRIPTIONS, VRRP_DESCRIPTIONS } from "../../../server/src/catalog/descriptions-more.ts";
import { RARE_GLOBAL_DESCRIPTIONS, RARE_LVS_DESCRIPTIONS, RARE_VRRP_DESCRIPTIONS } from "../../../server/src/catalog/descriptions-rare.ts";
import { DESCRIPTIONS } from "../../../server/src/catalog/descriptions.ts";
import { keywordMarkdown } from "../../../server/src/features/keywordDocs.ts";

/** Hover texts: every description names a keyword of the catalog, and the keywords users write have one. */

const TABLES = [DESCRIPTIONS, VRRP_DESCRIPTIONS, LVS_DESCRIPTIONS, RARE_GLOBAL_DESCRIPTIONS, RARE_VRRP_DESCRIPTIONS, RARE_LVS_DESCRIPTIONS];
const ALL: Record<string, string> = Object.assign({}, ...TABLES);

/**
 * Keywords left without a description on purpose, because no keepalived.conf(5) says what they do:
 * - `hashed`, and options the page gives every checker that mean nothing for this one (ICMP has no port; HTTP_GET
 *   makes no TLS handshake, and upstream documents enable_sni and sni_name for SSL_GET only);
 * - 2.4 keywords upstream's current page does not describe: vrrp_owner_ignore_adverts is not in it, and it documents
 *   the SIGUSR1/SIGUSR2/JSON dump locations as state_file_location, stats_file_location and json_file_location,
 *   not as the *_dump_file keywords of the 2.4 keyword tables.
 */
const UNDESCRIBED = [
  "global_defs/vrrp_owner_ignore_adverts", "global_defs/state_dump_file", "global_defs/stats_dump_file",
  "global_defs/json_dump_file", "virtual_server/hashed", "virtual_server/real_server/PING_CHECK/connect_port",
  "virtual_server/real_server/PING_CHECK/bind_port", "virtual_server/real_server/HTTP_GET/enable_sni",
  "virtual_server/real_server/HTTP_GET/sni_name",
];

describe("keyword descriptions", () => {
  it("every description is of a keyword keepalived has (2.2 or 2.4), under its path", () => {
    // `include` is the parser's, not a keyword of the tables.
    const unknown = Object.keys(ALL).filter((path) => path !== "include" && keywordAt(path) === undefined);
    assert.deepEqual(unknown, []);
  });

  it("is written once per keyword", () => {
    const sets = TABLES.map((d) => Object.keys(d));
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

  it("every keyword's hover says what it does, except the few the man page leaves undescribed", () => {
    // Guards the wiring too: a table that hover stops reading leaves its keywords with the generic text.
    const generic = allKeywords()
      .filter((spec) => /\n```\nA (setting|block) of /.test(keywordMarkdown(spec)))
      .map((spec) => spec.path);
    assert.deepEqual(generic.sort(), [...UNDESCRIBED].sort());
  });
});
