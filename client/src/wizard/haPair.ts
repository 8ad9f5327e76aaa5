import * as vscode from "vscode";
import {
  DEFAULTS,
  dockerAddresses,
  EMQX_EDGE,
  formatIssue,
  generateFiles,
  parseService,
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
import { standbyBeside, vipBeside } from "./suggest.ts";
import { writePair } from "./writePair.ts";

const TITLE = "Keepalived: Generate HA pair";

type TypedField = "interface" | "primary" | "standby" | "vip" | "vrid";
type StepName = "deployment" | "service" | TypedField | "folder";

/**
 * The steps each deployment asks, in order. Docker fixes the service (the guide's EMQX Edge image) and the
 * interface (eth0 inside the container): asking for them would offer answers the generator then refuses.
 */
const STEPS: Record<Deployment, StepName[]> = {
  "bare-metal": ["deployment", "service", "interface", "primary", "standby", "vip", "vrid", "folder"],
  docker: ["deployment", "primary", "standby", "vip", "vrid", "folder"],
};

const BARE_METAL_ADDRESSES = { primary: "192.168.1.10", standby: "192.168.1.11", vip: "192.168.1.100/24" };

interface Answers {
  deployment: Deployment;
  service: Service;
  /** What the custom-service box last held (a port, a URL), so that Back shows it again. */
  serviceText: { tcp: string; http: string };
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

/**
 * VRIDs that the workspace's keepalived files already use: the suggested one avoids them. The files the
 * language is given to by name (package.json), and every open keepalived document (an included file, one
 * recognised by its first line, an unsaved one).
 */
async function workspaceVrids(): Promise<Set<number>> {
  const found = await Promise.all(
    ["**/{keepalived.conf,keepalived-*.conf,*.keepalived.conf}", "**/etc/keepalived/**/*.conf"].map((glob) => vscode.workspace.findFiles(glob, "**/node_modules/**", 500)),
  );
  const open = vscode.workspace.textDocuments.filter((d) => d.languageId === "keepalived");
  const openUris = new Set(open.map((d) => d.uri.toString()));
  const texts = open.map((d) => d.getText());
  const seen = new Set<string>();
  for (const uri of found.flat()) {
    if (openUris.has(uri.toString()) || seen.has(uri.toString())) continue;
    seen.add(uri.toString());
    try {
      texts.push(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    } catch {
      // An unreadable file simply does not reserve its VRIDs.
    }
  }
  return usedVrids(texts);
}

/**
 * The "Generate HA pair" command: asks for the pair step by step (with the generator's own validation under
 * each box), writes the files into a folder the user picks, asks before replacing any existing file, and
 * opens the two keepalived configurations side by side.
 */
export async function generateHaPair(): Promise<GeneratedFile[] | undefined> {
  const used = await workspaceVrids();
  const options = { usedVrids: used };
  const answers: Answers = {
    deployment: DEFAULTS.deployment,
    service: EMQX_EDGE,
    serviceText: { tcp: "1883", http: "http://127.0.0.1:8080/health" },
    interface: DEFAULTS.interface,
    ...BARE_METAL_ADDRESSES,
    vrid: String(suggestVrid(used) ?? ""),
  };
  // Typed fields the user has confirmed: a later suggestion never replaces those.
  const confirmed = new Set<TypedField>();
  const numbered = (name: StepName): { step: number; totalSteps: number } => {
    const steps = STEPS[answers.deployment];
    return { step: steps.indexOf(name) + 1, totalSteps: steps.length };
  };
  /**
   * The answers given before `name`: a step is checked against those only, never against the suggestions of
   * steps still to come (a primary on 10.1.2.0/24 is fine before the VIP has been asked).
   */
  const answeredBefore = (name: StepName): HaSpecInput => {
    const steps = STEPS[answers.deployment];
    const before = new Set(steps.slice(0, Math.max(0, steps.indexOf(name))));
    const input: HaSpecInput = { deployment: answers.deployment, service: answers.service };
    for (const field of ["interface", "primary", "standby", "vip", "vrid"] as const) if (before.has(field)) input[field] = answers[field];
    return input;
  };

  /** Once the primary is known, unconfirmed standby and VIP suggestions follow it to its subnet. */
  const followPrimary = (): void => {
    if (!confirmed.has("standby")) answers.standby = standbyBeside(answers.primary) ?? answers.standby;
    if (!confirmed.has("vip")) answers.vip = vipBeside(answers.primary, answers.standby) ?? answers.vip;
  };

  const input = (field: TypedField, prompt: string, placeholder: string, next: () => Step): Step =>
    async (flow) => {
      const context = answeredBefore(field);
      const value = await flow.showInputBox({
        title: TITLE,
        ...numbered(field),
        value: answers[field],
        prompt,
        placeholder,
        validate: (text) => validateField(field, text, context, options),
      });
      const changed = value !== answers[field];
      answers[field] = value;
      confirmed.add(field);
      if (field === "primary" && changed) followPrimary();
      return next();
    };

  const pickFolder: Step = async (flow) => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const items: Array<PickItem<vscode.Uri | undefined>> = [
      ...folders.map((f) => ({ label: `$(folder) ${f.name}`, description: f.uri.fsPath, value: f.uri })),
      { label: "$(folder-opened) Choose a folder…", description: folders.length === 0 ? "no folder is open" : undefined, value: undefined },
    ];
    // A folder dialog closed without a choice comes back here, with every answer kept.
    while (answers.folder === undefined) {
      const picked = await flow.showQuickPick({ title: TITLE, ...numbered("folder"), items, placeholder: "Where to write the files" });
      answers.folder =
        picked.value ??
        (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: "Write the HA pair here", title: `${TITLE}: folder for the files` }))?.[0];
    }
    return undefined;
  };
  const vrid = input(
    "vrid",
    `virtual_router_id shared by both nodes (1..255)${used.size > 0 ? `; not one of ${[...used].sort((a, b) => a - b).join(", ")}, which the workspace already uses` : ""}`,
    "51",
    () => pickFolder,
  );
  const vip = input("vip", "The virtual IP clients connect to, with its prefix", "192.168.1.100/24", () => vrid);
  const standby = input("standby", "The standby node's address on that interface", "192.168.1.11", () => vip);
  const primary = input("primary", "The primary node's address on that interface", "192.168.1.10", () => standby);
  const iface = input("interface", "The network interface that carries VRRP and the VIP on both nodes", "eth0", () => primary);

  /** The port or URL of a service other than EMQX Edge, in its own box of the same step. */
  const customService = (kind: "tcp" | "http"): Step => async (flow) => {
    const context = answeredBefore("service");
    const asService = (text: string): string => (kind === "tcp" ? `tcp:${text.trim()}` : text.trim());
    const text = await flow.showInputBox({
      title: TITLE,
      ...numbered("service"),
      value: answers.serviceText[kind],
      prompt: kind === "tcp" ? "The TCP port the health check connects to on each node" : "The URL the health check requests on each node (healthy while it answers 2xx)",
      placeholder: kind === "tcp" ? "1883" : "http://127.0.0.1:8080/health",
      validate: (value) => validateField("service", asService(value), context, options),
    });
    answers.serviceText[kind] = text;
    const parsed = parseService(asService(text));
    if (typeof parsed !== "string") answers.service = parsed;
    return iface;
  };

  const service: Step = async (flow) => {
    const items: Array<PickItem<"emqx-edge" | "tcp" | "http">> = [
      { label: "EMQX Edge / NanoMQ", description: "MQTT 1883 + HTTP API 8081, as in the guide", value: "emqx-edge" },
      { label: "Any TCP port", description: "healthy while the port accepts connections", value: "tcp" },
      { label: "HTTP URL", description: "healthy while the URL answers 2xx", value: "http" },
    ];
    const picked = await flow.showQuickPick({ title: TITLE, ...numbered("service"), items, active: items.find((i) => i.value === answers.service.kind), placeholder: "What keepalived watches on each node" });
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
    const picked = await flow.showQuickPick({ title: TITLE, ...numbered("deployment"), items, active: items.find((i) => i.value === answers.deployment), placeholder: "How the two nodes run" });
    if (picked.value !== answers.deployment) {
      answers.deployment = picked.value;
      // The other deployment's addresses and fixed fields make no sense here: start from this one's.
      Object.assign(answers, picked.value === "docker" ? (dockerAddresses(DEFAULTS.dockerSubnet) ?? BARE_METAL_ADDRESSES) : BARE_METAL_ADDRESSES);
      answers.interface = DEFAULTS.interface;
      answers.service = EMQX_EDGE;
      for (const field of ["interface", "primary", "standby", "vip"] as const) confirmed.delete(field);
    }
    return picked.value === "docker" ? primary : service;
  };

  if (!(await MultiStepInput.run(deployment)) || answers.folder === undefined) return undefined;
  const result = parseSpec(answeredBefore("folder"), options);
  if (!result.success) {
    void vscode.window.showErrorMessage(`The HA pair was not generated: ${result.issues.map(formatIssue).join("; ")}`);
    return undefined;
  }
  return writePair(answers.folder, generateFiles(result.spec));
}
