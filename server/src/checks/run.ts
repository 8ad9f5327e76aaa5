import type { KeepalivedVersion } from "../catalog/types.ts";
import type { Config } from "../model/config.ts";
import type { Directive, DirectiveRole } from "../model/types.ts";
import { withDefaultSeverity, type CheckContext, type Diagnostic, type DirectiveCheck, type DirectiveContext } from "./diagnostic.ts";
import { checkEntries } from "./index.ts";
import { placeholderTest } from "./util.ts";

/**
 * Runs the checks of checks/index.ts. Directive checks run in one pass over a run of directives (a segment:
 * the whole configuration, or one top-level block for the incremental analysis); configuration checks run on
 * the whole model. The result lists diagnostics check by check, in the entries' order, each check's in the order
 * of its directives: the same list as if every check had walked the configuration in turn.
 */

/** Diagnostics of the directive checks over one segment, check by check; `checks[i]` is the entry of `diagnostics[i]`. */
export interface Segment {
  diagnostics: Diagnostic[];
  checks: number[];
}

export const EMPTY_SEGMENT: Segment = Object.freeze({ diagnostics: Object.freeze([]) as unknown as Diagnostic[], checks: Object.freeze([]) as unknown as number[] });

const ROLES: readonly DirectiveRole[] = ["keyword", "item", "unknown", "include", "orphan"];

/** Directive checks by the role they read, with their index among the entries. */
const byRole = new Map<DirectiveRole, Array<{ index: number; check: DirectiveCheck }>>(
  ROLES.map((role) => [role, checkEntries.flatMap((entry, index) => (entry.kind === "directive" && entry.roles.includes(role) ? [{ index, check: entry }] : []))]),
);

/** The directive checks of one configuration, with their contexts made once and reused for every segment. */
export class DirectiveRunner {
  private diagnostics: Diagnostic[] = [];
  private checks: number[] = [];
  private readonly contexts: DirectiveContext[] = [];
  private readonly dispatch: Map<DirectiveRole, Array<{ check: DirectiveCheck; ctx: DirectiveContext }>>;

  constructor(config: Config, version: KeepalivedVersion) {
    const isPlaceholder = placeholderTest(config);
    checkEntries.forEach((entry, index) => {
      if (entry.kind !== "directive") return;
      this.contexts[index] = {
        config,
        version,
        isPlaceholder,
        report: (d) => {
          this.diagnostics.push(withDefaultSeverity(d));
          this.checks.push(index);
        },
      };
    });
    this.dispatch = new Map(ROLES.map((role) => [role, byRole.get(role)!.map(({ index, check }) => ({ check, ctx: this.contexts[index]! }))]));
  }

  /** Runs every directive check on directives[from, to). */
  run(directives: readonly Directive[], from = 0, to = directives.length): Segment {
    this.diagnostics = [];
    this.checks = [];
    for (let i = from; i < to; i++) {
      const directive = directives[i]!;
      const checks = this.dispatch.get(directive.role)!;
      for (let k = 0; k < checks.length; k++) checks[k]!.check.visit(directive, checks[k]!.ctx);
    }
    if (this.diagnostics.length === 0) return EMPTY_SEGMENT;
    return byCheck(this.diagnostics, this.checks);
  }
}

/** Reorders a segment's diagnostics check by check, keeping each check's own order. */
function byCheck(diagnostics: Diagnostic[], checks: number[]): Segment {
  let sorted = true;
  for (let i = 1; i < checks.length && sorted; i++) sorted = checks[i - 1]! <= checks[i]!;
  if (sorted) return { diagnostics, checks };
  const order = checks.map((_, i) => i).sort((a, b) => checks[a]! - checks[b]! || a - b);
  return { diagnostics: order.map((i) => diagnostics[i]!), checks: order.map((i) => checks[i]!) };
}

/**
 * The configuration checks run on `config`, merged in entry order with the directive checks' diagnostics of
 * `segments` (in configuration order).
 */
export function assemble(config: Config, version: KeepalivedVersion, segments: readonly Segment[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ctx: CheckContext = { config, version, report: (d) => out.push(withDefaultSeverity(d)) };
  const withDiagnostics = segments.filter((s) => s.diagnostics.length > 0);
  const cursors = withDiagnostics.map(() => 0);
  checkEntries.forEach((entry, index) => {
    if (entry.kind === "config") {
      entry.run(ctx);
      return;
    }
    withDiagnostics.forEach((segment, s) => {
      let i = cursors[s]!;
      while (i < segment.checks.length && segment.checks[i] === index) out.push(segment.diagnostics[i++]!);
      cursors[s] = i;
    });
  });
  return out;
}

/** Every single-file check on a configuration. */
export function runAllChecks(config: Config, version: KeepalivedVersion): Diagnostic[] {
  return assemble(config, version, [new DirectiveRunner(config, version).run(config.build.all)]);
}
