import type { Diagnostic } from "../checks/diagnostic.ts";
import { advertIntMismatch } from "./advert-int-mismatch.ts";
import { authPassMismatch } from "./auth-pass-mismatch.ts";
import { authTypeMismatch } from "./auth-type-mismatch.ts";
import { bothMaster } from "./both-master.ts";
import { peersAmbiguous } from "./peers-ambiguous.ts";
import { discoverClusters, type Discovery } from "./discover.ts";
import { publish, type ClusterCheck, type Finding, type SetCheck } from "./findings.ts";
import { nodesOf, type Cluster, type PairInput } from "./model.ts";
import { patchesFor } from "./patches.ts";
import { peerNotFound } from "./peer-not-found.ts";
import { preemptMissing } from "./preempt-missing.ts";
import { priorityReversed } from "./priority-reversed.ts";
import { priorityTie } from "./priority-tie.ts";
import { standbyNopreempt } from "./standby-nopreempt.ts";
import { unicastNotMirrored } from "./unicast-not-mirrored.ts";
import { vipMismatch } from "./vip-mismatch.ts";
import { vridCollision } from "./vrid-collision.ts";
import { vridMismatch } from "./vrid-mismatch.ts";
import { weightTooSmall } from "./weight-too-small.ts";

export type { PairInput } from "./model.ts";

/** The checks of one cluster, in the order their diagnostics are most useful to read. */
export const clusterChecks: ClusterCheck[] = [
  unicastNotMirrored,
  vridMismatch,
  authTypeMismatch,
  authPassMismatch,
  advertIntMismatch,
  vipMismatch,
  bothMaster,
  priorityReversed,
  priorityTie,
  weightTooSmall,
  standbyNopreempt,
  preemptMissing,
];

export const setChecks: SetCheck[] = [vridCollision];

export interface PairOptions {
  /** Explicit groups of root files (`keepalived.peers`, `--peers`), already resolved to paths. */
  groups?: readonly (readonly string[])[];
}

export interface PairResult {
  discovery: Discovery;
  clusters: Cluster[];
  /** Pair diagnostics; each carries the file it belongs to in its span (one per member file). */
  diagnostics: Diagnostic[];
  /**
   * Extra `data` for single-file diagnostics of cluster members, so that their fixes edit every member alike
   * (a new auth_pass in both files, the peer's VRID for a missing one). Keyed by the diagnostic object.
   */
  patches: Map<Diagnostic, Record<string, unknown>>;
}

/**
 * Discovers the clusters among `inputs` (one per root file; files with `@ID` lines give one node per host) and
 * runs every pair check. Pure and deterministic: inputs are sorted by file. `singleFile` are the inputs'
 * single-file diagnostics, for the patches.
 */
export function analyzePairs(inputs: readonly PairInput[], options: PairOptions = {}, singleFile: readonly Diagnostic[] = []): PairResult {
  const nodes = nodesOf(inputs);
  const discovery = discoverClusters(nodes, options.groups ?? []);
  const findings: Finding[] = [];
  const ctx = { report: (f: Finding) => void findings.push(f) };
  for (const cluster of discovery.clusters) for (const check of clusterChecks) check(cluster, ctx);
  for (const check of setChecks) check(discovery, ctx);
  const diagnostics = findings.flatMap(publish);
  diagnostics.push(...peerNotFound(discovery), ...peersAmbiguous(discovery));
  return { discovery, clusters: discovery.clusters, diagnostics, patches: patchesFor(discovery.clusters, singleFile) };
}

/** `data` of a diagnostic with its patch applied (a copy; cached diagnostics stay as they are). */
export function withPatch(d: Diagnostic, patches: PairResult["patches"]): Diagnostic {
  const patch = patches.get(d);
  return patch === undefined ? d : { ...d, data: { ...d.data, ...patch } };
}
