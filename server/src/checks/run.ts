import type { KeepalivedVersion, KeywordSpec } from "../catalog/types.ts";
import type { Config, VrrpInstance } from "../model/config.ts";
import type { Span } from "../model/span.ts";
import type { Directive, DirectiveRole } from "../model/types.ts";
import { readsDirectives, withDefaultSeverity, type CheckContext, type Diagnostic, type DirectiveCheck, type DirectiveContext, type InstanceCheck } from "./diagnostic.ts";
import { keptInstances } from "./effective.ts";
import { checkEntries } from "./index.ts";
import { placeholderTest } from "./util.ts";

/**
 * Runs the checks of checks/index.ts. Directive checks run in one pass over a run of directives (a segment:
 * the whole configuration, or one top-level block for the incremental analysis); instance checks instance by
 * instance; configuration checks on the whole model. The result lists diagnostics check by check, in the entries'
 * order, each check's in the order of its directives or instances: the same list as if every check had walked
 * the configuration in turn.
 */

/** Diagnostics of the directive checks over one segment, check by check; `checks[i]` is the entry of `diagnostics[i]`. */
export interface Segment {
  diagnostics: Diagnostic[];
  checks: number[];
}

export const EMPTY_SEGMENT: Segment = Object.freeze({ diagnostics: Object.freeze([]) as unknown as Diagnostic[], checks: Object.freeze([]) as unknown as number[] });

const ROLES: readonly DirectiveRole[] = ["keyword", "item", "unknown", "include", "orphan"];

/** A directive check, with the index of its entry. */
interface DirectiveEntry {
  index: number;
  check: DirectiveCheck;
}

const directiveEntries: DirectiveEntry[] = checkEntries.flatMap((entry, index) => (entry.kind === "directive" ? [{ index, check: entry }] : []));

/**
 * The directive checks a directive is given to, by role then spec, in entry order: those that read the role and
 * whose `appliesTo` accepts the spec. Most checks read a few keywords only, so this is decided on the first
 * directive of each role and spec rather than by every check on every directive. The specs are the catalog's
 * objects: the maps grow to the catalog's size at most.
 */
const applicable = new Map<DirectiveRole, Map<KeywordSpec | undefined, readonly DirectiveEntry[]>>(ROLES.map((role) => [role, new Map()]));

function checksFor(role: DirectiveRole, spec: KeywordSpec | undefined): readonly DirectiveEntry[] {
  const bySpec = applicable.get(role)!;
  let entries = bySpec.get(spec);
  if (entries === undefined) {
    entries = directiveEntries.filter(({ check }) => readsDirectives(check, role, spec));
    bySpec.set(spec, entries);
  }
  return entries;
}

/** The directive checks of one configuration, with their contexts made once and reused for every segment. */
export class DirectiveRunner {
  private diagnostics: Diagnostic[] = [];
  private checks: number[] = [];
  /** By entry index. */
  private readonly contexts: DirectiveContext[] = [];

  constructor(config: Config, version: KeepalivedVersion) {
    const isPlaceholder = placeholderTest(config);
    for (const { index } of directiveEntries) {
      this.contexts[index] = {
        config,
        version,
        isPlaceholder,
        report: (d) => {
          this.diagnostics.push(withDefaultSeverity(d));
          this.checks.push(index);
        },
      };
    }
  }

  /** Runs every directive check on directives[from, to). */
  run(directives: readonly Directive[], from = 0, to = directives.length): Segment {
    this.diagnostics = [];
    this.checks = [];
    const contexts = this.contexts;
    for (let i = from; i < to; i++) {
      const directive = directives[i]!;
      const entries = checksFor(directive.role, directive.spec);
      for (let k = 0; k < entries.length; k++) {
        const entry = entries[k]!;
        entry.check.visit(directive, contexts[entry.index]!);
      }
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

/** The instance checks' diagnostics, by entry index, each list in kept-instance order. */
export type InstanceResults = ReadonlyMap<number, readonly Diagnostic[]>;

const instanceEntries: Array<{ index: number; check: InstanceCheck }> = checkEntries.flatMap((entry, index) => (entry.kind === "instance" ? [{ index, check: entry }] : []));

/** Runs every instance check on every kept instance. */
export function runInstanceChecks(config: Config, version: KeepalivedVersion): InstanceResults {
  const results = new Map<number, Diagnostic[]>();
  const isPlaceholder = placeholderTest(config);
  for (const { index, check } of instanceEntries) {
    const out: Diagnostic[] = [];
    const ctx: DirectiveContext = { config, version, isPlaceholder, report: (d) => out.push(withDefaultSeverity(d)) };
    for (const instance of keptInstances(config)) check.visit(instance, ctx);
    results.set(index, out);
  }
  return results;
}

/**
 * What the instance checks reported on an instance, per entry, for the contexts they saw; `base` is where the
 * instance's keyword (`anchor`) was then. The diagnostics have spans of their own (see `moved`).
 */
interface InstanceRecord {
  anchor: Span;
  base: number;
  contexts: readonly string[];
  diagnostics: Array<readonly Diagnostic[]>;
}

const records = new WeakMap<VrrpInstance, InstanceRecord>();

function movedSpan(span: Span, delta: number): Span {
  return { file: span.file, start: span.start + delta, end: span.end + delta };
}

/**
 * A copy of a diagnostic with spans of its own, moved by `delta`. The checks share spans with the words, which the
 * incremental parse moves in place: a kept diagnostic must not move with them, but with its block.
 */
export function moved(d: Diagnostic, delta: number): Diagnostic {
  const copy: Diagnostic = { ...d, span: movedSpan(d.span, delta) };
  if (d.related !== undefined) copy.related = d.related.map((r) => ({ ...r, span: movedSpan(r.span, delta) }));
  return copy;
}

const NO_DIAGNOSTICS: readonly Diagnostic[] = Object.freeze([]);

/**
 * The contexts of the last configuration checked, as one array: while they stay the same it is the same array, so
 * that an instance whose record saw them is recognised in one comparison.
 */
let lastContexts: readonly string[] = [];

function contextsOf(config: Config, version: KeepalivedVersion): readonly string[] {
  const contexts = instanceEntries.map(({ check }) => `${version} ${check.context(config)}`);
  if (contexts.length !== lastContexts.length || contexts.some((c, e) => c !== lastContexts[e])) lastContexts = contexts;
  return lastContexts;
}

/**
 * runInstanceChecks for the incremental analysis: an instance object that is kept from one analysis to the next
 * (its block untouched) keeps what each check reported on it while the check's context is the same. Only for a
 * configuration whose placeholders are templates alone (no undefined `$NAME`s, which any line may change).
 */
export function runInstanceChecksKeeping(config: Config, version: KeepalivedVersion): InstanceResults {
  const outputs = instanceEntries.map((): Diagnostic[] => []);
  const contexts = contextsOf(config, version);
  const isPlaceholder = placeholderTest(config);
  let fresh: Diagnostic[] = [];
  const ctx: DirectiveContext = { config, version, isPlaceholder, report: (d) => fresh.push(withDefaultSeverity(d)) };
  for (const instance of keptInstances(config)) {
    let record = records.get(instance);
    if (record === undefined) {
      const anchor = instance.directive.keyword.span;
      record = { anchor, base: anchor.start, contexts: [], diagnostics: [] };
      records.set(instance, record);
    } else if (record.base !== record.anchor.start) {
      const delta = record.anchor.start - record.base;
      record.diagnostics = record.diagnostics.map((list) => (list.length === 0 ? list : list.map((d) => moved(d, delta))));
      record.base = record.anchor.start;
    }
    if (record.contexts !== contexts) {
      for (let e = 0; e < instanceEntries.length; e++) {
        if (record.contexts[e] === contexts[e]) continue;
        fresh = [];
        instanceEntries[e]!.check.visit(instance, ctx);
        record.diagnostics[e] = fresh.length === 0 ? NO_DIAGNOSTICS : fresh.map((d) => moved(d, 0));
      }
      record.contexts = contexts;
    }
    const lists = record.diagnostics;
    for (let e = 0; e < lists.length; e++) {
      const list = lists[e]!;
      for (let i = 0; i < list.length; i++) outputs[e]!.push(list[i]!);
    }
  }
  return new Map(instanceEntries.map(({ index }, e) => [index, outputs[e]!]));
}

/**
 * The configuration checks run on `config`, merged in entry order with the directive checks' diagnostics of
 * `segments` (in configuration order) and the instance checks' `instances`.
 */
export function assemble(config: Config, version: KeepalivedVersion, segments: readonly Segment[], instances: InstanceResults): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ctx: CheckContext = { config, version, report: (d) => out.push(withDefaultSeverity(d)) };
  const withDiagnostics = segments.filter((s) => s.diagnostics.length > 0);
  const cursors = withDiagnostics.map(() => 0);
  checkEntries.forEach((entry, index) => {
    if (entry.kind === "config") {
      entry.run(ctx);
      return;
    }
    if (entry.kind === "instance") {
      out.push(...instances.get(index)!);
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
  return assemble(config, version, [new DirectiveRunner(config, version).run(config.build.all)], runInstanceChecks(config, version));
}
