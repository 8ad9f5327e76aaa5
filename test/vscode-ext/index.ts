/**
 * The in-extension-host test entry, in @vscode/test-electron's shape: VS Code loads this module as
 * `extensionTestsPath` and awaits `run()`; the run's outcome is the settled promise. scripts/build-vscode-tests.ts
 * bundles it to `index.cjs` next to the bundled `*.test.cjs` files it runs, because the extension host loads
 * CommonJS reliably while `.ts` and ESM test modules depend on the host's Node and loader.
 *
 * The same module runs under @vscode/test-electron (runTest.ts, where VS Code can be downloaded) and under the
 * code-server harness (test/vscode/harness.ts) on machines that can't.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import Mocha from "mocha";

/** Test files are the bundles beside this one; the build writes each suite to its own folder. */
const TEST_FILE = /\.test\.cjs$/;

export function run(): Promise<void> {
  // The bundle defines import.meta.dirname as __dirname: this module is CommonJS when VS Code loads it.
  const dir = import.meta.dirname;
  const grep = process.env["KHA_TEST_GREP"];
  const mocha = new Mocha({
    ui: "bdd",
    // The extension host's console goes to the workbench as text: ANSI colours would only be noise there.
    color: false,
    reporter: "spec",
    timeout: Number(process.env["KHA_TEST_TIMEOUT"] ?? 30_000),
    ...(grep === undefined ? {} : { grep }),
  });
  const files = readdirSync(dir)
    .filter((name) => TEST_FILE.test(name))
    .sort();
  for (const name of files) mocha.addFile(join(dir, name));

  return new Promise<void>((resolve, reject) => {
    if (files.length === 0) {
      reject(new Error(`no *.test.cjs files next to ${dir}: nothing was tested`));
      return;
    }
    try {
      const runner = mocha.run((failures) => {
        // A grep that matches nothing must not look like a pass.
        if (failures > 0) reject(new Error(`${failures} in-host test(s) failed`));
        else if (runner.stats !== undefined && runner.stats.tests === 0) reject(new Error("no in-host test ran"));
        else resolve();
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
