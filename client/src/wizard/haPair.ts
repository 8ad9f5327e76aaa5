import { chmod } from "node:fs/promises";
import * as vscode from "vscode";
import {
  DEFAULTS,
  defaultsFor,
  dockerAddresses,
  EMQX_EDGE,
  formatIssue,
  generateFiles,
  parseSpec,
  suggestVrid,
  usedVrids,
  validateField,
  type Deployment,
  type GeneratedFile,
  type HaSpecInput,
  type Service,
} from "../../../server/src/generator/index.ts";
import { MultiStepInput, type Step } from "./multiStepInput.ts";

const TITLE = "Keepalived: Generate HA pair";

interface Answers {
  deployment: Deployment;
  service: Service;
  interface: string;
  primary: string;
  standby: string;
  vip: string;
  vrid: string;
  folder?: vscode.Uri;
}

interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

/** VRIDs that the workspace's keepalived files already use: the suggested one avoids them. */
async function workspaceVrids(): Promise<Set<number>> {
  const files = await vscode.workspace.findFiles("**/{keepalived.conf,keepalived-*.conf,*.keepalived.conf}", "**/node_modules/**", 500);
  const texts: string[] = [];
  for (const uri of files) {
    try {
      texts.push(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    } catch {
      // An unreadable file simply does not reserve its VRIDs.
    }
  }
  return usedVrids(texts);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * The "Generate HA pair" command: asks for the pair step by step (with the generator's own validation under
 * each box), writes the files into a folder the user picks, asks before replacing any existing file, and
 * opens the two keepalived configurations side by side.
 */
export async function generateHaPair(): Promise<GeneratedFile[] | undefined> {
  const used = await workspaceVrids();
  const options = { usedVrids: used };
  const defaults = defaultsFor({}, options);
  const answers: Answers = {
    deployment: DEFAULTS.deployment,
    service: EMQX_EDGE,
    interface: DEFAULTS.interface,
    primary: "192.168.1.10",
    standby: "192.168.1.11",
    vip: "192.168.1.100/24",
    vrid: String(defaults.vrid ?? suggestVrid(used) ?? ""),
  };
  const folders = vscode.workspace.workspaceFolders ?? [];
  const total = 8;
  const context = (): HaSpecInput => ({ deployment: answers.deployment, service: answers.service, interface: answers.interface, primary: answers.primary, standby: answers.standby, vip: answers.vip });

  const input = (field: "interface" | "primary" | "standby" | "vip" | "vrid", step: number, prompt: string, placeholder: string, next: Step | undefined): Step =>
    async (flow) => {
      answers[field] = await flow.showInputBox({
        title: TITLE,
        step,
        totalSteps: total,
        value: answers[field],
        prompt,
        placeholder,
        validate: (value) => validateField(field, value, { ...context(), [field]: value }, options),
      });
      return next;
    };

  const pickFolder: Step = async (flow) => {
    const items: Array<PickItem<vscode.Uri | undefined>> = [
      ...folders.map((f) => ({ label: `$(folder) ${f.name}`, description: f.uri.fsPath, value: f.uri })),
      { label: "$(folder-opened) Choose a folder…", value: undefined },
    ];
    const picked = await flow.showQuickPick({ title: TITLE, step: 8, totalSteps: total, items, placeholder: "Where to write the files" });
    answers.folder = picked.value ?? (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: "Write the HA pair here" }))?.[0];
    return undefined;
  };
  const vrid = input("vrid", 7, `virtual_router_id shared by both nodes (1..255)${used.size > 0 ? `; not one of ${[...used].sort((a, b) => a - b).join(", ")}, which the workspace already uses` : ""}`, "51", pickFolder);
  const vip = input("vip", 6, "The virtual IP clients connect to, with its prefix", "192.168.1.100/24", vrid);
  const standby = input("standby", 5, "The standby node's address on that interface", "192.168.1.11", vip);
  const primary = input("primary", 4, "The primary node's address on that interface", "192.168.1.10", standby);
  const iface = input("interface", 3, "The network interface that carries VRRP and the VIP on both nodes", "eth0", primary);

  const customService = (kind: "tcp" | "http"): Step => async (flow) => {
    const value = await flow.showInputBox({
      title: TITLE,
      step: 2,
      totalSteps: total,
      value: kind === "tcp" ? "tcp:1883" : "http:http://127.0.0.1:8080/health",
      prompt: kind === "tcp" ? "The TCP port the health check connects to, as tcp:PORT" : "The URL the health check requests, as http:URL",
      validate: (text) => validateField("service", text, context(), options),
    });
    const parsed = parseSpec({ ...context(), service: value }, options);
    answers.service = parsed.success ? parsed.spec.service : answers.service;
    return iface;
  };

  const service: Step = async (flow) => {
    const items: Array<PickItem<"emqx-edge" | "tcp" | "http">> = [
      { label: "EMQX Edge / NanoMQ", description: "MQTT 1883 + HTTP API 8081, as in the guide", value: "emqx-edge" },
      { label: "Any TCP port", description: "healthy while the port accepts connections", value: "tcp" },
      { label: "HTTP URL", description: "healthy while the URL answers 2xx", value: "http" },
    ];
    const picked = await flow.showQuickPick({ title: TITLE, step: 2, totalSteps: total, items, active: items.find((i) => i.value === answers.service.kind), placeholder: "What keepalived watches on each node" });
    if (picked.value === "emqx-edge") {
      answers.service = EMQX_EDGE;
      return iface;
    }
    return customService(picked.value);
  };

  const deployment: Step = async (flow) => {
    const items: Array<PickItem<Deployment>> = [
      { label: "Bare metal or VMs", description: "keepalived installed on two hosts", value: "bare-metal" },
      { label: "Docker", description: "two containers on a bridge network (docker-compose.yml, Dockerfile, entrypoint.sh)", value: "docker" },
    ];
    const picked = await flow.showQuickPick({ title: TITLE, step: 1, totalSteps: total, items, active: items.find((i) => i.value === answers.deployment), placeholder: "How the two nodes run" });
    if (picked.value !== answers.deployment) {
      answers.deployment = picked.value;
      const docker = picked.value === "docker" ? dockerAddresses(DEFAULTS.dockerSubnet) : undefined;
      Object.assign(answers, docker ?? { primary: "192.168.1.10", standby: "192.168.1.11", vip: "192.168.1.100/24" });
    }
    return service;
  };

  if (!(await MultiStepInput.run(deployment)) || answers.folder === undefined) return undefined;
  const result = parseSpec({ ...context(), vrid: answers.vrid }, options);
  if (!result.success) {
    void vscode.window.showErrorMessage(`The HA pair was not generated: ${result.issues.map(formatIssue).join("; ")}`);
    return undefined;
  }
  return writeFiles(answers.folder, generateFiles(result.spec));
}

async function writeFiles(folder: vscode.Uri, files: GeneratedFile[]): Promise<GeneratedFile[] | undefined> {
  const targets = files.map((f) => ({ file: f, uri: vscode.Uri.joinPath(folder, ...f.path.split("/")) }));
  const existing: string[] = [];
  for (const t of targets) if (await exists(t.uri)) existing.push(t.file.path);
  if (existing.length > 0) {
    const answer = await vscode.window.showWarningMessage(
      `${existing.length} of the files already exist in ${folder.fsPath}: ${existing.join(", ")}. Replace them?`,
      { modal: true },
      "Replace",
    );
    if (answer !== "Replace") return undefined;
  }
  for (const t of targets) {
    await vscode.workspace.fs.writeFile(t.uri, new TextEncoder().encode(t.file.content));
    if (t.uri.scheme === "file") await chmod(t.uri.fsPath, t.file.mode);
  }
  const primary = targets.find((t) => t.file.kind === "keepalived-primary");
  const standby = targets.find((t) => t.file.kind === "keepalived-standby");
  if (primary !== undefined) await vscode.window.showTextDocument(primary.uri, { viewColumn: vscode.ViewColumn.One, preview: false });
  if (standby !== undefined) await vscode.window.showTextDocument(standby.uri, { viewColumn: vscode.ViewColumn.Two, preview: false });
  void vscode.window.showInformationMessage(`Wrote ${files.length} files to ${folder.fsPath}: see README.md there to install and test failover.`);
  return files;
}
