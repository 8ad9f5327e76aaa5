import {
  alternation,
  ENUM_SCOPE,
  BOOLEANS,
  H16,
  include,
  IPV4,
  IPV6,
  PREDEFINED_VARIABLES,
  type Rule,
  STATEMENT_START,
  VALUE_END,
  VALUE_START,
} from "./regex.ts";

/**
 * Rules for what keepalived's line reader sees before any keyword is looked at: comments, escapes, quotes,
 * `$NAME=` definitions, `${NAME}` uses, includes, and the value words (addresses, numbers, constants).
 * `globalEnums` are the enum words coloured wherever they stand.
 */
export function lexicalRules(globalEnums: string[]): Record<string, Rule> {
  return {
    comment: {
      comment: "# and ! start a comment anywhere outside double quotes, even inside a word (auth_pass ab!cd)",
      patterns: [
        { match: "(#).*$", name: "comment.line.number-sign.keepalived", captures: { "1": { name: "punctuation.definition.comment.keepalived" } } },
        { match: "(!).*$", name: "comment.line.exclamation.keepalived", captures: { "1": { name: "punctuation.definition.comment.keepalived" } } },
      ],
    },
    escape: {
      comment: String.raw`\# and \! are literal; any other backslash pair is consumed so that \\# still comments`,
      patterns: [{ match: String.raw`\\[#!]`, name: "constant.character.escape.keepalived" }, { match: String.raw`\\.` }],
    },
    string: {
      name: "string.quoted.double.keepalived",
      begin: '"',
      beginCaptures: { "0": { name: "punctuation.definition.string.begin.keepalived" } },
      // keepalived never joins lines, so an unterminated quote stops at the end of its line.
      end: '"|$',
      endCaptures: { "0": { name: "punctuation.definition.string.end.keepalived" } },
      patterns: [include("variable")],
    },
    variable: {
      patterns: [
        {
          match: String.raw`(\$\{)(?:(${alternation(PREDEFINED_VARIABLES)})|([A-Za-z_][A-Za-z0-9_]*))(?:[ \t]+([^}]*))?(\})`,
          captures: {
            "1": { name: "punctuation.definition.variable.begin.keepalived" },
            "2": { name: "variable.language.keepalived" },
            "3": { name: "variable.other.keepalived" },
            "4": { patterns: [include("number")] },
            "5": { name: "punctuation.definition.variable.end.keepalived" },
          },
        },
        {
          match: String.raw`(\$)(?:(${alternation(PREDEFINED_VARIABLES)})|([A-Za-z_][A-Za-z0-9_]*))(?=[\s,)#!]|$)`,
          captures: {
            "1": { name: "punctuation.definition.variable.keepalived" },
            "2": { name: "variable.language.keepalived" },
            "3": { name: "variable.other.keepalived" },
          },
        },
      ],
    },
    ip: {
      patterns: [
        {
          comment: "fe80::1%eth0/64, or a virtual_server_group range ae00::2-9",
          match: String.raw`${VALUE_START}(${IPV6})(?:(%)([\w.-]+))?(?:(-)(${H16}))?(?:(/)(\d{1,3}))?${VALUE_END}`,
          captures: {
            "1": { name: "constant.numeric.ip-address.ipv6.keepalived" },
            "2": { name: "punctuation.separator.zone.keepalived" },
            "3": { name: "constant.numeric.ip-address.zone.keepalived" },
            "4": { name: "punctuation.separator.range.keepalived" },
            "5": { name: "constant.numeric.ip-address.range-end.keepalived" },
            "6": { name: "punctuation.separator.prefix.keepalived" },
            "7": { name: "constant.numeric.prefix-length.keepalived" },
          },
        },
        {
          comment: "10.0.0.1/24, or a virtual_server_group range 10.0.0.1-10",
          match: String.raw`${VALUE_START}(${IPV4})(?:(-)(\d{1,3}))?(?:(/)(\d{1,2}))?${VALUE_END}`,
          captures: {
            "1": { name: "constant.numeric.ip-address.ipv4.keepalived" },
            "2": { name: "punctuation.separator.range.keepalived" },
            "3": { name: "constant.numeric.ip-address.range-end.keepalived" },
            "4": { name: "punctuation.separator.prefix.keepalived" },
            "5": { name: "constant.numeric.prefix-length.keepalived" },
          },
        },
      ],
    },
    number: {
      patterns: [
        { match: String.raw`${VALUE_START}-?\d+\.\d+${VALUE_END}`, name: "constant.numeric.decimal.keepalived" },
        { match: String.raw`${VALUE_START}-?\d+${VALUE_END}`, name: "constant.numeric.integer.keepalived" },
      ],
    },
    constant: {
      patterns: [
        { match: String.raw`${VALUE_START}(?:${alternation(BOOLEANS)})${VALUE_END}`, name: "constant.language.boolean.keepalived" },
        { match: String.raw`${VALUE_START}(?:${alternation(globalEnums)})${VALUE_END}`, name: ENUM_SCOPE },
      ],
    },
    brace: {
      patterns: [
        { match: String.raw`\{`, name: "punctuation.section.block.begin.keepalived" },
        { match: String.raw`\}`, name: "punctuation.section.block.end.keepalived" },
      ],
    },
    values: {
      comment: "Whatever may follow a keyword on its line",
      patterns: [
        include("comment"),
        include("escape"),
        include("string"),
        include("variable"),
        include("ip"),
        include("number"),
        include("constant"),
        include("brace"),
      ],
    },
    include: {
      comment: "include FILE and its checked variants includer/m/w/b/a; FILE is a glob",
      begin: String.raw`${STATEMENT_START}(include[rmwba]?)(?=\s|$)`,
      beginCaptures: { "1": { name: "keyword.control.import.include.keepalived" } },
      end: String.raw`(?=[#!])|$`,
      patterns: [
        include("string"),
        { match: String.raw`(?:\\.|[^\s#!"\\])+`, name: "string.unquoted.path.include.keepalived" },
      ],
    },
    definition: {
      comment: "$NAME=VALUE at the start of a line; a value whose line ends with \\ goes on",
      begin: String.raw`(?:^|\G)[ \t]*(\$)([A-Za-z_][A-Za-z0-9_]*)(=)`,
      beginCaptures: {
        "1": { name: "punctuation.definition.variable.keepalived" },
        "2": { name: "variable.other.definition.keepalived" },
        "3": { name: "keyword.operator.assignment.keepalived" },
      },
      end: "$",
      name: "meta.definition.variable.keepalived",
      patterns: [
        {
          comment: "A trailing \\ continues the value, even before a comment (comments are stripped first)",
          begin: String.raw`(\\)[ \t]*(?=[#!]|$)`,
          beginCaptures: { "1": { name: "constant.character.escape.line-continuation.keepalived" } },
          end: "^",
          patterns: [include("comment")],
        },
        include("comment"),
        include("statement-head"),
        include("values"),
      ],
    },
    "sequence-parameters": {
      patterns: [
        { match: String.raw`(?<=\()[ \t]*([A-Za-z_][A-Za-z0-9_]*)`, captures: { "1": { name: "variable.parameter.keepalived" } } },
        {
          comment: "~LST({A,B},{1,2},...) binds several variables at once",
          match: String.raw`(?<=\()[ \t]*(\{)([^}]*)(\})`,
          captures: {
            "1": { name: "punctuation.section.braces.keepalived" },
            "2": {
              patterns: [
                { match: "[A-Za-z_][A-Za-z0-9_]*", name: "variable.parameter.keepalived" },
                { match: ",", name: "punctuation.separator.comma.keepalived" },
              ],
            },
            "3": { name: "punctuation.section.braces.keepalived" },
          },
        },
        { match: ",", name: "punctuation.separator.comma.keepalived" },
        { match: String.raw`[{}]`, name: "punctuation.section.braces.keepalived" },
        include("variable"),
        include("number"),
      ],
    },
  };
}
