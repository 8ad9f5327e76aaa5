/**
 * What the incremental property test drives (see incremental.property.test.ts): base texts, random edits, and two
 * ways of applying them, straight on the engine (editedSource + reanalyzeFile) and through the language
 * server's document store and workspace, the way didChange notifications reach them.
 */
import fc from "fast-check";
import type { SourceHost } from "../../server/src/model/source.ts";
import { benchConfig, variedBenchConfig } from "../../scripts/gen-bench-config.ts";
import { CORPUS_SETS, corpusFiles, isMainConfig, virtualPath } from "../helpers/corpus.ts";
import { MemoryHost } from "../helpers/memoryHost.ts";

export interface Base {
  /** Where the edited file is; `host` serves the files it may include. */
  file: string;
  text: string;
  host: SourceHost;
  label: string;
}

const hosts = new Map<string, MemoryHost>();

/** Every main corpus file, mounted where its includes point, and generated configurations of a few sizes. */
export function bases(): Base[] {
  const out: Base[] = [];
  for (const set of CORPUS_SETS) {
    const files = corpusFiles(set);
    const host = new MemoryHost(files.map((f) => [virtualPath(f), f.text] as const));
    hosts.set(set, host);
    for (const f of files.filter(isMainConfig)) out.push({ file: virtualPath(f), text: f.text, host, label: `${set}/${f.name}` });
  }
  for (const n of [1, 3, 8, 20]) {
    for (const [name, text] of [[`bench-${n}`, benchConfig(n)], [`varied-${n}`, variedBenchConfig(n)]] as const) {
      const file = `/bench/${name}/keepalived.conf`;
      // A file it can include, for the include edits.
      const host = new MemoryHost([[file, text], [`/bench/${name}/other.conf`, "vrrp_script other {\n  script /bin/true\n}\n"]]);
      out.push({ file, text, host, label: name });
    }
  }
  return out;
}

/** An edit of the current text: [start, end) replaced by `text`; positions are fractions of the length. */
export interface EditSpec {
  at: number;
  remove: number;
  insert: string;
  /** Remove the whole line at `at` first (the insertion then goes where it was). */
  wholeLine: boolean;
}

/** Keep the braces balanced, so that the incremental path is taken, and then some that do not. */
const GENTLE = ["x", "1", " ", "\t", "_", "0", "eth1", "  priority 50\n", "  nopreempt\n", "  state MASTER\n", "\n", "  advert_int 2\n", "auth_pass 123456789\n", "  virtual_router_id 3\n", "# note\n", "!", "  unicast_peer {\n    10.0.0.1\n  }\n", "vrrp_instance VX {\n  priority 10\n}\n", "global_defs {\n  vrrp_strict\n}\n", "vrrp_script chk_service {\n  script /bin/true\n  weight 10\n}\n", "  track_script {\n    chk_service\n  }\n", ";", "\\"];
const ROUGH = ["{", "}", '"', "#", "\r\n", "\r", "$X=1\n", "$X", "${X}", "@high ", "@^high ", "include other.conf\n", "~SEQ(i,1,3) ", "{{ vip }}", "@"];

export const editSpec: fc.Arbitrary<EditSpec> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 6 }) }),
  insert: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...GENTLE) }, { weight: 2, arbitrary: fc.constantFrom(...ROUGH) }, { weight: 2, arbitrary: fc.constant("") }),
  wholeLine: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

/** The edit `spec` makes of `text`, as offsets. */
export function editOf(text: string, spec: EditSpec): { start: number; end: number; text: string } {
  let start = Math.min(text.length, Math.floor(spec.at * (text.length + 1)));
  let end = Math.min(text.length, start + spec.remove);
  if (spec.wholeLine) {
    start = text.lastIndexOf("\n", start - 1) + 1;
    const eol = text.indexOf("\n", start);
    end = eol < 0 ? text.length : eol + 1;
  }
  return { start, end, text: spec.insert };
}

export function applied(text: string, edit: { start: number; end: number; text: string }): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

/** `host` with `file` read as `load` says (the edited text), every other file as before. */
export function withFile(host: SourceHost, file: string, load: () => ReturnType<SourceHost["load"]>): SourceHost {
  return {
    load: (f) => (f === file ? load() : host.load(f)),
    resolveInclude: (pattern, from) => host.resolveInclude(pattern, from),
    isAbsolute: (p) => host.isAbsolute(p),
    dirname: (f) => host.dirname(f),
  };
}
