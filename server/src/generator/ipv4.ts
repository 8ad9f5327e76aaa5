/**
 * IPv4 arithmetic for the generator: strict dotted quads (no leading zeros, which inet_pton refuses), prefixes,
 * subnets. Addresses are unsigned 32-bit numbers.
 */

export interface Ipv4Network {
  /** The address as written (host bits may be set: a VIP is `192.168.1.100/24`). */
  address: number;
  prefix: number;
}

const OCTET = /^(?:0|[1-9]\d{0,2})$/;

/** The address as a number, or a message saying what is wrong with the text. */
export function parseIpv4(text: string): number | string {
  const parts = text.split(".");
  if (parts.length !== 4) return `'${text}' is not an IPv4 address (expected four numbers separated by dots, e.g. 192.168.1.10)`;
  let value = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) {
      return /^0\d/.test(part)
        ? `'${text}' has a leading zero in '${part}', which keepalived's inet_pton refuses (expected ${String(Number(part))} there)`
        : `'${text}' is not an IPv4 address (expected four numbers from 0 to 255, e.g. 192.168.1.10; '${part}' is not one)`;
    }
    const octet = Number(part);
    if (octet > 255) return `'${text}' is not an IPv4 address (${part} is above 255; expected four numbers from 0 to 255)`;
    value = value * 256 + octet;
  }
  return value;
}

/** `A.B.C.D/P`, or a message. */
export function parseIpv4Network(text: string, example: string): Ipv4Network | string {
  const slash = text.indexOf("/");
  if (slash < 0) return `'${text}' has no prefix length (expected address/prefix, e.g. ${example})`;
  const address = parseIpv4(text.slice(0, slash));
  if (typeof address === "string") return address;
  const prefixText = text.slice(slash + 1);
  if (!/^(?:[0-9]|[12][0-9]|3[0-2])$/.test(prefixText)) {
    return `'${text}' has prefix length '${prefixText}' (expected a number from 0 to 32, e.g. ${example})`;
  }
  return { address, prefix: Number(prefixText) };
}

export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join(".");
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function networkAddress(net: Ipv4Network): number {
  return (net.address & maskOf(net.prefix)) >>> 0;
}

export function broadcastAddress(net: Ipv4Network): number {
  return (networkAddress(net) | ~maskOf(net.prefix)) >>> 0;
}

export function contains(net: Ipv4Network, address: number): boolean {
  return (address & maskOf(net.prefix)) >>> 0 === networkAddress(net);
}

export function formatNetwork(net: Ipv4Network): string {
  return `${formatIpv4(networkAddress(net))}/${net.prefix}`;
}

/** Why an address cannot be a node's or a VIP's (loopback, multicast...), or undefined. */
export function reservedUse(address: number): string | undefined {
  const first = address >>> 24;
  if (first === 0) return "in 0.0.0.0/8 ('this network'), which no host may use";
  if (first === 127) return "a loopback address, which never leaves the host";
  if (first >= 224 && first <= 239) return "a multicast address";
  if (first >= 240) return "in the reserved range 240.0.0.0/4";
  return undefined;
}
