/** The keepalived versions the catalog describes: 2.2 (Debian 12 / Ubuntu ship 2.2.7) and the 2.4 line (HEAD). */
export const KEEPALIVED_VERSIONS = ["2.2", "2.4"] as const;
export type KeepalivedVersion = (typeof KEEPALIVED_VERSIONS)[number];
export const NEWEST_VERSION: KeepalivedVersion = "2.4";

export type ArgType =
  | "uint"
  | "int"
  | "decimal"
  | "bool"
  | "enum"
  | "literal"
  | "string"
  | "ip"
  | "ipv4"
  | "ipv6"
  | "port"
  | "ifname"
  | "script";

export interface ArgSpec {
  name: string;
  type: ArgType;
  required: boolean;
  min?: number;
  max?: number;
  /** Enum words (case-sensitive) or the literal word itself. */
  values?: string[];
  /** Longest value keepalived keeps; longer ones are truncated. */
  maxLength?: number;
  /** Decimal places kept for `decimal`. */
  decimals?: number;
  /** `+`/`-` prefixes accepted before an enum word. */
  prefixes?: string[];
  repeatable?: boolean;
  default?: string;
}

export type KeywordKind = "keyword" | "block" | "value_block";

export interface Deprecation {
  /** What to write instead, in words; `replacement` is set when that is a keyword of the same block. */
  use: string;
  replacement?: string;
  /** How keepalived reports it: as a config error, only in its log, or not at all. */
  reported: "config_error" | "log_only" | "none";
}

export interface KeywordSpec {
  name: string;
  /** Slash-separated path from the top level, e.g. `vrrp_instance/authentication/auth_pass`. */
  path: string;
  kind: KeywordKind;
  /** Versions that accept the keyword. */
  versions: KeepalivedVersion[];
  /** Arguments after the keyword (for blocks: after the block keyword, before `{`). */
  args: ArgSpec[];
  /** False when nothing is known of the arguments: then neither missing nor extra values are reported. */
  argsKnown: boolean;
  /** Item syntax of a value block. */
  items?: string;
  /** Keywords of the same block that share this one's handler. */
  synonyms?: string[];
  deprecated?: Deprecation;
  /** The command line is re-tokenised with `'` quotes and backslash escapes. */
  script?: boolean;
  default?: string;
  /** keepalived rejects the block without it. */
  requiredInBlock?: boolean;
  /** Names defined by this block must be defined before an instance refers to them. */
  mustPrecedeReferences?: boolean;
  children?: KeywordSpec[];
}

export interface CatalogData {
  generatedFrom: string;
  keepalived: { "2.2": string; "2.4": string };
  topLevel: KeywordSpec[];
}
