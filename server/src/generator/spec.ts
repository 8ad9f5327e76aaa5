import { z } from "zod";
import { crossFieldIssues } from "./cross.ts";
import * as F from "./fields.ts";
import type { Deployment, FieldResult } from "./fields.ts";
import { formatIpv4, networkAddress, parseIpv4Network } from "./ipv4.ts";
import { cryptoRandomIndex, generatePassword, type RandomIndex } from "./password.ts";
import { EMQX_EDGE, type Service } from "./service.ts";
import { derivedWeight } from "./timing.ts";
import { PREFERRED_VRID, suggestVrid } from "./vrid.ts";

/** A complete, validated description of one primary/standby pair: everything the files are generated from. */
export interface HaSpec {
  deployment: Deployment;
  /** Lower-case cluster name: names scripts (check_emqx_edge.sh), the vrrp_instance (EMQX_EDGE_HA), containers. */
  name: string;
  service: Service;
  interface: string;
  primary: string;
  standby: string;
  /** With its prefix, e.g. 192.168.1.100/24. */
  vip: string;
  vrid: number;
  password: string;
  advertInt: number;
  checkInterval: number;
  checkTimeout: number;
  checkFall: number;
  checkRise: number;
  priorityPrimary: number;
  priorityStandby: number;
  /** Negative; always primary + weight < standby, so a failing check moves the VIP. */
  weight: number;
  dockerSubnet: string;
  emqxEdgeVersion: string;
}

export type SpecField = keyof HaSpec;

/** What a caller may give: any field may be left out; numbers may be given as text; service as `tcp:1883`. */
export type HaSpecInput = { [K in SpecField]?: K extends "service" ? Service | string : HaSpec[K] extends number ? number | string : HaSpec[K] };

export interface SpecOptions {
  /** VRIDs other keepalived files use (see usedVrids): the default avoids them and a given VRID may not be one. */
  usedVrids?: Iterable<number>;
  /** Where the default password's randomness comes from (node:crypto unless a test injects one). */
  random?: RandomIndex;
}

export interface SpecIssue {
  /** The field to correct (the one a wizard step would show the message under). */
  field: SpecField;
  message: string;
  /** Other fields the rule involves (e.g. vip for "primary is outside the VIP's subnet"). */
  related?: SpecField[];
}

export const FIELD_VALIDATORS: { [K in SpecField]: (value: unknown) => FieldResult<HaSpec[K]> } = {
  deployment: F.validateDeployment,
  name: F.validateName,
  service: F.validateService,
  interface: F.validateInterface,
  primary: F.validatePrimary,
  standby: F.validateStandby,
  vip: F.validateVip,
  vrid: F.validateVrid,
  password: F.validatePassword,
  advertInt: F.validateAdvertInt,
  checkInterval: F.validateCheckInterval,
  checkTimeout: F.validateCheckTimeout,
  checkFall: F.validateCheckFall,
  checkRise: F.validateCheckRise,
  priorityPrimary: F.validatePriorityPrimary,
  priorityStandby: F.validatePriorityStandby,
  weight: F.validateWeight,
  dockerSubnet: F.validateDockerSubnet,
  emqxEdgeVersion: F.validateEmqxEdgeVersion,
};

export const SPEC_FIELDS = Object.keys(FIELD_VALIDATORS) as SpecField[];

/** The guide's values. */
export const DEFAULTS = {
  deployment: "bare-metal",
  interface: "eth0",
  advertInt: 1,
  checkInterval: 2,
  checkTimeout: 5,
  checkFall: 2,
  checkRise: 1,
  priorityPrimary: 100,
  priorityStandby: 90,
  dockerSubnet: "172.22.0.0/24",
  emqxEdgeVersion: "1.3.0",
} as const satisfies Partial<HaSpec>;

/** Docker's addresses for the guide's layout: .10, .11 and .100 of the subnet (the VIP with the subnet's prefix). */
export function dockerAddresses(dockerSubnet: string): { primary: string; standby: string; vip: string } | undefined {
  const net = parseIpv4Network(dockerSubnet, "172.22.0.0/24");
  if (typeof net === "string") return undefined;
  const base = networkAddress(net);
  return { primary: formatIpv4(base + 10), standby: formatIpv4(base + 11), vip: `${formatIpv4(base + 100)}/${net.prefix}` };
}

function defaultName(service: Service): string {
  return service.kind === "emqx-edge" ? "emqx-edge" : "service";
}

/**
 * The defaults for the fields left out, given the ones set: what the wizard shows as each step's initial value.
 * Never the password (a wizard shows its own freshly generated one: call generatePassword).
 */
export function defaultsFor(partial: Partial<HaSpec>, options: SpecOptions = {}): Partial<HaSpec> {
  const deployment = partial.deployment ?? DEFAULTS.deployment;
  const service = partial.service ?? EMQX_EDGE;
  const priorityPrimary = partial.priorityPrimary ?? DEFAULTS.priorityPrimary;
  const priorityStandby = partial.priorityStandby ?? DEFAULTS.priorityStandby;
  const dockerSubnet = partial.dockerSubnet ?? DEFAULTS.dockerSubnet;
  const docker = deployment === "docker" ? dockerAddresses(dockerSubnet) : undefined;
  const vrid = suggestVrid(options.usedVrids ?? [], PREFERRED_VRID);
  return {
    ...DEFAULTS,
    deployment,
    service,
    name: defaultName(service),
    priorityPrimary,
    priorityStandby,
    weight: derivedWeight(priorityPrimary, priorityStandby),
    dockerSubnet,
    ...(vrid === undefined ? {} : { vrid }),
    ...(docker ?? {}),
  };
}

/** Checks each given field on its own; the valid values and the issues. Unknown fields are issues too. */
function validateFields(input: Record<string, unknown>): { values: Partial<HaSpec>; issues: SpecIssue[]; unknown: string[] } {
  const values: Record<string, unknown> = {};
  const issues: SpecIssue[] = [];
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (!Object.hasOwn(FIELD_VALIDATORS, key)) {
      unknown.push(key);
      continue;
    }
    const field = key as SpecField;
    const result = FIELD_VALIDATORS[field](value);
    if (result.ok) values[field] = result.value;
    else issues.push({ field, message: result.message });
  }
  return { values: values as Partial<HaSpec>, issues, unknown };
}

const REQUIRED_WITHOUT_DEFAULT: Array<[SpecField, string]> = [
  ["primary", "the primary node's IPv4 address on the interface, e.g. 192.168.1.10"],
  ["standby", "the standby node's IPv4 address on the interface, e.g. 192.168.1.11"],
  ["vip", "the virtual IP with its prefix, e.g. 192.168.1.100/24"],
];

export type SpecResult = { success: true; spec: HaSpec } | { success: false; issues: SpecIssue[] };

/** Validates an input, fills in the defaults and checks the rules between fields. Never throws. */
export function parseSpec(input: unknown, options: SpecOptions = {}): SpecResult {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { success: false, issues: [{ field: "deployment", message: "the spec must be an object with the fields " + SPEC_FIELDS.join(", ") }] };
  }
  const { values, issues, unknown } = validateFields(input as Record<string, unknown>);
  if (unknown.length > 0) {
    issues.push({ field: "deployment", message: `unknown field${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} (expected some of ${SPEC_FIELDS.join(", ")})` });
  }
  const invalid = new Set(issues.map((i) => i.field));
  const merged: Partial<HaSpec> = { ...defaultsFor(values, options), ...values };
  if (merged.password === undefined && !invalid.has("password")) merged.password = generatePassword(options.random ?? cryptoRandomIndex);
  if (merged.vrid === undefined && !invalid.has("vrid")) {
    issues.push({ field: "vrid", message: "every virtual_router_id from 1 to 255 is used by the other keepalived files (expected a VRID to share, or fewer instances on this network)" });
  }
  for (const [field, expected] of REQUIRED_WITHOUT_DEFAULT) {
    if (merged[field] === undefined && !invalid.has(field)) issues.push({ field, message: `missing: ${expected}` });
  }
  // Rules between fields only where both sides are valid: one mistake, one message.
  for (const issue of crossFieldIssues(merged, options)) {
    if (![issue.field, ...(issue.related ?? [])].some((f) => invalid.has(f))) issues.push(issue);
  }
  if (issues.length > 0) return { success: false, issues };
  return { success: true, spec: merged as HaSpec };
}

/**
 * One field as the wizard's inline validation sees it: the value on its own, then the rules it shares with the
 * fields already answered in `context`. Returns the message to show, or undefined when the value is fine.
 */
export function validateField(field: SpecField, value: unknown, context: HaSpecInput = {}, options: SpecOptions = {}): string | undefined {
  const own = FIELD_VALIDATORS[field](value);
  if (!own.ok) return own.message;
  const { values } = validateFields(context as Record<string, unknown>);
  const known: Partial<HaSpec> = { ...values, [field]: own.value };
  const merged: Partial<HaSpec> = { ...defaultsFor(known, options), ...known };
  const answered = new Set<string>([...Object.keys(values), field]);
  const issue = crossFieldIssues(merged, options).find(
    (i) => (i.field === field || i.related?.includes(field) === true) && [i.field, ...(i.related ?? [])].every((f) => answered.has(f) || DEFAULTED.has(f)),
  );
  return issue?.message;
}

/** Fields whose default is a fixed value: a rule may hold them against an answered field. */
const DEFAULTED: ReadonlySet<SpecField> = new Set(["deployment", "interface", "service", "advertInt", "checkInterval", "checkTimeout", "checkFall", "checkRise", "priorityPrimary", "priorityStandby", "dockerSubnet"]);

export function formatIssue(issue: SpecIssue): string {
  return `${issue.field}: ${issue.message}`;
}

/**
 * The spec as a zod schema: each field's own schema (fields.ts FIELD_SCHEMAS, every one optional, unknown fields
 * refused), then the defaults, the generated password and the rules between fields (cross.ts) in a transform.
 * `HaSpecSchema.parse(input)` gives a complete HaSpec or a ZodError whose issues carry the field as `path`.
 * parseSpec reports field and cross-field issues in one pass (a wizard or a command line shows them all at once);
 * this schema, like any zod object, stops at the field issues.
 */
export function haSpecSchema(options: SpecOptions = {}): z.ZodType<HaSpec, HaSpecInput> {
  const shape = Object.fromEntries(SPEC_FIELDS.map((field) => [field, (F.FIELD_SCHEMAS[field] as z.ZodType<unknown>).optional()]));
  return z
    .strictObject(shape, {
      error: (issue) => (issue.code === "unrecognized_keys" ? `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")} (expected some of ${SPEC_FIELDS.join(", ")})` : undefined),
    })
    .transform((values, ctx) => {
      const result = parseSpec(values, options);
      if (result.success) return result.spec;
      for (const issue of result.issues) ctx.addIssue({ code: "custom", message: issue.message, path: [issue.field], input: values[issue.field] });
      return z.NEVER;
    }) as unknown as z.ZodType<HaSpec, HaSpecInput>;
}

export const HaSpecSchema = haSpecSchema();
