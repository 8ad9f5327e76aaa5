import { z } from "zod";
import { parseIpv4, parseIpv4Network, reservedUse } from "./ipv4.ts";
import { passwordProblem } from "./password.ts";
import { parseService, SERVICE_FORMS, urlProblem, type Service } from "./service.ts";

/**
 * One zod schema per spec field, on its own (what the wizard's inline validation calls as the user types). Each
 * takes what a person or a command line gives (numbers may arrive as text) and yields the value, or an issue whose
 * message says what is wrong and what is expected. Rules that relate two fields live in cross.ts.
 */

export type FieldResult<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const fail = (message: string): FieldResult<never> => ({ ok: false, message });

/** A field's schema as a validator: its value, or the message of its first issue. */
function validatorOf<T>(schema: z.ZodType<T>): (value: unknown) => FieldResult<T> {
  return (value) => {
    const result = schema.safeParse(value);
    return result.success ? ok(result.data) : fail(result.error.issues[0]?.message ?? "invalid value");
  };
}

/** A schema whose check is a function of ours (addresses, subnets, URLs): zod carries its message. */
function checked<T>(check: (value: unknown) => FieldResult<T>): z.ZodType<T> {
  return z.unknown().transform((value, ctx) => {
    const result = check(value);
    if (result.ok) return result.value;
    ctx.addIssue({ code: "custom", message: result.message, input: value });
    return z.NEVER;
  }) as unknown as z.ZodType<T>;
}

export const DEPLOYMENTS = ["bare-metal", "docker"] as const;
export type Deployment = (typeof DEPLOYMENTS)[number];

function shown(value: unknown): string {
  return typeof value === "string" ? `'${value}'` : JSON.stringify(value) ?? String(value);
}

/** Text, trimmed, not empty. */
function textSchema(what: string, example: string): z.ZodString {
  return z
    .string({ error: (issue) => `${what} must be text, e.g. ${example} (got ${shown(issue.input)})` })
    .trim()
    .min(1, { error: `${what} is empty (expected e.g. ${example})` });
}

function text(value: unknown, what: string, example: string): FieldResult<string> {
  return validatorOf(textSchema(what, example))(value);
}

/** Whole numbers, from a number or its decimal text. */
function integerSchema(what: string, min: number, max: number): z.ZodType<number> {
  const whole = (input: unknown): string => `${what} must be a whole number from ${min} to ${max} (got ${shown(input)})`;
  const range = (input: unknown): string => `${what} must be from ${min} to ${max} (got ${String(input)})`;
  return z
    .union([z.number(), z.string().regex(/^\s*-?\d+\s*$/).transform(Number)], { error: (issue) => whole(issue.input) })
    .pipe(
      z
        .number()
        .int({ error: (issue) => whole(issue.input) })
        .min(min, { error: (issue) => range(issue.input) })
        .max(max, { error: (issue) => range(issue.input) }),
    );
}

function integer(value: unknown, what: string, min: number, max: number): FieldResult<number> {
  return validatorOf(integerSchema(what, min, max))(value);
}

function address(value: unknown, what: string, example: string): FieldResult<string> {
  const t = text(value, what, example);
  if (!t.ok) return t;
  const parsed = parseIpv4(t.value);
  if (typeof parsed === "string") return fail(`${what}: ${parsed}`);
  const reserved = reservedUse(parsed);
  if (reserved !== undefined) return fail(`${what} ${t.value} is ${reserved} (expected a unicast address of your LAN, e.g. ${example})`);
  return ok(t.value);
}

function network(value: unknown, what: string, example: string): FieldResult<string> {
  const t = text(value, what, example);
  if (!t.ok) return t;
  const parsed = parseIpv4Network(t.value, example);
  if (typeof parsed === "string") return fail(`${what}: ${parsed}`);
  return ok(t.value);
}

const deploymentSchema = z.enum(DEPLOYMENTS, { error: (issue) => `deployment must be bare-metal or docker (got ${shown(issue.input)})` });

const nameSchema = textSchema("the cluster name", "emqx-edge").regex(/^[a-z](?:[a-z0-9-]{0,30}[a-z0-9])?$/, {
  error: (issue) =>
    `the cluster name '${String(issue.input)}' must be 1 to 32 lower-case letters, digits and dashes, starting with a letter and not ending with a dash (it names the scripts, the vrrp_instance and the containers), e.g. emqx-edge`,
});

export const validateDeployment = validatorOf(deploymentSchema);
export const validateName = validatorOf(nameSchema);

export function validateService(value: unknown): FieldResult<Service> {
  if (typeof value === "object" && value !== null && "kind" in value) {
    const v = value as Record<string, unknown>;
    if (v["kind"] === "emqx-edge") {
      const mqtt = integer(v["mqttPort"] ?? 1883, "the MQTT port", 1, 65535);
      if (!mqtt.ok) return mqtt;
      const http = integer(v["httpPort"] ?? 8081, "the HTTP API port", 1, 65535);
      if (!http.ok) return http;
      if (mqtt.value === http.value) return fail(`the MQTT and HTTP API ports are both ${mqtt.value} (expected two different ports, by default 1883 and 8081)`);
      return ok({ kind: "emqx-edge", mqttPort: mqtt.value, httpPort: http.value });
    }
    if (v["kind"] === "tcp") {
      const port = integer(v["port"], "the TCP port", 1, 65535);
      return port.ok ? ok({ kind: "tcp", port: port.value }) : port;
    }
    if (v["kind"] === "http") {
      const url = text(v["url"], "the health URL", "http://127.0.0.1:8080/health");
      if (!url.ok) return url;
      const problem = urlProblem(url.value);
      return problem === undefined ? ok({ kind: "http", url: new URL(url.value).href }) : fail(problem);
    }
    return fail(`service kind must be emqx-edge, tcp or http (got ${shown(v["kind"])})`);
  }
  const t = text(value, "the service to watch", "emqx-edge");
  if (!t.ok) return t;
  const parsed = parseService(t.value);
  return typeof parsed === "string" ? fail(parsed) : ok(parsed);
}

const interfaceSchema = textSchema("the network interface", "eth0")
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$/, {
    error: (issue) => `'${String(issue.input)}' is not a Linux interface name (expected 1 to 15 letters, digits, '_', '.' or '-', as 'ip link' shows them, e.g. eth0 or ens18)`,
  })
  // The kernel keeps /proc/sys/net/ipv4/conf/{all,default} for itself: no interface can have those names.
  .refine((name) => name !== "all" && name !== "default", {
    error: (issue) => `'${String(issue.input)}' is reserved by the kernel and names no interface (expected the name 'ip link' shows, e.g. eth0)`,
  });

export const validateInterface = validatorOf(interfaceSchema);

export const validatePrimary = (value: unknown): FieldResult<string> => address(value, "the primary node's address", "192.168.1.10");
export const validateStandby = (value: unknown): FieldResult<string> => address(value, "the standby node's address", "192.168.1.11");

export function validateVip(value: unknown): FieldResult<string> {
  const net = network(value, "the virtual IP", "192.168.1.100/24");
  if (!net.ok) return net;
  const parsed = parseIpv4Network(net.value, "192.168.1.100/24");
  if (typeof parsed === "string") return fail(parsed);
  const reserved = reservedUse(parsed.address);
  if (reserved !== undefined) return fail(`the virtual IP ${net.value} is ${reserved} (expected a free unicast address of your LAN, e.g. 192.168.1.100/24)`);
  if (parsed.prefix < 8 || parsed.prefix > 30) {
    return fail(`the virtual IP's prefix /${parsed.prefix} must be from /8 to /30: the VIP and both nodes share its subnet (expected the LAN's prefix, e.g. 192.168.1.100/24)`);
  }
  return ok(net.value);
}

export const validateVrid = (value: unknown): FieldResult<number> => validatorOf(FIELD_SCHEMAS.vrid)(value);
export function validatePassword(value: unknown): FieldResult<string> {
  if (typeof value !== "string") return fail(`the VRRP password must be text of 1 to 8 characters (got ${shown(value)})`);
  const problem = passwordProblem(value);
  return problem === undefined ? ok(value) : fail(problem);
}
/** VRRPv2 adverts carry whole seconds: keepalived rounds anything else, with a warning. */
export const validateAdvertInt = (value: unknown): FieldResult<number> => validatorOf(FIELD_SCHEMAS.advertInt)(value);
export const validateCheckInterval = (value: unknown): FieldResult<number> => validatorOf(FIELD_SCHEMAS.checkInterval)(value);
export const validateCheckTimeout = (value: unknown): FieldResult<number> => validatorOf(FIELD_SCHEMAS.checkTimeout)(value);
export const validateCheckFall = (value: unknown): FieldResult<number> => validatorOf(FIELD_SCHEMAS.checkFall)(value);
export const validateCheckRise = (value: unknown): FieldResult<number> => validatorOf(FIELD_SCHEMAS.checkRise)(value);
/**
 * 255 is the address owner, which ignores track weights: the VIP would never move. The standby keeps 2 or more so
 * that some weight (at least -253) always takes the primary below it.
 */
export const validatePriorityPrimary = (value: unknown): FieldResult<number> => validatorOf(FIELD_SCHEMAS.priorityPrimary)(value);
export const validatePriorityStandby = (value: unknown): FieldResult<number> => validatorOf(FIELD_SCHEMAS.priorityStandby)(value);
export function validateWeight(value: unknown): FieldResult<number> {
  const w = integer(value, "the check's weight", -253, -1);
  if (!w.ok && typeof value === "number" && value >= 0) {
    return fail(`the check's weight must be negative (got ${value}): a failing check has to lower the primary's priority below the standby's`);
  }
  return w;
}

export function validateDockerSubnet(value: unknown): FieldResult<string> {
  const net = network(value, "the Docker subnet", "172.22.0.0/24");
  if (!net.ok) return net;
  const parsed = parseIpv4Network(net.value, "172.22.0.0/24");
  if (typeof parsed === "string") return fail(parsed);
  if (parsed.prefix < 8 || parsed.prefix > 28) return fail(`the Docker subnet's prefix /${parsed.prefix} must be from /8 to /28 (expected e.g. 172.22.0.0/24)`);
  const reserved = reservedUse(parsed.address);
  if (reserved !== undefined) return fail(`the Docker subnet ${net.value} is ${reserved} (expected a private range, e.g. 172.22.0.0/24)`);
  return ok(net.value);
}

export const validateEmqxEdgeVersion = (value: unknown): FieldResult<string> => validatorOf(FIELD_SCHEMAS.emqxEdgeVersion)(value);

export { SERVICE_FORMS };

/**
 * The schema of every field, keyed like HaSpec: native zod where zod says it (numbers and their ranges, words and
 * their patterns), our own checks inside zod where it cannot (addresses in subnets, services, passwords).
 */
export const FIELD_SCHEMAS = {
  deployment: deploymentSchema,
  name: nameSchema,
  service: checked(validateService),
  interface: interfaceSchema,
  primary: checked(validatePrimary),
  standby: checked(validateStandby),
  vip: checked(validateVip),
  vrid: integerSchema("virtual_router_id", 1, 255),
  password: checked(validatePassword),
  advertInt: integerSchema("advert_int (seconds between VRRP adverts)", 1, 255),
  checkInterval: integerSchema("the check interval (seconds)", 1, 3600),
  checkTimeout: integerSchema("the check timeout (seconds)", 2, 3600),
  checkFall: integerSchema("fall (failed checks before the node counts as down)", 1, 100),
  checkRise: integerSchema("rise (passed checks before the node counts as up)", 1, 100),
  priorityPrimary: integerSchema("the primary's priority", 3, 254),
  priorityStandby: integerSchema("the standby's priority", 2, 253),
  weight: checked(validateWeight),
  dockerSubnet: checked(validateDockerSubnet),
  emqxEdgeVersion: textSchema("the EMQX Edge version", "1.3.0").regex(/^\d+\.\d+\.\d+$/, {
    error: (issue) => `the EMQX Edge version '${String(issue.input)}' must look like 1.3.0 (it names the downloaded folder emqx-edge-VERSION-linux-amd64)`,
  }),
};
