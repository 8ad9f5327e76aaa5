import type { GrammarWords } from "./catalogWords.ts";
import {
  alternation,
  ENUM_SCOPE,
  ANCHORED_START,
  escapeRegex,
  include,
  ITEM_OPTIONS,
  KEYWORD_END,
  NOT_A_VALUE,
  type Rule,
  STATEMENT_START,
  VALUE_END,
  VALUE_START,
  WORD,
} from "./regex.ts";

/** `vrrp_instance VI_1`: the first plain word after a block keyword names the block (IPs and numbers don't). */
const blockName: Rule = {
  match: String.raw`\G[ \t]+${NOT_A_VALUE}(${WORD})`,
  captures: { "1": { name: "entity.name.type.block.keepalived", patterns: [include("escape"), include("variable")] } },
};

/** A statement led by a keyword, up to the end of the line or a brace, with `extra` rules for its values. */
function directive(keywordRegex: string, start: string, scope: string, extra: Rule[]): Rule {
  return {
      begin: `${start}(${keywordRegex})${KEYWORD_END}`,
      beginCaptures: { "1": { name: scope } },
      end: String.raw`(?=[{}#!])|$`,
      patterns: [...extra, include("values")],
  };
}

/** `@id` / `@^id` prefix; `heads` decides what may follow (a statement, or a value-block item). */
function conditional(heads: string): Rule {
  return {
      comment: "@ID keeps the line only on the host whose config-id is ID, @^ID everywhere else",
      begin: String.raw`^[ \t]*(@\^?)([^\s!"#{}]*)`,
      beginCaptures: {
        "1": { name: "keyword.control.conditional.keepalived" },
        "2": { name: "variable.other.constant.config-id.keepalived" },
      },
      // Ends as soon as the statement's first word has been looked at (see the file comment on \G).
      end: String.raw`(?!\G)`,
      patterns: [include(heads)],
  };
}

function sequence(heads: string): Rule {
  return {
      comment: "~SEQ(VAR, [START,] [STEP,] END) / ~SEQx(...) / ~LST(VAR, v1, ...) repeat the rest of the line",
      begin: String.raw`${ANCHORED_START}(~(?:SEQx?|LST))(\()((?:[^()]|\([^()]*\))*)(\))`,
      beginCaptures: {
        "1": { name: "keyword.control.loop.keepalived" },
        "2": { name: "punctuation.section.parens.begin.keepalived" },
        "3": { patterns: [include("sequence-parameters")] },
        "4": { name: "punctuation.section.parens.end.keepalived" },
      },
      end: String.raw`(?!\G)`,
      patterns: [include(heads)],
  };
}

/**
 * Rules for the first word of a statement and what it opens: blocks with their names, value blocks whose lines
 * are items, directives (with their enum words), and the `@id` / `~SEQ()` prefixes that may stand before them.
 */
export function statementRules(words: GrammarWords): Record<string, Rule> {
  const dual = words.valueBlocks.filter((name) => words.blocks.includes(name));
  // A name that is both (track_file) is a value block only when no block name follows it.
  const valueBlockRegex = [
    alternation(words.valueBlocks.filter((name) => !dual.includes(name))),
    ...dual.map((name) => String.raw`${escapeRegex(name)}(?=[ \t]*(?:[{#!]|$))`),
  ].join("|");

  const enumDirectives: Rule[] = words.enums.map((e) =>
    directive(alternation(e.keywords), ANCHORED_START, "keyword.other.directive.keepalived", [
      {
        // include_check takes +/- prefixed words
        match: String.raw`${VALUE_START}([+-])?(${alternation(e.values)})${VALUE_END}`,
        captures: { "1": { name: "keyword.operator.prefix.keepalived" }, "2": { name: ENUM_SCOPE } },
      },
    ]),
  );
  return {
    "statement-sequence": sequence("statement-head"),
    "item-sequence": sequence("item-head"),
    "statement-conditional": conditional("statement-head"),
    "item-conditional": conditional("item-head"),
    "value-block": {
      comment: "A block of value lines (virtual_ipaddress, track_script, unicast_peer, ...): its lines are items",
      begin: String.raw`${ANCHORED_START}(${valueBlockRegex})${KEYWORD_END}`,
      beginCaptures: { "1": { name: "keyword.control.value-block.keepalived" } },
      // Ends after its braces, or on a line that does not open them, so a missing `{` does not leak.
      end: String.raw`(?<=\})|^(?=[ \t]*[^\s{#!])`,
      patterns: [include("comment"), blockName, include("values-without-braces"), include("item-list")],
    },
    "values-without-braces": {
      patterns: [include("escape"), include("string"), include("variable"), include("ip"), include("number"), include("constant")],
    },
    "item-list": {
      begin: String.raw`\{`,
      beginCaptures: { "0": { name: "punctuation.section.block.begin.keepalived" } },
      end: String.raw`\}`,
      endCaptures: { "0": { name: "punctuation.section.block.end.keepalived" } },
      patterns: [include("comment"), include("item-conditional"), include("item-head"), include("item-values")],
    },
    "item-head": {
      patterns: [
        include("include"),
        include("definition"),
        include("item-sequence"),
        {
          comment: "Route and rule items may start with an option (src, from, to), group items with fwmark",
          match: String.raw`${ANCHORED_START}(${alternation(ITEM_OPTIONS)})${VALUE_END}`,
          captures: { "1": { name: "keyword.other.option.keepalived" } },
        },
        {
          comment: "The first word of an item names something (a script, an interface); IPs and numbers stay values",
          match: String.raw`${ANCHORED_START}${NOT_A_VALUE}(${WORD})`,
          captures: { "1": { name: "variable.other.item.keepalived", patterns: [include("escape"), include("variable")] } },
        },
      ],
    },
    "item-values": {
      patterns: [
        include("values-without-braces"),
        { match: String.raw`${VALUE_START}(?:${alternation(ITEM_OPTIONS)})${VALUE_END}`, name: "keyword.other.option.keepalived" },
        include("comment"),
      ],
    },
    "virtual-server-group-header": {
      comment: "virtual_server group NAME / virtual_server fwmark N",
      begin: String.raw`${ANCHORED_START}(virtual_server)[ \t]+(group|fwmark)${KEYWORD_END}`,
      beginCaptures: { "1": { name: "keyword.control.block.keepalived" }, "2": { name: "keyword.other.modifier.keepalived" } },
      end: String.raw`(?=[{}#!])|$`,
      patterns: [blockName, include("values")],
    },
    "block-header": {
      comment: "A block keyword and its arguments up to `{`; the first plain word is the block's name",
      begin: String.raw`${ANCHORED_START}(${alternation(words.blocks)})${KEYWORD_END}`,
      beginCaptures: { "1": { name: "keyword.control.block.keepalived" } },
      end: String.raw`(?=[{}#!])|$`,
      patterns: [blockName, include("values")],
    },
    "enum-directives": { patterns: enumDirectives },
    "known-directive": {
      comment: "Any keyword the catalog knows; the only directives accepted after @id, ~SEQ() and $NAME=",
      match: String.raw`${ANCHORED_START}(${alternation(words.keywords)})${KEYWORD_END}`,
      captures: { "1": { name: "keyword.other.directive.keepalived" } },
    },
    directive: {
      comment: "Any other first word of a statement (keywords are case-sensitive; the server reports unknown ones)",
      match: String.raw`${STATEMENT_START}([A-Za-z_][A-Za-z0-9_]*)${KEYWORD_END}`,
      captures: { "1": { name: "keyword.other.directive.keepalived" } },
    },
    "statement-head": {
      patterns: [
        include("include"),
        include("definition"),
        include("statement-sequence"),
        include("value-block"),
        include("virtual-server-group-header"),
        include("block-header"),
        include("enum-directives"),
        include("known-directive"),
        include("directive"),
      ],
    },
  };
}
