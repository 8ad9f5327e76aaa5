import { EmbeddedActionsParser, type IToken } from "chevrotain";
import type { StatementToken } from "./scanner.ts";
import { Head, LBrace, Line, parserTokens, RBrace } from "./tokens.ts";
import type { BraceToken, StatementNode, SyntaxTree } from "./syntax.ts";

/**
 * keepalived.conf is line based: a statement is the words of one line, optionally followed by a `{ ... }`
 * block that may open on the same line or a later one. What a keyword means, whether it may take a block and
 * what a value-block item is are decided from the catalog when the model is built, so this grammar accepts
 * any arrangement of statements and braces; only the braces can fail to balance.
 *
 * The scanner has already read each statement (scanner.ts) and marks those a `{` follows as Head (carrying
 * that brace), so the parser reads one token per statement, per `}` and per `{` no statement owns. Blocks are kept
 * on a stack by the embedded actions rather than by a recursive rule: a file of 10,000 nested blocks parses as well
 * as a flat one, and no rule is entered per block. The alternatives are built once, so reading a token allocates
 * nothing but the tree.
 */
export class KeepalivedParser extends EmbeddedActionsParser {
  /** Statements of the innermost open block (of the document at the top level). */
  private out: StatementNode[] = [];
  /** The enclosing blocks' statement lists and the statements that own the open blocks, outermost first. */
  private outs: StatementNode[][] = [];
  private owners: StatementNode[] = [];
  private strays: IToken[] = [];
  /** Statements whose `{` no keyword owns (read as they come, so that no walk over the tree is needed). */
  orphans: StatementNode[] = [];
  /** Statements whose block is still open at the end of the text, outermost first. */
  unclosed: StatementNode[] = [];

  constructor() {
    super(parserTokens, { recoveryEnabled: true });
    this.performSelfAnalysis();
  }

  public document = this.RULE("document", (): SyntaxTree => {
    const statements: StatementNode[] = [];
    const strayCloses: IToken[] = [];
    this.out = statements;
    this.outs = [];
    this.owners = [];
    this.strays = strayCloses;
    this.orphans = [];
    this.MANY(this.next);
    this.unclosed = this.owners;
    return { statements, strayCloses };
  });

  private readonly alternatives = [
    { ALT: (): void => this.line(this.CONSUME(Line)) },
    { ALT: (): void => this.head(this.CONSUME(Head)) },
    { ALT: (): void => this.orphan(this.CONSUME(LBrace) as BraceToken) },
    { ALT: (): void => this.close(this.CONSUME(RBrace) as BraceToken) },
  ];
  private readonly next = (): void => this.OR(this.alternatives);

  /** (While Chevrotain records the grammar, tokens are frozen stand-ins without words: they are ignored.) */
  private line(token: IToken): void {
    const statement = token as StatementToken;
    if (statement.words !== undefined) this.out.push(statement);
  }

  /** A statement and the `{` after it. */
  private head(token: IToken): void {
    const statement = token as StatementToken;
    if (statement.words === undefined) return;
    if (statement.opening === undefined) this.out.push(statement);
    else this.open(statement, statement.opening);
  }

  /** A `{` no keyword owns: keepalived says "Unexpected '{'". */
  private orphan(token: BraceToken): void {
    if (token.span !== undefined) this.open(orphanStatement(), token);
  }

  private open(statement: StatementNode, token: BraceToken): void {
    if (statement.words.length === 0 && statement.definition === undefined) this.orphans.push(statement);
    const statements: StatementNode[] = [];
    statement.block = { open: token, statements, close: undefined };
    this.out.push(statement);
    this.outs.push(this.out);
    this.owners.push(statement);
    this.out = statements;
  }

  private close(token: BraceToken): void {
    if (token.span === undefined) return;
    const owner = this.owners.pop();
    if (owner === undefined) {
      this.strays.push(token);
      return;
    }
    owner.block!.close = token;
    this.out = this.outs.pop()!;
  }

  /**
   * Lets go of the text just parsed: its tokens (Chevrotain keeps the input), the statements and block lists. The
   * parser is the process's one, so otherwise it would hold the last file's whole parse until the next parse.
   */
  release(): void {
    this.input = NO_INPUT;
    this.out = [];
    this.outs = [];
    this.owners = [];
    this.strays = [];
    this.orphans = [];
    this.unclosed = [];
  }
}

const NO_INPUT: IToken[] = [];

function orphanStatement(): StatementNode {
  return { words: [], span: undefined, conditional: undefined, definition: undefined, sequences: [], block: undefined };
}

/** The one parser of the process, reset for each input with `parser.input = tokens`. */
export const parser = new KeepalivedParser();
