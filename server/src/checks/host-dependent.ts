import { commandOf } from "../model/config.ts";
import type { KeywordSpec } from "../catalog/types.ts";
import type { Directive, DirectiveRole } from "../model/types.ts";
import type { CheckContext, DirectiveCheck } from "./diagnostic.ts";

/**
 * `host-dependent` (information only): what only the host that runs keepalived can confirm. A config is written
 * on one machine and runs on another, so nothing here is checked against this machine.
 *
 * data: { kind: "script-path", program: string } | { kind: "user", user: string, keyword: string }
 */

/** Users every Linux host has. */
const UNIVERSAL_USERS = new Set(["root"]);

/** The program of a command line, as keepalived splits it (quotes removed). */
function programOf(command: string): string {
  const trimmed = command.trim();
  const quoted = /^(["'])(.*?)\1/.exec(trimmed);
  return quoted !== null ? quoted[2]! : (trimmed.split(/\s+/)[0] ?? "");
}

/**
 * The program of a command when it has no path (undefined when it has one or is a template), per command: the
 * same few notify and check commands repeat in every instance of a file. Bounded like a cache.
 */
const pathless = new Map<string, string | undefined>();

function pathlessProgram(command: string): string | undefined {
  if (pathless.has(command)) return pathless.get(command);
  const program = programOf(command);
  const found = program === "" || program.includes("/") || program.includes("$") || program.startsWith("{{") ? undefined : program;
  if (pathless.size >= 10_000) pathless.clear();
  pathless.set(command, found);
  return found;
}

/** The lines hostDependent reads: commands, and the users scripts run as. */
function namesHostThings(_role: DirectiveRole, spec: KeywordSpec | undefined): spec is KeywordSpec {
  return spec !== undefined && (spec.script === true || spec.name === "script_user" || (spec.name === "user" && spec.path === "vrrp_script/user"));
}

function visit(directive: Directive, ctx: CheckContext): void {
  if (!namesHostThings(directive.role, directive.spec)) return;
  const spec = directive.spec;
  if (spec.script === true) {
    const command = commandOf(directive);
    if (command === undefined) return;
    const program = pathlessProgram(command.value);
    if (program === undefined) return;
    ctx.report({
      code: "host-dependent",
      message: `'${program}' has no path: keepalived looks it up in PATH on the host that runs it${spec.name === "script" ? ', and disables the check ("not found/accessible") if it is not there' : ""}; a full path does not depend on that host's PATH`,
      span: command.word.span,
      data: { kind: "script-path", program },
    });
  } else {
    const user = directive.args[0];
    if (user === undefined || UNIVERSAL_USERS.has(user.text)) return;
    ctx.report({
      code: "host-dependent",
      message: `User '${user.text}' must exist on the host that runs keepalived: where it does not, keepalived ${spec.name === "script_user" ? "cannot set the default script user and removes the scripts that need it" : "cannot run this script and removes it"}`,
      span: user.span,
      data: { kind: "user", user: user.text, keyword: spec.name },
    });
  }
}

export const hostDependent: DirectiveCheck = { kind: "directive", name: "hostDependent", roles: ["keyword"], appliesTo: namesHostThings, visit };
