/**
 * Proves the real-VS Code harness against a throwaway probe extension (test/vscode/probe-extension), both ways
 * the project's extension will be tested: in-host tests in development mode, and a person's walk through the
 * workbench with the extension installed from a .vsix. Needs `bash scripts/setup-vscode.sh` first; without it
 * every test here is reported skipped, with that reason.
 */
import * as assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildInHostSuite, bundleExtension } from "../../scripts/build-vscode-tests.ts";
import { useWorkbench } from "./fixture.ts";
import { missingTools, mochaReport, ROOT, runExtensionTests, type Timings } from "./harness.ts";
import { packVsix } from "./vsix.ts";
import { acceptCompletion, applyQuickFix, cursorStatus, editorLines, goTo, openFile, retryStep, runCommand, shows, statusBarItem, typeText, waitForCursor, waitForEditorText, waitForLanguage, waitForProblem } from "./workbench.ts";

const PROBE = join(ROOT, "test/vscode/probe-extension");
const SAMPLE = "greeting probe\nquite bad here";

function formatTimings(timings: Timings): string {
  return Object.entries(timings)
    .map(([step, ms]) => `${step} ${((ms as number) / 1000).toFixed(1)} s`)
    .join(", ");
}

describe("real VS Code harness, with the probe extension", function () {
  this.timeout(180_000);
  let scratch = "";
  let workspace = "";
  let vsix = "";

  before(async function () {
    const reason = missingTools();
    if (reason !== undefined) {
      console.log(`    skipped: ${reason}`);
      this.skip();
    }
    scratch = mkdtempSync(join(tmpdir(), "kha-probe-"));
    workspace = join(scratch, "workspace");
    mkdirSync(workspace);
    writeFileSync(join(workspace, "sample.kprobe"), SAMPLE);
    await bundleExtension(join(PROBE, "src/extension.ts"), join(PROBE, "out/extension.cjs"));
    vsix = join(scratch, "keepalived-probe.vsix");
    packVsix(PROBE, vsix);
  });

  after(() => {
    if (scratch !== "") rmSync(scratch, { recursive: true, force: true });
  });

  it("runs the in-host mocha suite inside the extension host and gets its result back", async () => {
    const extensionTestsPath = await buildInHostSuite({ testFiles: [join(PROBE, "src/probe.inhost.ts")], outDir: "out/vscode-tests/probe" });
    const result = await runExtensionTests({
      name: "probe in-host suite",
      extensionDevelopmentPath: PROBE,
      extensionTestsPath,
      folder: workspace,
      extensionEnvironment: { KHA_PROBE_SAMPLE: join(workspace, "sample.kprobe") },
    });
    const report = result.log.join("\n");
    console.log(mochaReport(result.log).map((line) => `    ${line}`).join("\n"));
    console.log(`      timings: ${formatTimings(result.timings)}`);
    assert.equal(result.exitCode, 0, `in-host suite failed:\n${report}`);
    // The exit code alone can't tell a pass from a suite that never ran: read mocha's report too.
    assert.match(report, /4 passing/, `mocha's report did not come back:\n${report}`);
  });

  describe("a person using the installed probe in the workbench", () => {
    const ui = useWorkbench(() => ({ name: "probe ui", folder: workspace, vsix: [vsix] }));
    after(() => console.log(`      timings: ${formatTimings(ui.timings)}`));

    it("opens a probe file from the Explorer and the status bar shows its language", async () => {
      const { page } = ui.workbench;
      await openFile(page, "sample.kprobe");
      await waitForLanguage(page, "Keepalived Probe");
    });

    it("runs the probe's command from the command palette (F1) and sees its effect", async () => {
      const { page } = ui.workbench;
      await runCommand(page, "Keepalived Probe: Describe Active Editor");
      await statusBarItem(page, "Probe: keepalived-probe 2 lines").waitFor({ timeout: 20_000 });
    });

    it("sees the warning in the Problems panel and fixes it with Ctrl+.", async () => {
      const { page } = ui.workbench;
      await waitForProblem(page, "probe: 'bad' is not allowed");
      await goTo(page, 2, 8);
      await applyQuickFix(page, "Replace 'bad' with 'good'");
      await waitForEditorText(page, "quite good here");
    });

    it("accepts a completion", async () => {
      const { page } = ui.workbench;
      await goTo(page, 2, 16);
      await page.keyboard.press("End");
      await waitForCursor(page, 2, 16);
      // Enter again only while the cursor is still at the end of line 2 (the first one was lost).
      await retryStep(
        "start line 3 (Enter)",
        async () => {
          if (!(await cursorStatus(page, 2, 16).isVisible())) return false;
          await page.keyboard.press("Enter");
        },
        (timeout) => shows(cursorStatus(page, 3, 1), timeout),
      );
      await typeText(page, "pro");
      await acceptCompletion(page, "probe-keyword");
      await waitForEditorText(page, "probe-keyword on");
      assert.deepEqual(await editorLines(page), ["greeting probe", "quite good here", "probe-keyword on"]);
    });
  });
});
