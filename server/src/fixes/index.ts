import type { DiagnosticCode } from "../checks/codes.ts";
import { authPassFileFixes } from "./auth.ts";
import { overlaps } from "./edit.ts";
import { nopreemptMasterFixes, priority255Fixes, missingKeywordFixes, unicastSelfPeerFixes, vridConflictFixes, duplicateFixes, scriptSecurityFixes } from "./file-instance.ts";
import { deprecatedFixes, syncMemberFixes, trackNameFixes, undefinedVariableFixes, unknownKeywordFixes } from "./file-keywords.ts";
import { commentInValueFixes, extraArgumentFixes, ignoredSettingFixes, invalidValueFixes, lineContinuationFixes, semicolonFixes, valueOutOfRangeFixes } from "./file-values.ts";
import { unicastFixes, vipFixes, vridCollisionFixes, weightFixes } from "./pair-network.ts";
import { bothMasterFixes, preemptMissingFixes, priorityReversedFixes, priorityTieFixes, standbyNopreemptFixes } from "./pair-roles.ts";
import { authPassFixes, authTypeFixes, valueFixes } from "./pair-values.ts";
import type { Fix, FixContext, FixProvider, FixTarget } from "./types.ts";

export type { Fix, FixContext, FixTarget, TextEdit } from "./types.ts";
export { applyEdits } from "./edit.ts";

/** Every fix provider; a code appears in at most one. */
export const FIX_PROVIDERS: readonly FixProvider[] = [
  valueFixes,
  authPassFixes,
  authTypeFixes,
  vipFixes,
  unicastFixes,
  weightFixes,
  vridCollisionFixes,
  priorityReversedFixes,
  priorityTieFixes,
  bothMasterFixes,
  preemptMissingFixes,
  standbyNopreemptFixes,
  unknownKeywordFixes,
  deprecatedFixes,
  trackNameFixes,
  syncMemberFixes,
  undefinedVariableFixes,
  semicolonFixes,
  commentInValueFixes,
  invalidValueFixes,
  valueOutOfRangeFixes,
  extraArgumentFixes,
  lineContinuationFixes,
  ignoredSettingFixes,
  nopreemptMasterFixes,
  priority255Fixes,
  missingKeywordFixes,
  unicastSelfPeerFixes,
  vridConflictFixes,
  duplicateFixes,
  scriptSecurityFixes,
  authPassFileFixes,
];

const byCode = new Map<string, FixProvider>();
for (const p of FIX_PROVIDERS) for (const code of p.codes) byCode.set(code, p);

/** Codes some fix may repair (whether one applies depends on each diagnostic's data). */
export const FIXABLE_CODES: readonly DiagnosticCode[] = [...byCode.keys()] as DiagnosticCode[];

/**
 * The quick fixes of a diagnostic, from its code and validated data only. Invalid data or a stale span gives no
 * fix, never an exception; fixes whose own edits overlap are dropped. At most one fix is preferred.
 */
export function fixesFor(target: FixTarget, ctx: FixContext): Fix[] {
  const provider = byCode.get(target.code);
  if (provider === undefined) return [];
  const parsed = provider.schema.safeParse(target.data ?? {});
  if (!parsed.success) return [];
  let fixes: Fix[];
  try {
    fixes = provider.fixes(parsed.data, target, ctx);
  } catch {
    // A fix that cannot compute itself is no fix; the diagnostic still stands.
    return [];
  }
  const sound = fixes.filter((f) => f.edits.length > 0 && f.edits.every((a, i) => f.edits.every((b, j) => i === j || !overlaps(a, b))));
  let preferredSeen = false;
  return sound.map((f) => {
    if (f.preferred !== true) return f;
    if (preferredSeen) return { title: f.title, edits: f.edits };
    preferredSeen = true;
    return f;
  });
}

/** The fix `keepalived-ha fix` applies: the preferred one, when there is exactly one. */
export function preferredFix(fixes: readonly Fix[]): Fix | undefined {
  const preferred = fixes.filter((f) => f.preferred === true);
  return preferred.length === 1 ? preferred[0] : undefined;
}
