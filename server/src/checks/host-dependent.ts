import { commandOf } from "../model/config.ts";
import type { Check } from "./diagnostic.ts";
import { allDirectives } from "./util.ts";

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

export const hostDependent: Check = (ctx) => {
  for (const directive of allDirectives(ctx.config)) {
    if (directive.role !== "keyword" || directive.spec === undefined) continue;
    const spec = directive.spec;
    if (spec.script === true) {
      const command = commandOf(directive);
      if (command === undefined) continue;
      const program = programOf(command.value);
      if (program === "" || program.includes("/") || program.includes("$") || program.startsWith("{{")) continue;
      ctx.report({
        code: "host-dependent",
        message: `'${program}' has no path: keepalived looks it up in PATH on the host that runs it${spec.name === "script" ? ', and disables the check ("not found/accessible") if it is not there' : ""}; a full path does not depend on that host's PATH`,
        span: command.word.span,
        data: { kind: "script-path", program },
      });
    } else if (spec.name === "script_user" || (spec.name === "user" && spec.path === "vrrp_script/user")) {
      const user = directive.args[0];
      if (user === undefined || UNIVERSAL_USERS.has(user.text)) continue;
      ctx.report({
        code: "host-dependent",
        message: `User '${user.text}' must exist on the host that runs keepalived: where it does not, keepalived ${spec.name === "script_user" ? "cannot set the default script user and removes the scripts that need it" : "cannot run this script and removes it"}`,
        span: user.span,
        data: { kind: "user", user: user.text, keyword: spec.name },
      });
    }
  }
};
