import { strict as assert } from "node:assert";
import { lex } from "../../server/src/parser/lexer.ts";

function types(text: string): string[] {
  return lex(text).tokens.map((t) => `${t.tokenType.name}:${t.image}`);
}

describe("lexer", () => {
  it("splits words, braces and quoted strings", () => {
    assert.deepEqual(types('vrrp_instance VI_1 {\n  notify_master "/bin/n MASTER"\n}'), [
      "HeadWord:vrrp_instance",
      "Word:VI_1",
      "LBrace:{",
      "HeadWord:notify_master",
      "QuotedString:\"/bin/n MASTER\"",
      "RBrace:}",
    ]);
  });
});
