/**
 * Input generators for the robustness properties: raw text of every kind, keepalived-shaped token soup, and
 * mutations of the corpus files. Kept free of inputs already known to blow up (big ~SEQ ranges, doubling
 * definitions): those have their own tests in extremes.test.ts, run under a memory limit.
 */
import fc from "fast-check";
import type { CorpusFile } from "../helpers/corpus.ts";

const SPECIAL = ["\0", "\r", "\n", "\r\n", "\t", "\v", "\f", " ", "\uD800", "\uDFFF", "\uFEFF", "\uFFFD", "\u2028", "é", "💥", "{", "}", '"', "'", "\\", "#", "!", "$", "@", "~", ";", ","];

/** Anything a decoder can hand the language server: raw code units, invalid UTF-8 decoded, control characters. */
export const rawText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 400 }),
  fc.string({ unit: fc.constantFrom(...SPECIAL), maxLength: 200 }),
  fc.uint8Array({ maxLength: 2000 }).map((bytes) => new TextDecoder("utf-8").decode(bytes)),
  fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
  fc.array(fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ maxLength: 8 })), { maxLength: 300 }).map((parts) => parts.join("")),
);

/** One very long line: a long word, many words, or a long quoted string (keepalived itself stops at 1024 bytes). */
export const longLine: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1024, max: 60_000 }), fc.constantFrom("word", "words", "quote", "comment", "braces"))
  .map(([n, shape]) => {
    switch (shape) {
      case "word":
        return `router_id ${"x".repeat(n)}\n`;
      case "words":
        return `virtual_ipaddress ${"10.0.0.1 ".repeat(n / 9)}\n`;
      case "quote":
        return `notify_master "${"q".repeat(n)}\n`;
      case "comment":
        return `priority 100 # ${"c".repeat(n)}\n`;
      default:
        return `global_defs { ${"{ } ".repeat(n / 16)}\n`;
    }
  });

/** Words of the language and of its preprocessor, in any order: reaches far more of the builder than raw text. */
const FRAGMENTS = [
  "global_defs", "router_id", "enable_script_security", "script_user", "vrrp_instance", "VI_1", "VI_2", "state", "MASTER",
  "BACKUP", "interface", "eth0", "virtual_router_id", "51", "300", "-5", "abc", "priority", "100", "255", "advert_int", "0.5",
  "nopreempt", "preempt", "preempt_delay", "unicast_src_ip", "unicast_peer", "192.168.1.10", "192.168.1.311", "fe80::1",
  "authentication", "auth_type", "PASS", "AH", "auth_pass", "secretpassword", "virtual_ipaddress", "192.168.1.100/24",
  "dev", "label", "track_script", "track_interface", "weight", "reverse", "vrrp_script", "chk", "script",
  '"/usr/bin/true arg"', "'/bin/x y'", "interval", "fall", "rise", "timeout", "notify_master", "/etc/keepalived/n.sh",
  "vrrp_sync_group", "group", "virtual_server", "10.0.0.1 80", "real_server", "TCP_CHECK", "HTTP_GET", "url", "path", "/",
  "lb_algo", "rr", "nb_get_retry", "include", "includew", "includea", "a.conf", "inc/*.conf", "inc/{b,c}.conf",
  "/etc/keepalived/keepalived.conf", "nothere.conf", "$A=", "$A=eth0", "$B=${A} {", "$C=\\", "$A", "${A}", "$B", "${UNDEF}",
  "${_PWD}", "${_RANDOM 1 5}", "${_HASH}", "@id1", "@^id1", "@id2", "~SEQ(i,1,3)", "~SEQ(i,3)", "~SEQx(i,0,2,10)",
  "~LST(x,a,b)", "~LST({A,B},{1,2},{3,4})", "~SEQ(", "$i", "{{ vip }}", "{{", "}}", "<ip>", "{", "}", "{", "}", '"', "'",
  "\\", "#", "!", ";", "\0", "\uD800", "é", "$M=a \\\n  b \\\n", "\\\r\n", "$A$A", "${A}${B}", "${_INSTANCE}", "${_RANDOM}",
  "include ${_PWD}/a.conf", "include ../*", "include /etc/keepalived/inc/b.conf", "include [", "~SEQ(i,1,3) $A", "~LST(x, {a,b}, c)",
  "~SEQ(i,-2,2) ~LST(j,a,b)", "@vm", "@^vm {", "$_=x", "$A={", "$B=}",
];
const SEPARATORS = [" ", " ", " ", "\n", "\n", "\n", "\r\n", "\r", "\t", ""];

export const tokenSoup: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), fc.constantFrom(...SEPARATORS)), { maxLength: 160 })
  .map((parts) => parts.map(([word, sep]) => word + sep).join(""));

export const anyText: fc.Arbitrary<string> = fc.oneof({ weight: 4, arbitrary: tokenSoup }, { weight: 3, arbitrary: rawText }, { weight: 1, arbitrary: longLine });

export type Mutation =
  | { op: "delete-line" | "duplicate-line"; at: number }
  | { op: "swap-lines"; at: number; with: number }
  | { op: "insert"; at: number; what: string }
  | { op: "delete-structural"; at: number }
  | { op: "truncate"; at: number }
  | { op: "splice"; other: number; at: number; from: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom("delete-line" as const, "duplicate-line" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("swap-lines" as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), what: fc.constantFrom("{", "}", '"', "'", "\n", "{\n", "}\n", "\\", "#", "$A", "${X}", "@id ", "include a.conf\n", "\0") }),
  fc.record({ op: fc.constant("delete-structural" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("splice" as const), other: fc.nat(), at: fc.nat(), from: fc.nat() }),
);

function lines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

export function applyMutation(text: string, m: Mutation, corpus: readonly CorpusFile[]): string {
  const ls = lines(text);
  const n = Math.max(ls.length, 1);
  switch (m.op) {
    case "delete-line":
      return ls.filter((_, i) => i !== m.at % n).join("");
    case "duplicate-line":
      return ls.flatMap((l, i) => (i === m.at % n ? [l, l] : [l])).join("");
    case "swap-lines": {
      const a = m.at % n;
      const b = m.with % n;
      const copy = [...ls];
      [copy[a], copy[b]] = [ls[b] ?? "", ls[a] ?? ""];
      return copy.join("");
    }
    case "insert": {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.what + text.slice(at);
    }
    case "delete-structural": {
      const positions = [...text.matchAll(/[{}"']/g)].map((x) => x.index);
      if (positions.length === 0) return text;
      const at = positions[m.at % positions.length]!;
      return text.slice(0, at) + text.slice(at + 1);
    }
    case "truncate":
      return text.slice(0, m.at % (text.length + 1));
    case "splice": {
      const other = corpus[m.other % corpus.length]?.text ?? "";
      return text.slice(0, m.at % (text.length + 1)) + other.slice(m.from % (other.length + 1));
    }
  }
}

/** A corpus file (by index) and the mutations applied to it in order. */
export function corpusMutation(corpus: readonly CorpusFile[]): fc.Arbitrary<{ file: CorpusFile; text: string; mutations: Mutation[] }> {
  return fc
    .tuple(fc.nat({ max: corpus.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 8 }))
    .map(([index, mutations]) => {
      const file = corpus[index]!;
      return { file, mutations, text: mutations.reduce((t, m) => applyMutation(t, m, corpus), file.text) };
    });
}
