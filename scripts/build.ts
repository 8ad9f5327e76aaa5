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

/**
 * What the client imports dynamically, each bundled to its own file next to extension.cjs: VS Code counts
 * loading extension.cjs as activation time, so it holds only activate() and what runs in it (about 10 KB),
 * not vscode-languageclient (loaded once activate() has returned) or the wizard (loaded by its command).
 */
const CLIENT_CHUNKS: Record<string, { entry: string; chunk: string }> = {
  "vscode-languageclient/node": { entry: "node_modules/vscode-languageclient/lib/node/main.js", chunk: "languageclient.cjs" },
  "./wizard/haPair.ts": { entry: "client/src/wizard/haPair.ts", chunk: "wizard.cjs" },
};

const clientChunks: esbuild.Plugin = {
  name: "client-chunks",
  setup(build) {
    const specifiers = Object.keys(CLIENT_CHUNKS).map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
    build.onResolve({ filter: new RegExp(`^(${specifiers.join("|")})$`) }, (args) => {
      const target = CLIENT_CHUNKS[args.path];
      // Only the entry's own imports become chunks; inside a chunk the module is bundled as usual.
      if (target === undefined || !args.importer.endsWith("client/src/extension.ts")) return undefined;
      return { path: `./${target.chunk}`, external: true };
    });
  },
};

const builds: esbuild.BuildOptions[] = [
  // "dynamic-import": false turns import() of a chunk into require(), which VS Code's extension host resolves
  // (and gives `vscode` to) like the entry itself.
  { ...common, entryPoints: ["client/src/extension.ts"], outfile: "dist/client/extension.cjs", external: ["vscode"], plugins: [clientChunks], supported: { "dynamic-import": false } },
  ...Object.values(CLIENT_CHUNKS).map(({ entry, chunk }) => ({ ...common, entryPoints: [entry], outfile: `dist/client/${chunk}`, external: ["vscode"] })),
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
