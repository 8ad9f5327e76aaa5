/**
 * Drives the VS Code workbench the way a person does: clicks in the Explorer, the command palette (F1), the
 * Problems panel, the suggest widget, Ctrl+. quick fixes. Every step waits on what appears on screen, with a
 * timeout, through Playwright locators; none sleeps. Selectors are VS Code 1.139's DOM: when a VS Code upgrade
 * breaks one, this file is the one place to fix.
 */
import type { Locator, Page } from "playwright-core";

const STEP_TIMEOUT = 20_000;

function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

/** The editor of the active editor group. */
export function activeEditor(page: Page): Locator {
  return page.locator(".part.editor .editor-group-container.active .monaco-editor").first();
}

/** Opens a workspace file by clicking through the Explorer tree (folders first), and waits for its tab. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  const segments = relativePath.split("/");
  const explorer = page.locator(".explorer-folders-view");
  if (!(await explorer.isVisible())) await page.keyboard.press("Control+Shift+E");
  await explorer.waitFor({ state: "visible", timeout: STEP_TIMEOUT });
  for (const [index, segment] of segments.entries()) {
    const row = explorer.locator(".monaco-list-row").filter({ has: page.locator(".label-name", { hasText: exactly(segment) }) });
    if (index === segments.length - 1) {
      await row.click({ timeout: STEP_TIMEOUT });
      continue;
    }
    // A folder: clicked until the tree shows it open (a click while the tree re-renders can be lost: seen once).
    const open = row.and(page.locator('[aria-expanded="true"]'));
    for (let attempt = 0; attempt < 3 && (await open.count()) === 0; attempt++) {
      await row.click({ timeout: STEP_TIMEOUT });
      await open.waitFor({ timeout: 3_000 }).catch(() => undefined);
    }
    await open.waitFor({ timeout: STEP_TIMEOUT });
  }
  const name = segments[segments.length - 1]!;
  await page.locator(".tabs-container .tab.active").filter({ hasText: name }).waitFor({ timeout: STEP_TIMEOUT });
  await activeEditor(page).waitFor({ state: "visible", timeout: STEP_TIMEOUT });
}

/** The language name in the status bar (what a person reads to know the file's mode). */
export async function waitForLanguage(page: Page, languageName: string): Promise<void> {
  await page.locator('[id="status.editor.mode"]').filter({ hasText: languageName }).waitFor({ timeout: STEP_TIMEOUT });
}

/** Runs a command from the command palette by its title, e.g. "Keepalived: Check Pair". */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press("F1");
  const palette = page.locator(".quick-input-widget");
  await palette.waitFor({ state: "visible", timeout: STEP_TIMEOUT });
  await palette.locator(".quick-input-box input").fill(`>${title}`);
  const row = palette.locator(".quick-input-list .monaco-list-row").filter({ has: page.locator(".label-name", { hasText: exactly(title) }) });
  await row.first().click({ timeout: STEP_TIMEOUT });
  await palette.waitFor({ state: "hidden", timeout: STEP_TIMEOUT });
}

/** A status bar entry showing `text`. */
export function statusBarItem(page: Page, text: string | RegExp): Locator {
  return page.locator(".part.statusbar .statusbar-item").filter({ hasText: text });
}

/** Opens the Problems panel (Ctrl+Shift+M) and returns its rows. */
export async function showProblems(page: Page): Promise<Locator> {
  const panel = page.locator(".markers-panel");
  if (!(await panel.isVisible())) await page.keyboard.press("Control+Shift+M");
  await panel.waitFor({ state: "visible", timeout: STEP_TIMEOUT });
  return panel.locator(".monaco-list-row");
}

/** Waits until the Problems panel lists a problem containing `text`; returns that row. */
export async function waitForProblem(page: Page, text: string | RegExp): Promise<Locator> {
  const row = (await showProblems(page)).filter({ hasText: text }).first();
  await row.waitFor({ timeout: STEP_TIMEOUT });
  return row;
}

/** Waits until the Problems panel lists no problem containing `text` (diagnostics arrive after the edit that clears them). */
export async function waitForProblemGone(page: Page, text: string | RegExp): Promise<void> {
  const row = (await showProblems(page)).filter({ hasText: text }).first();
  await row.waitFor({ state: "detached", timeout: STEP_TIMEOUT });
}

/** The texts of every row of the Problems panel (file rows included), top to bottom. */
export async function problemTexts(page: Page): Promise<string[]> {
  return (await showProblems(page)).allInnerTexts();
}

/** Moves the cursor with Go to Line (Ctrl+G); line and column are 1-based, as the dialog takes them. */
export async function goTo(page: Page, line: number, column = 1): Promise<void> {
  await activeEditor(page).click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("Control+G");
  const input = page.locator(".quick-input-widget .quick-input-box input");
  await input.waitFor({ state: "visible", timeout: STEP_TIMEOUT });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press("Enter");
  await page.locator(".quick-input-widget").waitFor({ state: "hidden", timeout: STEP_TIMEOUT });
}

/** Types into the focused editor as keystrokes. */
export async function typeText(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text);
}

/** Opens completion (Ctrl+Space) at the cursor and accepts the item labelled `label` with Enter. */
export async function acceptCompletion(page: Page, label: string): Promise<void> {
  await page.keyboard.press("Control+Space");
  const item = activeEditor(page)
    .locator(".suggest-widget .monaco-list-row")
    .filter({ has: page.locator(".label-name", { hasText: exactly(label) }) })
    .first();
  await item.waitFor({ timeout: STEP_TIMEOUT });
  await item.click();
  await item.waitFor({ state: "hidden", timeout: STEP_TIMEOUT });
}

/** Opens the quick fix menu (Ctrl+.) at the cursor and applies the action titled `title`. */
export async function applyQuickFix(page: Page, title: string): Promise<void> {
  await page.keyboard.press("Control+.");
  const action = page.locator(".action-widget .monaco-list-row").filter({ hasText: title }).first();
  await action.waitFor({ timeout: STEP_TIMEOUT });
  await action.click();
  await action.waitFor({ state: "hidden", timeout: STEP_TIMEOUT });
}

/** An editor's visible text (the active one's by default), line by line in screen order (DOM order follows edits, not lines). */
export async function editorLines(page: Page, editor: Locator = activeEditor(page)): Promise<string[]> {
  const lines = editor.locator(".view-lines .view-line");
  const placed: { top: number; text: string }[] = [];
  for (let index = 0, count = await lines.count(); index < count; index++) {
    const line = lines.nth(index);
    const top = /top:\s*([\d.]+)px/.exec((await line.getAttribute("style")) ?? "")?.[1];
    placed.push({ top: Number(top ?? index), text: ((await line.textContent()) ?? "").replace(/\u00a0/g, " ") });
  }
  return placed.sort((a, b) => a.top - b.top).map((line) => line.text);
}

/** Waits until the active editor shows a line containing `text`. */
export async function waitForEditorText(page: Page, text: string): Promise<void> {
  await activeEditor(page).locator(".view-line").filter({ hasText: text }).first().waitFor({ timeout: STEP_TIMEOUT });
}
