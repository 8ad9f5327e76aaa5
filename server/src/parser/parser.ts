import { EmbeddedActionsParser, type IToken } from "chevrotain";
import {
  allTokens,
  Conditional,
  Definition,
  HeadWord,
  LBrace,
  LoneConditional,
  LoneSequence,
  RBrace,
  Sequence,
  Value,
} from "./tokens.ts";
import type { BlockNode, StatementNode, SyntaxTree } from "./syntax.ts";

/**
 * keepalived.conf is line based: a statement is the words of one line, optionally followed by a `{ ... }`
 * block that may open on the same line or a later one. What a keyword means, whether it may take a block and
 * what a value-block item is are decided from the catalog when the model is built, so this grammar accepts
 * any arrangement of words and braces and fails only where braces do not balance.
 *
 * Embedded actions build the syntax tree directly: on the 44k-line benchmark file they parse in about a third
 * of the time that building a CST and visiting it takes, and the tree is already the shape the model needs.
 */
export class KeepalivedParser extends EmbeddedActionsParser {
  constructor() {
    super(allTokens, { recoveryEnabled: true });
    this.performSelfAnalysis();
  }

  public document = this.RULE("document", (): SyntaxTree => {
    const statements: StatementNode[] = [];
    const strayCloses: IToken[] = [];
    this.MANY(() => {
      this.OR([
        { ALT: () => pushStatement(statements, this.SUBRULE(this.statement)) },
        { ALT: () => strayCloses.push(this.CONSUME(RBrace)) },
      ]);
    });
    return { statements, strayCloses };
  });

  private statement = this.RULE("statement", (): StatementNode => {
    const words: IToken[] = [];
    let conditional: IToken | undefined;
    let definition: IToken | undefined;
    const sequences: IToken[] = [];
    let block: BlockNode | undefined;
    this.OR([
      { ALT: () => (conditional = this.CONSUME(LoneConditional)) },
      {
        ALT: () => {
          this.OPTION(() => (conditional = this.CONSUME(Conditional)));
          this.OR2([
            { ALT: () => (definition = this.CONSUME(Definition)) },
            { ALT: () => this.AT_LEAST_ONE(() => sequences.push(this.CONSUME(LoneSequence))) },
            {
              ALT: () => {
                this.MANY(() => sequences.push(this.CONSUME(Sequence)));
                this.OR3([
                  {
                    ALT: () => {
                      words.push(this.CONSUME(HeadWord));
                      this.MANY2(() => words.push(this.CONSUME(Value)));
                      this.OPTION3(() => (block = this.SUBRULE(this.block)));
                    },
                  },
                  // `{` opening a line with no keyword before it: keepalived says "Unexpected '{'".
                  { ALT: () => (block = this.SUBRULE2(this.block)) },
                ]);
              },
            },
          ]);
        },
      },
    ]);
    return { words, conditional, definition, sequences, block };
  });

  private block = this.RULE("block", (): BlockNode => {
    const open = this.CONSUME(LBrace);
    const statements: StatementNode[] = [];
    this.MANY(() => pushStatement(statements, this.SUBRULE(this.statement)));
    // Optional so that a block left open at the end of the text still yields everything read so far; the
    // caller reports it with the block's own position rather than the end of the file.
    const close = this.OPTION(() => this.CONSUME(RBrace));
    return { open, statements, close };
  });
}

/** A statement that recovery abandoned comes back undefined: it has nothing the model could use. */
function pushStatement(statements: StatementNode[], statement: StatementNode | undefined): void {
  if (statement !== undefined) statements.push(statement);
}

/** The one parser of the process, reset for each input with `parser.input = tokens`. */
export const parser = new KeepalivedParser();
