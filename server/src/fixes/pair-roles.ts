import { z } from "zod";
import { Editor, labels } from "./edit.ts";
import { RoleSite } from "./schemas.ts";
import { provider, type Fix, type TextEdit } from "./types.ts";

/** Fixes of priority-reversed, priority-tie, both-master and preempt-missing (payloads: pair/role-site.ts). */

function setPriority(editor: Editor, site: RoleSite, priority: number): TextEdit | undefined {
  if (site.word !== undefined) return editor.replaceWord(site.word, String(priority), site);
  if (site.after !== undefined) return editor.insertAfter(site.after, [`priority ${priority}`], site.configId);
  return site.brace === undefined ? undefined : editor.insertInBlock(site.brace, [`priority ${priority}`], site.configId);
}

function setState(editor: Editor, site: RoleSite, state: "MASTER" | "BACKUP"): TextEdit | undefined {
  if (site.stateWord !== undefined) return editor.replaceWord(site.stateWord, state, site);
  // Without a state line keepalived starts as BACKUP (unless priority 255): only MASTER needs a line.
  if (state === "BACKUP" || site.brace === undefined) return undefined;
  return editor.insertInBlock(site.brace, [`state ${state}`], site.configId);
}

function all(edits: Array<TextEdit | undefined>): TextEdit[] | undefined {
  return edits.every((e) => e !== undefined) && edits.length > 0 ? (edits as TextEdit[]) : undefined;
}

const name = (site: RoleSite, here: RoleSite): string => (site === here ? "here" : site.label);

export const priorityReversedFixes = provider({
  codes: ["priority-reversed"],
  schema: z.object({ master: RoleSite, backup: RoleSite, here: z.enum(["master", "backup"]) }),
  fixes(data, _target, ctx) {
    const editor = new Editor(ctx);
    const { master, backup } = data;
    const here = data.here === "master" ? master : backup;
    const fixes: Fix[] = [];
    const swap = all([setPriority(editor, master, backup.priority), setPriority(editor, backup, master.priority)]);
    if (swap !== undefined) fixes.push({ title: `Swap the priorities: ${backup.priority} for the MASTER ${name(master, here)}, ${master.priority} for ${name(backup, here)}`, edits: swap, preferred: true });
    const states = all([setState(editor, master, "BACKUP"), setState(editor, backup, "MASTER")]);
    if (states !== undefined) fixes.push({ title: `Swap the states: MASTER for ${name(backup, here)} (priority ${backup.priority}), BACKUP for ${name(master, here)}`, edits: states });
    return fixes;
  },
});

export const priorityTieFixes = provider({
  codes: ["priority-tie"],
  schema: z.object({ here: RoleSite, peers: z.array(RoleSite).min(1), holder: z.number().int().min(0), gap: z.number().int().min(1) }),
  fixes(data, _target, ctx) {
    const editor = new Editor(ctx);
    const sites = [data.here, ...data.peers];
    const holder = sites[data.holder];
    if (holder === undefined) return [];
    const lowered = holder.priority - data.gap;
    const others = sites.filter((s) => s !== holder);
    const fixes: Fix[] = [];
    const lowerAll = all(others.map((s) => setPriority(editor, s, lowered)));
    if (lowerAll !== undefined && lowered >= 1) {
      fixes.push({ title: `Lower the priority ${labels(others.map((s) => (s === data.here ? "here" : `in ${s.label}`)))} to ${lowered}, so that ${name(holder, data.here)} holds the VIP`, edits: lowerAll, preferred: true });
    }
    const raised = holder.priority + data.gap;
    const raise = all([setPriority(editor, holder, raised)]);
    if (raise !== undefined && raised <= 254) fixes.push({ title: `Raise the priority ${holder === data.here ? "here" : `in ${holder.label}`} to ${raised}, so that it holds the VIP`, edits: raise });
    return fixes;
  },
});

export const bothMasterFixes = provider({
  codes: ["both-master"],
  schema: z.object({ here: RoleSite, peers: z.array(RoleSite).min(1), holder: z.number().int().min(0) }),
  fixes(data, _target, ctx) {
    const editor = new Editor(ctx);
    const sites = [data.here, ...data.peers];
    const holder = sites[data.holder];
    if (holder === undefined) return [];
    const others = sites.filter((s) => s !== holder);
    const edits = all(others.map((s) => setState(editor, s, "BACKUP")));
    if (edits === undefined) return [];
    return [{ title: `Set state BACKUP ${labels(others.map((s) => (s === data.here ? "here" : `in ${s.label}`)))} (${name(holder, data.here)} has the highest priority)`, edits, preferred: true }];
  },
});

export const preemptMissingFixes = provider({
  codes: ["preempt-missing"],
  schema: z.object({ holder: RoleSite, here: z.enum(["holder", "peer"]) }),
  fixes(data, _target, ctx) {
    const editor = new Editor(ctx);
    const holder = data.holder;
    const where = data.here === "holder" ? "here" : `in ${holder.label}`;
    if (holder.nopreemptWord !== undefined) {
      const edit = editor.replaceWord(holder.nopreemptWord, "preempt", holder);
      return edit === undefined ? [] : [{ title: `Replace nopreempt with preempt ${where}, so the VIP comes back after recovery`, edits: [edit], preferred: true }];
    }
    const edit = holder.after !== undefined ? editor.insertAfter(holder.after, ["preempt"], holder.configId) : holder.brace !== undefined ? editor.insertInBlock(holder.brace, ["preempt"], holder.configId) : undefined;
    return edit === undefined ? [] : [{ title: `Add preempt ${where}`, edits: [edit], preferred: true }];
  },
});

export const standbyNopreemptFixes = provider({
  codes: ["standby-nopreempt"],
  schema: z.object({ standby: RoleSite, here: z.enum(["standby", "holder"]) }),
  fixes(data, _target, ctx) {
    const standby = data.standby;
    if (standby.nopreemptWord === undefined) return [];
    const edit = new Editor(ctx).replaceWord(standby.nopreemptWord, "preempt", standby);
    const where = data.here === "standby" ? "here" : `in ${standby.label}`;
    return edit === undefined ? [] : [{ title: `Replace nopreempt with preempt ${where}, so a failing check moves the VIP`, edits: [edit], preferred: true }];
  },
});
