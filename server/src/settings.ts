import { z } from "zod";
import { KEEPALIVED_VERSIONS, NEWEST_VERSION } from "./catalog/types.ts";
import { ALL_CODES } from "./checks/codes.ts";

/** `keepalived.diagnostics.<code>`: a severity, or "off" to hide the code. */
export const SeverityOverride = z.enum(["off", "hint", "information", "warning", "error"]);
export type SeverityOverride = z.infer<typeof SeverityOverride>;

const Version = z.enum(KEEPALIVED_VERSIONS);
const ConfigId = z.string().min(1).nullable();
const Peers = z.array(z.array(z.string()));
const Trace = z.enum(["off", "messages", "verbose"]);

function diagnosticsSchema(lenient: boolean) {
  const field = lenient ? SeverityOverride.optional().catch(undefined) : SeverityOverride.optional();
  return z.object(Object.fromEntries(ALL_CODES.map((code) => [code, field])) as Record<(typeof ALL_CODES)[number], typeof field>);
}

/** What a user may write; used to tell them what is wrong. Unknown keys are ignored. */
const StrictSettings = z.object({
  version: Version.optional(),
  configId: ConfigId.optional(),
  diagnostics: diagnosticsSchema(false).optional(),
  peers: Peers.optional(),
  trace: z.object({ server: Trace.optional() }).optional(),
});

/**
 * Settings under `keepalived.*`, parsed leniently: each invalid value falls back to its default (and is
 * reported in the output channel) rather than disabling the server or the other settings.
 */
export const Settings = z.object({
  version: Version.catch(NEWEST_VERSION).default(NEWEST_VERSION),
  configId: ConfigId.catch(null).default(null),
  diagnostics: diagnosticsSchema(true).catch({}).default({}),
  /** Groups of globs naming the files of one primary/standby cluster, where automatic discovery can't tell. */
  peers: Peers.catch([]).default([]),
  trace: z
    .object({ server: Trace.catch("off").default("off") })
    .catch({ server: "off" })
    .default({ server: "off" }),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});

export interface SettingsProblem {
  path: string;
  message: string;
}

/** Parses raw settings; returns the settings and what was wrong with the input (for the log). */
export function parseSettings(raw: unknown): { settings: Settings; problems: SettingsProblem[] } {
  const input = raw ?? {};
  const strict = StrictSettings.safeParse(input);
  const problems: SettingsProblem[] = strict.success
    ? []
    : strict.error.issues.map((issue) => ({ path: `keepalived.${issue.path.join(".")}`, message: issue.message }));
  const lenient = Settings.safeParse(input);
  return { settings: lenient.success ? lenient.data : DEFAULT_SETTINGS, problems };
}
