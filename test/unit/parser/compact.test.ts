import { strict as assert } from "node:assert";
import fc from "fast-check";
import { parseCompact, type CompactSyntax } from "../../../server/src/parser/compact.ts";
import { parse, type ParseResult, type StatementNode } from "../../../server/src/parser/parse.ts";
import { Template, Word } from "../../../server/src/parser/tokens.ts";
import { benchConfig, variedBenchConfig } from "../../../scripts/gen-bench-config.ts";
import { CORPUS_SETS, corpusFiles } from "../../helpers/corpus.ts";
import { anyText, tokenSoup } from "../../property/arbitraries.ts";

/*
 * The typed-array front end (compact.ts) must read every text exactly as the parser the engine uses (parse.ts):
 * the same statements in the same order, each with the same words (offsets, quoted or not), prefixes, block braces
 * and parent; the same stray braces, comments, errors and `simple`.
 */

type Range = [number, number];

const WORD_TYPE = Word.tokenTypeIdx!;
const TEMPLATE_TYPE = Template.tokenTypeIdx!;

interface Flat {
  statements: Array<{ words: Array<[number, number, boolean]>; conditional?: Range; definition?: Range; sequences: Range[]; open?: number; close?: number; parent: number }>;
  strays: number[];
  comments: Range[];
  errors: Array<[string, number, number, string]>;
  simple: boolean;
}

const range = (t: { startOffset: number; image: string }): Range => [t.startOffset, t.startOffset + t.image.length];

function flatOld(result: ParseResult): Flat {
  const statements: Flat["statements"] = [];
  const walk = (list: readonly StatementNode[], parent: number): void => {
    for (const s of list) {
      const index = statements.length;
      statements.push({
        words: s.words.map((w) => [w.startOffset, w.startOffset + w.image.length, w.quoted]),
        ...(s.conditional !== undefined ? { conditional: range(s.conditional) } : {}),
        ...(s.definition !== undefined ? { definition: range(s.definition) } : {}),
        sequences: s.sequences.map(range),
        ...(s.block !== undefined ? { open: s.block.open.startOffset } : {}),
        ...(s.block?.close !== undefined ? { close: s.block.close.startOffset } : {}),
        parent,
      });
      if (s.block !== undefined) walk(s.block.statements, index);
    }
  };
  walk(result.tree.statements, -1);
  return {
    statements,
    strays: result.tree.strayCloses.map((t) => t.startOffset),
    comments: result.comments.map(range),
    errors: result.errors.map((e) => [e.kind, e.start, e.end, e.message]),
    simple: result.simple,
  };
}

function flatCompact(c: CompactSyntax): Flat {
  const statements: Flat["statements"] = [];
  for (let s = 0; s < c.statementCount; s++) {
    const words: Array<[number, number, boolean]> = [];
    for (let w = c.firstWord[s]!; w < c.firstWord[s]! + c.words[s]!; w++) {
      const quoted = c.text.charCodeAt(c.wordStart[w]!) === 0x22 && c.wordType[w] !== WORD_TYPE && c.wordType[w] !== TEMPLATE_TYPE;
      words.push([c.wordStart[w]!, c.wordEnd[w]!, quoted]);
    }
    const sequences: Range[] = [];
    for (let q = c.firstSequence[s]!; q < c.firstSequence[s]! + c.sequences[s]!; q++) sequences.push([c.sequenceStart[q]!, c.sequenceEnd[q]!]);
    statements.push({
      words,
      ...(c.conditionalStart[s]! >= 0 ? { conditional: [c.conditionalStart[s]!, c.conditionalEnd[s]!] as Range } : {}),
      ...(c.definitionStart[s]! >= 0 ? { definition: [c.definitionStart[s]!, c.definitionEnd[s]!] as Range } : {}),
      sequences,
      ...(c.open[s]! >= 0 ? { open: c.open[s]! } : {}),
      ...(c.close[s]! >= 0 ? { close: c.close[s]! } : {}),
      parent: c.parent[s]!,
    });
  }
  const comments: Range[] = [];
  for (let i = 0; i < c.commentStart.length; i++) comments.push([c.commentStart[i]!, c.commentEnd[i]!]);
  return { statements, strays: c.strayCloses, comments, errors: c.errors.map((e) => [e.kind, e.start, e.end, e.message]), simple: c.simple };
}


/** blockEnd must say where each block's statements end: the statements after one, up to it, have it as an ancestor. */
function checkBlockEnds(c: CompactSyntax): void {
  for (let s = 0; s < c.statementCount; s++) {
    const end = c.blockEnd[s]!;
    assert.ok(end > s && end <= c.statementCount, `blockEnd of ${s}`);
    for (let d = s + 1; d < c.statementCount; d++) {
      let a = c.parent[d]!;
      while (a > s) a = c.parent[a]!;
      assert.equal(a === s, d < end, `statement ${d} in the block of ${s} (ends at ${end})`);
      if (d > end) break;
    }
  }
}

function same(text: string, label: string): void {
  const compact = parseCompact(text);
  assert.deepEqual(flatCompact(compact), flatOld(parse(text)), label);
  checkBlockEnds(compact);
}

describe("parser: the typed-array front end reads as parse.ts does", () => {
  it("on the lexical cases of keepalived.conf", () => {
    const cases = [
      "",
      "vrrp_instance VI_1 {\n  state MASTER\n  virtual_ipaddress {\n    10.0.0.1/24 dev eth0\n  }\n}\n",
      'notify_master "/bin/n.sh MASTER" x # comment\n! other\nauth_pass "a#b" c#d\n',
      "vrrp_instance VI_1\n{\n state BACKUP }\n}\n{\n",
      '@id1 router_id A\n@^id1 router_id B\n@lone\n$A=eth0\n$B=x \\\n  y\ninterface $A ${A}\n~SEQ(i,1,3) ~LST(x,a,b) priority $i\n~SEQ(i,1,2)\n',
      "include conf.d/{a,b}.conf\ninclude x { y }\nincludew\n",
      'router_id "unterminated\nstate {{ st }} x\n}\n}\n',
      "a { b { c { d }}}\r\ne\rf\r\n",
    ];
    cases.forEach((text, i) => same(text, `case ${i}`));
  });

  it("on every corpus file and the benchmark configurations", () => {
    for (const set of CORPUS_SETS) for (const file of corpusFiles(set)) same(file.text, `${set}/${file.name}`);
    same(benchConfig(50), "bench");
    same(variedBenchConfig(200), "varied bench");
  });

  it("on generated text of every kind", () => {
    fc.assert(
      fc.property(fc.oneof(tokenSoup, anyText), (text) => same(text, JSON.stringify(text.slice(0, 200)))),
      { seed: 20261202, numRuns: 3000 },
    );
  });
});
