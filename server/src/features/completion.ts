import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  type CompletionItem,
  type CompletionParams,
} from "vscode-languageserver";
import { basename } from "node:path";
import { keywordsIn, lookupKeyword, type ArgSpec, type KeywordSpec } from "../catalog/catalog.ts";
import { mirrorNode } from "../generator/mirror.ts";
import type { Config } from "../model/config.ts";
import { BOOLEAN_WORDS } from "../model/values.ts";
import type { Workspace } from "../workspace/workspace.ts";
import { locate, walk } from "./context.ts";
import { keywordMarkdown, signatureOf } from "./keywordDocs.ts";

const BLOCK_KINDS: Record<string, CompletionItemKind> = {
  block: CompletionItemKind.Module,
  value_block: CompletionItemKind.Struct,
  keyword: CompletionItemKind.Property,
};

function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, "\\$&");
}

function placeholder(arg: ArgSpec, index: number): string {
  if ((arg.type === "enum" || arg.type === "literal") && arg.values !== undefined && arg.values.length > 0) {
    return `\${${index}|${arg.values.map(escapeSnippet).join(",")}|}`;
  }
  if (arg.type === "bool") return `\${${index}|on,off|}`;
  const example = arg.default ?? (arg.type === "uint" || arg.type === "int" ? String(arg.min ?? 0) : arg.name);
  return `\${${index}:${escapeSnippet(example)}}`;
}

/** The keyword with its required arguments as tab stops, and a block body when it opens one. */
export function keywordSnippet(spec: KeywordSpec): string {
  const required = spec.args.filter((a) => a.required);
  const args = required.map((a, i) => placeholder(a, i + 1)).join(" ");
  const head = args === "" ? spec.name : `${spec.name} ${args}`;
  return spec.kind === "keyword" ? head : `${head} {\n\t$0\n}`;
}

function keywordItem(spec: KeywordSpec): CompletionItem {
  const item: CompletionItem = {
    label: spec.name,
    kind: BLOCK_KINDS[spec.kind],
    detail: signatureOf(spec).split("\n")[0],
    documentation: { kind: "markdown", value: keywordMarkdown(spec) },
    insertText: keywordSnippet(spec),
    insertTextFormat: InsertTextFormat.Snippet,
  };
  if (spec.deprecated !== undefined) {
    item.tags = [CompletionItemTag.Deprecated];
    item.sortText = `z${spec.name}`;
  }
  return item;
}

/** Interfaces and addresses used anywhere in the workspace's configurations. */
function workspaceValues(workspace: Workspace): { interfaces: Set<string>; addresses: Set<string> } {
  const interfaces = new Set<string>();
  const addresses = new Set<string>();
  for (const root of workspace.roots()) {
    const config = workspace.analysis(root)?.renderings[0]?.config;
    if (config === undefined) continue;
    for (const instance of config.instances) {
      if (instance.interface !== undefined) interfaces.add(instance.interface.value);
      for (const t of instance.trackInterfaces) interfaces.add(t.name.text);
      for (const vip of instance.vips) {
        addresses.add(vip.address.text);
        if (vip.dev !== undefined) interfaces.add(vip.dev.text);
      }
      if (instance.unicastSrcIp !== undefined) addresses.add(instance.unicastSrcIp.value);
      for (const peer of instance.unicastPeers) addresses.add(peer.value);
    }
  }
  return { interfaces, addresses };
}

function valueItems(values: Iterable<string>, kind: CompletionItemKind, detail: string): CompletionItem[] {
  return [...values].sort().map((v) => ({ label: v, kind, detail }));
}

function argumentItems(workspace: Workspace, spec: KeywordSpec, index: number): CompletionItem[] {
  const arg = spec.args[index];
  if (arg === undefined) return [];
  if ((arg.type === "enum" || arg.type === "literal") && arg.values !== undefined) {
    return arg.values.map((v) => ({ label: v, kind: CompletionItemKind.EnumMember, detail: `${spec.name} ${arg.name}` }));
  }
  if (arg.type === "bool") return BOOLEAN_WORDS.map((v) => ({ label: v, kind: CompletionItemKind.Value }));
  if (arg.type === "ifname") return valueItems(workspaceValues(workspace).interfaces, CompletionItemKind.Value, "interface used in the workspace");
  if (arg.type === "ip" || arg.type === "ipv4" || arg.type === "ipv6") {
    return valueItems([...workspaceValues(workspace).addresses].map((a) => a.split("/")[0]!), CompletionItemKind.Value, "address used in the workspace");
  }
  return [];
}

function namesOf(config: Config | undefined, keyword: string): string[] {
  if (config === undefined) return [];
  const names = new Set<string>();
  for (const d of walk(config.directives)) if (d.role === "keyword" && d.keyword.text === keyword && d.args[0] !== undefined) names.add(d.args[0].text);
  return [...names];
}

/** Entries of value blocks: defined names for track_* and sync groups, known values for the rest. */
function itemCompletions(workspace: Workspace, block: KeywordSpec, config: Config | undefined): CompletionItem[] {
  switch (block.name) {
    case "track_script":
      return valueItems(namesOf(config, "vrrp_script"), CompletionItemKind.Function, "vrrp_script");
    case "track_process":
      return valueItems(namesOf(config, "vrrp_track_process"), CompletionItemKind.Function, "vrrp_track_process");
    case "track_file":
      return valueItems([...namesOf(config, "track_file"), ...namesOf(config, "vrrp_track_file")], CompletionItemKind.File, "track_file");
    case "group":
      return valueItems(namesOf(config, "vrrp_instance"), CompletionItemKind.Class, "vrrp_instance");
    case "track_interface":
      return valueItems(workspaceValues(workspace).interfaces, CompletionItemKind.Value, "interface used in the workspace");
    case "unicast_peer":
    case "virtual_ipaddress":
    case "virtual_ipaddress_excluded":
      return valueItems(workspaceValues(workspace).addresses, CompletionItemKind.Value, "address used in the workspace");
    default:
      return [];
  }
}

/**
 * In a file with no vrrp_instance yet: the other node of each unicast node in the workspace whose peer has no
 * configuration, written from that file (generator/mirror.ts), so that the pair agrees by construction. The static
 * `ha-primary` / `ha-standby` snippets cannot: each insertion draws its own password.
 */
function mirrorItems(workspace: Workspace, file: string, config: Config | undefined): CompletionItem[] {
  if (config !== undefined && config.instances.length > 0) return [];
  const roots = workspace.roots().filter((r) => r !== file);
  const sources = new Set<string>();
  const mirrors: Array<{ root: string; mirror: NonNullable<ReturnType<typeof mirrorNode>> }> = [];
  for (const root of roots) {
    const analysis = workspace.analysis(root);
    const source = workspace.source(root);
    if (analysis === undefined || source === undefined || analysis.renderings.length !== 1) continue;
    const rendered = analysis.renderings[0]!.config;
    for (const instance of rendered.instances) if (instance.unicastSrcIp !== undefined) sources.add(instance.unicastSrcIp.value);
    const mirror = mirrorNode(rendered, source.text, root);
    if (mirror !== undefined) mirrors.push({ root, mirror });
  }
  return mirrors
    .filter(({ mirror }) => !sources.has(mirror.address))
    .map(({ root, mirror }, index) => {
      const name = basename(root);
      const priorities = mirror.instances.map((i) => `${i.name} priority ${i.priority}`).join(", ");
      return {
        label: `ha-${mirror.role} (mirror of ${name})`,
        kind: CompletionItemKind.Snippet,
        detail: `The ${mirror.role} node of ${name}, at ${mirror.address}`,
        documentation: {
          kind: "markdown",
          value: `The whole configuration of the other node of \`${name}\`: the same VRID, authentication, virtual addresses, advert_int and scripts; unicast_src_ip and unicast_peer swapped; ${priorities}${mirror.role === "primary" ? ", with `preempt`" : ""}.\n\n\`\`\`keepalived\n${mirror.text}\n\`\`\``,
        },
        insertText: mirror.text,
        insertTextFormat: InsertTextFormat.PlainText,
        sortText: `!${index}`,
        preselect: index === 0,
      } satisfies CompletionItem;
    });
}

export function completion(workspace: Workspace, params: CompletionParams): CompletionItem[] {
  const here = locate(workspace, params.textDocument.uri, params.position);
  if (here === undefined) return [];
  const version = workspace.settings.version;
  const text = here.source.text;
  const lineStart = here.source.lines.lineStart(params.position.line);
  const before = text.slice(lineStart, here.offset);
  const afterBrace = before.slice(Math.max(before.lastIndexOf("{"), before.lastIndexOf("}")) + 1);
  if (/[#!]/.test(afterBrace.replace(/"[^"]*"/g, ""))) return [];
  const words = afterBrace.replace(/^\s*@\^?\S*\s+/, "").trimStart().split(/[ \t]+/);
  const container = here.container;
  const containerSpec = container?.role === "keyword" ? container.spec : undefined;
  if (container !== undefined && containerSpec === undefined) return [];
  if (containerSpec?.kind === "value_block") {
    if (words.length === 1) return itemCompletions(workspace, containerSpec, here.config);
    const previous = words[words.length - 2];
    return previous === "dev" ? valueItems(workspaceValues(workspace).interfaces, CompletionItemKind.Value, "interface used in the workspace") : [];
  }
  const parentPath = containerSpec?.path ?? "";
  if (words.length === 1) {
    const items = keywordsIn(parentPath, version).map(keywordItem);
    if (parentPath === "") {
      items.unshift(...mirrorItems(workspace, here.file, here.config));
      items.push({ label: "include", kind: CompletionItemKind.Keyword, detail: "include PATH_OR_GLOB", insertText: "include ${1:path}", insertTextFormat: InsertTextFormat.Snippet });
    }
    return items;
  }
  const spec = lookupKeyword(parentPath, words[0]!, version);
  return spec === undefined ? [] : argumentItems(workspace, spec, words.length - 2);
}
