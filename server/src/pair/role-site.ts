import { initialState } from "../checks/effective.ts";
import type { Member } from "./model.ts";
import { priorityOfMember, startState } from "./roles.ts";
import { lineOf, siteOf, wordSite, type Loc, type Site, type WordSite } from "./sites.ts";

/**
 * A member's role as the priority and preempt fixes read it.
 *
 * RoleSite = Site (word: the priority value word, value: the priority) & { priority: number,
 *   state: "MASTER" | "BACKUP" (as it starts), stateWord?: WordSite (the state line's value), nopreempt?: Loc
 *   (the nopreempt line), after?: Loc (the line a new keyword line goes after: priority, else state) }
 */
export interface RoleSite extends Site {
  priority: number;
  state: "MASTER" | "BACKUP";
  stateWord?: WordSite;
  nopreempt?: Loc;
  nopreemptWord?: WordSite;
  after?: Loc;
}

export function roleSite(member: Member): RoleSite {
  const priority = priorityOfMember(member);
  const setting = priority?.directive !== undefined ? { directive: priority.directive, ...(priority.word !== undefined ? { word: priority.word } : {}) } : undefined;
  const base = siteOf(member, setting, String(priority?.value ?? 100));
  const site: RoleSite = { ...base, priority: priority?.value ?? 100, state: startState(member) };
  if (base.brace === undefined) return site;
  const state = initialState(member.instance);
  if (state?.directive !== undefined && state.word !== undefined) {
    const word = wordSite(member, state.directive, state.word);
    if (word !== undefined) site.stateWord = word;
  }
  const mode = member.instance.preemptMode;
  if (mode !== undefined && !mode.preempt && mode.directive.expandedFrom === undefined) {
    site.nopreempt = lineOf(mode.directive);
    const word = wordSite(member, mode.directive, mode.directive.keyword);
    if (word !== undefined) site.nopreemptWord = word;
  }
  const anchor = priority?.directive ?? state?.directive;
  if (anchor !== undefined && anchor.expandedFrom === undefined && anchor.conditional === undefined) site.after = lineOf(anchor);
  return site;
}
