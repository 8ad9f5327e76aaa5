import type { KeywordSpec } from "../catalog/types.ts";
import { argumentChecks } from "./arguments.ts";
import { authPassChecks } from "./auth-pass.ts";
import { buildProblems } from "./build-problems.ts";
import { commentInValue } from "./comment-in-value.ts";
import { deprecatedKeyword } from "./deprecated-keyword.ts";
import { readsDirectives, type Check, type CheckEntry, type ConfigCheck, type DirectiveCheck, type DirectiveContext, type InstanceCheck } from "./diagnostic.ts";
import { duplicateDefinition, duplicateSettings, duplicateTrackScript } from "./duplicate-definition.ts";
import { hostDependent } from "./host-dependent.ts";
import { ignoredScriptSetting, ignoredSetting } from "./ignored-setting.ts";
import { includeChecks } from "./includes.ts";
import { lineContinuation } from "./line-continuation.ts";
import { missingInstanceKeyword, missingKeyword } from "./missing-keyword.ts";
import { preemptPriorityChecks } from "./preempt-priority.ts";
import { routeChecks } from "./routes.ts";
import { scriptSecurityMissing } from "./script-security-missing.ts";
import { semicolonInValue } from "./semicolon.ts";
import { syncGroupChecks } from "./sync-group.ts";
import { trackScriptUndefined } from "./track-script-undefined.ts";
import { unicastSelfPeer } from "./unicast-self-peer.ts";
import { unknownKeyword } from "./unknown-keyword.ts";
import { keptInstances } from "./effective.ts";
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
  missingInstanceKeyword,
  config("missingKeyword", missingKeyword),
  authPassChecks,
  config("trackScriptUndefined", trackScriptUndefined),
  preemptPriorityChecks,
  config("syncGroupChecks", syncGroupChecks),
  unicastSelfPeer,
  scriptSecurityMissing,
  config("includeChecks", includeChecks),
  duplicateDefinition,
  duplicateTrackScript,
  duplicateSettings,
  config("vridConflict", vridConflict),
  config("commentInValue", commentInValue),
  ignoredSetting,
  config("ignoredScriptSetting", ignoredScriptSetting),
  config("virtualServerChecks", virtualServerChecks),
  hostDependent,
];

/**
 * A directive check run over every directive of the configuration, as one Check: on the directives the runner
 * gives it (its roles, and what its `appliesTo` accepts, decided once per role and spec), so that timing it alone
 * times what it costs in a full run.
 */
function wholeConfig(check: DirectiveCheck): Check {
  return named(check.name, (ctx) => {
    const directiveCtx: DirectiveContext = { ...ctx, isPlaceholder: placeholderTest(ctx.config) };
    const applies = new Map<string, Map<KeywordSpec | undefined, boolean>>();
    for (const directive of allDirectives(ctx.config)) {
      const { role, spec } = directive;
      let bySpec = applies.get(role);
      if (bySpec === undefined) applies.set(role, (bySpec = new Map()));
      let yes = bySpec.get(spec);
      if (yes === undefined) bySpec.set(spec, (yes = readsDirectives(check, role, spec)));
      if (yes) check.visit(directive, directiveCtx);
    }
  });
}

function named(name: string, run: Check): Check {
  const check: Check = (ctx) => run(ctx);
  return Object.defineProperty(check, "name", { value: name });
}

/** An instance check run over every kept instance, as one Check. */
function everyInstance(check: InstanceCheck): Check {
  return named(check.name, (ctx) => {
    const instanceCtx: DirectiveContext = { ...ctx, isPlaceholder: placeholderTest(ctx.config) };
    for (const instance of keptInstances(ctx.config)) check.visit(instance, instanceCtx);
  });
}

/** Each check as a function of the whole configuration (for benchmarks and tools that time or run one check). */
export const singleFileChecks: Check[] = checkEntries.map((entry) =>
  entry.kind === "config" ? named(entry.name, entry.run) : entry.kind === "directive" ? wholeConfig(entry) : everyInstance(entry),
);
