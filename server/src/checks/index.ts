import { argumentChecks } from "./arguments.ts";
import { authPassChecks } from "./auth-pass.ts";
import { buildProblems } from "./build-problems.ts";
import { commentInValue } from "./comment-in-value.ts";
import { deprecatedKeyword } from "./deprecated-keyword.ts";
import type { Check, CheckEntry, ConfigCheck, DirectiveCheck, DirectiveContext } from "./diagnostic.ts";
import { duplicateDefinition, duplicateSettings } from "./duplicate-definition.ts";
import { hostDependent } from "./host-dependent.ts";
import { ignoredSetting } from "./ignored-setting.ts";
import { includeChecks } from "./includes.ts";
import { lineContinuation } from "./line-continuation.ts";
import { missingKeyword } from "./missing-keyword.ts";
import { preemptPriorityChecks } from "./preempt-priority.ts";
import { routeChecks } from "./routes.ts";
import { scriptSecurityMissing } from "./script-security-missing.ts";
import { semicolonInValue } from "./semicolon.ts";
import { syncGroupChecks } from "./sync-group.ts";
import { trackScriptUndefined } from "./track-script-undefined.ts";
import { unicastSelfPeer } from "./unicast-self-peer.ts";
import { unknownKeyword } from "./unknown-keyword.ts";
import { allDirectives, placeholderTest } from "./util.ts";
import { valueItemFamilies, valueItems } from "./value-items.ts";
import { virtualServerChecks } from "./virtual-server.ts";
import { vridConflict } from "./vrid-conflict.ts";

function config(name: string, run: Check): ConfigCheck {
  return { kind: "config", name, run };
}

/** Every single-file check, in the order their diagnostics are most useful to read. */
export const checkEntries: readonly CheckEntry[] = [
  config("buildProblems", buildProblems),
  unknownKeyword,
  argumentChecks,
  semicolonInValue,
  lineContinuation,
  valueItems,
  valueItemFamilies,
  routeChecks,
  deprecatedKeyword,
  config("missingKeyword", missingKeyword),
  config("authPassChecks", authPassChecks),
  config("trackScriptUndefined", trackScriptUndefined),
  config("preemptPriorityChecks", preemptPriorityChecks),
  config("syncGroupChecks", syncGroupChecks),
  config("unicastSelfPeer", unicastSelfPeer),
  scriptSecurityMissing,
  config("includeChecks", includeChecks),
  duplicateDefinition,
  duplicateSettings,
  config("vridConflict", vridConflict),
  config("commentInValue", commentInValue),
  config("ignoredSetting", ignoredSetting),
  config("virtualServerChecks", virtualServerChecks),
  hostDependent,
];

/** A directive check run over every directive of the configuration, as one Check. */
function wholeConfig(check: DirectiveCheck): Check {
  return named(check.name, (ctx) => {
    const directiveCtx: DirectiveContext = { ...ctx, isPlaceholder: placeholderTest(ctx.config) };
    for (const directive of allDirectives(ctx.config)) if (check.roles.includes(directive.role)) check.visit(directive, directiveCtx);
  });
}

function named(name: string, run: Check): Check {
  const check: Check = (ctx) => run(ctx);
  return Object.defineProperty(check, "name", { value: name });
}

/** Each check as a function of the whole configuration (for benchmarks and tools that time or run one check). */
export const singleFileChecks: Check[] = checkEntries.map((entry) => (entry.kind === "config" ? named(entry.name, entry.run) : wholeConfig(entry)));
