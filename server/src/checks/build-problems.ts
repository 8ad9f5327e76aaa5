import { syntaxErrors } from "../model/source.ts";
import type { Check } from "./diagnostic.ts";
import { withoutValue } from "./value-kinds.ts";

/**
 * Problems found while reading the files: `syntax-error` (from the parser and the model builder),
 * `template-placeholder` and `undefined-variable`.
 *
 * data:
 * - syntax-error: { kind: string } (a SyntaxErrorKind of the parser, or a BuildProblem kind)
 * - template-placeholder: { kind: "template-placeholder", stops: boolean (the placeholder is a keyword's required
 *   value: keepalived reads the keyword without it and stops, exit 2) }
 * - undefined-variable: { name: string, defined: string[] (the names that are defined, for "did you mean") }
 */

/** Problems found while reading the files: syntax errors, unfilled templates, undefined `$NAME`s. */
export const buildProblems: Check = (ctx) => {
  const build = ctx.config.build;
  for (const source of build.files) {
    for (const error of syntaxErrors(source)) {
      ctx.report({
        code: "syntax-error",
        message: error.message,
        span: { file: source.file, start: error.start, end: Math.max(error.end, error.start) },
        data: { kind: error.kind },
      });
    }
  }
  for (const problem of build.problems) {
    if (problem.kind !== "template-placeholder") {
      ctx.report({ code: "syntax-error", message: problem.message, span: problem.span, data: { kind: problem.kind } });
      continue;
    }
    // `state {{ X }}` is `state` then a block to keepalived: a keyword left without its value stops the reading.
    const directive = problem.directive;
    const first = directive?.args[0];
    const spec = directive?.spec;
    const stops = directive?.role === "keyword" && first?.span.start === problem.span.start && spec?.kind === "keyword" && spec.args[0]?.required === true && withoutValue(spec.path) === "stop";
    ctx.report({
      code: "template-placeholder",
      message: stops
        ? `'${first!.raw}' is a template placeholder left in the file: keepalived reads its braces as a block, so ${directive!.keyword.text} has no value and keepalived stops reading the configuration here (exit 2)`
        : problem.message,
      span: problem.span,
      data: { kind: problem.kind, stops },
    });
  }
  // A `$x` inside an unfilled `{{ ... }}` belongs to the template language: the placeholder is reported already.
  const templates = build.problems.filter((p) => p.kind === "template-placeholder").map((p) => p.span);
  const inTemplate = (start: number, file: string): boolean => templates.some((t) => t.file === file && start >= t.start && start < t.end);
  for (const ref of build.undefinedRefs) {
    if (inTemplate(ref.span.start, ref.span.file)) continue;
    ctx.report({
      code: "undefined-variable",
      severity: ref.braced ? "error" : "warning",
      message: ref.braced
        ? `\${${ref.name}} is not defined: keepalived leaves it in place and reads its braces as a block, which breaks the lines around it`
        : `$${ref.name} is not defined: keepalived leaves the text '$${ref.name}' as is`,
      span: ref.span,
      data: { name: ref.name, defined: build.definitions.map((d) => d.name) },
    });
  }
};
