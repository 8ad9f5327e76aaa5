import packageJson from "../../../package.json" with { type: "json" };

/** Name and version as published; read from package.json so that `--version` and SARIF never drift. */
export const TOOL_NAME = "keepalived-ha";
export const TOOL_VERSION: string = packageJson.version;

// package.json has no homepage yet; SARIF viewers link this for the tool's documentation.
const fields = packageJson as { homepage?: unknown };
export const TOOL_INFORMATION_URI: string =
  typeof fields.homepage === "string" ? fields.homepage : "https://www.npmjs.com/package/keepalived-ha";
