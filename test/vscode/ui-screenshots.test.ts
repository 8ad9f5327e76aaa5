/**
 * The README's screenshots, taken from the real workbench with the installed .vsix: diagnostics (squiggle, its
 * hover and the Problems panel), completion (keywords of a vrrp_instance with their documentation) and hover
 * (a keyword's explanation). Each test checks what the picture must show before taking it.
 *
 * By default the pictures go to test-results/screenshots/ (git-ignored); to regenerate the committed ones:
 *   KHA_SCREENSHOTS=docs node_modules/.bin/node node_modules/mocha/bin/mocha.js test/vscode/ui-screenshots.test.ts
 * which writes docs/images/{diagnostics,completion,hover}.png.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { useWorkbench } from "./fixture.ts";
import { RESULTS_DIR, ROOT } from "./harness.ts";
import { prepareUi, type UiFixture } from "./ui-setup.ts";
import {
  activeEditor,
  dismiss,
  focusEditor,
  goTo,
  hidePanel,
  openFile,
  retryStep,
  runCommand,
  shows,
  showSuggestions,
  statusBarItem,
  typeText,
  waitForProblem,
} from "./workbench.ts";

const STEP_TIMEOUT = 20_000;
const OUT_DIR = process.env["KHA_SCREENSHOTS"] === "docs" ? join(ROOT, "docs/images") : join(RESULTS_DIR, "screenshots");

/** Settings that make small, readable pictures: no minimap, no breadcrumbs, a dark theme. */
const PICTURE_SETTINGS = {
  "workbench.colorTheme": "Default Dark Modern",
  "editor.minimap.enabled": false,
  "breadcrumbs.enabled": false,
  "editor.fontSize": 13,
  "workbench.activityBar.location": "hidden",
  "window.commandCenter": false,
  "workbench.layoutControl.enabled": false,
  "editor.hover.delay": 100,
  "editor.stickyScroll.enabled": false,
  "editor.occurrencesHighlight": "off",
};

async function save(page: Page, name: string, clip?: { x: number; y: number; width: number; height: number }): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const path = join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path, timeout: 10_000, ...(clip === undefined ? {} : { clip }) });
  console.log(`      wrote ${path}`);
}

/** The editor opened without the Explorer beside it, so the picture is the file; the editor has the focus. */
async function showAlone(page: Page, file: string): Promise<void> {
  await openFile(page, file);
  await runCommand(page, "View: Close Primary Side Bar");
  await page.locator(".part.sidebar").waitFor({ state: "hidden", timeout: STEP_TIMEOUT });
  await focusEditor(page);
}

/** Shows the hover at the cursor, as Ctrl+K Ctrl+I does, and waits for it to contain `text`. */
async function hoverAtCursor(page: Page, text: string | RegExp): Promise<void> {
  const hover = page.locator(".monaco-hover").filter({ hasText: text }).first();
  // The chord is pressed again when no hover came (seen once: right after Go to Line the first chord was lost).
  await retryStep(
    "show the hover (Ctrl+K Ctrl+I)",
    async () => {
      if (await hover.isVisible()) return false;
      await focusEditor(page);
      await page.keyboard.press("Control+K");
      await page.keyboard.press("Control+I");
    },
    (timeout) => shows(hover, timeout),
  );
}

describe("README screenshots from the real workbench", function () {
  this.timeout(180_000);
  let fixture: UiFixture | undefined;

  before(function () {
    this.timeout(240_000);
    fixture = prepareUi(this);
  });

  after(() => fixture?.dispose());

  describe("with the installed extension", () => {
    const ui = useWorkbench(() => ({ name: "screenshots", folder: fixture!.workspace, vsix: [fixture!.vsix], settings: PICTURE_SETTINGS }));

    before(async () => {
      await ui.workbench.page.setViewportSize({ width: 1000, height: 620 });
    });

    it("diagnostics: the misspelt keyword's squiggle, its hover and the Problems panel", async () => {
      const { page } = ui.workbench;
      await showAlone(page, "broken/keepalived-broken.conf");
      await waitForProblem(page, /Unknown keyword 'priorty'/);
      await waitForProblem(page, /track_script 'chk_missing'/);
      await statusBarItem(page, "VRRP: MASTER").waitFor({ timeout: STEP_TIMEOUT });
      await goTo(page, 5, 7);
      await hoverAtCursor(page, /did you mean 'priority'/);
      await save(page, "diagnostics");
      await dismiss(page, "the hover", page.locator(".monaco-hover").filter({ hasText: /did you mean 'priority'/ }).first());
    });

    it("completion: the keywords of a vrrp_instance with their documentation", async () => {
      const { page } = ui.workbench;
      await hidePanel(page);
      await showAlone(page, "completion/keepalived-completion.conf");
      await goTo(page, 11, 5);
      await typeText(page, "pr");
      const widget = activeEditor(page).locator(".suggest-widget");
      const row = widget.locator(".monaco-list-row").filter({ hasText: "priority" }).first();
      await showSuggestions(page, row);
      // The documentation beside the list: Ctrl+Space, with the list open, toggles it. Pressed only while the
      // documentation is not showing (typing opened the list, and the list may remember it open), so a late
      // press can't hide it again; the list is reopened if it closed.
      const details = page.locator(".suggest-details-container").filter({ hasText: /priority/i }).first();
      await retryStep(
        "show the completion's documentation (Ctrl+Space)",
        async () => {
          if (!(await row.isVisible())) await showSuggestions(page, row);
          if (await shows(details, 1_000)) return false;
          await page.keyboard.press("Control+Space");
        },
        (timeout) => shows(details, timeout),
      );
      await save(page, "completion");
      await dismiss(page, "the suggest widget", row);
    });

    it("hover: what a keyword does, its range and default", async () => {
      const { page } = ui.workbench;
      await hidePanel(page);
      await showAlone(page, "guide/keepalived-primary.conf");
      await goTo(page, 18, 3);
      await hoverAtCursor(page, /Election priority/);
      await save(page, "hover");
      await dismiss(page, "the hover", page.locator(".monaco-hover").filter({ hasText: /Election priority/ }).first());
    });
  });
});
