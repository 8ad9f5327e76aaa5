import { z } from "zod";
import { Editor, labels } from "./edit.ts";
import { newPassword } from "./password.ts";
import { AuthSite, Site } from "./schemas.ts";
import { provider, type Fix, type FixContext, type TextEdit } from "./types.ts";

/**
 * Fixes of the one-value pair codes (vrid-mismatch, advert-int-mismatch, auth-pass-mismatch, auth-type-mismatch):
 * for each value a member has, "set it on the members that differ". Both directions are offered, each titled
 * with the files it edits; the preferred one sets the value of the member meant to hold the VIP, which every
 * member's diagnostic names the same, so that `keepalived-ha fix` makes one consistent edit.
 */

const ValueData = z.object({ keyword: z.string(), here: Site, peers: z.array(Site), reference: z.string() });
type ValueData = z.infer<typeof ValueData>;

/** Sets `keyword raw` on a member: its word replaced, or a new line when it relies on the default. */
function setValue(editor: Editor, site: Site, keyword: string, raw: string): TextEdit | undefined {
  if (site.word !== undefined) return editor.replaceWord(site.word, raw, site);
  if (site.brace !== undefined) return editor.insertInBlock(site.brace, [`${keyword} ${raw}`], site.configId);
  return undefined;
}

function collect(edits: Array<TextEdit | undefined>): TextEdit[] | undefined {
  return edits.every((e) => e !== undefined) ? (edits as TextEdit[]) : undefined;
}

/** The values in the order fixes are offered: the reference first, then this member's, then the others. */
function valuesOf(data: ValueData): string[] {
  const values = [data.reference, data.here.value, ...data.peers.map((p) => p.value)].filter((v): v is string => v !== undefined);
  return [...new Set(values)].filter((v) => [data.here, ...data.peers].some((s) => s.value === v));
}

function title(keyword: string, shown: string, targets: Site[], here: Site, source: Site): string {
  const editsHere = targets.includes(here);
  const elsewhere = labels(targets.filter((t) => t !== here).map((t) => t.label));
  const where = editsHere ? (elsewhere === "" ? "here" : `here and in ${elsewhere}`) : `in ${elsewhere}`;
  const as = source === here ? "as here" : `as in ${source.label}`;
  if (keyword === "auth_pass") return source === here ? `Use this file's auth_pass ${where}` : `Use the auth_pass of ${source.label} ${where}`;
  return `Set ${keyword} ${shown} ${where}, ${as}`;
}

function alignFixes(data: ValueData, ctx: FixContext): Fix[] {
  const editor = new Editor(ctx);
  const sites = [data.here, ...data.peers];
  const fixes: Fix[] = [];
  for (const value of valuesOf(data)) {
    const source = sites.find((s) => s.value === value && s.word !== undefined) ?? sites.find((s) => s.value === value)!;
    const raw = source.word?.raw ?? value;
    const targets = sites.filter((s) => s.value !== value);
    const edits = collect(targets.map((t) => setValue(editor, t, data.keyword, raw)));
    if (edits === undefined || edits.length === 0) continue;
    fixes.push({ title: title(data.keyword, value, targets, data.here, source), edits, ...(value === data.reference ? { preferred: true } : {}) });
  }
  return fixes;
}

export const valueFixes = provider({
  codes: ["vrid-mismatch", "advert-int-mismatch"],
  schema: ValueData,
  fixes: (data, _target, ctx) => alignFixes(data, ctx),
});

export const authPassFixes = provider({
  codes: ["auth-pass-mismatch"],
  schema: ValueData,
  fixes(data, _target, ctx) {
    const fixes = alignFixes(data, ctx);
    const editor = new Editor(ctx);
    const sites = [data.here, ...data.peers];
    const password = newPassword(ctx);
    const edits = collect(sites.map((s) => (s.word === undefined ? undefined : editor.replaceWord(s.word, password, s))));
    if (edits !== undefined) fixes.push({ title: `Set a new random auth_pass here and in ${labels(data.peers.map((p) => p.label))}`, edits });
    return fixes;
  },
});

const AuthData = z.object({ keyword: z.string(), here: AuthSite, peers: z.array(AuthSite), reference: z.string() });

/** Makes `target` authenticate as `source` does: type word, password word, or the whole block. */
function alignAuth(editor: Editor, target: AuthSite, source: AuthSite): TextEdit[] | undefined {
  const type = source.value;
  if (type === "none") return target.block === undefined ? undefined : collect([editor.remove(target.block)]);
  if (type === undefined || source.pass === undefined || source.dropped !== undefined || target.dropped !== undefined) return undefined;
  if (target.block === undefined) {
    if (target.brace === undefined) return undefined;
    return collect([editor.insertInBlock(target.brace, ["authentication {", `\tauth_type ${type}`, `\tauth_pass ${source.pass}`, "}"], target.configId)]);
  }
  if (target.word === undefined) return undefined;
  const edits = [editor.replaceWord(target.word, type, target)];
  if (target.pass !== source.pass) edits.push(target.passWord === undefined ? undefined : editor.replaceWord(target.passWord, source.pass, target));
  return collect(edits);
}

export const authTypeFixes = provider({
  codes: ["auth-type-mismatch"],
  schema: AuthData,
  fixes(data, _target, ctx) {
    const editor = new Editor(ctx);
    const sites = [data.here, ...data.peers];
    const fixes: Fix[] = [];
    const values = [...new Set([data.reference, data.here.value, ...data.peers.map((p) => p.value)])].filter((v): v is string => v !== undefined);
    for (const value of values) {
      const source = sites.find((s) => s.value === value);
      if (source === undefined) continue;
      const targets = sites.filter((s) => s.value !== value);
      const parts = targets.map((t) => alignAuth(editor, t, source));
      if (parts.some((p) => p === undefined) || targets.length === 0) continue;
      const where = labels(targets.map((t) => (t === data.here ? "here" : t.label)));
      const as = source === data.here ? "as here" : `as in ${source.label}`;
      const title = value === "none" ? `Remove authentication ${where === "here" ? "here" : `in ${where}`}, ${as}` : `Use auth_type ${value} and its auth_pass ${where === "here" ? "here" : `in ${where}`}, ${as}`;
      fixes.push({ title, edits: parts.flatMap((p) => p!), ...(value === data.reference ? { preferred: true } : {}) });
    }
    return fixes;
  },
});
