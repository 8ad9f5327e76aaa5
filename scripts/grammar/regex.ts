/** Types, regex fragments and word lists shared by the grammar's rules (see scripts/generate-grammar.ts). */

export interface Capture {
  name?: string;
  patterns?: Rule[];
}
export type Captures = Record<string, Capture>;

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

/** A value may start after these (or at line start): blanks, braces, `~SEQ(` punctuation, `"` and `$X=`. */
export const VALUE_START = String.raw`(?<![^\s{}(,"=])`;
/** ...and must end before these: a comment sign ends a word as keepalived strips comments first. */
export const VALUE_END = String.raw`(?=[\s{}#!,)"]|$)`;
/** Keywords end at a blank, a brace, a comment sign or the end of the line. */
export const KEYWORD_END = String.raw`(?=[\s{}#!]|$)`;
/** Statement start reachable from anywhere: line start or just after a block brace. */
export const STATEMENT_START = String.raw`(?:^|(?<=\{))[ \t]*`;
/** ...plus `\G`: right after `@id `, `~SEQ(...)` or `$NAME=`. Only known keywords are accepted there. */
export const ANCHORED_START = String.raw`(?:^|\G|(?<=\{))[ \t]*`;
/** One character of an unquoted word: `\x` escapes, `${NAME}` is part of the word, comments end it. */
export const WORD = String.raw`(?:\\.|\$\{[^}\s]*\}|[^\s{}#!"\\])+`;

export const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
export const IPV4 = String.raw`${OCTET}(?:\.${OCTET}){3}`;
export const H16 = "[0-9A-Fa-f]{1,4}";
/** RFC 4291 text forms, compressed or not, with an optional embedded IPv4 tail. */
export const IPV6 = [
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
export const NOT_A_VALUE = String.raw`(?![0-9:\-]|${H16}:)`;

/** Booleans accepted by every on/off keyword. */
export const BOOLEANS = ["on", "off", "true", "false", "yes", "no"];
/** Enum keywords whose upper-case words are coloured wherever they appear as values (e.g. in ${} defaults). */
export const GLOBAL_ENUM_KEYWORDS = new Set(["state", "auth_type", "lb_kind", "lvs_method", "protocol"]);
/**
 * Option words of value-block items (virtual_ipaddress, virtual_routes, virtual_rules, track_*, unicast_peer,
 * virtual_server_group), from the item syntax the catalog documents in prose (`items`), so kept by hand.
 */
export const ITEM_OPTIONS = [
  "brd", "broadcast", "dev", "scope", "label", "peer", "home", "-nodad", "nodad", "noprefixroute", "autojoin",
  "mngtmpaddr", "preferred_lft", "forever", "no_track", "track_group", "use_vmac", "min_ttl", "max_ttl",
  "weight", "reverse", "noreverse", "src", "to", "from", "via", "gw", "or", "table", "metric", "proto",
  "protocol", "type", "onlink", "blackhole", "prohibit", "unreachable", "throw", "nexthop", "iif", "oif",
  "fwmark", "lookup", "priority", "preference", "goto", "tos", "inet", "inet6",
];
export const PREDEFINED_VARIABLES = ["_PWD", "_INSTANCE", "_RANDOM", "_HASH", "_BANG"];

export function escapeRegex(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
}

/** Longest first, so that an alternation never settles on a prefix of the word. */
export function alternation(words: Iterable<string>): string {
  const unique = [...new Set(words)].sort((a, b) => b.length - a.length || a.localeCompare(b));
  return unique.map(escapeRegex).join("|");
}

export const include = (name: string): Rule => ({ include: `#${name}` });

/**
 * Enum words carry two scopes: themes that colour `constant.language` (Monokai, Solarized) use it, while Dark+
 * and Light+, where it is the keyword colour, pick the enum-member colour and so set `MASTER` apart from `state`.
 */
export const ENUM_SCOPE = "constant.language.enum.keepalived variable.other.enummember.keepalived";
