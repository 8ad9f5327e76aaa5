import { z } from "zod";
import { Editor, labels } from "./edit.ts";
import { Site, UnicastSite, VipSite, WordSite } from "./schemas.ts";
import { provider, type Fix, type TextEdit } from "./types.ts";

/** Fixes of vip-mismatch, unicast-not-mirrored, weight-too-small and vrid-collision. */

function all(edits: Array<TextEdit | undefined>): TextEdit[] | undefined {
  return edits.every((e) => e !== undefined) && edits.length > 0 ? (edits as TextEdit[]) : undefined;
}

/** Makes `target` list the addresses `source` lists: extra items removed, missing ones copied as written. */
function copyVips(editor: Editor, target: VipSite, source: VipSite): TextEdit[] | undefined {
  const wanted = new Set(source.items.map((i) => i.address));
  const have = new Set(target.items.map((i) => i.address));
  const edits: Array<TextEdit | undefined> = target.items.filter((i) => !wanted.has(i.address)).map((i) => editor.remove(i.line));
  const missing = source.items.filter((i) => !have.has(i.address)).map((i) => i.text);
  const kept = target.items.filter((i) => wanted.has(i.address));
  if (missing.length > 0) {
    const last = kept[kept.length - 1];
    if (last !== undefined) edits.push(editor.insertAfter(last.line, missing, target.configId));
    else if (target.vipBlock !== undefined) edits.push(editor.insertInBlock(target.vipBlock, missing, target.configId));
    else if (target.brace !== undefined) edits.push(editor.insertInBlock(target.brace, ["virtual_ipaddress {", ...missing.map((m) => `\t${m}`), "}"], target.configId));
    else return undefined;
  }
  return all(edits);
}

export const vipFixes = provider({
  codes: ["vip-mismatch"],
  schema: z.object({ here: VipSite, peers: z.array(VipSite).min(1), reference: z.string() }),
  fixes(data, _target, ctx) {
    const editor = new Editor(ctx);
    const sites = [data.here, ...data.peers];
    const fixes: Fix[] = [];
    const values = [...new Set([data.reference, ...sites.map((s) => s.value)])].filter((v): v is string => v !== undefined);
    for (const value of values) {
      const source = sites.find((s) => s.value === value);
      if (source === undefined) continue;
      const targets = sites.filter((s) => s.value !== value);
      const parts = targets.map((t) => copyVips(editor, t, source));
      if (targets.length === 0 || parts.some((p) => p === undefined)) continue;
      const where = labels(targets.map((t) => (t === data.here ? "here" : `in ${t.label}`)));
      fixes.push({
        title: `Use the virtual addresses ${source === data.here ? "of this file" : `of ${source.label}`} (${source.items.map((i) => i.address).join(", ")}) ${where}`,
        edits: parts.flatMap((p) => p!),
        ...(value === data.reference ? { preferred: true } : {}),
      });
    }
    return fixes;
  },
});

const Missing = z.object({ reason: z.literal("missing"), target: UnicastSite, missing: z.array(z.string()).min(1), unknown: z.array(z.string()), owners: z.array(UnicastSite), here: z.string() });
const Mixed = z.object({ reason: z.literal("mixed"), unicast: z.array(UnicastSite).min(1), multicast: z.array(UnicastSite).min(1), here: z.string() });

/** Rewrites a unicast_peer list: mistyped addresses (no member's) become the missing ones, the rest are added. */
function mirror(editor: Editor, target: UnicastSite, missing: readonly string[], unknown: readonly string[]): TextEdit[] | undefined {
  const wrong = target.peers.filter((p) => unknown.includes(p.address));
  // More unknown addresses than missing ones: which are typos is anyone's guess, so only add.
  const replaced = wrong.length <= missing.length ? wrong.length : 0;
  const edits: Array<TextEdit | undefined> = [];
  for (let i = 0; i < replaced; i++) {
    const peer = wrong[i]!;
    edits.push(editor.replaceWord({ file: peer.line.file, start: peer.line.start, end: peer.line.start + peer.raw.length, raw: peer.raw, conditional: false }, missing[i]!));
  }
  const rest = missing.slice(replaced);
  if (rest.length > 0) {
    const last = target.peers[target.peers.length - 1];
    if (last !== undefined) edits.push(editor.insertAfter(last.line, rest, target.configId));
    else if (target.peerBlock !== undefined) edits.push(editor.insertInBlock(target.peerBlock, rest, target.configId));
    else return undefined;
  }
  return all(edits);
}

export const unicastFixes = provider({
  codes: ["unicast-not-mirrored"],
  schema: z.discriminatedUnion("reason", [Missing, Mixed]),
  fixes(data, _target, ctx) {
    const editor = new Editor(ctx);
    const fixes: Fix[] = [];
    if (data.reason === "missing") {
      const where = data.here === "target" ? "here" : `in ${data.target.label}`;
      const edits = mirror(editor, data.target, data.missing, data.unknown);
      if (edits !== undefined) fixes.push({ title: `Rewrite unicast_peer ${where} to list ${labels(data.missing)} (unicast_src_ip of ${labels(data.owners.map((o) => o.label))})`, edits, preferred: true });
      const owner = data.owners[0];
      if (data.owners.length === 1 && data.unknown.length === 1 && owner?.srcWord !== undefined) {
        const edit = editor.replaceWord(owner.srcWord, data.unknown[0]!, owner);
        if (edit !== undefined) fixes.push({ title: `Set unicast_src_ip ${data.here === "owner" ? "here" : `in ${owner.label}`} to ${data.unknown[0]}, the address ${data.target.label} lists`, edits: [edit] });
      }
      return fixes;
    }
    // One member multicast, the others unicast: give it the unicast lines, or take them from the others.
    const sources = data.unicast.map((u) => u.src);
    const listed = [...new Set(data.unicast.flatMap((u) => u.peers.map((p) => p.address)))].filter((a) => !sources.includes(a));
    const lone = data.multicast[0]!;
    if (data.multicast.length === 1 && listed.length === 1 && sources.every((s) => s !== undefined)) {
      const lines = [`unicast_src_ip ${listed[0]}`, "unicast_peer {", ...sources.map((s) => `\t${s}`), "}"];
      const edit = lone.after !== undefined ? editor.insertAfter(lone.after, lines, lone.configId) : lone.brace !== undefined ? editor.insertInBlock(lone.brace, lines, lone.configId) : undefined;
      if (edit !== undefined) fixes.push({ title: `Use unicast ${data.here === "multicast" ? "here" : `in ${lone.label}`} too (unicast_src_ip ${listed[0]}, peer ${labels(sources as string[])})`, edits: [edit], preferred: true });
    }
    const removal = all(data.unicast.flatMap((u) => [u.peerLine === undefined ? undefined : editor.remove(u.peerLine), ...(u.srcLine !== undefined ? [editor.remove(u.srcLine)] : [])]));
    if (removal !== undefined) fixes.push({ title: `Use multicast ${labels(data.unicast.map((u) => (data.here === "unicast" && u === data.unicast[0] ? "here" : `in ${u.label}`)))} too (remove unicast_peer and unicast_src_ip)`, edits: removal });
    return fixes;
  },
});

export const weightFixes = provider({
  codes: ["weight-too-small"],
  schema: z.object({ tracker: z.string(), needed: z.number().int().min(-253).max(253), edits: z.array(WordSite).min(1), here: z.string() }),
  fixes(data, _target, ctx) {
    const editor = new Editor(ctx);
    const edits = all(data.edits.map((w) => editor.replaceWord(w, String(data.needed))));
    if (edits === undefined) return [];
    const files = [...new Set(data.edits.map((w) => w.file))];
    return [{ title: `Set the weight of ${data.tracker} to ${data.needed}, the smallest that moves the VIP${files.length > 1 ? ` (in ${files.length} files)` : ""}`, edits, preferred: true }];
  },
});

export const vridCollisionFixes = provider({
  codes: ["vrid-collision"],
  schema: z.object({ vrid: z.number().int(), here: z.array(Site).min(1), other: z.array(Site).min(1), used: z.array(z.number().int()), change: z.enum(["here", "other"]) }),
  fixes(data, _target, ctx) {
    const editor = new Editor(ctx);
    const used = new Set(data.used);
    let free = 1;
    while (free <= 255 && used.has(free)) free++;
    if (free > 255) return [];
    const fixes: Fix[] = [];
    for (const side of ["here", "other"] as const) {
      const sites = data[side];
      const edits = all(sites.map((s) => (s.word === undefined ? undefined : editor.replaceWord(s.word, String(free), s))));
      if (edits === undefined) continue;
      fixes.push({ title: `Use VRID ${free} for ${side === "here" ? "this router" : "the other router"} (${labels(sites.map((s) => `${s.label} ${s.instance}`))})`, edits, ...(side === data.change ? { preferred: true } : {}) });
    }
    return fixes;
  },
});
