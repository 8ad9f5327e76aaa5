import type { z } from "zod";
import type { DiagnosticCode } from "../checks/codes.ts";
import type { Span } from "../model/span.ts";

/** One replacement in one file, in offsets of the text the diagnostic was computed on. */
export interface TextEdit {
  file: string;
  start: number;
  end: number;
  newText: string;
}

/** A quick fix: its edits may span several files and are applied together (one WorkspaceEdit). */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The obvious repair: the editor's "preferred" fix, the one `keepalived-ha fix` applies. */
  preferred?: boolean;
}

/** What a fix is computed from: the diagnostic's code, its data and where it is. Never its message. */
export interface FixTarget {
  code: string;
  data: unknown;
  span: Span;
}

export interface FixContext {
  /** The current text of a file, or undefined when it cannot be read. */
  text(file: string): string | undefined;
  /** A new auth_pass; crypto-random by default, fixed in tests that need to compare texts. */
  password?(): string;
}

/** The fixes of some codes, from their validated data. */
export interface FixProvider<Schema extends z.ZodType = z.ZodType> {
  codes: readonly DiagnosticCode[];
  schema: Schema;
  fixes(data: z.output<Schema>, target: FixTarget, ctx: FixContext): Fix[];
}

/** Declares a provider with its schema's output type checked against its `fixes`. */
export function provider<Schema extends z.ZodType>(p: FixProvider<Schema>): FixProvider {
  return p as unknown as FixProvider;
}
