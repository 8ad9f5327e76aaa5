import type { Check } from "./diagnostic.ts";

/**
 * Problems found while reading the files: `syntax-error` (from the parser and the model builder),
 * `template-placeholder` and `undefined-variable`.
 *
 * data:
 * - syntax-error, template-placeholder: { kind: string } (a SyntaxErrorKind of the parser, or a BuildProblem kind)
 * - undefined-variable: { name: string, defined: string[] (the names that are defined, for "did you mean") }
 */

/** Problems found while reading the files: syntax errors, unfilled templates, undefined `$NAME`s. */
export const buildProblems: Check = (ctx) => {
  const build = ctx.config.build;
  for (const source of build.files) {
    for (const error of source.parsed.errors) {
      ctx.report({
        code: "syntax-error",
        message: error.message,
        span: { file: source.file, start: error.start, end: Math.max(error.end, error.start) },
        data: { kind: error.kind },
      });
    }
  }
  for (const problem of build.problems) {
    const code = problem.kind === "template-placeholder" ? "template-placeholder" : "syntax-error";
    ctx.report({ code, message: problem.message, span: problem.span, data: { kind: problem.kind } });
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
