import { globalSetting } from "../model/config.ts";
import type { Directive } from "../model/types.ts";
import type { CheckContext, ConfigCheck } from "./diagnostic.ts";
import { allDirectives } from "./util.ts";

/**
 * `script-security-missing`: scripts without `enable_script_security`. keepalived only notices when a script file
 * exists on the host, so a check on a machine without the scripts passes; the target host fails with exit 6.
 *
 * data: { globalDefs: boolean (a global_defs block exists to add the keyword to), scripts: number }
 */
function run(ctx: CheckContext): void {
  const config = ctx.config;
  if (globalSetting(config, "enable_script_security") !== undefined) return;
  const scripts: Directive[] = [];
  for (const directive of allDirectives(config)) {
    if (directive.role === "keyword" && directive.spec?.script === true && directive.args.length > 0) scripts.push(directive);
  }
  const first = scripts[0];
  if (first === undefined) return;
  const global = config.globalDefs[0];
  ctx.report({
    code: "script-security-missing",
    message: `${scripts.length} script${scripts.length > 1 ? "s are" : " is"} configured (first: ${first.keyword.text}) but global_defs has no enable_script_security: when the script files exist on the host keepalived reports a SECURITY VIOLATION (exit 6) and runs none of them`,
    span: first.keyword.span,
    related: scripts.slice(1, 6).map((d) => ({ span: d.keyword.span, message: d.keyword.text })),
    data: { globalDefs: global !== undefined, scripts: scripts.length },
  });
}

export const scriptSecurityMissing: ConfigCheck = { kind: "config", name: "scriptSecurityMissing", run };
