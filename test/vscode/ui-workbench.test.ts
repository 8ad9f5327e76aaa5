/**
 * A person using the installed extension in the real VS Code workbench (code-server + Chromium): opens files
 * from the Explorer, reads the Problems panel and the status bar, accepts completions, applies a quick fix with
 * Ctrl+., and looks up the activation time VS Code itself measured. The extension is the .vsix of
 * `npm run package`, installed with --install-extension. A failing test leaves a screenshot in test-results/.
 */
import * as assert from "node:assert/strict";
import { useWorkbench } from "./fixture.ts";
import { prepareUi, type UiFixture } from "./ui-setup.ts";
import {
  acceptCompletion,
  applyQuickFix,
  editorLines,
  goTo,
  holds,
  openFile,
  problemTexts,
  retryStep,
  runCommand,
  statusBarItem,
  typeText,
  waitForEditorText,
  waitForLanguage,
  waitForProblem,
  waitForProblemGone,
} from "./workbench.ts";

const STEP_TIMEOUT = 20_000;

describe("a person using the installed extension in VS Code", function () {
  this.timeout(180_000);
  let fixture: UiFixture | undefined;

  before(function () {
    this.timeout(240_000);
    fixture = prepareUi(this);
  });

  after(() => fixture?.dispose());

  describe("in the workbench", () => {
    const ui = useWorkbench(() => ({ name: "keepalived ui", folder: fixture!.workspace, vsix: [fixture!.vsix] }));

    it("opens the guide's primary and sees its role in the status bar and its warnings in the Problems panel", async () => {
      const { page } = ui.workbench;
      await openFile(page, "guide/keepalived-primary.conf");
      await waitForLanguage(page, "Keepalived");
      await statusBarItem(page, "VRRP: MASTER 100 · VIP 192.168.1.100").waitFor({ timeout: STEP_TIMEOUT });
      await waitForProblem(page, /auth_pass 'REPLACE_WITH_YOUR_OWN_SHARED_VRRP_PASSWORD' of EMQX_EDGE_HA is a placeholder/);
      await waitForProblem(page, /auth_pass of EMQX_EDGE_HA is 42 bytes/);
    });

    it("opens a broken file and sees the unknown keyword and the undefined script as errors", async () => {
      const { page } = ui.workbench;
      await openFile(page, "broken/keepalived-broken.conf");
      const unknown = await waitForProblem(page, /Unknown keyword 'priorty' in vrrp_instance VI_BROKEN/);
      assert.match(await unknown.innerText(), /\[Ln 5, Col 5\]/);
      await waitForProblem(page, /track_script 'chk_missing' names no vrrp_script/);
    });

    it("accepts MASTER after state, and a keyword with its snippet", async () => {
      const { page } = ui.workbench;
      await openFile(page, "completion/keepalived-completion.conf");
      await goTo(page, 8, 11);
      await acceptCompletion(page, "MASTER");
      await waitForEditorText(page, "state MASTER");
      await goTo(page, 11, 5);
      await typeText(page, "advert");
      await acceptCompletion(page, "advert_int");
      await page.keyboard.press("Escape"); // leave snippet mode
      const lines = await editorLines(page);
      assert.ok(lines.some((line) => /^\s*advert_int \S+/.test(line)), `no completed advert_int line in:\n${lines.join("\n")}`);
      assert.ok(lines.some((line) => /^\s*state MASTER$/.test(line)), `state MASTER missing from:\n${lines.join("\n")}`);
    });

    it("fixes the misspelt keyword from the lightbulb (Ctrl+.)", async () => {
      const { page } = ui.workbench;
      await openFile(page, "broken/keepalived-broken.conf");
      await waitForProblem(page, /Unknown keyword 'priorty'/);
      await goTo(page, 5, 7);
      await applyQuickFix(page, "Change 'priorty' to 'priority'");
      await waitForEditorText(page, "priority 100");
      // The edit lands first; the server's new diagnostics follow it: wait for the row to go, then read the panel.
      await waitForProblemGone(page, "priorty");
      const problems = await problemTexts(page);
      assert.ok(!problems.some((p) => p.includes("priorty")), `the fixed problem is still listed:\n${problems.join("\n")}`);
    });

    it("shows the activation time VS Code measured for the extension (Developer: Show Running Extensions)", async () => {
      const { page } = ui.workbench;
      await runCommand(page, "Developer: Show Running Extensions");
      // VS Code 1.139 shows the editor in a modal: find the row by the extension's name, wherever it is.
      const row = page.locator(".monaco-list-row").filter({ hasText: "Keepalived HA" }).filter({ has: page.locator(".activation-time") }).first();
      // The list is sorted slowest first and only renders what it shows: walk down it as a person would.
      const first = page.locator(".monaco-list-row").filter({ has: page.locator(".activation-time") }).first();
      await first.waitFor({ timeout: STEP_TIMEOUT });
      // Clicked until the list has the keyboard focus, or the arrow keys below would go elsewhere.
      const listHasFocus = (): Promise<boolean> => first.evaluate((element) => element.closest(".monaco-list")?.contains(element.ownerDocument.activeElement) ?? false);
      await retryStep("focus the running extensions list", () => first.click({ timeout: 5_000 }), (timeout) => holds(page, listHasFocus, timeout));
      for (let step = 0; step < 100 && (await row.count()) === 0; step++) await page.keyboard.press("ArrowDown");
      const time = row.locator(".activation-time").first();
      await time.waitFor({ timeout: STEP_TIMEOUT });
      const text = (await time.innerText()).trim();
      // VS Code's figure: loading the extension's code plus the activate() call (not the server's start).
      console.log(`      VS Code reports: ${text} (code loading + activate(), installed .vsix)`);
      assert.match(text, /\d+\s*ms/);
    });
  });
});
