import { argumentChecks } from "./arguments.ts";
import { authPassChecks } from "./auth-pass.ts";
import { buildProblems } from "./build-problems.ts";
import { commentInValue } from "./comment-in-value.ts";
import { deprecatedKeyword } from "./deprecated-keyword.ts";
import type { Check } from "./diagnostic.ts";
import { duplicateDefinition } from "./duplicate-definition.ts";
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
import { valueItems } from "./value-items.ts";
import { virtualServerChecks } from "./virtual-server.ts";
import { vridConflict } from "./vrid-conflict.ts";

/** Every single-file check, in the order their diagnostics are most useful to read. */
export const singleFileChecks: Check[] = [
  buildProblems,
  unknownKeyword,
  argumentChecks,
  semicolonInValue,
  lineContinuation,
  valueItems,
  routeChecks,
  deprecatedKeyword,
  missingKeyword,
  authPassChecks,
  trackScriptUndefined,
  preemptPriorityChecks,
  syncGroupChecks,
  unicastSelfPeer,
  scriptSecurityMissing,
  includeChecks,
  duplicateDefinition,
  vridConflict,
  commentInValue,
  ignoredSetting,
  virtualServerChecks,
  hostDependent,
];
