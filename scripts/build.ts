/**
 * Bundles the extension with esbuild: the client (loaded by VS Code), the language server (a separate Node
 * process) and the command line. `--production` minifies, `--watch` rebuilds on change.
 *
 *   node scripts/build.ts [--production] [--watch]
 */
import * as esbuild from "esbuild";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const production = process.argv.includes("--production");
const watch = process.argv.includes("--watch");

const common: esbuild.BuildOptions = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  sourcemap: production ? false : "linked",
  minify: production,
  legalComments: "none",
  logLevel: "warning",
  absWorkingDir: root,
  // Code that asks "am I the entry module?" (import.meta.main) is never the entry inside a bundle.
  define: { "import.meta.main": "false" },
};

const builds: esbuild.BuildOptions[] = [
  { ...common, entryPoints: ["client/src/extension.ts"], outfile: "dist/client/extension.cjs", external: ["vscode"] },
  { ...common, entryPoints: ["server/src/server.ts"], outfile: "dist/server/server.cjs" },
  { ...common, entryPoints: ["server/src/cli.ts"], outfile: "dist/cli.cjs" },
];

const started = performance.now();
if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.log("esbuild: watching client, server and CLI");
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  console.log(`esbuild: built client, server and CLI${production ? " (production)" : ""} in ${Math.round(performance.now() - started)} ms`);
}
