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
 * Keywords left without a description on purpose: keepalived.conf(5) of 2.2.7 does not describe them (new in 2.4,
 * or `hashed`), or describes only options that mean nothing for that checker (ICMP has no port; HTTP_GET makes no
 * TLS handshake).
 */
const UNDESCRIBED = [
  "global_defs/use_symlink_paths", "global_defs/set_supplementary_groups", "global_defs/v3_checksum_as_v2",
  "global_defs/snmp_vs_stats_update_interval", "global_defs/snmp_rs_stats_update_interval", "global_defs/dbus_no_interface_name",
  "global_defs/vrrp_delay_after_boot", "global_defs/vrrp_owner_ignore_adverts", "global_defs/json_version",
  "global_defs/iproute_usr_dir", "global_defs/iproute_etc_dir", "global_defs/state_dump_file", "global_defs/stats_dump_file",
  "global_defs/json_dump_file", "virtual_server/hashed", "virtual_server/real_server/PING_CHECK/connect_port",
  "virtual_server/real_server/PING_CHECK/bind_port", "virtual_server/real_server/HTTP_GET/enable_sni",
  "virtual_server/real_server/HTTP_GET/sni_name", "virtual_server/real_server/SSL_GET/url/tls_compliant",
  "virtual_server/real_server/SSL_GET/sni_name", "virtual_server/real_server/SSL_GET/tls_compliant", "bfd_instance/multihop",
  "vrrp_instance/v3_checksum_as_v2", "vrrp_instance/timer_expired_backup", "vrrp_instance/thread_timer_expired",
  "vrrp_instance/auth_hmac", "vrrp_instance/auth_hmac/key", "vrrp_instance/auth_hmac/active_key",
  "vrrp_instance/auth_hmac/time_window", "vrrp_instance/auth_hmac/anti_replay", "vrrp_instance/auth_hmac/mode",
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
