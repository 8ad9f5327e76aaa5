/**
 * Drives the VS Code workbench the way a person does: clicks in the Explorer, the command palette (F1), the
 * Problems panel, the suggest widget, Ctrl+. quick fixes. Every step waits on what appears on screen, with a
 * timeout, through Playwright locators; none sleeps. Selectors are VS Code 1.139's DOM: when a VS Code upgrade
 * breaks one, this file is the one place to fix.
 *
 * A key pressed while the focus moves, or a click that lands while the workbench re-renders, is sometimes lost
 * (on two loaded cores about one step per run was, each time another one). So a step that is harmless to repeat
 * is done again when what it shows does not come (retryStep), and keys meant for the editor are pressed only once
 * the editor has the focus (focusEditor). A retry is logged as "[retry] ..." in the test output; a step that
 * never shows what it should still fails, naming itself.
 */
import type { Locator, Page } from "playwright-core";

const STEP_TIMEOUT = 20_000;

/**
 * How long each attempt of a retried step waits for its effect: short first (a lost key or click shows nothing,
 * however long one waits), longer later (a loaded machine is sometimes just slow). About 28 s in all.
 */
export const ATTEMPT_WAITS: readonly number[] = [3_000, 5_000, 8_000, 12_000];

/** How long a click in a retried step may wait for its target to be actionable before the attempt counts as failed. */
const CLICK_TIMEOUT = 5_000;

function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}

/** True once `locator` is in `state` within `timeout` ms, false otherwise (never throws). */
export async function shows(locator: Locator, timeout: number, state: "visible" | "hidden" | "attached" | "detached" = "visible"): Promise<boolean> {
  return locator.waitFor({ state, timeout }).then(
    () => true,
    () => false,
  );
}

/** True once `check()` does within `timeout` ms (polled every 50 ms), false otherwise. */
export async function holds(page: Page, check: () => Promise<boolean>, timeout: number): Promise<boolean> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await check().catch(() => false)) return true;
    if (Date.now() >= deadline) return false;
    await page.waitForTimeout(50);
  }
}

export interface RetryOptions {
  /** each attempt's wait for `done`, in ms (default ATTEMPT_WAITS) */
  waits?: readonly number[];
  /** run before every attempt but the first, e.g. Escape to close what the lost attempt left open */
  reset?: () => Promise<unknown>;
}

/**
 * Does `act`, then waits up to an attempt's time for `done(timeout)` to report what the step shows; when it does
 * not, does `act` again (after `reset`). Only for actions that are harmless to repeat once they took effect,
 * or whose `done` rules that out. `act` returns false when it found nothing to do (what it checks shows the
 * earlier attempt's effect is on its way): that attempt only waits longer. Throws, naming the step, when no
 * attempt showed it. Every attempt after the first is logged ("[retry] ...").
 */
export async function retryStep(what: string, act: () => Promise<unknown>, done: (timeout: number) => Promise<boolean>, options: RetryOptions = {}): Promise<void> {
  const waits = options.waits ?? ATTEMPT_WAITS;
  const errors: string[] = [];
  for (const [attempt, wait] of waits.entries()) {
    if (attempt > 0) await options.reset?.();
    let acted: unknown = true;
    try {
      acted = await act();
    } catch (error) {
      errors.push(firstLine(error));
    }
    if (attempt > 0) {
      const after = `not seen after ${waits.slice(0, attempt).reduce((sum, w) => sum + w, 0) / 1000} s`;
      console.log(`      [retry] ${what}: ${after}; ${acted === false ? "nothing to repeat, waiting longer" : "done again"} (attempt ${attempt + 1} of ${waits.length})`);
    }
    if (await done(wait)) return;
  }
  const total = waits.reduce((sum, wait) => sum + wait, 0);
  throw new Error(`${what}: not seen after ${waits.length} attempts (${Math.round(total / 1000)} s)${errors.length > 0 ? `; ${errors.join("; ")}` : ""}`);
}

/**
 * Presses `key`, a toggle, until `part` is in `state`: pressed only while it is not, so that an earlier press that
 * took effect late is not undone.
 */
async function toggleUntil(page: Page, what: string, key: string, part: Locator, state: "visible" | "hidden"): Promise<void> {
  await retryStep(
    `${what} (${key})`,
    async () => {
      if ((await part.isVisible()) === (state === "visible")) return false;
      await page.keyboard.press(key);
    },
    (timeout) => shows(part, timeout, state),
  );
}

/**
 * Clicks `target` until `gone` (the target itself by default) is hidden: a menu entry, a dialog button. Clicked
 * again only while the very element `gone` showed at the first click is still showing (a dialog shown anew after
 * the click is not clicked away: the caller's own check sees it); `waits` as in retryStep (longer ones for a
 * click whose work takes time). Not for a command that opens a quick input of its own.
 */
export async function clickUntilGone(what: string, target: Locator, gone: Locator = target, waits: readonly number[] = ATTEMPT_WAITS): Promise<void> {
  const shown = await gone.elementHandle({ timeout: STEP_TIMEOUT });
  try {
    await retryStep(
      what,
      async () => {
        if (!(await shown.isVisible())) return false;
        await target.click({ timeout: CLICK_TIMEOUT });
      },
      (timeout) => shown.waitForElementState("hidden", { timeout }).then(() => true, () => false),
      { waits },
    );
  } finally {
    await shown.dispose();
  }
}

/** The editor of the active editor group. */
export function activeEditor(page: Page): Locator {
  return page.locator(".part.editor .editor-group-container.active .monaco-editor").first();
}

/** True when `editor` has the keyboard focus (VS Code marks it `focused`; a menu or hover it opened does not count). */
async function editorHasFocus(editor: Locator): Promise<boolean> {
  return editor.evaluate((element) => element.classList.contains("focused")).catch(() => false);
}

/**
 * Makes sure keys go to `editor` (the active one by default), without moving its cursor: when it lacks the
 * focus (the Problems panel, the Explorer or a closing quick input has it), its text input is focused, as a
 * click into it would, and the editor then shows it has the focus.
 */
export async function focusEditor(page: Page, editor: Locator = activeEditor(page)): Promise<void> {
  await editor.waitFor({ state: "visible", timeout: STEP_TIMEOUT });
  if (await editorHasFocus(editor)) return;
  await retryStep(
    "focus the editor",
    () => editor.locator(".native-edit-context, textarea.inputarea").first().focus({ timeout: CLICK_TIMEOUT }),
    (timeout) => holds(page, () => editorHasFocus(editor), timeout),
  );
}

/**
 * Makes `group` (an `.editor-group-container`) the active editor group with its editor focused, by clicking its
 * active tab (which does not move the cursor; a click into the text at a fixed offset once failed with "<html>
 * intercepts pointer events"); when the click does not take, its editor is focused directly.
 */
export async function focusGroup(page: Page, group: Locator): Promise<void> {
  const editor = group.locator(".monaco-editor").first();
  const active = group.and(page.locator(".editor-group-container.active"));
  let attempt = 0;
  await retryStep(
    "activate the editor group",
    async () => {
      if (attempt++ % 2 === 0) await group.locator(".tab.active").click({ timeout: CLICK_TIMEOUT });
      else await editor.locator(".native-edit-context, textarea.inputarea").first().focus({ timeout: CLICK_TIMEOUT });
    },
    async (timeout) => (await shows(active, timeout)) && (await holds(page, () => editorHasFocus(editor), 1_000)),
  );
}

/** The cursor's position as the status bar shows it ("Ln 5, Col 7"), e.g. { line: 5, column: 7 }. */
export async function cursorPosition(page: Page): Promise<{ line: number; column: number }> {
  const item = page.locator('[id="status.editor.selection"]');
  await item.waitFor({ timeout: STEP_TIMEOUT });
  const match = /Ln (\d+), Col (\d+)/.exec(await item.innerText());
  if (match === null) throw new Error(`no cursor position in the status bar: "${await item.innerText()}"`);
  return { line: Number(match[1]), column: Number(match[2]) };
}

/** The status bar's cursor position while it shows `line`, `column` (1-based) with nothing selected. */
export function cursorStatus(page: Page, line: number, column: number): Locator {
  return page.locator('[id="status.editor.selection"]').filter({ hasText: new RegExp(`^\\s*Ln ${line}, Col ${column}\\s*$`) });
}

/** Waits until the status bar shows the cursor at `line`, `column` (1-based), with nothing selected. */
export async function waitForCursor(page: Page, line: number, column: number): Promise<void> {
  await cursorStatus(page, line, column)
    .waitFor({ timeout: STEP_TIMEOUT })
    .catch(async (error: unknown) => {
      const shown = await page.locator('[id="status.editor.selection"]').innerText().catch(() => "(no status bar item)");
      throw new Error(`the cursor did not reach Ln ${line}, Col ${column}: the status bar shows "${shown}" (${firstLine(error)})`);
    });
}

/** Shows the Explorer (Ctrl+Shift+E) unless it is showing; returns its tree. */
export async function showExplorer(page: Page): Promise<Locator> {
  const explorer = page.locator(".explorer-folders-view");
  await toggleUntil(page, "show the Explorer", "Control+Shift+E", explorer, "visible");
  return explorer;
}

/**
 * Opens a workspace file by clicking through the Explorer tree (folders first), and waits for its tab. The walk
 * is done again while no tab shows: a click while the tree re-renders can be lost, and the Explorer, shown again
 * after the side bar was closed, once folded a folder back after it had been clicked open (the screenshots'
 * completion step).
 */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  const segments = relativePath.split("/");
  const explorer = await showExplorer(page);
  // Each segment's row at its depth, so that a name in another open folder can't match.
  const rows = segments.map((segment, index) =>
    explorer.locator(`.monaco-list-row[aria-level="${index + 1}"]`).filter({ has: page.locator(".label-name", { hasText: exactly(segment) }) }),
  );
  await rows[0]!.waitFor({ timeout: STEP_TIMEOUT });
  const name = segments[segments.length - 1]!;
  const tab = page.locator(".tabs-container .tab.active").filter({ hasText: name });
  await retryStep(
    `open ${relativePath} from the Explorer`,
    async () => {
      // Folders: clicked open where the tree shows them closed; opening the file again is harmless.
      for (const folder of rows.slice(0, -1)) {
        await folder.waitFor({ timeout: CLICK_TIMEOUT });
        if ((await folder.getAttribute("aria-expanded")) === "true") continue;
        await folder.click({ timeout: CLICK_TIMEOUT });
        await folder.and(page.locator('[aria-expanded="true"]')).waitFor({ timeout: 3_000 });
      }
      await rows[rows.length - 1]!.click({ timeout: CLICK_TIMEOUT });
    },
    (timeout) => shows(tab, timeout),
  );
  await activeEditor(page).waitFor({ state: "visible", timeout: STEP_TIMEOUT });
}

/** The language name in the status bar (what a person reads to know the file's mode). */
export async function waitForLanguage(page: Page, languageName: string): Promise<void> {
  await page.locator('[id="status.editor.mode"]').filter({ hasText: languageName }).waitFor({ timeout: STEP_TIMEOUT });
}

/** The command palette's or another quick input's widget. */
function quickInput(page: Page): Locator {
  return page.locator(".quick-input-widget");
}

/** Opens the command palette (F1), pressed again when it does not show. */
export async function openPalette(page: Page): Promise<Locator> {
  const palette = quickInput(page);
  await toggleUntil(page, "open the command palette", "F1", palette, "visible");
  return palette;
}

/** Runs a command from the command palette by its title, e.g. "Keepalived: Check Pair". */
export async function runCommand(page: Page, title: string): Promise<void> {
  const palette = await openPalette(page);
  await palette.locator(".quick-input-box input").fill(`>${title}`);
  const row = palette
    .locator(".quick-input-list .monaco-list-row")
    .filter({ has: page.locator(".label-name", { hasText: exactly(title) }) })
    .first();
  await row.waitFor({ timeout: STEP_TIMEOUT });
  // Running a command closes the palette at once: while it is still open, the click was lost.
  await clickUntilGone(`run "${title}" from the command palette`, row, palette);
}

/** A status bar entry showing `text`. */
export function statusBarItem(page: Page, text: string | RegExp): Locator {
  return page.locator(".part.statusbar .statusbar-item").filter({ hasText: text });
}

/** Opens the Problems panel (Ctrl+Shift+M) and returns its rows. */
export async function showProblems(page: Page): Promise<Locator> {
  const panel = page.locator(".markers-panel");
  await toggleUntil(page, "show the Problems panel", "Control+Shift+M", panel, "visible");
  return panel.locator(".monaco-list-row");
}

/** Hides the bottom panel (Ctrl+J toggles it), pressed again while it still shows. */
export async function hidePanel(page: Page): Promise<void> {
  await toggleUntil(page, "hide the panel", "Control+J", page.locator(".part.panel"), "hidden");
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

/** Presses Escape until `locator` (a hover, a menu, a widget) is hidden. */
export async function dismiss(page: Page, what: string, locator: Locator): Promise<void> {
  await retryStep(
    `close ${what} (Escape)`,
    async () => {
      if (!(await locator.isVisible())) return false;
      await page.keyboard.press("Escape");
    },
    (timeout) => shows(locator, timeout, "hidden"),
  );
}

/**
 * Moves the cursor of the active editor with Go to Line (Ctrl+G); line and column are 1-based, as the dialog
 * takes them. Done again from the start (going to the same place twice is harmless) until the status bar shows
 * the cursor there; returns once the editor has the focus back.
 */
export async function goTo(page: Page, line: number, column = 1): Promise<void> {
  const widget = quickInput(page);
  const input = widget.locator(".quick-input-box input");
  const value = `:${line}:${column}`;
  await retryStep(
    `go to Ln ${line}, Col ${column} (Ctrl+G)`,
    async () => {
      // A dialog left open by an attempt whose Ctrl+G came late is closed first.
      if (await input.isVisible()) {
        await page.keyboard.press("Escape");
        await widget.waitFor({ state: "hidden", timeout: CLICK_TIMEOUT });
      }
      await focusEditor(page);
      await page.keyboard.press("Control+G");
      await input.waitFor({ state: "visible", timeout: CLICK_TIMEOUT });
      await input.fill(value);
      if (!(await holds(page, async () => (await input.inputValue()) === value, 1_000))) throw new Error(`the Go to Line box holds "${await input.inputValue()}", not "${value}"`);
      await input.press("Enter");
      await widget.waitFor({ state: "hidden", timeout: CLICK_TIMEOUT });
    },
    (timeout) => shows(cursorStatus(page, line, column), timeout),
  ).catch(async (error: unknown) => {
    const shown = await page.locator('[id="status.editor.selection"]').innerText().catch(() => "(no status bar item)");
    throw new Error(`${firstLine(error)}; the status bar shows "${shown}"`);
  });
  await focusEditor(page);
}

/**
 * Types into the active editor as keystrokes, once it has the focus. Text without a line break is then checked
 * in the status bar: the cursor moved by its length on the same line (typing is not repeated: a repeat would
 * double what did arrive).
 */
export async function typeText(page: Page, text: string): Promise<void> {
  await focusEditor(page);
  const before = text.includes("\n") ? undefined : await cursorPosition(page);
  await page.keyboard.type(text);
  if (before !== undefined) await waitForCursor(page, before.line, before.column + text.length);
}

/**
 * Shows the suggest widget of the active editor (Ctrl+Space) until `item` (one of its rows) is visible: a
 * Ctrl+Space pressed while the editor is busy can open nothing, and a widget opened before the language server
 * answered can miss the row; then Escape and Ctrl+Space again. Quick suggestions may have opened it already.
 */
export async function showSuggestions(page: Page, item: Locator): Promise<void> {
  await focusEditor(page);
  if (await item.isVisible()) return;
  await retryStep(
    "show completions (Ctrl+Space)",
    async () => {
      await focusEditor(page);
      if (await item.isVisible()) return false;
      await page.keyboard.press("Control+Space");
    },
    (timeout) => shows(item, timeout),
    { reset: () => closeSuggestions(page) },
  );
}

/** Closes the active editor's suggest widget if it is open (with rows, "Loading..." or "No suggestions."). */
async function closeSuggestions(page: Page): Promise<void> {
  const widget = activeEditor(page).locator(".suggest-widget").first();
  if (await widget.isVisible()) await dismiss(page, "the suggest widget", widget);
}

/** The active editor's suggest widget's row labelled exactly `label`. */
export function suggestion(page: Page, label: string): Locator {
  return activeEditor(page)
    .locator(".suggest-widget .monaco-list-row")
    .filter({ has: page.locator(".label-name", { hasText: exactly(label) }) })
    .first();
}

/** Opens completion (Ctrl+Space) at the cursor and accepts the item labelled `label` by clicking it. */
export async function acceptCompletion(page: Page, label: string): Promise<void> {
  const item = suggestion(page, label);
  await showSuggestions(page, item);
  await clickUntilGone(`accept the completion ${label}`, item);
}

/**
 * The shown rows of the quick fix menu, its "Quick Fix" heading included (`.action-widget` also matches a hidden
 * submenu panel once the menu has been open).
 */
export function quickFixRows(page: Page): Locator {
  return page.locator(".action-widget .monaco-list-row:visible");
}

/**
 * Opens the quick fix menu (Ctrl+.) at the active editor's cursor, once the editor shows its lightbulb there,
 * and waits for the action titled `title` (any row when none is given). Ctrl+. pressed before the language
 * server's actions were in only says "No code actions available" (seen with the lightbulb showing just after):
 * then Escape and Ctrl+. again. Returns the menu's rows.
 */
export async function openQuickFixMenu(page: Page, title?: string): Promise<Locator> {
  const rows = quickFixRows(page);
  const wanted = title === undefined ? rows.first() : rows.filter({ hasText: title }).first();
  // What a person waits for before pressing Ctrl+.: the lightbulb, in the text or, when the line has no room
  // before its text, in the gutter. When it does not come, Ctrl+. is pressed anyway.
  const lightbulb = activeEditor(page).locator('.lightBulbWidget:visible, [class*="codicon-gutter-lightbulb"]:visible').first();
  await lightbulb.waitFor({ state: "visible", timeout: 10_000 }).catch(() => undefined);
  await retryStep(
    `open the quick fix menu (Ctrl+.)${title === undefined ? "" : ` with "${title}"`}`,
    async () => {
      await focusEditor(page);
      await page.keyboard.press("Control+.");
    },
    (timeout) => shows(wanted, timeout),
    {
      // Closes the menu without the action (it may have come late) or the "No code actions available" message.
      reset: async () => {
        await page.keyboard.press("Escape");
        await shows(rows.first(), 2_000, "hidden");
      },
    },
  ).catch(async (error: unknown) => {
    const offered = (await rows.allInnerTexts()).map((text) => text.trim());
    const message = await page.locator(".monaco-editor-overlaymessage").allInnerTexts().catch(() => []);
    throw new Error(`${firstLine(error)}; the menu offers: ${offered.length > 0 ? offered.join(" | ") : "(no menu)"}${message.length > 0 ? `; the editor says: ${message.join(" | ")}` : ""}`);
  });
  return rows;
}

/** Opens the quick fix menu (Ctrl+.) at the cursor and applies the action titled `title`. */
export async function applyQuickFix(page: Page, title: string): Promise<void> {
  const action = (await openQuickFixMenu(page, title)).filter({ hasText: title }).first();
  await clickUntilGone(`apply the quick fix "${title}"`, action);
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
