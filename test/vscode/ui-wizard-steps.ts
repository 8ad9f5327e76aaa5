/**
 * The steps of a person going through "Keepalived: Generate HA pair" in the workbench (for ui-wizard.test.ts):
 * the wizard's quick input, the editor groups and status bar it leaves behind, the files on disk. Each step waits
 * on the screen with a timeout; none sleeps.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { dismiss, focusGroup, holds, openPalette, retryStep, runCommand, shows, showProblems, statusBarItem } from "./workbench.ts";

export const STEP_TIMEOUT = 20_000;
export const WIZARD = "Keepalived: Generate HA pair";

export const widget = (page: Page): Locator => page.locator(".quick-input-widget");
export const inputBox = (page: Page): Locator => widget(page).locator(".quick-input-box input");
export const message = (page: Page): Locator => widget(page).locator(".quick-input-message");

/** Waits for the wizard's title with its step counter, e.g. "Keepalived: Generate HA pair (4/8)". */
export async function atStep(page: Page, step: number, total: number): Promise<void> {
  await widget(page).locator(".quick-input-title").filter({ hasText: `${WIZARD} (${step}/${total})` }).waitFor({ timeout: STEP_TIMEOUT });
}

/**
 * Replaces the box's text as a person does: select all, type; until the box holds exactly `text` (selecting all
 * and typing again is harmless when keys were lost).
 */
export async function typeAnswer(page: Page, text: string): Promise<void> {
  await retryStep(
    `type "${text}" into the wizard's box`,
    async () => {
      await inputBox(page).press("Control+A");
      await page.keyboard.type(text);
    },
    (timeout) => holds(page, async () => (await inputBox(page).inputValue()) === text, timeout),
    { waits: [2_000, 4_000, 8_000] },
  );
}

/**
 * Presses `key` in the wizard's box (focused first, so the key can't go elsewhere). Not repeated: an Enter that
 * arrived late would answer the next step too.
 */
export async function pressInBox(page: Page, key: string): Promise<void> {
  await inputBox(page).press(key, { timeout: STEP_TIMEOUT });
}

/** Types `text`, presses Enter and waits for the next step's counter. */
export async function answer(page: Page, text: string, next: [number, number]): Promise<void> {
  await typeAnswer(page, text);
  await pressInBox(page, "Enter");
  await atStep(page, ...next);
}

/**
 * Clicks the wizard's Back button on step `from` (e.g. [6, 8]) until the title leaves that step. Clicked again
 * only after 8 s on the same step (the extension host answers a button in well under a second; a second click
 * after a late first one would go back twice).
 */
export async function back(page: Page, from: [number, number]): Promise<void> {
  const current = widget(page).locator(".quick-input-title").filter({ hasText: `${WIZARD} (${from[0]}/${from[1]})` });
  const button = widget(page).getByRole("button", { name: "Back" });
  await retryStep(
    `go back from step ${from[0]} (the Back button)`,
    async () => {
      if (!(await current.isVisible())) return false;
      await button.click({ timeout: 5_000 });
    },
    (timeout) => shows(current, timeout, "hidden"),
    { waits: [8_000, 12_000] },
  );
}

/** The value currently in the box. */
export async function boxValue(page: Page): Promise<string> {
  return inputBox(page).inputValue();
}

/**
 * F1, the wizard's title, Enter. An installed extension's commands reach the palette once the extension host
 * has read the extension, seconds after the window shows on two cores; the palette recomputes its list when its
 * text changes, so until the row is there the text is retyped, as a person would.
 */
export async function startWizard(page: Page): Promise<void> {
  await openPalette(page);
  const row = widget(page).locator(".quick-input-list .monaco-list-row").filter({ has: page.locator(".label-name", { hasText: new RegExp(`^${WIZARD}$`) }) });
  const deadline = Date.now() + 60_000;
  await inputBox(page).fill(`>${WIZARD}`);
  while (!(await row.first().waitFor({ timeout: 2_000 }).then(() => true, () => false))) {
    if (Date.now() > deadline) throw new Error(`"${WIZARD}" did not appear in the command palette within 60 s`);
    await inputBox(page).fill(`>${WIZARD.slice(0, -1)}`);
    await inputBox(page).fill(`>${WIZARD}`);
  }
  // Running the command closes the palette before the wizard's first step shows: while the palette still shows
  // the command, Enter was lost (seen once, right after the row appeared: Enter runs the focused row, so the
  // row is first waited on to be the focused one).
  const first = widget(page).locator(".quick-input-title").filter({ hasText: `${WIZARD} (1/` });
  const focused = row.first().and(page.locator(".monaco-list-row.focused"));
  await retryStep(
    `run "${WIZARD}" (Enter)`,
    async () => {
      if (!(await row.first().isVisible()) || (await inputBox(page).inputValue()) !== `>${WIZARD}`) return false;
      await focused.waitFor({ timeout: 3_000 }).catch(() => undefined);
      await inputBox(page).press("Enter");
    },
    (timeout) => shows(first, timeout),
    { waits: [5_000, 10_000, 15_000] },
  );
}

/**
 * Returns once the extension host has finished handling what came before: it runs commands in order, so a new
 * run of the wizard showing its first step means the previous command is done. That run is then cancelled.
 */
export async function extensionHostSettled(page: Page): Promise<void> {
  await startWizard(page);
  await dismiss(page, "the wizard", widget(page));
}

/** The editor groups' active tabs, left to right, once there are `count` groups. */
export async function groupTabs(page: Page, count: number): Promise<string[]> {
  const groups = page.locator(".part.editor .editor-group-container");
  await groups.nth(count - 1).locator(".tab.active").waitFor({ timeout: STEP_TIMEOUT });
  const names: string[] = [];
  for (let i = 0; i < (await groups.count()); i++) names.push((await groups.nth(i).locator(".tab.active").getAttribute("aria-label"))?.split(",")[0] ?? "");
  return names;
}

/**
 * The status bar item of the config in editor group `index` (made the active group), with the pass icon the
 * extension shows when the language server counts no error and no warning in that file, pair checks included.
 */
export async function cleanStatus(page: Page, index: number, text: string): Promise<void> {
  // Activated through its tab: a click into the text at a fixed offset once hit nothing ("<html> intercepts pointer events").
  await focusGroup(page, page.locator(".part.editor .editor-group-container").nth(index));
  await statusBarItem(page, text).filter({ has: page.locator(".codicon-pass") }).waitFor({ timeout: STEP_TIMEOUT });
}

/** The Problems panel's rows that are errors or warnings. */
export async function errorsAndWarnings(page: Page): Promise<string[]> {
  const rows = await showProblems(page);
  return rows.filter({ has: page.locator(".codicon-error, .codicon-warning") }).allInnerTexts();
}

/** The Notifications centre, opened (toasts are not shown in the test driver's mode: this is where they go). */
export async function notificationsCentre(page: Page): Promise<Locator> {
  await runCommand(page, "Notifications: Show Notifications");
  const center = page.locator(".notifications-center");
  await center.waitFor({ state: "visible", timeout: STEP_TIMEOUT });
  return center;
}

export interface FileState {
  mode: number;
  mtimeMs: number;
  sha: string;
}

/** Every file under `dir` (relative path -> mode, mtime and content hash). */
export function snapshot(dir: string): Map<string, FileState> {
  const files = new Map<string, FileState>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const stat = statSync(path);
    files.set(path.slice(dir.length + 1), { mode: stat.mode & 0o777, mtimeMs: stat.mtimeMs, sha: createHash("sha256").update(readFileSync(path)).digest("hex") });
  }
  return files;
}

export function modes(files: Map<string, FileState>): Record<string, string> {
  return Object.fromEntries([...files].map(([path, state]) => [path, state.mode.toString(8)]));
}
