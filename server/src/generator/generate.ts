import { renderCompose, renderDockerfile } from "./docker.ts";
import { renderKeepalivedConfig } from "./keepalived.ts";
import { namesOf } from "./names.ts";
import { renderReadme } from "./readme.ts";
import { renderCheckScript, renderEntrypoint, renderNotifyScript } from "./scripts.ts";
import type { HaSpec } from "./spec.ts";

export interface GeneratedFile {
  /** Relative, `/`-separated, e.g. `HA/keepalived-primary.conf`. */
  path: string;
  content: string;
  /** 0o755 for scripts, 0o644 otherwise. */
  mode: number;
  /** What the file is, for a wizard's summary or a CLI listing. */
  kind: "keepalived-primary" | "keepalived-standby" | "check-script" | "notify-script" | "entrypoint" | "dockerfile" | "compose" | "readme";
}

const SCRIPT = 0o755;
const DATA = 0o644;

/**
 * Every file of the setup for a validated spec (see parseSpec). Bare metal: the two configs, the two scripts and a
 * README side by side. Docker: the guide's project folder, with configs and scripts under HA/. Pure: no I/O.
 */
export function generateFiles(spec: HaSpec): GeneratedFile[] {
  const n = namesOf(spec);
  const ha = spec.deployment === "docker" ? "HA/" : "";
  const files: GeneratedFile[] = [
    { path: `${ha}${n.configFile("primary")}`, content: renderKeepalivedConfig(spec, "primary"), mode: DATA, kind: "keepalived-primary" },
    { path: `${ha}${n.configFile("standby")}`, content: renderKeepalivedConfig(spec, "standby"), mode: DATA, kind: "keepalived-standby" },
    { path: `${ha}${n.checkScriptFile}`, content: renderCheckScript(spec), mode: SCRIPT, kind: "check-script" },
    { path: `${ha}${n.notifyScriptFile}`, content: renderNotifyScript(spec), mode: SCRIPT, kind: "notify-script" },
  ];
  if (spec.deployment === "docker") {
    files.push(
      { path: "docker-compose.yml", content: renderCompose(spec), mode: DATA, kind: "compose" },
      { path: "Dockerfile", content: renderDockerfile(spec), mode: DATA, kind: "dockerfile" },
      { path: "entrypoint.sh", content: renderEntrypoint(spec), mode: SCRIPT, kind: "entrypoint" },
    );
  }
  files.push({ path: "README.md", content: renderReadme(spec), mode: DATA, kind: "readme" });
  return files;
}
