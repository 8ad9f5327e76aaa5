import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeFile } from "../../../server/src/analysis.ts";
import type { Diagnostic } from "../../../server/src/checks/diagnostic.ts";
import { initCommand } from "../../../server/src/cli/init.ts";
import { generateFiles, parseSpec, type HaSpecInput } from "../../../server/src/generator/index.ts";
import { analyzePairs } from "../../../server/src/pair/index.ts";
import { timelineOf, type PairTimeline } from "../../../server/src/timeline/index.ts";
import { DiskHost } from "../../../server/src/workspace/diskHost.ts";
import type { NodeFile } from "./daemons.ts";

/**
 * The pairs the lab runs: what `keepalived-ha init` writes (run as the CLI runs it), the guide's two configs
 * verbatim, and generator output with a line or two changed to make a pair diagnostic's situation. Each setup is
 * the files of two nodes; the checks see them where keepalived reads them (the staged node folders).
 */

export interface NodeSetup {
  /** Address with prefix on the node's eth0. */
  address: string;
  /** The configuration's file name in /etc/keepalived. */
  config: string;
  files: NodeFile[];
}

export interface PairSetup {
  /** For folder names and the table: "wizard-defaults". */
  key: string;
  /** For people: "the wizard's defaults (keepalived-ha init)". */
  title: string;
  /** Without prefix. */
  vip: string;
  primary: NodeSetup;
  standby: NodeSetup;
  /** The client's address with prefix, in the same subnet. */
  client: string;
}

const LAB_ADDRESSES = { primary: "192.168.77.10", standby: "192.168.77.11", vip: "192.168.77.100", client: "192.168.77.50/24" };

const ROLE_FILES = {
  primary: (kind: string) => kind === "keepalived-primary" || kind === "check-script" || kind === "notify-script",
  standby: (kind: string) => kind === "keepalived-standby" || kind === "check-script" || kind === "notify-script",
};

function pairOf(key: string, title: string, files: Array<{ path: string; content: string; mode: number; kind: string }>, vip = LAB_ADDRESSES.vip): PairSetup {
  const node = (role: "primary" | "standby", address: string): NodeSetup => {
    const mine = files.filter((f) => ROLE_FILES[role](f.kind));
    const config = mine.find((f) => f.kind.startsWith("keepalived-"));
    if (config === undefined) throw new Error(`no ${role} configuration generated`);
    return { address: `${address}/24`, config: config.path, files: mine.map((f) => ({ name: f.path, content: f.content, mode: f.mode })) };
  };
  return { key, title, vip, primary: node("primary", LAB_ADDRESSES.primary), standby: node("standby", LAB_ADDRESSES.standby), client: LAB_ADDRESSES.client };
}

const KINDS: Record<string, string> = {
  "keepalived-primary.conf": "keepalived-primary",
  "keepalived-standby.conf": "keepalived-standby",
  "notify.sh": "notify-script",
};

/** What `keepalived-ha init --interface eth0 --primary .. --standby .. --vip ..` writes: the wizard's defaults. */
export function initPair(): PairSetup {
  // init looks for VRIDs in use beside its output folder: an empty parent keeps /tmp's other tests out of it.
  const parent = mkdtempSync(join(tmpdir(), "kha-lab-init-"));
  const out = join(parent, "pair");
  try {
    const errors: string[] = [];
    const code = initCommand.run(
      ["--interface", "eth0", "--primary", LAB_ADDRESSES.primary, "--standby", LAB_ADDRESSES.standby, "--vip", `${LAB_ADDRESSES.vip}/24`, "--out", out],
      { stdout: () => undefined, stderr: (text) => void errors.push(text), cwd: out },
    );
    if (code !== 0) throw new Error(`keepalived-ha init failed (${String(code)}): ${errors.join("")}`);
    const names = ["keepalived-primary.conf", "keepalived-standby.conf", "check_emqx_edge.sh", "notify.sh"];
    const files = names.map((path) => ({ path, content: readFileSync(join(out, path), "utf8"), mode: path.endsWith(".sh") ? 0o755 : 0o644, kind: KINDS[path] ?? "check-script" }));
    return pairOf("wizard-defaults", "the wizard's defaults (keepalived-ha init)", files);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

/** The generator's files for a spec (what init writes for the same answers), lab addresses filled in. */
export function specPair(key: string, title: string, input: HaSpecInput = {}): PairSetup {
  const result = parseSpec({ interface: "eth0", primary: LAB_ADDRESSES.primary, standby: LAB_ADDRESSES.standby, vip: `${LAB_ADDRESSES.vip}/24`, vrid: 51, ...input });
  if (!result.success) throw new Error(result.issues.map((i) => `${i.field}: ${i.message}`).join("; "));
  return pairOf(key, title, generateFiles(result.spec));
}

const GUIDE = new URL("../../../examples/guide/", import.meta.url);

/**
 * The guide's two configs as published (auth_pass of 41 characters, truncated alike on both nodes), with the
 * generator's check and notify scripts at the paths they name, on the guide's addresses.
 */
export function guidePair(): PairSetup {
  const scripts = specPair("guide", "").primary.files.filter((f) => f.name.endsWith(".sh"));
  const node = (config: string, address: string): NodeSetup => ({
    address,
    config,
    files: [{ name: config, content: readFileSync(new URL(config, GUIDE), "utf8"), mode: 0o644 }, ...scripts],
  });
  return {
    key: "guide",
    title: "the guide's configs (examples/guide, verbatim)",
    vip: "192.168.1.100",
    primary: node("keepalived-primary.conf", "192.168.1.10/24"),
    standby: node("keepalived-standby.conf", "192.168.1.11/24"),
    client: "192.168.1.50/24",
  };
}

export type Edit = [string | RegExp, string];

/** The setup with lines of one node's configuration replaced (`from` must occur; first occurrence each). */
export function edited(setup: PairSetup, key: string, title: string, edits: { primary?: Edit[]; standby?: Edit[] }): PairSetup {
  const apply = (node: NodeSetup, changes: Edit[] = []): NodeSetup => ({
    ...node,
    files: node.files.map((f) => {
      if (f.name !== node.config) return f;
      let content = f.content;
      for (const [from, to] of changes) {
        if (typeof from === "string" ? !content.includes(from) : !from.test(content)) throw new Error(`${node.config} has no '${String(from)}'`);
        content = content.replace(from, to);
      }
      return { ...f, content };
    }),
  });
  return { ...setup, key, title, primary: apply(setup.primary, edits.primary), standby: apply(setup.standby, edits.standby) };
}

export interface PairAnalysis {
  /** Pair diagnostics of the two files. */
  diagnostics: Diagnostic[];
  /** Single-file diagnostics of the two files (keepalived 2.2, as the lab runs). */
  fileDiagnostics: Diagnostic[];
  /** Undefined when the checks see no cluster (then every pair diagnostic is missing too). */
  timeline?: PairTimeline;
}

/** Our checks and our timeline, on the configs where keepalived reads them. */
export function analyzePair(primaryFile: string, standbyFile: string): PairAnalysis {
  const host = new DiskHost();
  const analyses = [primaryFile, standbyFile].map((file) => {
    const source = host.load(file);
    if (source === undefined) throw new Error(`cannot read ${file}`);
    return analyzeFile(source, host, { version: "2.2" });
  });
  const result = analyzePairs(analyses, {}, analyses.flatMap((a) => a.diagnostics));
  const cluster = result.clusters[0];
  const timeline = cluster === undefined ? undefined : timelineOf(cluster);
  return { diagnostics: result.diagnostics, fileDiagnostics: analyses.flatMap((a) => a.diagnostics), ...(timeline !== undefined ? { timeline } : {}) };
}
