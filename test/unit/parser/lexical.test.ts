import { strict as assert } from "node:assert";
import { Lexer } from "chevrotain";
import { lex } from "../../../server/src/parser/lexer.ts";
import { keepalivedLexer } from "../../../server/src/parser/tokens.ts";
import { parse } from "../../../server/src/parser/parse.ts";
import { errorsOf, shape } from "./helpers.ts";

/** The lexical rules of keepalived's lib/parser.c (corpus keepalived-keywords.json `lexical`, notes §3). */

describe("parser: comments", () => {
  it("starts a comment with # or ! anywhere on a line, even inside a word", () => {
    assert.deepEqual(shape("virtual_router_id 51#x\npriority 100 ! the rest\n# whole line\n! whole line\nstate BACKUP"), [
      "virtual_router_id 51",
      "priority 100",
      "state BACKUP",
    ]);
  });

  it("keeps # and ! inside double quotes", () => {
    assert.deepEqual(shape('auth_pass "Ed3!Ha#Px" # real comment'), ['auth_pass "Ed3!Ha#Px"']);
  });

  it("reads \\# and \\! outside quotes as literal characters of the word", () => {
    assert.deepEqual(shape("router_id a\\#b c\\!d # gone"), ["router_id a\\#b c\\!d"]);
  });

  it("returns every comment, in order, for tools that rewrite the text", () => {
    const text = "a 1 # one\n! two\nb \"#x\" !three";
    const comments = parse(text).comments.map((c) => c.image);
    assert.deepEqual(comments, ["# one", "! two", "!three"]);
  });

  it("treats a single quote as an ordinary character, so it does not protect a comment", () => {
    assert.deepEqual(shape("router_id 'a#b'"), ["router_id 'a"]);
  });
});

describe("parser: words and quotes", () => {
  it("separates words by blanks and tabs only: ';' is part of a word", () => {
    assert.deepEqual(shape("interface eth0 ; virtual_router_id 51\nauth_type PASS;\n\tpriority\t100"), [
      "interface eth0 ; virtual_router_id 51",
      "auth_type PASS;",
      "priority 100",
    ]);
  });

  it("groups the words between double quotes into one", () => {
    const words = parse('notify_master "/bin/notify.sh MASTER now" x').tree.statements[0]!.words;
    assert.deepEqual(words.map((w) => w.image), ["notify_master", '"/bin/notify.sh MASTER now"', "x"]);
  });

  it("ends an unquoted word at a double quote, as alloc_strvec does", () => {
    const words = parse('kw foo"bar baz"qux').tree.statements[0]!.words;
    assert.deepEqual(words.map((w) => w.image), ["kw", "foo", '"bar baz"', "qux"]);
  });

  it("keeps a trailing backslash in the word: there is no line continuation", () => {
    assert.deepEqual(shape("interface\\\neth0"), ["interface\\", "eth0"]);
  });

  it("accepts CRLF and CR line ends", () => {
    assert.deepEqual(shape("a 1\r\nb 2\rc 3"), ["a 1", "b 2", "c 3"]);
  });

  it("keeps a {{ placeholder }} of a template as one word", () => {
    assert.deepEqual(shape("interface {{ iface }}\npriority {{prio}}"), ["interface {{ iface }}", "priority {{prio}}"]);
  });
});

describe("parser: braces", () => {
  it("opens a block on the keyword's line, with text after the brace read as a new line", () => {
    assert.deepEqual(shape("vrrp_instance X { state BACKUP\n  virtual_ipaddress { 1.2.3.4/24 }\n}"), [
      "vrrp_instance X",
      ["state BACKUP", "virtual_ipaddress", ["1.2.3.4/24"]],
    ]);
  });

  it("opens a block on the next line", () => {
    assert.deepEqual(shape("vrrp_instance X\n{\n  state MASTER\n}\n"), ["vrrp_instance X", ["state MASTER"]]);
  });

  it("closes a block on a line with other text", () => {
    assert.deepEqual(shape("a {\n b 1 }\nc 2"), ["a", ["b 1"], "c 2"]);
  });

  it("splits a word at a brace", () => {
    assert.deepEqual(shape("track_script{chk}"), ["track_script", ["chk"]]);
  });

  it("does not take a brace inside double quotes as a block", () => {
    assert.deepEqual(shape('script "/bin/x {a}"'), ['script "/bin/x {a}"']);
  });

  it("keeps each value-block item's words on its own line: '{ a b }' is one item with an option", () => {
    assert.deepEqual(shape("virtual_ipaddress { 192.168.1.100/24 192.168.1.101/24 }"), [
      "virtual_ipaddress",
      ["192.168.1.100/24 192.168.1.101/24"],
    ]);
  });

  it("keeps the braces of an include path in the path: glob(3) expands {a,b}", () => {
    assert.deepEqual(shape("include conf.d/{a,b}.conf\ninclude x.conf\nvrrp_instance X {\n}"), ["include conf.d/{a,b}.conf", "include x.conf", "vrrp_instance X", []]);
    assert.deepEqual(shape("router_id a{b}"), ["router_id a", ["b"]]);
  });

  it("reads a ${NAME} reference as part of a word, not as braces", () => {
    assert.deepEqual(shape("interface eth${N}\nx ${A}${B}"), ["interface eth${N}", "x ${A}${B}"]);
  });
});

describe("parser: conditionals, definitions and sequences", () => {
  it("reads @ID and @^ID as the prefix of the line", () => {
    assert.deepEqual(shape("@main router_id main_router\n@^backup priority 100"), [
      "@main router_id main_router",
      "@^backup priority 100",
    ]);
  });

  it("keeps a line that is only @ID as a lone conditional (keepalived drops it)", () => {
    const statements = parse("@main\nstate MASTER").tree.statements;
    assert.equal(statements[0]!.conditional?.tokenType.name, "LoneConditional");
    assert.deepEqual(statements[0]!.words, []);
    assert.deepEqual(statements[1]!.words.map((w) => w.image), ["state", "MASTER"]);
  });

  it("reads @ only at the start of a line", () => {
    assert.deepEqual(shape("notify x@y @z"), ["notify x@y @z"]);
  });

  it("reads $NAME=value at the start of a line, or after a conditional, as a definition", () => {
    assert.deepEqual(shape("$A=1\n  $B = 2\n@main $PRIORITY=240\nkw $A=3"), ["$A=1", "$B = 2", "@main $PRIORITY=240", "kw $A=3"]);
    const statements = parse("$A=1\n  $B = 2").tree.statements;
    assert.ok(statements[0]!.definition !== undefined);
    // A blank before '=' makes it no definition: a line with the word `$B`.
    assert.equal(statements[1]!.definition, undefined);
  });

  it("continues a definition over lines that end with \\, leaving a trailing comment outside", () => {
    const text = "$INSTANCE= \\\nvrrp_instance VI_${NUM} { \\\n  priority 100 \\\n}  # end\nstate BACKUP";
    const statements = parse(text).tree.statements;
    assert.equal(statements[0]!.definition?.image, "$INSTANCE= \\\nvrrp_instance VI_${NUM} { \\\n  priority 100 \\\n}");
    assert.deepEqual(statements[1]!.words.map((w) => w.image), ["state", "BACKUP"]);
  });

  it("continues a definition past a comment that follows the \\ (keepalived strips comments first)", () => {
    const text = "$A= x \\ # first\n  y\nstate BACKUP";
    const statements = parse(text).tree.statements;
    assert.equal(statements.length, 2);
    assert.ok(statements[0]!.definition!.image.endsWith("y"));
  });

  it("ends a definition at an empty line", () => {
    const statements = parse("$A= x \\\n\nstate BACKUP").tree.statements;
    assert.equal(statements[0]!.definition?.image, "$A= x \\");
    assert.deepEqual(statements[1]!.words.map((w) => w.image), ["state", "BACKUP"]);
  });

  it("reads ~SEQ, ~SEQx and ~LST prefixes, several on one line", () => {
    const statements = parse("~SEQ(I, 1, 3) ~LST(J, a, b) ~SEQx(K, 0x90, 0x10, 0xc0) ip ${I}.${J}.${K}").tree.statements;
    assert.deepEqual(statements[0]!.sequences.map((s) => s.image), ["~SEQ(I, 1, 3)", "~LST(J, a, b)", "~SEQx(K, 0x90, 0x10, 0xc0)"]);
    assert.deepEqual(statements[0]!.words.map((w) => w.image), ["ip", "${I}.${J}.${K}"]);
  });

  it("reads a ~LST with braced tuples as one prefix", () => {
    const statements = parse("~LST({IP, IP1}, {10,1},{20,4}) 192.168.${IP}.${IP1}").tree.statements;
    assert.deepEqual(statements[0]!.sequences.map((s) => s.image), ["~LST({IP, IP1}, {10,1},{20,4})"]);
  });
});

describe("lexer", () => {
  const raw = (text: string): string[] => keepalivedLexer.tokenize(text).tokens.map((t) => `${t.tokenType.name}:${t.image}`);

  it("is a Chevrotain lexer with a token for each lexical rule", () => {
    assert.ok(keepalivedLexer instanceof Lexer);
    const result = keepalivedLexer.tokenize('@id $X=1 \\\n  2\n~SEQ(i,1,2) w\\#x "q w" "open {{ t }} { } # c\n! c');
    assert.deepEqual(result.tokens.map((t) => `${t.tokenType.name}:${t.image}`), [
      "Conditional:@id",
      "Definition:$X=1 \\\n  2",
      "Sequence:~SEQ(i,1,2)",
      "Word:w\\#x",
      'QuotedString:"q w"',
      'UnterminatedString:"open {{ t }} { } # c',
    ]);
    assert.deepEqual(result.groups["comments"]!.map((t) => t.image), ["! c"]);
    assert.deepEqual(raw("{{ t }} {a} ;#c"), ["Template:{{ t }}", "LBrace:{", "Word:a", "RBrace:}", "Word:;"]);
    assert.deepEqual(result.errors, []);
  });

  it("makes each token a word with its span in the file, and keeps them all across chunks", () => {
    // KeepalivedLexer replaces two of Chevrotain's internal methods (the token factory and the way tokens are
    // added): if a Chevrotain version stopped calling them, tokens would have no span, or there would be none.
    const words = Array.from({ length: 5000 }, (_, i) => `w${i}`);
    const text = `${words.join(" ")}\n  "q"`;
    const lexed = keepalivedLexer.lex(text, "/etc/k.conf", 100);
    assert.equal(lexed.tokens.length, 5001);
    const last = lexed.tokens.at(5000);
    assert.deepEqual([last.image, last.text, last.quoted, last.startOffset], ['"q"', '"q"', false, text.length - 3]);
    assert.deepEqual(last.span, { file: "/etc/k.conf", start: 100 + text.length - 3, end: 100 + text.length });
    assert.equal(lexed.tokens.at(2048).image, "w2048");
    assert.deepEqual(keepalivedLexer.tokenize(text).tokens.map((t) => t.image), [...words, '"q"']);
    // A prefix after the 2,048th token still sees the token before it.
    assert.deepEqual(raw(`${words.slice(0, 2047).join(" ")}\n{~SEQ(i,1,2) b`).slice(-3), ["LBrace:{", "Sequence:~SEQ(i,1,2)", "Word:b"]);
  });

  it("matches the context-sensitive prefixes only where keepalived reads them", () => {
    // @ID first on a line only; $NAME= first or after @ID; ~SEQ where a statement starts (after a brace too).
    assert.deepEqual(raw("a @id $X=1 ~SEQ(i,1,2)"), ["Word:a", "Word:@id", "Word:$X=1", "Word:~SEQ(i,1,2)"]);
    assert.deepEqual(raw("  @id ~SEQ(i,1,2) a"), ["Conditional:@id", "Sequence:~SEQ(i,1,2)", "Word:a"]);
    assert.deepEqual(raw("a {~SEQ(i,1,2) b\n} ~LST(x) c"), ["Word:a", "LBrace:{", "Sequence:~SEQ(i,1,2)", "Word:b", "RBrace:}", "Sequence:~LST(x)", "Word:c"]);
    assert.deepEqual(raw("@id ~SEQ(i,1,2) $X=1"), ["Conditional:@id", "Sequence:~SEQ(i,1,2)", "Word:$X=1"]);
    // On an include line the braces belong to the path: what follows one is still part of it.
    assert.deepEqual(raw("include a{~SEQ(i,1,2)}"), ["Word:include", "Word:a", "LBrace:{", "Word:~SEQ(i,1,2)", "RBrace:}"]);
    // A ${NAME} reference keeps its braces; a $ that starts no definition is a word.
    assert.deepEqual(raw("a ${X}b $ $1"), ["Word:a", "Word:${X}b", "Word:$", "Word:$1"]);
  });

  it("retypes the first word of each line, and of the text after a brace, as the statement's head", () => {
    const tokens = lex("a 1 {b 2\n}c").tokens.map((t) => `${t.tokenType.name}:${t.image}`);
    assert.deepEqual(tokens, ["HeadWord:a", "Word:1", "LBrace:{", "HeadWord:b", "Word:2", "RBrace:}", "HeadWord:c"]);
  });

  it("reports nothing for any printable text: every character belongs to some token", () => {
    const text = "a \u00e9\u4e2d \x01 \\ $ ~ @ ^ ` | ' ( ) [ ] < > ? , . : = + - * % & ;";
    assert.deepEqual(lex(text).errors, []);
    assert.deepEqual(errorsOf(text), []);
  });
});
