import type { Check } from "./diagnostic.ts";

/*
 * `include-not-found` and `include-cycle`. Absolute paths name files on the target host: they are information
 * only, never checked against this machine.
 *
 * data:
 * - include-not-found: { pattern: string, variant: string (include, includer, ...), absolute: boolean }
 * - include-cycle: { cycle: string[] (the files, the first repeated at the end) }
 */

const ABORTING = new Set(["includea", "includew", "includer", "includem", "includeb"]);

/** `include-not-found` and `include-cycle`. */
export const includeChecks: Check = (ctx) => {
  for (const ref of ctx.config.build.includes) {
    const span = ref.directive.args[0]?.span ?? ref.directive.keyword.span;
    if (ref.cycle !== undefined) {
      ctx.report({
        code: "include-cycle",
        message: `Include loop: ${ref.cycle.join(" -> ")}. keepalived does not detect it and re-reads the files until it runs out of file handles, reporting every block as already defined`,
        span,
        data: { cycle: ref.cycle },
      });
    }
    if (!ref.missing || ref.pattern === "") continue;
    const strict = ABORTING.has(ref.variant);
    if (ref.absolute) {
      ctx.report({
        code: "include-not-found",
        severity: "information",
        message: `'${ref.pattern}' is not on this machine; it must exist on the target host, where ${strict ? `${ref.variant} aborts the start if it is missing` : "keepalived only logs a missing include and starts without it"}`,
        span,
        data: { pattern: ref.pattern, variant: ref.variant, absolute: true },
      });
    } else if (ref.glob && !strict) {
      ctx.report({
        code: "include-not-found",
        severity: "information",
        message: `'${ref.pattern}' matches no file next to this one: keepalived includes nothing and starts without it (it says so only when the folder itself is missing)`,
        span,
        data: { pattern: ref.pattern, variant: ref.variant, absolute: false },
      });
    } else {
      ctx.report({
        code: "include-not-found",
        severity: strict ? "error" : "warning",
        message: strict
          ? `'${ref.pattern}' names no file: ${ref.variant} makes keepalived abort the start (exit 6)`
          : `'${ref.pattern}' names no file (relative paths are read from this file's folder): keepalived reports "Config files missing" and starts without it`,
        span,
        data: { pattern: ref.pattern, variant: ref.variant, absolute: false },
      });
    }
  }
};
