import type { ArgSpec } from "../catalog/types.ts";

/*
 * The checks read thousands of numbers and addresses per file, so these are written out by hand rather than as
 * regular expressions; each says which expression it stands for.
 */

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Digits from `i` on: the offset after the last one. */
function digitsEnd(text: string, i: number): number {
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  return i;
}

/** After an optional `+` or `-` at the start. */
function afterSign(text: string): number {
  const c = text.charCodeAt(0);
  return c === 0x2b || c === 0x2d ? 1 : 0;
}

/** keepalived's whole numbers: optional sign, decimal digits only (`/^[+-]?\d+$/`). */
export function parseInteger(text: string): number | undefined {
  const start = afterSign(text);
  const end = digitsEnd(text, start);
  return end > start && end === text.length ? Number(text) : undefined;
}

/** Decimal seconds and the like: digits with an optional fraction (`/^[+-]?(\d+\.?\d*|\.\d+)$/`). */
export function parseDecimal(text: string): number | undefined {
  const start = afterSign(text);
  const whole = digitsEnd(text, start);
  if (whole === text.length) return whole > start ? Number(text) : undefined;
  if (text.charCodeAt(whole) !== 0x2e) return undefined;
  const fraction = digitsEnd(text, whole + 1);
  if (fraction !== text.length) return undefined;
  return whole > start || fraction > whole + 1 ? Number(text) : undefined;
}

export function parseNumberOf(text: string, arg: Pick<ArgSpec, "type">): number | undefined {
  return arg.type === "decimal" ? parseDecimal(text) : parseInteger(text);
}

export const BOOLEAN_WORDS = ["on", "off", "true", "false", "yes", "no"];

/**
 * Four dot-separated numbers, each at most `max` and without leading zeros; `max` 255 is an IPv4 address
 * (`/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(...)){3}$/`), 999 the looser shape canonicalAddress accepts as is.
 */
function dottedQuad(text: string, max: number, end = text.length): boolean {
  const n = end;
  if (n < 7 || n > 15) return false;
  let i = 0;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (text.charCodeAt(i) !== 0x2e) return false;
      i++;
    }
    const start = i;
    let value = 0;
    for (; i < n && isDigit(text.charCodeAt(i)); i++) value = value * 10 + text.charCodeAt(i) - 0x30;
    const length = i - start;
    if (length === 0 || length > 3 || (length > 1 && text.charCodeAt(start) === 0x30) || value > max) return false;
  }
  return i === n;
}

export function isIPv4(text: string): boolean {
  return dottedQuad(text, 255);
}

export function isIPv6(text: string): boolean {
  if (!text.includes(":")) return false;
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
  const family = addressFamily(text);
  if (family === undefined) return undefined;
  const slash = text.indexOf("/");
  if (slash < 0) return { address: text, family };
  return { address: text.slice(0, slash), prefix: Number(text.slice(slash + 1)), family };
}

/**
 * The family of an `ADDR[/PREFIX]` (parseAddress's), without building its parts: the checks ask it of every
 * virtual address and peer.
 */
export function addressFamily(text: string): 4 | 6 | undefined {
  const slash = text.indexOf("/");
  if (slash < 0) return isIPv4(text) ? 4 : isIPv6(text) ? 6 : undefined;
  const family = dottedQuad(text, 255, slash) ? 4 : isIPv6(text.slice(0, slash)) ? 6 : undefined;
  if (family === undefined) return undefined;
  // One to three digits, at most the address's bit count.
  const digits = text.length - slash - 1;
  if (digits < 1 || digits > 3 || digitsEnd(text, slash + 1) !== text.length) return undefined;
  let prefix = 0;
  for (let i = slash + 1; i < text.length; i++) prefix = prefix * 10 + text.charCodeAt(i) - 0x30;
  return prefix <= (family === 4 ? 32 : 128) ? family : undefined;
}

/** IPv4 address as a 32-bit unsigned number. */
export function ipv4ToNumber(address: string): number {
  return address.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
}

/** Canonical text of an address, so that `192.168.001.1` style and IPv6 spellings compare equal. */
export function canonicalAddress(text: string): string {
  if (dottedQuad(text, 999)) return text;
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
