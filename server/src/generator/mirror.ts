import { keptInstances, startStateOf } from "../checks/effective.ts";
import type { Config, VrrpInstance } from "../model/config.ts";
import type { Directive, Word } from "../model/types.ts";
import { applyEdits } from "../fixes/edit.ts";
import type { TextEdit } from "../fixes/types.ts";
import type { Member, PairNode } from "../pair/model.ts";
import { priorityOfMember } from "../pair/roles.ts";
import { failingPriority, failsOver, healthyPriority, safeGap, trackersOf } from "../pair/weights.ts";

/**
 * The configuration of the other node of a unicast pair, written from the one node's file: the same file with
 * only what differs between the two nodes changed, so that VRID, authentication, VIPs, advert_int, scripts and
 * every comment agree by construction. Static snippets cannot do this: each insertion draws its own password.
 *
 * Per unicast vrrp_instance: unicast_src_ip and unicast_peer swapped; state MASTER <-> BACKUP; a priority that
 * keeps the primary on top while each weighted failure of it still moves the VIP (the largest step up to 10, as
 * the priority quick fixes choose); `preempt` written on the new primary (the guide's failback) and dropped from a
 * new standby. global_defs' router_id swaps PRIMARY/STANDBY and MASTER/BACKUP. A comment at the end of a changed
 * line spoke of the old value: it goes with it.
 */

export interface MirroredNode {
  /** The role of the node written: the other one's opposite. */
  role: "primary" | "standby";
  text: string;
  /** The address the new node has (the source's unicast peer). */
  address: string;
  /** Per instance of the source: its name and the new node's priority. */
  instances: Array<{ name: string; priority: number }>;
}

const ROLE_SWAP: Record<string, string> = { primary: "standby", standby: "primary", master: "backup", backup: "master" };

/** router_id's role words exchanged: EDGE_PRIMARY -> EDGE_STANDBY, lb-master -> lb-backup. */
function swapRouterId(id: string): string {
  return id.replace(/primary|standby|master|backup/gi, (w) => swapCase(w, ROLE_SWAP[w.toLowerCase()]!));
}

function swapCase(original: string, replacement: string): string {
  if (original === original.toUpperCase()) return replacement.toUpperCase();
  if (original[0] === original[0]!.toUpperCase()) return replacement[0]!.toUpperCase() + replacement.slice(1);
  return replacement;
}

/** Primary <-> standby and the two nodes' addresses exchanged, in one pass so that nothing is swapped twice. */
function swapNodeWords(comment: string, own: string, peer: string): string {
  const escape = (a: string): string => a.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`\\b(primary|standby)\\b|(?<![\\w.:])(${escape(own)}|${escape(peer)})(?![\\w.:])`, "gi");
  return comment.replace(pattern, (match: string, word: string | undefined) =>
    word !== undefined ? swapCase(match, word.toLowerCase() === "primary" ? "standby" : "primary") : match === own ? peer : own,
  );
}

/** A pair node made for the weight arithmetic of the pair checks, which reads members. */
function memberOf(config: Config, file: string, instance: VrrpInstance): Member {
  const node: PairNode = { key: file, file, configId: null, rendered: false, config, otherIds: [], negated: false, label: file, order: 0 };
  return { node, instance, name: instance.name?.text ?? "" };
}

/** The new standby's priority below the primary's `top`: the largest gap up to 10 at which each failure moves the VIP. */
function standbyPriority(member: Member, top: number): number {
  return Math.max(1, top - safeGap(member, member, top));
}

/** The new primary's priority above the standby's `low`: the largest gap up to 10 at which each failure still moves the VIP. */
function primaryPriority(member: Member, low: number): number {
  const trackers = trackersOf(member);
  const standby = healthyPriority(member, low);
  for (let gap = 10; gap > 1; gap--) {
    const top = Math.min(254, low + gap);
    if (top > low && trackers.every((t) => failsOver(failingPriority(member, t, top), standby))) return top;
  }
  return Math.min(254, low + 1);
}

/** [start, end) of a comment that ends the line holding `offset`, with the blanks before it; undefined without one. */
function trailingComment(text: string, offset: number): { start: number; end: number } | undefined {
  let quoted = false;
  let end = offset;
  while (end < text.length && text[end] !== "\n" && text[end] !== "\r") end++;
  for (let i = offset; i < end; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "#" || c === "!")) {
      let start = i;
      while (start > offset && (text[start - 1] === " " || text[start - 1] === "\t")) start--;
      return { start, end };
    }
  }
  return undefined;
}

/** The whole line of a directive, its line break included. */
function lineOf(text: string, directive: Directive): { start: number; end: number } {
  let start = directive.span.start;
  while (start > 0 && text[start - 1] !== "\n" && text[start - 1] !== "\r") start--;
  let end = directive.span.end;
  while (end < text.length && text[end] !== "\n" && text[end] !== "\r") end++;
  if (text[end] === "\r") end++;
  if (text[end] === "\n") end++;
  return { start, end };
}

function indentOf(text: string, directive: Directive): string {
  const line = lineOf(text, directive);
  return /^[ \t]*/.exec(text.slice(line.start, directive.span.start))?.[0] ?? "";
}

/**
 * The other node's configuration, or undefined when `config` (read from `text`, the file `file`) is no unicast
 * node of a pair: every unicast vrrp_instance must have its own address and one peer, the same for all of them.
 */
export function mirrorNode(config: Config, text: string, file: string): MirroredNode | undefined {
  const instances = keptInstances(config).filter((i) => i.unicastSrcIp !== undefined || i.unicastPeers.length > 0);
  if (instances.length === 0) return undefined;
  const own = instances[0]!.unicastSrcIp?.value;
  const peer = instances[0]!.unicastPeers[0]?.value;
  if (own === undefined || peer === undefined || own === peer) return undefined;
  for (const i of instances) {
    if (i.unicastSrcIp?.value !== own || i.unicastPeers.length !== 1 || i.unicastPeers[0]!.value !== peer) return undefined;
    if (i.unicastSrcIp.word.span.file !== file || i.unicastPeers[0]!.word.span.file !== file) return undefined;
  }
  const edits: TextEdit[] = [];
  const edit = (start: number, end: number, newText: string): void => void edits.push({ file, start, end, newText });
  const replaceWord = (word: Word, value: string): void => {
    edit(word.span.start, word.span.end, value);
    const comment = trailingComment(text, word.span.end);
    if (comment !== undefined) edit(comment.start, comment.end, "");
  };
  let role: MirroredNode["role"] | undefined;
  const written: MirroredNode["instances"] = [];
  for (const instance of instances) {
    const member = memberOf(config, file, instance);
    const priority = priorityOfMember(member);
    if (priority === undefined || priority.how === "owner") return undefined;
    const sourceIsPrimary = startStateOf(config, instance) === "MASTER";
    const instanceRole = sourceIsPrimary ? "standby" : "primary";
    if (role !== undefined && role !== instanceRole) return undefined;
    role = instanceRole;
    const newPriority = sourceIsPrimary ? standbyPriority(member, priority.value) : primaryPriority(member, priority.value);
    const state = instance.state;
    if (state !== undefined) replaceWord(state.word, sourceIsPrimary ? "BACKUP" : "MASTER");
    // The line after which lines are added: priority's own, else state's (a file without either is left alone).
    const anchor = priority.directive ?? state?.directive;
    if (anchor === undefined) return undefined;
    const added: string[] = [];
    if (priority.word !== undefined) replaceWord(priority.word, String(newPriority));
    else added.push(`priority ${newPriority}`);
    const mode = instance.preemptMode;
    if (sourceIsPrimary && mode?.preempt === true) edit(lineOf(text, mode.directive).start, lineOf(text, mode.directive).end, "");
    if (!sourceIsPrimary && mode?.preempt === false) edit(mode.directive.keyword.span.start, mode.directive.span.end, "preempt");
    if (!sourceIsPrimary && mode === undefined) added.push("preempt");
    if (added.length > 0) {
      const at = lineOf(text, anchor).end;
      edit(at, at, added.map((line) => `${indentOf(text, anchor)}${line}\n`).join(""));
    }
    replaceWord(instance.unicastSrcIp!.word, peer);
    replaceWord(instance.unicastPeers[0]!.word, own);
    written.push({ name: instance.name?.text ?? "", priority: newPriority });
  }
  for (const block of config.globalDefs) {
    const routerId = block.block?.children.find((c) => c.role === "keyword" && c.keyword.text === "router_id");
    const word = routerId?.args[0];
    if (word === undefined || word.span.file !== file) continue;
    const swapped = swapRouterId(word.raw);
    if (swapped !== word.raw) replaceWord(word, swapped);
  }
  // Whole-line comments describe the file's node ("Primary node of ...", "install on the primary (10.0.0.1)"):
  // they now describe the other one. A comment after a value may compare both nodes, and is left as it is.
  const root = config.build.files.find((f) => f.file === file);
  for (const comment of root?.parsed.comments ?? []) {
    const start = comment.startOffset;
    let lineStart = start;
    while (lineStart > 0 && (text[lineStart - 1] === " " || text[lineStart - 1] === "\t")) lineStart--;
    if (lineStart > 0 && text[lineStart - 1] !== "\n" && text[lineStart - 1] !== "\r") continue;
    const swapped = swapNodeWords(comment.image, own, peer);
    if (swapped !== comment.image) edit(start, start + comment.image.length, swapped);
  }
  // Each edit has a place of its own; should two ever meet, no half-mirrored file is offered.
  let reach = -1;
  for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    if (e.start < reach) return undefined;
    reach = Math.max(reach, e.end);
  }
  return { role: role!, text: applyEdits(text, edits), address: peer, instances: written };
}
