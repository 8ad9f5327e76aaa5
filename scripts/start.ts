/**
 * `npm start`, the main job: builds the .vsix (`npm run package`), starts the real VS Code (code-server 4.139,
 * VS Code 1.139) on 127.0.0.1 with the extension installed from that .vsix and the examples/ folder open, prints
 * the URL, and stays up until Ctrl+C, when it stops code-server's whole process group.
 *
 *   npm start [-- --port 8080] [-- --folder path/to/configs] [-- --no-build]
 *
 * The profile (settings, extensions) is fresh on each start and removed on exit. Needs the tools of
 * scripts/setup-vscode.sh in .tools/ (git-ignored): when they are missing this runs it, as root, or says how.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { missingTools, startCodeServer, type CodeServer } from "../test/vscode/codeServer.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const VSIX = join(root, "dist/keepalived-ha.vsix");

interface Options {
  port?: number;
  folder: string;
  build: boolean;
}

function usage(message: string): never {
  console.error(`npm start: ${message}\nusage: npm start [-- --port N] [-- --folder DIR] [-- --no-build]`);
  process.exit(2);
}

function parseOptions(argv: string[]): Options {
  const options: Options = { folder: join(root, "examples"), build: true };
  const envPort = process.env["PORT"];
  if (envPort !== undefined && envPort !== "") options.port = Number(envPort);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.split("=", 2) as [string, string | undefined];
    const value = (): string => inline ?? argv[++i] ?? usage(`${name} needs a value`);
    if (arg === "--") continue; // `./dev.sh start -- --port N` hands npm's separator on
    else if (name === "--port") options.port = Number(value());
    else if (name === "--folder") options.folder = resolve(value());
    else if (arg === "--no-build") options.build = false;
    else if (arg === "-h" || arg === "--help") usage("starts VS Code (code-server) with the extension installed");
    else usage(`unknown argument ${arg}`);
  }
  if (options.port !== undefined && !(Number.isInteger(options.port) && options.port > 0 && options.port < 65536)) usage(`bad port ${options.port}`);
  if (!existsSync(options.folder)) usage(`no folder ${options.folder}`);
  return options;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`npm start: \`${[command, ...args].join(" ")}\` failed (${result.status ?? result.signal})`);
    process.exit(1);
  }
}

/** code-server and its Node live in .tools/; install them when they are not there (root only: apt-get). */
function ensureTools(): void {
  const missing = missingTools();
  if (missing === undefined) return;
  const setup = "bash scripts/setup-vscode.sh";
  if (process.getuid?.() !== 0) {
    console.error(`npm start: ${missing}.\nRun, as root, from ${root}:\n\n  ${setup}\n\nthen npm start again.`);
    process.exit(1);
  }
  console.log(`${missing.split(":")[0]}: running ${setup} (about 4 minutes the first time)`);
  // Without npm's variables: the npm that runs `npm start` (maybe on Node 20) would otherwise pass its
  // npm_config_user_agent to the npm that installs code-server, whose postinstall then refuses the Node version.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith("npm_")));
  run("bash", [join(root, "scripts/setup-vscode.sh")], env);
}

/** `npm run package`, with the npm that started us when there is one. */
function buildVsix(): void {
  const npmCli = process.env["npm_execpath"];
  if (npmCli !== undefined && npmCli.endsWith(".js")) run(process.execPath, [npmCli, "run", "package"]);
  else run("npm", ["run", "package"]);
  if (!existsSync(VSIX)) {
    console.error(`npm start: npm run package did not write ${VSIX}`);
    process.exit(1);
  }
}

const options = parseOptions(process.argv.slice(2));
ensureTools();
if (options.build) buildVsix();
else if (!existsSync(VSIX)) usage(`${relative(root, VSIX)} is missing: start without --no-build`);

let server: CodeServer;
try {
  server = await startCodeServer({ vsix: [VSIX], testDriver: false, ...(options.port !== undefined ? { port: options.port } : {}) });
} catch (error) {
  console.error(`npm start: VS Code did not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping VS Code (code-server's process group) and removing its temporary profile`);
  await server.stop();
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stop(signal));

const url = `${server.origin}/?folder=${encodeURIComponent(options.folder)}`;
console.log(`
VS Code (code-server, VS Code 1.139) with the Keepalived HA extension installed from ${relative(root, VSIX)}
is running on 127.0.0.1 with ${relative(root, options.folder) || options.folder} open:

  ${url}

Open a keepalived file (e.g. guide/keepalived-primary.conf) to see diagnostics, completion, hover and the
status bar. From another machine: ssh -L ${server.port}:127.0.0.1:${server.port} this-host, then the same URL.

To install the extension into desktop VS Code instead:

  code --install-extension ${relative(process.cwd(), VSIX) || VSIX}

Ctrl+C stops VS Code.`);
