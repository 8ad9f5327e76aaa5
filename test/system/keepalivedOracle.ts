/**
 * Runs the real `keepalived -t` on corpus files inside a network namespace, with /etc/keepalived replaced (in a
 * private mount namespace) by a staged folder holding the corpus and the scripts the configs name, and with a
 * fixed hostname (keepalived's default config-id). The host's /etc, hostname and interfaces are never touched.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { virtualPath, type CorpusFile } from "../helpers/corpus.ts";
import type { NetworkNamespace } from "../helpers/netns.ts";

export const ETC = "/etc/keepalived";

/** Interfaces the corpus names (see the manifests), and eth0's address in the t-cases' recorded environment. */
export const INTERFACES = ["eth0", "eth1", "eth2", "eth3", "eth4", "eth0.1", "bond0", "ens3", "ens33", "ens160", "ens192", "enp0s3", "enp0s8", "eno1", "em1", "br0", "vlan10"];
export const ADDRESSES = { eth0: ["192.0.2.2/24"] };
/** The hostname of the t-cases' recorded runs: `@ID` lines see the same config-id. */
export const HOSTNAME = "vm";

export function keepalivedUnavailable(): string | undefined {
  const result = spawnSync("keepalived", ["--version"], { encoding: "utf8" });
  if (result.error !== undefined) return "keepalived is not installed (Debian/Ubuntu: apt-get install keepalived)";
  const version = `${result.stdout}${result.stderr}`.split("\n")[0] ?? "";
  return /Keepalived v2\./.test(version) ? undefined : `unexpected keepalived version: ${version}`;
}

const STUB = "#!/bin/sh\nexit 0\n";
/** Scripts the t-cases' recorded environment had (results.json meta), with their modes. */
const RECORDED_SCRIPTS: Array<[string, number]> = [
  ["check_emqx_edge.sh", 0o755],
  ["notify.sh", 0o755],
  ["noexec.sh", 0o644],
  ["t/chk_tmp.sh", 0o755],
];
const SCRIPT_LINE = /^\s*(?:@\^?\S+\s+)?(?:\w*script|notify\w*|misc_path|quorum_up|quorum_down)\s+["']?(\/[\w.+\/-]+)/gm;

/** Absolute script paths a config names (the command's first word), plain paths only. */
export function scriptPaths(text: string): string[] {
  return [...text.matchAll(SCRIPT_LINE)].map((m) => m[1]!).filter((p) => !p.split("/").includes(".."));
}

/**
 * Where a missing script can be provided without writing to the host: under /etc/keepalived (the staged folder)
 * or below an existing folder other than `/`, which the runner overlays with a staged upper layer. Scripts
 * directly in a missing top-level folder (/scripts/x.sh) would need an overlay of `/`, which would hide /proc
 * and /dev: those stay missing, as on a host without them.
 */
function anchorOf(path: string): string | undefined {
  if (path.startsWith(`${ETC}/`)) return ETC;
  if (existsSync(path)) return undefined;
  let dir = dirname(path);
  while (dir !== "/" && !existsSync(dir)) dir = dirname(dir);
  return dir === "/" ? undefined : dir;
}

/** The machine cannot provide the namespaces or mounts the run needs (not a defect of the code under test). */
export class EnvironmentError extends Error {}

export interface Verdict {
  rc: number | null;
  /** Deduplicated stderr lines, in order. */
  messages: string[];
}

export class Stage {
  readonly root: string;
  /** Existing host folders that get an overlay with the scripts staged for them, shallowest first. */
  private readonly overlays: string[];

  constructor(files: readonly CorpusFile[]) {
    this.root = mkdtempSync(join(tmpdir(), "kha-differential-"));
    chmodSync(this.root, 0o755);
    const etc = join(this.root, "etc");
    const write = (path: string, text: string, mode: number): void => {
      mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
      writeFileSync(path, text, { mode });
      chmodSync(path, mode);
    };
    for (const file of files) {
      // keepalived reads an included file only if it is a regular file without an execute bit.
      write(join(etc, relative(ETC, virtualPath(file))), readFileSync(file.path, "utf8"), 0o644);
    }
    for (const [path, mode] of RECORDED_SCRIPTS) write(join(etc, path), STUB, mode);
    const anchors = new Set<string>();
    for (const file of files) {
      // The t-cases keep the environment their results were recorded in.
      if (file.set === "keepalived-t-cases") continue;
      for (const path of scriptPaths(file.text)) {
        const anchor = anchorOf(path);
        if (anchor === undefined) continue;
        const staged = anchor === ETC ? join(etc, relative(ETC, path)) : join(this.upperOf(anchor), relative(anchor, path));
        if (!existsSync(staged)) write(staged, STUB, 0o755);
        if (anchor !== ETC) anchors.add(anchor);
      }
    }
    this.overlays = [...anchors].sort((a, b) => a.split("/").length - b.split("/").length);
  }

  private upperOf(anchor: string): string {
    return join(this.root, "overlays", anchor.replaceAll("/", "_"), "upper");
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  /**
   * Runs `keepalived -t -f FILE` for each file (paths as seen under /etc/keepalived) from the file's folder, in
   * one private mount and UTS namespace inside `ns`.
   */
  check(ns: NetworkNamespace, paths: string[], timeoutMs: number): Map<string, Verdict> {
    const out = join(this.root, ".results");
    mkdirSync(out, { mode: 0o700 });
    const list = join(out, "list");
    writeFileSync(list, paths.map((p, i) => `${i} ${p}\n`).join(""));
    // /etc/keepalived is bind-mounted over when it exists, else added by an overlay of /etc; other script
    // folders get overlays. Everything is private to this mount namespace: the host's files are never written.
    const overlay = (dir: string, upper: string): string => {
      const work = join(dirname(upper), "work");
      return `mkdir -p '${upper}' '${work}' && mount -t overlay overlay -o 'lowerdir=${dir},upperdir=${upper},workdir=${work}' '${dir}' || exit 90`;
    };
    const mountEtc = existsSync(ETC)
      ? `mount --bind '${join(this.root, "etc")}' ${ETC} || exit 90`
      : `mkdir -p '${this.root}/overlays/etc/upper' && cp -a '${this.root}/etc' '${this.root}/overlays/etc/upper/keepalived' || exit 90\n${overlay("/etc", `${this.root}/overlays/etc/upper`)}`;
    const script = [
      "set -u",
      `hostname ${HOSTNAME} || exit 91`,
      mountEtc,
      ...this.overlays.map((dir) => overlay(dir, this.upperOf(dir))),
      'while read -r i f; do',
      '  (cd "$(dirname "$f")" && timeout 60 keepalived -t -f "$f" </dev/null >/dev/null 2>"$1/$i.err"; echo $? >"$1/$i.rc")',
      'done <"$1/list"',
    ].join("\n");
    const result = ns.exec("unshare", ["--mount", "--uts", "--propagation", "private", "--", "sh", "-c", script, "sh", out], timeoutMs);
    if (result.status === 90 || result.status === 91) {
      throw new EnvironmentError(`cannot ${result.status === 90 ? "mount the staged files" : "set the hostname"} in a private namespace: ${result.stderr.trim()}`);
    }
    if (result.error !== undefined || result.status !== 0) {
      throw new Error(`keepalived runner failed (status ${result.status}): ${result.error?.message ?? result.stderr.trim()}`);
    }
    const verdicts = new Map<string, Verdict>();
    paths.forEach((path, i) => {
      const rcText = readOptional(join(out, `${i}.rc`));
      const rc = rcText === undefined ? null : Number(rcText.trim());
      const messages = [...new Set((readOptional(join(out, `${i}.err`)) ?? "").split("\n").filter((l) => l !== ""))];
      verdicts.set(path, { rc, messages });
    });
    return verdicts;
  }
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
