import packageJson from "../../../package.json" with { type: "json" };

/** Name and version as published; read from package.json so that `--version` and SARIF never drift. */
export const TOOL_NAME = "keepalived-ha";
export const TOOL_VERSION: string = packageJson.version;

// SARIF viewers link the tool's documentation when package.json names a homepage; none is published yet.
const fields = packageJson as { homepage?: unknown };
export const TOOL_INFORMATION_URI: string | undefined = typeof fields.homepage === "string" ? fields.homepage : undefined;
