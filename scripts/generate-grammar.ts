/**
 * Writes syntaxes/keepalived.tmLanguage.json (scope `source.keepalived`) from the keyword catalog, so the block
 * and value-block alternations follow server/src/catalog/keywords.generated.json.
 *
 *   node scripts/generate-grammar.ts          write the grammar
 *   node scripts/generate-grammar.ts --check  exit 1 when the committed grammar is stale
 *
 * TextMate matches one line at a time, so "first word of a statement" is spelt with anchors: `^` (line start),
 * `(?<=\{)` (keepalived splits a line after a brace and reparses the rest) and `\G`, the end of the enclosing
 * rule's begin match, which is how a statement after `@id `, `~SEQ(...) ` or `$NAME=` is recognised.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { CatalogData, KeywordSpec } from "../server/src/catalog/types.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const CATALOG_PATH = join(root, "server/src/catalog/keywords.generated.json");
export const GRAMMAR_PATH = join(root, "syntaxes/keepalived.tmLanguage.json");

interface Capture {
  name?: string;
  patterns?: Rule[];
}
type Captures = Record<string, Capture>;

/** The subset of the TextMate rule format this grammar uses. */
export interface Rule {
  comment?: string;
  name?: string;
  contentName?: string;
  match?: string;
  begin?: string;
  end?: string;
  captures?: Captures;
  beginCaptures?: Captures;
  endCaptures?: Captures;
  patterns?: Rule[];
  include?: string;
}

export interface Grammar {
  $schema: string;
  name: string;
  scopeName: string;
  comment: string;
  patterns: Rule[];
  repository: Record<string, Rule>;
}

// ---- regex fragments -------------------------------------------------------------------------------------

/** A value may start after these (or at line start): blanks, braces, `~SEQ(` punctuation, `"` and `$X=`. */
const VALUE_START = String.raw`(?<![^\s{}(,"=])`;
/** ...and must end before these: a comment sign ends a word as keepalived strips comments first. */
const VALUE_END = String.raw`(?=[\s{}#!,)"]|$)`;
/** Keywords end at a blank, a brace, a comment sign or the end of the line. */
const KEYWORD_END = String.raw`(?=[\s{}#!]|$)`;
/** Statement start reachable from anywhere: line start or just after a block brace. */
const STATEMENT_START = String.raw`(?:^|(?<=\{))[ \t]*`;
/** ...plus `\G`: right after `@id `, `~SEQ(...)` or `$NAME=`. Only known keywords are accepted there. */
const ANCHORED_START = String.raw`(?:^|\G|(?<=\{))[ \t]*`;
/** One character of an unquoted word: `\x` escapes, `${NAME}` is part of the word, comments end it. */
const WORD = String.raw`(?:\\.|\$\{[^}\s]*\}|[^\s{}#!"\\])+`;

const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const IPV4 = String.raw`${OCTET}(?:\.${OCTET}){3}`;
const H16 = "[0-9A-Fa-f]{1,4}";
/** RFC 4291 text forms, compressed or not, with an optional embedded IPv4 tail. */
const IPV6 = [
  `(?:${H16}:){7}${H16}`,
  `(?:${H16}:){6}${IPV4}`,
  `(?:${H16}:){1,7}:`,
  `(?:${H16}:){1,6}:${H16}`,
  `(?:${H16}:){1,5}(?::${H16}){1,2}`,
  `(?:${H16}:){1,4}(?::${H16}){1,3}`,
  `(?:${H16}:){1,3}(?::${H16}){1,4}`,
  `(?:${H16}:){1,2}(?::${H16}){1,5}`,
  `${H16}:(?::${H16}){1,6}`,
  `(?:${H16}:){1,5}:${IPV4}`,
  `::(?:${H16}:){0,5}${IPV4}`,
  `::(?:${H16}(?::${H16}){0,6})?`,
].join("|");
/** Names never start like a number or an IPv6 address (`fe80::`), so those words stay values. */
const NOT_A_VALUE = String.raw`(?![0-9:\-]|${H16}:)`;

/** Booleans accepted by every on/off keyword. */
const BOOLEANS = ["on", "off", "true", "false", "yes", "no"];
/** Enum keywords whose upper-case words are coloured wherever they appear as values (e.g. in ${} defaults). */
const GLOBAL_ENUM_KEYWORDS = new Set(["state", "auth_type", "lb_kind", "lvs_method", "protocol"]);
/**
 * Option words of value-block items (virtual_ipaddress, virtual_routes, virtual_rules, track_*, unicast_peer,
 * virtual_server_group), from the item syntax the catalog documents in prose (`items`), so kept by hand.
 */
const ITEM_OPTIONS = [
  "brd", "broadcast", "dev", "scope", "label", "peer", "home", "-nodad", "nodad", "noprefixroute", "autojoin",
  "mngtmpaddr", "preferred_lft", "forever", "no_track", "track_group", "use_vmac", "min_ttl", "max_ttl",
  "weight", "reverse", "noreverse", "src", "to", "from", "via", "gw", "or", "table", "metric", "proto",
  "protocol", "type", "onlink", "blackhole", "prohibit", "unreachable", "throw", "nexthop", "iif", "oif",
  "fwmark", "lookup", "priority", "preference", "goto", "tos", "inet", "inet6",
];
const PREDEFINED_VARIABLES = ["_PWD", "_INSTANCE", "_RANDOM", "_HASH", "_BANG"];

function escapeRegex(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
}

/** Longest first, so that an alternation never settles on a prefix of the word. */
function alternation(words: Iterable<string>): string {
  const unique = [...new Set(words)].sort((a, b) => b.length - a.length || a.localeCompare(b));
  return unique.map(escapeRegex).join("|");
}

// ---- catalog ---------------------------------------------------------------------------------------------

export interface GrammarWords {
  blocks: string[];
  valueBlocks: string[];
  keywords: string[];
  /** Enum value sets with the keywords that take them. */
  enums: { keywords: string[]; values: string[] }[];
}

export function wordsOf(catalog: CatalogData): GrammarWords {
  const blocks = new Set<string>();
  const valueBlocks = new Set<string>();
  const keywords = new Set<string>();
  const enumsByValues = new Map<string, Set<string>>();
  const visit = (spec: KeywordSpec): void => {
    keywords.add(spec.name);
    if (spec.kind === "block") blocks.add(spec.name);
    if (spec.kind === "value_block") valueBlocks.add(spec.name);
    for (const arg of spec.args) {
      if ((arg.type !== "enum" && arg.type !== "literal") || arg.values === undefined) continue;
      const key = JSON.stringify([...arg.values].sort());
      const users = enumsByValues.get(key) ?? new Set<string>();
      users.add(spec.name);
      enumsByValues.set(key, users);
    }
    for (const child of spec.children ?? []) visit(child);
  };
  catalog.topLevel.forEach(visit);
  const sorted = (set: Set<string>): string[] => [...set].sort();
  const enums = [...enumsByValues].map(([key, users]) => ({ keywords: sorted(users), values: JSON.parse(key) as string[] }));
  enums.sort((a, b) => (a.keywords[0] ?? "").localeCompare(b.keywords[0] ?? ""));
  return { blocks: sorted(blocks), valueBlocks: sorted(valueBlocks), keywords: sorted(keywords), enums };
}

// ---- rules -----------------------------------------------------------------------------------------------

const include = (name: string): Rule => ({ include: `#${name}` });

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

export function buildGrammar(catalog: CatalogData): Grammar {
  const words = wordsOf(catalog);
  const dual = words.valueBlocks.filter((name) => words.blocks.includes(name));
  // A name that is both (track_file) is a value block only when no block name follows it.
  const valueBlockRegex = [
    alternation(words.valueBlocks.filter((name) => !dual.includes(name))),
    ...dual.map((name) => String.raw`${escapeRegex(name)}(?=[ \t]*(?:[{#!]|$))`),
  ].join("|");
  const globalEnums = words.enums
    .filter((e) => e.keywords.some((k) => GLOBAL_ENUM_KEYWORDS.has(k)))
    .flatMap((e) => e.values);

  const enumDirectives: Rule[] = words.enums.map((e) =>
    directive(alternation(e.keywords), ANCHORED_START, "keyword.other.directive.keepalived", [
      {
        // include_check takes +/- prefixed words
        match: String.raw`${VALUE_START}([+-])?(${alternation(e.values)})${VALUE_END}`,
        captures: { "1": { name: "keyword.operator.prefix.keepalived" }, "2": { name: "constant.language.enum.keepalived" } },
      },
    ]),
  );

  const repository: Record<string, Rule> = {
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
        { match: String.raw`${VALUE_START}(?:${alternation(globalEnums)})${VALUE_END}`, name: "constant.language.enum.keepalived" },
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

  return {
    $schema: "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
    name: "keepalived",
    scopeName: "source.keepalived",
    comment: "Generated by scripts/generate-grammar.ts from server/src/catalog/keywords.generated.json: do not edit",
    patterns: [include("comment"), include("statement-conditional"), include("statement-head"), include("values")],
    repository,
  };
}

export function grammarText(catalog: CatalogData): string {
  return `${JSON.stringify(buildGrammar(catalog), null, 2)}\n`;
}

export function readCatalog(path = CATALOG_PATH): CatalogData {
  return JSON.parse(readFileSync(path, "utf8")) as CatalogData;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = grammarText(readCatalog());
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(GRAMMAR_PATH, "utf8");
    } catch {
      // A missing grammar is as stale as an old one.
    }
    if (current !== text) {
      console.error(`${GRAMMAR_PATH} is out of date: run node scripts/generate-grammar.ts`);
      process.exit(1);
    }
  } else {
    writeFileSync(GRAMMAR_PATH, text);
    console.log(`wrote ${GRAMMAR_PATH}`);
  }
}
