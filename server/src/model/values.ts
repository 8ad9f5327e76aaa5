import type { ArgSpec } from "../catalog/types.ts";

/** keepalived's whole numbers: optional sign, decimal digits only. */
const INTEGER = /^[+-]?\d+$/;
/** Decimal seconds and the like: digits with an optional fraction. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;

export function parseInteger(text: string): number | undefined {
  return INTEGER.test(text) ? Number(text) : undefined;
}

export function parseDecimal(text: string): number | undefined {
  return DECIMAL.test(text) ? Number(text) : undefined;
}

export function parseNumberOf(text: string, arg: Pick<ArgSpec, "type">): number | undefined {
  return arg.type === "decimal" ? parseDecimal(text) : parseInteger(text);
}

export const BOOLEAN_WORDS = ["on", "off", "true", "false", "yes", "no"];

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIPv4(text: string): boolean {
  return IPV4.test(text);
}

export function isIPv6(text: string): boolean {
  const t = text.includes("%") ? text.slice(0, text.indexOf("%")) : text;
  if (!/^[0-9a-fA-F:.]+$/.test(t) || !t.includes(":")) return false;
  const parts = t.split("::");
  if (parts.length > 2) return false;
  const groups = (s: string): string[] => (s === "" ? [] : s.split(":"));
  const head = groups(parts[0]!);
  const tail = parts.length === 2 ? groups(parts[1]!) : [];
  const all = [...head, ...tail];
  let count = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes(".")) {
    if (!isIPv4(last)) return false;
    count += 1;
    all.pop();
  }
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return parts.length === 2 ? count <= 7 : count === 8;
}

export function isIP(text: string): boolean {
  return isIPv4(text) || isIPv6(text);
}

export interface AddressWithPrefix {
  address: string;
  prefix?: number;
  family: 4 | 6;
}

/** `ADDR[/PREFIX]` as in virtual_ipaddress; undefined when not an address or the prefix is out of range. */
export function parseAddress(text: string): AddressWithPrefix | undefined {
  const slash = text.indexOf("/");
  const address = slash < 0 ? text : text.slice(0, slash);
  const family = isIPv4(address) ? 4 : isIPv6(address) ? 6 : undefined;
  if (family === undefined) return undefined;
  if (slash < 0) return { address, family };
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > (family === 4 ? 32 : 128)) return undefined;
  return { address, prefix, family };
}

/** IPv4 address as a 32-bit unsigned number. */
export function ipv4ToNumber(address: string): number {
  return address.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
}

/** Canonical text of an address, so that `192.168.001.1` style and IPv6 spellings compare equal. */
const PLAIN_IPV4 = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;

export function canonicalAddress(text: string): string {
  if (PLAIN_IPV4.test(text)) return text;
  const parsed = parseAddress(text);
  if (parsed === undefined) return text;
  if (parsed.family === 4) return parsed.address.split(".").map(Number).join(".");
  return expandIPv6(parsed.address);
}

function expandIPv6(address: string): string {
  const [head = "", tail] = address.toLowerCase().split("::");
  const h = head === "" ? [] : head.split(":");
  const t = tail === undefined || tail === "" ? [] : tail.split(":");
  const fill = tail === undefined ? [] : new Array<string>(8 - h.length - t.length).fill("0");
  return [...h, ...fill, ...t].map((g) => g.replace(/^0+(?=.)/, "")).join(":");
}
