import type { ArgSpec } from "../catalog/types.ts";
import { BOOLEAN_WORDS, isIP, isIPv4, isIPv6, parseDecimal, parseInteger } from "../model/values.ts";

/**
 * How keepalived judges one argument against the catalog's spec: the reading shared by `arguments.ts` and by
 * the checks that ask "would this value still be accepted without its `;` / `\`?".
 */

/** Linux IFNAMSIZ minus the terminating NUL. */
export const MAX_IFNAME = 15;

export interface ValueProblem {
  code: "invalid-value" | "value-out-of-range";
  /** What the value should have been, e.g. "a whole number (expected 1..255)". */
  expected: string;
  data: Record<string, unknown>;
}

export function describeRange(arg: ArgSpec): string {
  if (arg.min !== undefined && arg.max !== undefined) return `${arg.min}..${arg.max}`;
  if (arg.min !== undefined) return `at least ${arg.min}`;
  if (arg.max !== undefined) return `at most ${arg.max}`;
  return "any number";
}

function numberProblem(arg: ArgSpec, text: string): ValueProblem | undefined {
  const value = arg.type === "decimal" ? parseDecimal(text) : parseInteger(text);
  if (value === undefined) {
    return {
      code: "invalid-value",
      expected: `${arg.type === "decimal" ? "a number" : "a whole number"} (expected ${describeRange(arg)})`,
      data: { expected: arg.type, min: arg.min, max: arg.max },
    };
  }
  const below = arg.min !== undefined && value < arg.min;
  const above = arg.max !== undefined && value > arg.max;
  if (!below && !above) return undefined;
  return { code: "value-out-of-range", expected: describeRange(arg), data: { value, min: arg.min, max: arg.max } };
}

function invalidValue(arg: ArgSpec, expected: string, extra: Record<string, unknown> = {}): ValueProblem {
  return { code: "invalid-value", expected, data: { expected: arg.type, ...extra } };
}

/** Undefined when keepalived accepts `text` for `arg`. */
export function valueProblem(arg: ArgSpec, text: string): ValueProblem | undefined {
  switch (arg.type) {
    case "uint":
    case "int":
    case "decimal":
      return numberProblem(arg, text);
    case "port": {
      const port = parseInteger(text);
      return port === undefined || port < 1 || port > 65535 ? invalidValue(arg, "a port number (1..65535)") : undefined;
    }
    case "bool":
      return BOOLEAN_WORDS.includes(text) ? undefined : invalidValue(arg, `one of ${BOOLEAN_WORDS.join(", ")}`);
    case "enum": {
      const values = arg.values ?? [];
      const bare = arg.prefixes?.includes(text[0] ?? "") === true ? text.slice(1) : text;
      if (values.includes(bare)) return undefined;
      const suggestion = values.find((v) => v.toLowerCase() === bare.toLowerCase());
      return invalidValue(arg, `one of ${values.join(", ")} (case matters)`, { values, ...(suggestion !== undefined ? { suggestion } : {}) });
    }
    case "ip":
      return isIP(text) ? undefined : invalidValue(arg, "an IP address");
    case "ipv4":
      return isIPv4(text) ? undefined : invalidValue(arg, "an IPv4 address");
    case "ipv6":
      return isIPv6(text) ? undefined : invalidValue(arg, "an IPv6 address");
    case "ifname":
      return text.length > MAX_IFNAME ? invalidValue(arg, `an interface name (at most ${MAX_IFNAME} characters)`) : undefined;
    default:
      return undefined;
  }
}

/** What keepalived does with a value it rejects, per keyword. */
export function consequenceOf(keyword: string): string {
  switch (keyword) {
    case "state":
      return "keepalived reports it and starts the instance as BACKUP";
    case "auth_type":
      return "keepalived reports it and runs the instance without authentication";
    case "priority":
      return "keepalived reports it and uses priority 100";
    case "virtual_router_id":
      return 'keepalived reports it and, with no valid VRID, "the virtual router id must be set": the instance is not run';
    case "fall":
    case "rise":
      return "keepalived reports it and uses 1";
    case "advert_int":
      return "keepalived reports it and keeps the default of 1 second";
    default:
      return "keepalived reports it and ignores the setting";
  }
}

/**
 * What keepalived 2.2.7 does with a keyword whose required value is missing, measured by running `keepalived -t`
 * on every such keyword of the catalog alone in its block: most stop the whole reading (exit 2); these catalog
 * paths report the line and go on, and these two crash keepalived (segmentation fault).
 */
export const KEEPS_READING_WITHOUT_VALUE: ReadonlySet<string> = new Set([
  "global_defs/router_id", "global_defs/notification_email_from", "global_defs/startup_script",
  "global_defs/startup_script_timeout", "global_defs/shutdown_script", "global_defs/shutdown_script_timeout",
  "global_defs/min_auto_priority_delay", "global_defs/vrrp_priority", "global_defs/vrrp_rt_priority",
  "global_defs/notify_fifo_script", "global_defs/vrrp_notify_fifo_script",
  "global_defs/lvs_notify_fifo_script", "global_defs/checker_priority", "global_defs/checker_rt_priority",
  "global_defs/bfd_priority", "global_defs/bfd_rt_priority", "global_defs/script_user",
  "global_defs/vrrp_netlink_cmd_rcv_bufs", "global_defs/vrrp_netlink_monitor_rcv_bufs",
  "global_defs/process_monitor_rcv_bufs", "global_defs/lvs_netlink_cmd_rcv_bufs",
  "global_defs/lvs_netlink_monitor_rcv_bufs", "global_defs/vrrp_rx_bufs_policy",
  "global_defs/vrrp_rx_bufs_multiplier", "virtual_server/real_server/MISC_CHECK/misc_path",
  "virtual_server/real_server/FILE_CHECK/weight", "virtual_server/real_server/BFD_CHECK/name",
  "track_file/file", "track_file/weight", "vrrp_track_file/weight",
  "vrrp_instance/kernel_rx_buf_size", "vrrp_script/script", "vrrp_track_process/weight",
]);

export const CRASHES_WITHOUT_VALUE: ReadonlySet<string> = new Set([
  "virtual_server/real_server/HTTP_GET/url/status_code", "bfd_instance/neighbor_ip",
]);

/** "stop" (exit 2), "report" (the line is reported and ignored) or "crash", for a keyword at `path` left without value. */
export function withoutValue(path: string): "stop" | "report" | "crash" {
  if (CRASHES_WITHOUT_VALUE.has(path)) return "crash";
  return KEEPS_READING_WITHOUT_VALUE.has(path) ? "report" : "stop";
}
