/**
 * Bundles an in-extension-host test suite: test/vscode-ext/index.ts (the `run()` entry) plus the suite's test
 * files, each to a CommonJS `.cjs` file in one folder, which is what VS Code gets as `extensionTestsPath`.
 * `vscode` is provided by the extension host and mocha is loaded from the project's node_modules at run
 * time, so both stay external; the output must therefore live inside the project (default out/vscode-ext).
 *
 *   node scripts/build-vscode-tests.ts                      test/vscode-ext/**\/*.test.ts -> out/vscode-ext/
 *   node scripts/build-vscode-tests.ts --out DIR FILE...    these files -> DIR
 */
import { globSync, mkdirSync, rmSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Options every bundle that runs in the extension host shares. */
function hostBundleOptions(): esbuild.BuildOptions {
  return {
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node22",
    sourcemap: "inline",
    logLevel: "warning",
    external: ["vscode"],
    // Sources are ESM (import.meta.dirname); the bundles are CommonJS, where __dirname means the same.
    define: { "import.meta.dirname": "__dirname", "import.meta.filename": "__filename" },
  };
}

export interface InHostSuite {
  /** test files (TypeScript), absolute or relative to the project root */
  testFiles: string[];
  /** folder to write index.cjs and the *.test.cjs bundles to; emptied first */
  outDir: string;
}

/** Builds the suite and returns the path to give VS Code as extensionTestsPath. */
export async function buildInHostSuite(suite: InHostSuite): Promise<string> {
  const outDir = resolve(root, suite.outDir);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const entryPoints = [
    { in: join(root, "test/vscode-ext/index.ts"), out: "index" },
    ...suite.testFiles.map((file) => {
      const path = isAbsolute(file) ? file : join(root, file);
      return { in: path, out: basename(path).replace(/\.ts$/, "").replace(/(\.test)?$/, ".test") };
    }),
  ];
  const outs = new Set(entryPoints.map((entry) => entry.out));
  if (outs.size !== entryPoints.length) throw new Error("two in-host test files share a base name");
  // mocha is not bundled: one copy shared by index.cjs and the test files, or describe() would register
  // on a different mocha than the one that runs.
  const options = hostBundleOptions();
  await esbuild.build({ ...options, entryPoints, outdir: outDir, outExtension: { ".js": ".cjs" }, plugins: [mochaFromProject(outDir)] });
  return join(outDir, "index.cjs");
}

/**
 * Resolves `mocha` to the project's CommonJS build, kept external (see buildInHostSuite): mocha 12's package
 * entry is ESM, and its CommonJS build is what a `require` in any extension host can load.
 */
function mochaFromProject(outDir: string): esbuild.Plugin {
  // A relative path keeps the bundles working wherever the project is checked out.
  const mocha = relative(outDir, join(root, "node_modules/mocha/lib/mocha.cjs")).split(sep).join("/");
  return {
    name: "mocha-from-project",
    setup(build) {
      build.onResolve({ filter: /^mocha$/ }, () => ({ path: mocha.startsWith(".") ? mocha : `./${mocha}`, external: true }));
    },
  };
}

/** Bundles one extension entry (e.g. a test extension's src/extension.ts) to a `.cjs` file. */
export async function bundleExtension(entry: string, outfile: string): Promise<void> {
  await esbuild.build({ ...hostBundleOptions(), entryPoints: [resolve(root, entry)], outfile: resolve(root, outfile) });
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let outDir = "out/vscode-ext";
  const outAt = args.indexOf("--out");
  if (outAt >= 0) {
    outDir = args[outAt + 1] ?? outDir;
    args.splice(outAt, 2);
  }
  const testFiles = args.length > 0 ? args : globSync("test/vscode-ext/**/*.test.ts", { cwd: root });
  const index = await buildInHostSuite({ testFiles, outDir });
  console.log(`built ${testFiles.length} in-host test file(s) -> ${index}`);
}
