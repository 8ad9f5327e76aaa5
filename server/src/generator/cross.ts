import { broadcastAddress, contains, formatIpv4, formatNetwork, networkAddress, parseIpv4, parseIpv4Network, type Ipv4Network } from "./ipv4.ts";
import { serviceHost } from "./service.ts";
import { derivedWeight } from "./timing.ts";
import type { HaSpec, SpecField, SpecIssue, SpecOptions } from "./spec.ts";

/**
 * Rules between fields, on values each valid on their own (fields may be missing: the wizard asks in steps).
 * Each issue names the field to correct and the fields it was held against.
 */
export function crossFieldIssues(spec: Partial<HaSpec>, options: SpecOptions = {}): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const add = (field: SpecField, related: SpecField[], message: string): void => void issues.push({ field, related, message });

  const primary = spec.primary === undefined ? undefined : addressOf(spec.primary);
  const standby = spec.standby === undefined ? undefined : addressOf(spec.standby);
  const vipNet = spec.vip === undefined ? undefined : networkOf(spec.vip);
  const vip = vipNet?.address;

  if (primary !== undefined && standby !== undefined && primary === standby) {
    add("standby", ["primary"], `the standby's address ${spec.standby} is the primary's too (expected two different addresses, one per node)`);
  }
  for (const [field, value] of [["primary", primary], ["standby", standby]] as const) {
    if (value === undefined || vip === undefined) continue;
    if (value === vip) add("vip", [field], `the virtual IP ${formatIpv4(vip)} is the ${field}'s own address (expected a free address that neither node has)`);
  }
  if (spec.deployment === "docker") dockerIssues(spec, add, { primary, standby, vip });
  const flagged = new Set(issues.map((i) => i.field));

  if (vipNet !== undefined) {
    const subnet = formatNetwork(vipNet);
    if (vipNet.address === networkAddress(vipNet) || vipNet.address === broadcastAddress(vipNet)) {
      const which = vipNet.address === networkAddress(vipNet) ? "network" : "broadcast";
      add("vip", [], `the virtual IP ${spec.vip} is the ${which} address of ${subnet} (expected a host address inside it, e.g. ${formatIpv4(networkAddress(vipNet) + 100)}/${vipNet.prefix})`);
    }
    for (const [field, value] of [["primary", primary], ["standby", standby]] as const) {
      if (value === undefined || flagged.has(field)) continue;
      if (!contains(vipNet, value)) {
        add(field, ["vip"], `the ${field}'s address ${formatIpv4(value)} is outside the virtual IP's subnet ${subnet} (expected both nodes and the VIP on one LAN; check the VIP's prefix)`);
      } else if (value === networkAddress(vipNet) || value === broadcastAddress(vipNet)) {
        add(field, ["vip"], `the ${field}'s address ${formatIpv4(value)} is the ${value === networkAddress(vipNet) ? "network" : "broadcast"} address of ${subnet} (expected a host address)`);
      }
    }
  }

  if (spec.priorityPrimary !== undefined && spec.priorityStandby !== undefined && spec.priorityStandby >= spec.priorityPrimary) {
    add("priorityStandby", ["priorityPrimary"], `the standby's priority ${spec.priorityStandby} is not below the primary's ${spec.priorityPrimary} (expected lower, e.g. 90 against 100, so the primary holds the VIP while healthy)`);
  }
  if (spec.weight !== undefined && spec.priorityPrimary !== undefined && spec.priorityStandby !== undefined && spec.priorityPrimary + spec.weight >= spec.priorityStandby) {
    const needed = spec.priorityStandby - spec.priorityPrimary - 1;
    add(
      "weight",
      ["priorityPrimary", "priorityStandby"],
      `with weight ${spec.weight} a failing check leaves the primary at priority ${spec.priorityPrimary + spec.weight}, not below the standby's ${spec.priorityStandby}, so the VIP would never move (expected ${needed} or lower; leave it out for ${derivedWeight(spec.priorityPrimary, spec.priorityStandby)})`,
    );
  }
  if (spec.checkTimeout !== undefined && spec.service?.kind === "emqx-edge" && spec.checkTimeout < 3) {
    add("checkTimeout", ["service"], `the check timeout ${spec.checkTimeout} s leaves no room for the EMQX Edge check's two probes (HTTP, then TCP) of at least 1 s each (expected 3 or more; the guide uses 5)`);
  }
  const host = spec.service === undefined ? undefined : serviceHost(spec.service);
  if (host !== undefined) {
    for (const [field, value] of [["vip", vip], ["primary", primary], ["standby", standby]] as const) {
      if (value !== undefined && host === formatIpv4(value)) {
        add("service", [field], `the health URL's host ${host} is the ${field === "vip" ? "virtual IP" : `${field}'s address`}: each node's check must probe its own service (expected a local address such as 127.0.0.1)`);
      }
    }
  }
  if (spec.vrid !== undefined && options.usedVrids !== undefined && new Set(options.usedVrids).has(spec.vrid)) {
    add("vrid", [], `virtual_router_id ${spec.vrid} is already used by another keepalived file here: two pairs on one network with one VRID disturb each other (expected a free one)`);
  }
  return issues;
}

function dockerIssues(
  spec: Partial<HaSpec>,
  add: (field: SpecField, related: SpecField[], message: string) => void,
  addresses: { primary: number | undefined; standby: number | undefined; vip: number | undefined },
): void {
  if (spec.interface !== undefined && spec.interface !== "eth0") {
    add("interface", ["deployment"], `in Docker keepalived runs inside the container, whose network interface is eth0 (got ${spec.interface}; expected eth0)`);
  }
  if (spec.service !== undefined && spec.service.kind !== "emqx-edge") {
    add("service", ["deployment"], "the Docker layout builds the guide's EMQX Edge image, so it watches EMQX Edge only (expected --service emqx-edge, or a bare-metal deployment for another service)");
  }
  const subnet = spec.dockerSubnet === undefined ? undefined : networkOf(spec.dockerSubnet);
  if (subnet === undefined) return;
  const gateway = networkAddress(subnet) + 1;
  for (const [field, value] of Object.entries(addresses) as Array<["primary" | "standby" | "vip", number | undefined]>) {
    if (value === undefined) continue;
    const what = field === "vip" ? "virtual IP" : `${field}'s address`;
    if (!contains(subnet, value)) {
      add(field, ["dockerSubnet"], `the ${what} ${formatIpv4(value)} is outside the Docker subnet ${formatNetwork(subnet)} (expected an address inside it, e.g. ${formatIpv4(networkAddress(subnet) + (field === "vip" ? 100 : field === "primary" ? 10 : 11))})`);
    } else if (value === gateway) {
      add(field, ["dockerSubnet"], `the ${what} ${formatIpv4(value)} is the Docker network's gateway (expected another address of ${formatNetwork(subnet)}, e.g. ${formatIpv4(networkAddress(subnet) + 10)})`);
    } else if (value === networkAddress(subnet) || value === broadcastAddress(subnet)) {
      add(field, ["dockerSubnet"], `the ${what} ${formatIpv4(value)} is the network or broadcast address of the Docker subnet ${formatNetwork(subnet)} (expected a host address)`);
    }
  }
}

function addressOf(text: string): number | undefined {
  const n = parseIpv4(text);
  return typeof n === "number" ? n : undefined;
}

function networkOf(text: string): Ipv4Network | undefined {
  const n = parseIpv4Network(text, "");
  return typeof n === "string" ? undefined : n;
}
