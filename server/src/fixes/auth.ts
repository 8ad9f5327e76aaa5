import { z } from "zod";
import { isPlaceholderPassword } from "../checks/auth-pass.ts";
import { Editor, labels } from "./edit.ts";
import { newPassword } from "./password.ts";
import { Site } from "./schemas.ts";
import { provider, type Fix, type FixTarget, type TextEdit } from "./types.ts";

/**
 * auth-pass-truncated and auth-pass-placeholder. With the pair analysis' `peers` (the other members' auth_pass
 * words), every edit is made in every member's file, so that the pair keeps one password.
 */

const Data = z.object({ value: z.string(), kept: z.string().optional(), peers: z.array(Site).optional() });
type Data = z.infer<typeof Data>;

/** The words to set: this one (it must still be the password the diagnostic saw) and the peers'. */
function words(editor: Editor, data: Data, target: FixTarget, raw: string, only?: (peer: Site) => boolean): TextEdit[] | undefined {
  const written = editor.at(target.span);
  if (written === undefined || (written !== data.value && written !== `"${data.value}"`)) return undefined;
  const edits: Array<TextEdit | undefined> = [{ ...target.span, newText: raw }];
  for (const peer of data.peers ?? []) {
    if (only !== undefined && !only(peer)) continue;
    edits.push(peer.word === undefined ? undefined : editor.replaceWord(peer.word, raw, peer));
  }
  return edits.every((e) => e !== undefined) ? (edits as TextEdit[]) : undefined;
}

function where(data: Data, only?: (peer: Site) => boolean): string {
  const peers = (data.peers ?? []).filter((p) => only === undefined || only(p));
  return peers.length > 0 ? `here and in ${labels(peers.map((p) => p.label))}` : "here (set the same on the peer)";
}

function randomFix(editor: Editor, data: Data, target: FixTarget, password: string, preferred: boolean): Fix[] {
  const edits = words(editor, data, target, password);
  return edits === undefined ? [] : [{ title: `Replace auth_pass with a new random 8-character password ${where(data)}`, edits, ...(preferred ? { preferred: true } : {}) }];
}

export const authPassFileFixes = provider({
  codes: ["auth-pass-truncated", "auth-pass-placeholder"],
  schema: Data,
  fixes(data, target, ctx) {
    const editor = new Editor(ctx);
    const paired = (data.peers ?? []).length > 0;
    if (target.code === "auth-pass-placeholder") return randomFix(editor, data, target, newPassword(ctx), paired);
    const fixes: Fix[] = [];
    const kept = data.kept;
    // Shortening keeps what keepalived already uses: the pair still agrees. Not for a placeholder: it stays one.
    if (kept !== undefined && !kept.includes('"') && !isPlaceholderPassword(data.value)) {
      const raw = /[\s#!{}]/.test(kept) || kept === "" ? `"${kept}"` : kept;
      const sameKept = (peer: Site): boolean => peer.value !== undefined && Buffer.from(peer.value).subarray(0, 8).equals(Buffer.from(kept));
      const edits = words(editor, data, target, raw, sameKept);
      if (edits !== undefined) fixes.push({ title: `Shorten auth_pass to the 8 characters keepalived uses ${where(data, sameKept)}`, edits, preferred: true });
    }
    fixes.push(...randomFix(editor, data, target, newPassword(ctx), false));
    return fixes;
  },
});
