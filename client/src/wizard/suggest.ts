/**
 * Follow-up suggestions once the primary's address is known: the standby beside it and a VIP on its /24.
 * Pure (no VS Code), so the unit suite covers it. The generator's validation still judges whatever is shown.
 */

const QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function octets(address: string): [number, number, number, number] | undefined {
  const match = QUAD.exec(address.trim());
  if (match === null) return undefined;
  const parts = match.slice(1).map(Number) as [number, number, number, number];
  return parts.every((p) => p <= 255) ? parts : undefined;
}

/** The address after the primary's (or before it, at the end of the /24): where a standby usually is. */
export function standbyBeside(primary: string): string | undefined {
  const p = octets(primary);
  if (p === undefined) return undefined;
  const last = p[3] < 254 ? p[3] + 1 : p[3] - 1;
  return `${p[0]}.${p[1]}.${p[2]}.${last}`;
}

/** A VIP on the primary's /24 that neither node has: .100, else .200, else .50. */
export function vipBeside(primary: string, standby: string): string | undefined {
  const p = octets(primary);
  if (p === undefined) return undefined;
  const s = octets(standby);
  const taken = new Set([p[3], ...(s !== undefined && s.slice(0, 3).join(".") === p.slice(0, 3).join(".") ? [s[3]] : [])]);
  const last = [100, 200, 50].find((candidate) => !taken.has(candidate));
  return `${p[0]}.${p[1]}.${p[2]}.${last ?? 100}/24`;
}
