import { catalogSource, type ArgSpec, type KeywordSpec } from "../catalog/catalog.ts";
import { DESCRIPTIONS } from "../catalog/descriptions.ts";
import { LVS_DESCRIPTIONS, VRRP_DESCRIPTIONS } from "../catalog/descriptions-more.ts";
import { RARE_GLOBAL_DESCRIPTIONS, RARE_LVS_DESCRIPTIONS, RARE_VRRP_DESCRIPTIONS } from "../catalog/descriptions-rare.ts";

/** The other description tables by catalog path (each keyword is in one of them only: descriptions.test.ts). */
const MORE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  ...VRRP_DESCRIPTIONS,
  ...LVS_DESCRIPTIONS,
  ...RARE_GLOBAL_DESCRIPTIONS,
  ...RARE_VRRP_DESCRIPTIONS,
  ...RARE_LVS_DESCRIPTIONS,
};

function describeArg(arg: ArgSpec): string {
  const parts: string[] = [];
  switch (arg.type) {
    case "uint":
    case "int":
      parts.push("whole number");
      break;
    case "decimal":
      parts.push("number");
      break;
    case "enum":
      parts.push(`one of ${(arg.values ?? []).map((v) => `\`${v}\``).join(", ")}`);
      break;
    case "bool":
      parts.push("on/off (yes/no, true/false); the keyword alone means on");
      break;
    case "ip":
      parts.push("IP address");
      break;
    case "ipv4":
      parts.push("IPv4 address");
      break;
    case "ipv6":
      parts.push("IPv6 address");
      break;
    case "port":
      parts.push("port 1..65535");
      break;
    case "ifname":
      parts.push("interface name");
      break;
    case "script":
      parts.push("command (quote it when it has arguments)");
      break;
    case "literal":
      parts.push(`the word \`${arg.values?.[0] ?? arg.name}\``);
      break;
    default:
      parts.push("text");
  }
  if ((arg.type === "uint" || arg.type === "int" || arg.type === "decimal") && (arg.min !== undefined || arg.max !== undefined)) {
    parts.push(`${arg.min ?? "…"}..${arg.max ?? "…"}`);
  }
  if (arg.maxLength !== undefined) parts.push(`at most ${arg.maxLength} bytes are used`);
  if (arg.default !== undefined) parts.push(`default ${arg.default}`);
  return parts.join(", ");
}

/** `priority PRIORITY` / `vrrp_instance NAME { ... }` */
export function signatureOf(spec: KeywordSpec): string {
  const args = spec.args.map((a) => (a.required ? a.name : `[${a.name}]`)).join(" ");
  const head = args === "" ? spec.name : `${spec.name} ${args}`;
  if (spec.kind === "block") return `${head} { ... }`;
  if (spec.kind === "value_block") return `${head} {\n    ${spec.items ?? "ITEM"}\n}`;
  return head;
}

function versionNote(spec: KeywordSpec): string {
  const notes: string[] = [];
  if (!spec.versions.includes("2.2")) notes.push(`New in keepalived 2.4 (not in 2.2, ${catalogSource["2.2"]}).`);
  if (spec.deprecated !== undefined) {
    const use = spec.deprecated.replacement !== undefined ? `\`${spec.deprecated.replacement}\`` : spec.deprecated.use;
    notes.push(`Deprecated: use ${use} instead.`);
  }
  return notes.join(" ");
}

/** Markdown for a keyword: what it does, its arguments, range, default and version notes. */
export function keywordMarkdown(spec: KeywordSpec): string {
  const lines: string[] = ["```keepalived", signatureOf(spec), "```"];
  const description = DESCRIPTIONS[spec.path] ?? DESCRIPTIONS[spec.name] ?? MORE_DESCRIPTIONS[spec.path];
  const where = spec.path.includes("/") ? spec.path.slice(0, spec.path.lastIndexOf("/")) : "the top level";
  lines.push(description ?? `A ${spec.kind === "keyword" ? "setting" : "block"} of ${where}.`);
  if (spec.args.length > 0) {
    lines.push("", ...spec.args.map((a) => `- \`${a.name}\`${a.required ? "" : " (optional)"}: ${describeArg(a)}`));
  }
  if (spec.items !== undefined && spec.kind === "value_block") lines.push("", `Entries: \`${spec.items}\`, one per line.`);
  if (spec.default !== undefined) lines.push("", `Default: ${spec.default}.`);
  if (spec.synonyms !== undefined) lines.push("", `Same as: ${spec.synonyms.map((s) => `\`${s}\``).join(", ")}.`);
  const note = versionNote(spec);
  if (note !== "") lines.push("", note);
  return lines.join("\n");
}
