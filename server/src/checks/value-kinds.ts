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

/** Undefined when keepalived accepts `text` for `arg`. */
export function valueProblem(arg: ArgSpec, text: string): ValueProblem | undefined {
  const invalid = (expected: string, extra: Record<string, unknown> = {}): ValueProblem => ({
    code: "invalid-value",
    expected,
    data: { expected: arg.type, ...extra },
  });
  switch (arg.type) {
    case "uint":
    case "int":
    case "decimal":
      return numberProblem(arg, text);
    case "port": {
      const port = parseInteger(text);
      return port === undefined || port < 1 || port > 65535 ? invalid("a port number (1..65535)") : undefined;
    }
    case "bool":
      return BOOLEAN_WORDS.includes(text) ? undefined : invalid(`one of ${BOOLEAN_WORDS.join(", ")}`);
    case "enum": {
      const values = arg.values ?? [];
      const bare = arg.prefixes?.includes(text[0] ?? "") === true ? text.slice(1) : text;
      if (values.includes(bare)) return undefined;
      const suggestion = values.find((v) => v.toLowerCase() === bare.toLowerCase());
      return invalid(`one of ${values.join(", ")} (case matters)`, { values, ...(suggestion !== undefined ? { suggestion } : {}) });
    }
    case "ip":
      return isIP(text) ? undefined : invalid("an IP address");
    case "ipv4":
      return isIPv4(text) ? undefined : invalid("an IPv4 address");
    case "ipv6":
      return isIPv6(text) ? undefined : invalid("an IPv6 address");
    case "ifname":
      return text.length > MAX_IFNAME ? invalid(`an interface name (at most ${MAX_IFNAME} characters)`) : undefined;
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
