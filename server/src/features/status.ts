import { priorityOf, startStateOf } from "../checks/effective.ts";
import { fileOfUri } from "../workspace/uri.ts";
import type { Workspace } from "../workspace/workspace.ts";
import { ownerAnalysis } from "./context.ts";

export interface InstanceStatus {
  name: string;
  state: "MASTER" | "BACKUP";
  priority: number;
  vips: string[];
  vrid?: number;
}

export interface FileStatus {
  /** One line for the status bar, e.g. "VRRP: MASTER 100 · VIP 192.168.1.100". */
  text: string;
  tooltip: string;
  instances: InstanceStatus[];
  errors: number;
  warnings: number;
}

/** The role of a file's VRRP instances, as keepalived would start them. */
export function fileStatus(workspace: Workspace, uri: string): FileStatus | null {
  const file = fileOfUri(uri);
  const analysis = ownerAnalysis(workspace, file);
  const config = analysis?.renderings[0]?.config;
  if (analysis === undefined || config === undefined) return null;
  const instances: InstanceStatus[] = config.instances.map((i) => ({
    name: i.name?.text ?? "?",
    state: startStateOf(config, i),
    priority: priorityOf(i)?.value ?? 100,
    vips: i.vips.map((v) => v.address.text.split("/")[0]!),
    ...(i.vrid !== undefined ? { vrid: i.vrid.value } : {}),
  }));
  const own = workspace.diagnosticsFor([file]).get(file) ?? [];
  const errors = own.filter((d) => d.severity === "error").length;
  const warnings = own.filter((d) => d.severity === "warning").length;
  const first = instances[0];
  const text =
    first === undefined
      ? "VRRP: no instance"
      : `VRRP: ${first.state} ${first.priority}${first.vips.length > 0 ? ` · VIP ${first.vips.join(", ")}` : ""}${instances.length > 1 ? ` (+${instances.length - 1})` : ""}`;
  const tooltip = instances
    .map((i) => `${i.name}: ${i.state}, priority ${i.priority}, VRID ${i.vrid ?? "?"}, VIP ${i.vips.join(", ") || "none"}`)
    .join("\n");
  return { text, tooltip: tooltip === "" ? "No vrrp_instance in this file" : tooltip, instances, errors, warnings };
}
