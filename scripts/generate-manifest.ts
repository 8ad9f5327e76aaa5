/**
 * Keeps what is derived from the diagnostic code table in sync: package.json's `keepalived.diagnostics`
 * setting (one severity override per code) and the README's diagnostics table (between the
 * `<!-- diagnostics:start -->` / `<!-- diagnostics:end -->` markers).
 *
 *   node scripts/generate-manifest.ts          write
 *   node scripts/generate-manifest.ts --check  exit 1 when a file is stale
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DIAGNOSTIC_CODES, type CodeInfo } from "../server/src/checks/codes.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const check = process.argv.includes("--check");
const codes = Object.entries(DIAGNOSTIC_CODES) as Array<[string, CodeInfo]>;

function diagnosticsSetting(): Record<string, unknown> {
  return {
    type: "object",
    default: {},
    markdownDescription: "Severity per diagnostic code (`off` hides it). Codes and their default severities are listed in the README.",
    additionalProperties: false,
    properties: Object.fromEntries(
      codes.map(([code, info]) => [
        code,
        { type: "string", enum: ["off", "hint", "information", "warning", "error"], markdownDescription: `${info.summary} Default: \`${info.severity}\`.` },
      ]),
    ),
  };
}

function readmeTable(): string {
  const rows = codes.map(([code, info]) => `| \`${code}\` | ${info.severity} | ${info.pair === true ? "pair" : "file"} | ${info.summary.replace(/\|/g, "\\|")} |`);
  return ["| code | default severity | scope | meaning |", "|---|---|---|---|", ...rows].join("\n");
}

let stale = false;
function update(path: string, next: string): void {
  const current = readFileSync(path, "utf8");
  if (current === next) return;
  stale = true;
  if (check) console.error(`${path} is out of date: run node scripts/generate-manifest.ts`);
  else writeFileSync(path, next);
}

const packagePath = resolve(root, "package.json");
const manifest = JSON.parse(readFileSync(packagePath, "utf8")) as {
  contributes?: { configuration?: { properties?: Record<string, unknown> } };
};
const properties = manifest.contributes?.configuration?.properties;
if (properties === undefined) throw new Error("package.json has no contributes.configuration.properties");
properties["keepalived.diagnostics"] = diagnosticsSetting();
update(packagePath, `${JSON.stringify(manifest, null, 2)}\n`);

const readmePath = resolve(root, "README.md");
const readme = readFileSync(readmePath, "utf8");
const table = /(<!-- diagnostics:start -->)[\s\S]*?(<!-- diagnostics:end -->)/;
if (!table.test(readme)) throw new Error("README.md has no diagnostics markers");
update(readmePath, readme.replace(table, `$1\n${readmeTable()}\n$2`));

if (check && stale) process.exit(1);
console.log(check ? "manifest and README are up to date" : "wrote package.json settings and README diagnostics table");
