import { z } from "zod";
import { Editor, labels } from "./edit.ts";
import { braceAfter, earlierSiblings, lineAt, lineHasBrace, onlyEntry, startsLine } from "./locate.ts";
import { Site } from "./schemas.ts";
import { provider, type Fix, type TextEdit } from "./types.ts";

/**
 * Fixes of one instance or block: nopreempt-master, priority-255-weight, missing-keyword, unicast-self-peer,
 * vrid-conflict, duplicate-definition, script-security-missing.
 */

function removeLineAt(editor: Editor, file: string, offset: number): TextEdit | undefined {
  const line = lineAt(editor, file, offset);
  return line === undefined || lineHasBrace(editor, line) ? undefined : editor.remove(line);
}

function smallestFree(used: Iterable<number>): number | undefined {
  const taken = new Set(used);
  for (let v = 1; v <= 255; v++) if (!taken.has(v)) return v;
  return undefined;
}

export const nopreemptMasterFixes = provider({
  codes: ["nopreempt-master"],
  schema: z.object({ reason: z.enum(["state", "priority"]) }),
  fixes(_data, target, ctx) {
    const editor = new Editor(ctx);
    if (editor.at(target.span) !== "nopreempt") return [];
    const edit = removeLineAt(editor, target.span.file, target.span.start);
    return edit === undefined ? [] : [{ title: "Remove nopreempt (keepalived clears it here anyway)", edits: [edit], preferred: true }];
  },
});

export const priority255Fixes = provider({
  codes: ["priority-255-weight"],
  schema: z.object({ implicit: z.boolean() }),
  fixes(data, target, ctx) {
    const editor = new Editor(ctx);
    const written = editor.at(target.span);
    if (!data.implicit) {
      return written === "255" ? [{ title: "Set priority 254, so the tracked weights apply", edits: [{ ...target.span, newText: "254" }], preferred: true }] : [];
    }
    // The 255 comes from `state MASTER` without a priority line: the span is the state word.
    if (written !== "MASTER") return [];
    const line = lineAt(editor, target.span.file, target.span.start);
    const edit = line === undefined ? undefined : editor.insertAfter(line, ["priority 254"]);
    return edit === undefined ? [] : [{ title: "Add priority 254, so the tracked weights apply", edits: [edit], preferred: true }];
  },
});

const DEFAULTS: Record<string, { line: string; preferred: boolean }> = {
  lb_algo: { line: "lb_algo wlc", preferred: true },
  lb_kind: { line: "lb_kind NAT", preferred: true },
  protocol: { line: "protocol TCP", preferred: false },
};

export const missingKeywordFixes = provider({
  codes: ["missing-keyword"],
  schema: z.object({ keyword: z.string(), used: z.array(z.number().int()).optional(), peerVrid: z.number().int().min(1).max(255).optional() }),
  fixes(data, target, ctx) {
    const editor = new Editor(ctx);
    const brace = braceAfter(editor, target.span.file, target.span.end);
    if (brace === undefined) return [];
    if (data.keyword === "virtual_router_id") {
      const vrid = data.peerVrid ?? smallestFree(data.used ?? []);
      if (vrid === undefined) return [];
      const edit = editor.insertInBlock(brace, [`virtual_router_id ${vrid}`]);
      const why = data.peerVrid !== undefined ? "the peer's" : "unused in this file";
      return edit === undefined ? [] : [{ title: `Add virtual_router_id ${vrid} (${why})`, edits: [edit], preferred: true }];
    }
    const known = DEFAULTS[data.keyword];
    if (known === undefined) return [];
    const edit = editor.insertInBlock(brace, [known.line]);
    return edit === undefined ? [] : [{ title: `Add '${known.line}'`, edits: [edit], ...(known.preferred ? { preferred: true } : {}) }];
  },
});

export const unicastSelfPeerFixes = provider({
  codes: ["unicast-self-peer"],
  schema: z.object({ peer: z.string(), reason: z.enum(["self", "duplicate"]) }),
  fixes(data, target, ctx) {
    const editor = new Editor(ctx);
    // The last entry cannot go: an empty unicast_peer block turns the instance multicast.
    if (editor.at(target.span) === undefined || onlyEntry(editor, target.span)) return [];
    const edit = removeLineAt(editor, target.span.file, target.span.start);
    return edit === undefined ? [] : [{ title: `Remove unicast_peer ${data.peer} (${data.reason === "self" ? "this node's own address" : "listed twice"})`, edits: [edit], preferred: true }];
  },
});

export const vridConflictFixes = provider({
  codes: ["vrid-conflict"],
  schema: z.object({ vrid: z.number().int(), used: z.array(z.number().int()), peers: z.array(Site).optional(), peerUsed: z.array(z.number().int()).optional() }),
  fixes(data, target, ctx) {
    const editor = new Editor(ctx);
    const free = smallestFree([...data.used, ...(data.peerUsed ?? [])]);
    if (free === undefined || editor.at(target.span) !== String(data.vrid) && editor.at(target.span)?.replace(/^0+/, "") !== String(data.vrid)) return [];
    const edits: Array<TextEdit | undefined> = [{ ...target.span, newText: String(free) }];
    for (const peer of data.peers ?? []) edits.push(peer.word === undefined ? undefined : editor.replaceWord(peer.word, String(free), peer));
    if (edits.some((e) => e === undefined)) return [];
    const also = (data.peers ?? []).length > 0 ? ` here and in ${labels(data.peers!.map((p) => p.label))}` : "";
    return [{ title: `Use the free VRID ${free} for this instance${also}`, edits: edits as TextEdit[], preferred: true }];
  },
});

export const duplicateFixes = provider({
  codes: ["duplicate-definition"],
  schema: z.object({ kind: z.string(), name: z.string() }),
  fixes(data, target, ctx) {
    const editor = new Editor(ctx);
    if (editor.at(target.span) !== data.name) return [];
    if (data.kind === "track_script") {
      const edit = removeLineAt(editor, target.span.file, target.span.start);
      return edit === undefined ? [] : [{ title: `Remove the second ${data.name} entry (keepalived ignores it)`, edits: [edit], preferred: true }];
    }
    if (data.kind !== "setting" || !startsLine(editor, target.span)) return [];
    const earlier = earlierSiblings(editor, target.span.file, target.span.start, data.name)[0];
    const text = editor.text(target.span.file);
    if (earlier === undefined || text === undefined) return [];
    const words = (loc: { start: number; end: number }): string => text.slice(loc.start, loc.end).trim().split(/[ \t]+/).slice(1).join(" ");
    const here = lineAt(editor, target.span.file, target.span.start)!;
    // keepalived keeps the first notify script and a first `state MASTER`; any other value the last one.
    const keepsFirst = data.name.startsWith("notify") || (data.name === "state" && words(earlier) === "MASTER");
    const same = words(earlier) === words(here);
    const drop = keepsFirst || same ? here : earlier;
    const edit = lineHasBrace(editor, drop) ? undefined : editor.remove(drop);
    if (edit === undefined) return [];
    return [{ title: drop === here ? `Remove this ${data.name} line (keepalived ${same ? "reads the same value above" : "keeps the first"})` : `Remove the earlier ${data.name} line (keepalived uses this one)`, edits: [edit], preferred: true }];
  },
});

export const scriptSecurityFixes = provider({
  codes: ["script-security-missing"],
  schema: z.object({ globalDefs: z.boolean() }),
  fixes(_data, target, ctx) {
    const editor = new Editor(ctx);
    const text = editor.text(target.span.file);
    if (text === undefined) return [];
    const match = /^[ \t]*global_defs\b[^\r\n#!{]*\{?/m.exec(text);
    let edit: TextEdit | undefined;
    if (match !== null) {
      const brace = braceAfter(editor, target.span.file, match.index);
      edit = brace === undefined ? undefined : editor.insertInBlock(brace, ["enable_script_security"]);
    } else {
      // No global_defs in this file: add one above the first line that is not a comment.
      const first = /^(?:[ \t]*(?:[#!][^\r\n]*)?(?:\r\n|\r|\n))*/.exec(text)![0].length;
      const eol = editor.eol(target.span.file);
      const unit = editor.unit(target.span.file);
      edit = { file: target.span.file, start: first, end: first, newText: `global_defs {${eol}${unit}enable_script_security${eol}}${eol}` };
    }
    return edit === undefined ? [] : [{ title: "Add enable_script_security to global_defs", edits: [edit], preferred: true } satisfies Fix];
  },
});
