/**
 * Every diagnostic code, with its default severity and one line of meaning. This table is the single source:
 * the README's table is generated from it (`npm run docs`), and settings may override the severity per code.
 */

export type Severity = "error" | "warning" | "information" | "hint";

export interface CodeInfo {
  severity: Severity;
  /** One line for the README. */
  summary: string;
  /** Reported on pairs of files (the primary/standby checks) rather than on one file. */
  pair?: boolean;
}

export const DIAGNOSTIC_CODES = {
  "syntax-error": {
    severity: "error",
    summary: "Lexical or structural error: unterminated quote, missing or extra brace, missing `{` after a block keyword.",
  },
  "unknown-keyword": {
    severity: "error",
    summary: "Not a keyword of this block in the keepalived version checked; `data.candidates` holds the likely intended ones.",
  },
  "missing-value": {
    severity: "error",
    summary: "A keyword without its required value: for most keywords keepalived stops reading the configuration (exit 2); `data.outcome` says which.",
  },
  "value-out-of-range": {
    severity: "error",
    summary: "A number outside the range keepalived accepts; it then ignores the value or uses its default.",
  },
  "invalid-value": {
    severity: "error",
    summary: "Not a number, address or accepted word where keepalived expects one.",
  },
  "deprecated-keyword": {
    severity: "warning",
    summary: "A keyword keepalived still reads but has replaced; `data.replacement` names the successor when there is one.",
  },
  "auth-pass-truncated": {
    severity: "warning",
    summary: "`auth_pass` longer than 8 bytes: keepalived silently uses only the first 8.",
  },
  "auth-pass-placeholder": {
    severity: "warning",
    summary: "`auth_pass` still holds a placeholder from a guide or template (REPLACE_WITH..., CHANGEME, `<...>`, `{{...}}`).",
  },
  "track-script-undefined": {
    severity: "error",
    summary: "`track_script` (or `track_file` / `track_process`) names nothing defined before the instance: keepalived ignores the entry.",
  },
  "nopreempt-master": {
    severity: "warning",
    summary: "`nopreempt` with `state MASTER` (or priority 255): keepalived clears `nopreempt`, so the node preempts anyway.",
  },
  "priority-255-weight": {
    severity: "warning",
    summary: "Priority 255 makes the node the address owner: keepalived ignores tracked weights, so a failing check never moves the VIP.",
  },
  "unicast-self-peer": {
    severity: "warning",
    summary: "`unicast_peer` lists the instance's own `unicast_src_ip` (or lists a peer twice): keepalived accepts it silently.",
  },
  "script-security-missing": {
    severity: "warning",
    summary: "Scripts are configured without `enable_script_security`: keepalived refuses to run them (SECURITY VIOLATION, exit 6).",
  },
  "include-not-found": {
    severity: "warning",
    summary: "An `include` names no file. Paths on the target host (absolute) are only reported as information.",
  },
  "include-cycle": {
    severity: "error",
    summary: "Files include each other: keepalived does not detect the loop and reads until it runs out of file handles.",
  },
  "duplicate-definition": {
    severity: "warning",
    summary: "A name or setting given twice: a second vrrp_instance is skipped, a second vrrp_script or notify line is ignored, a repeated value overrides.",
  },
  "vrid-conflict": {
    severity: "error",
    summary: "Two instances of one node use the same `virtual_router_id` on the same interface: their adverts collide.",
  },
  "comment-in-value": {
    severity: "warning",
    summary: "A `#` or `!` inside an unquoted word starts a comment, so keepalived silently uses the shorter value.",
  },
  "missing-keyword": {
    severity: "error",
    summary: "A block lacks a keyword it needs (`virtual_router_id`, a name) or should have (a virtual address).",
  },
  "ignored-setting": {
    severity: "warning",
    summary: "A setting keepalived accepts but then clears or ignores because of another one (e.g. `preempt_delay` with MASTER).",
  },
  "extra-argument": {
    severity: "warning",
    summary: "Words after a keyword's value: keepalived silently ignores them (often a `;` or an inline comment without `#`).",
  },
  "undefined-variable": {
    severity: "warning",
    summary: "`$NAME` / `${NAME}` names no definition: keepalived leaves the text as is (and reads `${...}` braces as a block).",
  },
  "template-placeholder": {
    severity: "error",
    summary: "A `{{ ... }}` template placeholder was never filled in: keepalived reads its braces as a block.",
  },
  "semicolon-in-value": {
    severity: "warning",
    summary: "A `;` in a line: keepalived has no statement separator, so `;` stays part of the value (`eth0;`) and the words after it are ignored.",
  },
  "line-continuation": {
    severity: "warning",
    summary: "A line ending in `\\`: keepalived has no line continuation outside `$NAME=` definitions, so the `\\` is glued to the word before it.",
  },
  "sync-group-member": {
    severity: "error",
    summary: "A vrrp_sync_group member that is no vrrp_instance or is already in another group, or a group with fewer than two usable members.",
  },
  "vrid-mismatch": {
    severity: "error",
    summary: "Members of one primary/standby cluster use different `virtual_router_id`s: keepalived drops each other's adverts, so both nodes hold the VIP (split brain).",
    pair: true,
  },
  "auth-type-mismatch": {
    severity: "error",
    summary: "Members authenticate differently (PASS, AH, none): keepalived drops each other's adverts, so both nodes hold the VIP.",
    pair: true,
  },
  "auth-pass-mismatch": {
    severity: "error",
    summary: "Members' `auth_pass` differ in the first 8 bytes, the only ones keepalived keeps and compares: adverts fail authentication, both nodes hold the VIP.",
    pair: true,
  },
  "advert-int-mismatch": {
    severity: "error",
    summary: "Members use different `advert_int`: VRRPv2 drops such adverts (split brain); with VRRPv3 (a warning) failover timing depends on which node is master.",
    pair: true,
  },
  "vip-mismatch": {
    severity: "error",
    summary: "Members' `virtual_ipaddress` lists differ (the differing addresses are listed): keepalived drops the adverts, both nodes hold their VIPs.",
    pair: true,
  },
  "priority-reversed": {
    severity: "warning",
    summary: "The member that starts as MASTER has a lower priority than a BACKUP member, which preempts it: the VIP settles on the node marked BACKUP.",
    pair: true,
  },
  "priority-tie": {
    severity: "warning",
    summary: "The highest priority is shared: which node holds the VIP depends on start order and addresses, and it never fails back.",
    pair: true,
  },
  "both-master": {
    severity: "warning",
    summary: "More than one member starts as MASTER: keepalived 2.x starts a non-owner MASTER as a BACKUP (the highest priority still wins), but the configs no longer say which node is the primary, and nopreempt and preempt_delay are ignored with state MASTER.",
    pair: true,
  },
  "standby-nopreempt": {
    severity: "warning",
    summary: "A standby with `nopreempt` never takes the VIP from a live master, so a failing weighted check of the primary moves nothing.",
    pair: true,
  },
  "preempt-missing": {
    severity: "information",
    summary: "The node meant to hold the VIP has no explicit `preempt` (keepalived preempts by default); a warning when its `nopreempt` keeps the VIP from coming back.",
    pair: true,
  },
  "unicast-not-mirrored": {
    severity: "error",
    summary: "A member's `unicast_peer` lacks another member's `unicast_src_ip`, or one member is unicast and another multicast: adverts go astray, both nodes hold the VIP.",
    pair: true,
  },
  "weight-too-small": {
    severity: "warning",
    summary: "When a tracked check of the primary fails, priority + weight stays at or above the standby's priority, so the VIP never moves (the numbers are in the message).",
    pair: true,
  },
  "vrid-collision": {
    severity: "warning",
    summary: "Two different VRRP routers of the workspace use the same VRID on the same segment: multicast ones drop each other's adverts, logging errors; with use_vmac (unicast too) both claim one virtual MAC.",
    pair: true,
  },
  "peer-not-found": {
    severity: "information",
    summary: "A unicast peer has no configuration in the workspace (or on the command line): pair checks were skipped for it; the message says how to point at the peer.",
    pair: true,
  },
  "peers-ambiguous": {
    severity: "information",
    summary: "One multicast instance (name, interface, a shared VIP) is in more than 4 files: read as copies of one example, no pair check ran between them; keepalived.peers or --peers names the real ones.",
    pair: true,
  },
  "host-dependent": {
    severity: "information",
    summary: "Something that only the target host can confirm (a script path, a user); never checked against this machine.",
  },
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export const ALL_CODES = Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[];

export function isDiagnosticCode(code: string): code is DiagnosticCode {
  return Object.hasOwn(DIAGNOSTIC_CODES, code);
}
