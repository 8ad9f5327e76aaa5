import type { Hover, HoverParams } from "vscode-languageserver";
import { priorityOf } from "../checks/effective.ts";
import type { Workspace } from "../workspace/workspace.ts";
import { locate } from "./context.ts";
import { keywordMarkdown } from "./keywordDocs.ts";

export function hover(workspace: Workspace, params: HoverParams): Hover | null {
  const here = locate(workspace, params.textDocument.uri, params.position);
  const directive = here?.directive;
  const word = here?.word;
  if (here === undefined || directive === undefined || word === undefined) return null;
  const range = here.source.lines.rangeOf(word.span.start, word.span.end);
  const markdown = (value: string): Hover => ({ contents: { kind: "markdown", value }, range });
  if (word === directive.keyword && directive.role === "keyword" && directive.spec !== undefined) {
    return markdown(keywordMarkdown(directive.spec));
  }
  if (word === directive.keyword && directive.role === "include") {
    return markdown(["```keepalived", "include PATH_OR_GLOB", "```", "Reads the files the path or glob names in place of this line. Relative paths are read from this file's folder; the files keepalived would read here:", ...(here.analysis?.renderings[0]?.config.build.includes.find((i) => i.directive === directive)?.files.map((f) => `- \`${f}\``) ?? [])].join("\n"));
  }
  const config = here.config;
  if (config === undefined) return null;
  if (directive.role === "item" && directive.spec?.name === "track_script" && word === directive.keyword) {
    const script = config.scripts.find((s) => s.name?.text === word.text);
    if (script === undefined) return markdown(`No vrrp_script \`${word.text}\` is defined.`);
    const facts = [
      script.command !== undefined ? `runs \`${script.command.value}\`` : "has no script",
      `every ${script.interval?.value ?? 1} s`,
      `down after ${script.fall?.value ?? 1} failure(s), up after ${script.rise?.value ?? 1} success(es)`,
      `weight ${directive.args.find((a, i) => directive.args[i - 1]?.text === "weight")?.text ?? script.weight?.value ?? 0}`,
    ];
    return markdown(`**vrrp_script ${word.text}** ${facts.join(", ")}.`);
  }
  if (directive.spec?.name === "vrrp_instance" && word === directive.args[0]) {
    const instance = config.instances.find((i) => i.directive === directive);
    if (instance === undefined) return null;
    const facts = [
      `state ${instance.state?.value ?? "BACKUP (default)"}`,
      `priority ${priorityOf(instance)?.value ?? 100}`,
      `VRID ${instance.vrid?.value ?? "not set"}`,
      `advert every ${instance.advertInt?.value ?? 1} s`,
      instance.unicastPeers.length > 0 ? `unicast to ${instance.unicastPeers.map((p) => p.value).join(", ")}` : "multicast",
      `VIP ${instance.vips.map((v) => v.address.text).join(", ") || "none"}`,
    ];
    return markdown(`**vrrp_instance ${word.text}**: ${facts.join(" · ")}`);
  }
  return null;
}
