import type { IncludeRef } from "../model/types.ts";
import type { Check } from "./diagnostic.ts";

/**
 * `include-not-found` and `include-cycle`. Absolute paths name files on the target host: they are information
 * only, never checked against this machine.
 *
 * data:
 * - include-not-found: { pattern: string, variant: string (include, includer, ...), absolute: boolean,
 *   aborts: boolean (keepalived refuses to start, exit 6, when nothing matches) }
 * - include-cycle: { cycle: string[] (the files, the first repeated at the end) }
 */

/**
 * Whether keepalived aborts (exit 6) when the pattern names no file, as measured with 2.2.7: includem checks
 * plain paths, includeb brace patterns, includew plain paths and `*?[` wildcards, includea all of them.
 * includer and plain include only report a missing plain path (or brace pattern) and start without it.
 */
function aborts(ref: IncludeRef): boolean {
  const brace = /[{]/.test(ref.pattern);
  const wildcard = /[*?[]/.test(ref.pattern);
  switch (ref.variant) {
    case "includea":
      return true;
    case "includem":
      return !brace && !wildcard;
    case "includew":
      return !brace;
    case "includeb":
      return brace;
    default:
      return false;
  }
}

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
    const fatal = aborts(ref);
    const data = { pattern: ref.pattern, variant: ref.variant, absolute: ref.absolute, aborts: fatal };
    const wildcardOnly = /[*?[]/.test(ref.pattern) && !/[{]/.test(ref.pattern);
    if (ref.absolute) {
      ctx.report({
        code: "include-not-found",
        severity: "information",
        message: `'${ref.pattern}' is not on this machine; it must exist on the target host, where ${fatal ? `${ref.variant} makes keepalived refuse to start (exit 6) if it is missing` : "keepalived starts without it if it is missing"}`,
        span,
        data,
      });
    } else if (fatal) {
      ctx.report({
        code: "include-not-found",
        severity: "error",
        message: `'${ref.pattern}' names no file (relative paths are read from this file's folder): ${ref.variant} makes keepalived refuse to start (exit 6)`,
        span,
        data,
      });
    } else if (wildcardOnly) {
      ctx.report({
        code: "include-not-found",
        severity: "information",
        message: `'${ref.pattern}' matches no file next to this one: keepalived includes nothing and starts without it (it says so only when the folder itself is missing)`,
        span,
        data,
      });
    } else {
      ctx.report({
        code: "include-not-found",
        message: `'${ref.pattern}' names no file (relative paths are read from this file's folder): keepalived reports "Config files missing" and starts without what it should have included`,
        span,
        data,
      });
    }
  }
};
