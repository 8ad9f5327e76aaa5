import type { KeywordSpec } from "../catalog/types.ts";
import type { NamedBlock, VrrpInstance, VrrpScript } from "../model/config.ts";
import type { Directive, DirectiveRole } from "../model/types.ts";
import type { CheckContext, ConfigCheck, DiagnosticInput, DirectiveCheck, InstanceCheck } from "./diagnostic.ts";

/**
 * `duplicate-definition`: a name defined twice (vrrp_instance, vrrp_script, sync group, track file/process), a
 * track_script listed twice in one instance, or a setting given twice in one block.
 *
 * data: { kind: string ("vrrp_instance", "vrrp_script", ..., "track_script", or "setting"), name: string }
 *   For "setting" the fix removes one of the two lines (`related` points at the other).
 */

function duplicateNames(
  ctx: CheckContext,
  items: Array<NamedBlock | VrrpScript>,
  kind: string,
  consequence: string,
  severity: DiagnosticInput["severity"],
): void {
  const first = new Map<string, NamedBlock | VrrpScript>();
  for (const item of items) {
    const name = item.name?.text;
    if (name === undefined) continue;
    const earlier = first.get(name);
    if (earlier === undefined) {
      first.set(name, item);
      continue;
    }
    ctx.report({
      code: "duplicate-definition",
      severity,
      message: `${kind} ${name} is defined twice: ${consequence}`,
      span: item.name!.span,
      related: [{ span: earlier.name!.span, message: `first ${kind} ${name}` }],
      data: { kind, name },
    });
  }
}

function words(d: Directive): string {
  return d.args.map((a) => a.text).join(" ");
}

/**
 * Scalar keywords given twice in one block. Notify scripts keep the first; other values the last. Within one
 * block a keyword name is one catalog spec, so the latest line of each spec is kept in a short list (a block has a
 * few dozen keywords) rather than a map per block: two lists reused from block to block, since a file has
 * thousands of blocks, and emptied after each so that they hold on to no configuration.
 */
const seenSpecs: Array<KeywordSpec | undefined> = [];
const seenLines: Array<Directive | undefined> = [];

function repeatedSettings(ctx: CheckContext, block: Directive): void {
  const children = block.block?.children ?? [];
  let count = 0;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    const spec = child.spec;
    if (child.role !== "keyword" || spec?.kind !== "keyword" || spec.args[0]?.repeatable === true) continue;
    let at = 0;
    while (at < count && seenSpecs[at] !== spec) at++;
    if (at === count) {
      seenSpecs[count] = spec;
      seenLines[count++] = child;
      continue;
    }
    const earlier = seenLines[at]!;
    seenLines[at] = child;
    repeatedSetting(ctx, spec, earlier, child);
  }
  seenSpecs.fill(undefined, 0, count);
  seenLines.fill(undefined, 0, count);
}

function repeatedSetting(ctx: CheckContext, spec: KeywordSpec, earlier: Directive, child: Directive): void {
  if (words(earlier) === words(child) && spec.args.length > 0) {
    ctx.report({
      code: "duplicate-definition",
      severity: "hint",
      message: `${spec.name} is given twice with the same value`,
      span: child.keyword.span,
      related: [{ span: earlier.span, message: "first given here" }],
      tags: ["unnecessary"],
      data: { kind: "setting", name: spec.name },
    });
    return;
  }
  const notify = spec.name.startsWith("notify");
  const stateKept = spec.name === "state" && earlier.args[0]?.text === "MASTER";
  ctx.report({
    code: "duplicate-definition",
    severity: notify || stateKept ? "warning" : "information",
    message: notify
      ? `${spec.name} is given twice: keepalived reports "script already specified" and keeps the first, ${words(earlier)}`
      : stateKept
        ? `state is given twice: keepalived reports "state previously set as MASTER - ignoring BACKUP" and keeps MASTER`
        : `${spec.name} is given twice: keepalived silently uses this one, ${words(child)}, and ignores ${words(earlier)}`,
    span: child.keyword.span,
    related: [{ span: earlier.span, message: "first given here" }],
    data: { kind: "setting", name: spec.name },
  });
}

/** Names defined twice across the configuration. */
function duplicateNamesCheck(ctx: CheckContext): void {
  const config = ctx.config;
  duplicateNames(ctx, config.instances, "vrrp_instance", "keepalived reports it and skips the second block entirely", "error");
  duplicateNames(ctx, config.scripts, "vrrp_script", "keepalived silently uses the first definition and ignores this one", "warning");
  duplicateNames(ctx, config.syncGroups, "vrrp_sync_group", "keepalived reports it and skips the second", "warning");
  duplicateNames(ctx, config.trackFiles, "track_file", "keepalived uses the first definition", "warning");
  duplicateNames(ctx, config.trackProcesses, "vrrp_track_process", "keepalived uses the first definition", "warning");
}

function duplicateTrackScripts(instance: VrrpInstance, ctx: CheckContext): void {
  if (instance.trackScripts.length < 2) return;
  const seen = new Map<string, Directive>();
  for (const ref of instance.trackScripts) {
    const earlier = seen.get(ref.name.text);
    if (earlier !== undefined) {
      ctx.report({
        code: "duplicate-definition",
        message: `track_script ${ref.name.text} is listed twice in ${instance.name?.text ?? "this instance"}: keepalived reports a duplicate and ignores this entry (and its weight)`,
        span: ref.name.span,
        related: [{ span: earlier.span, message: "first listed here" }],
        data: { kind: "track_script", name: ref.name.text },
      });
    } else {
      seen.set(ref.name.text, ref.directive);
    }
  }
}

export const duplicateDefinition: ConfigCheck = { kind: "config", name: "duplicateDefinition", run: duplicateNamesCheck };

/** Track scripts listed twice in one instance. */
export const duplicateTrackScript: InstanceCheck = { kind: "instance", name: "duplicateTrackScript", context: () => "", visit: duplicateTrackScripts };

/** The lines duplicateSettings reads: the headers of blocks of keywords. */
function isBlock(_role: DirectiveRole, spec: KeywordSpec | undefined): boolean {
  return spec?.kind === "block";
}

/** Settings given twice in one block: block by block. */
export const duplicateSettings: DirectiveCheck = {
  kind: "directive",
  name: "duplicateSettings",
  roles: ["keyword"],
  appliesTo: isBlock,
  visit: (directive, ctx) => {
    if (isBlock(directive.role, directive.spec) && directive.block !== undefined) repeatedSettings(ctx, directive);
  },
};
