/**
 * A person with the installed .vsix and the guide's two configs, where the standby was given another
 * virtual_router_id: both files side by side show `vrid-mismatch` (squiggles and the Problems panel, under each
 * file); the lightbulb (Ctrl+.) on the primary's VRID offers to set the standby's, titled with its file name;
 * applied, the standby's editor shows the primary's VRID and both files are clean while the standby is still
 * unsaved: the primary's diagnostics follow the peer's edit in memory, not on disk.
 */
import * as assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { useWorkbench } from "./fixture.ts";
import { missingTools, ROOT } from "./harness.ts";
import { packageExtension } from "./ui-setup.ts";
import { clickUntilGone, editorLines, focusGroup, goTo, openFile, openQuickFixMenu, retryStep, showExplorer, shows, showProblems } from "./workbench.ts";

const STEP_TIMEOUT = 20_000;
const PRIMARY = "keepalived-primary.conf";
const STANDBY = "keepalived-standby.conf";
/** An 8-character password in both files, so that the guide's placeholder adds no diagnostic of its own. */
const PASSWORD = "Qv7rTz2k";

interface Pair {
  folder: string;
  /** the standby's text as written */
  standby: string;
  /** 1-based line of the primary's virtual_router_id */
  vridLine: number;
}

/** The guide's pair with the standby on VRID 52, in a folder of its own (no other config joins the cluster). */
function writePair(): Pair {
  const folder = mkdtempSync(join(tmpdir(), "kha-ui-pair-"));
  const guide = (name: string): string => readFileSync(join(ROOT, "examples/guide", name), "utf8").replace("REPLACE_WITH_YOUR_OWN_SHARED_VRRP_PASSWORD", PASSWORD);
  const standby = guide(STANDBY).replace("virtual_router_id 51", "virtual_router_id 52");
  assert.match(standby, /virtual_router_id 52/, "the guide's standby no longer says virtual_router_id 51");
  const primary = guide(PRIMARY);
  writeFileSync(join(folder, PRIMARY), primary);
  writeFileSync(join(folder, STANDBY), standby);
  const vridLine = primary.split("\n").findIndex((line) => line.trimStart().startsWith("virtual_router_id")) + 1;
  return { folder, standby, vridLine };
}

/** The editor group whose active tab is `name`. */
function groupOf(page: Page, name: string): Locator {
  return page.locator(".part.editor .editor-group-container").filter({ has: page.locator(".tab.active", { hasText: name }) });
}

function editorOf(page: Page, name: string): Locator {
  return groupOf(page, name).locator(".monaco-editor").first();
}

/**
 * Opens a file of the folder's root to the side of the active editor (Alt+click in the Explorer). Alt+clicked
 * again only while no editor group has a tab for it (a second Alt+click after a late first one would open a
 * third group).
 */
async function openToSide(page: Page, name: string): Promise<void> {
  const explorer = await showExplorer(page);
  const row = explorer.locator(".monaco-list-row").filter({ has: page.locator(".label-name", { hasText: name }) });
  await row.waitFor({ timeout: STEP_TIMEOUT });
  const anyTab = page.locator(".part.editor .tabs-container .tab").filter({ hasText: name });
  await retryStep(
    `open ${name} to the side (Alt+click in the Explorer)`,
    async () => {
      if ((await anyTab.count()) > 0) return false;
      await row.click({ modifiers: ["Alt"], timeout: 5_000 });
    },
    (timeout) => shows(anyTab.first(), timeout),
  );
  await page.locator(".part.editor .editor-group-container").nth(1).locator(".tab.active", { hasText: name }).waitFor({ timeout: STEP_TIMEOUT });
}

interface ProblemGroup {
  file: string;
  problems: Array<{ text: string; related: string[] }>;
}

/**
 * The Problems panel as a person reads it: each file (tree level 1), its problems (level 2) and each problem's
 * related information (level 3). VS Code expands them all by default in a panel this short.
 */
async function problemsByFile(page: Page): Promise<ProblemGroup[]> {
  const rows = await showProblems(page);
  const groups: ProblemGroup[] = [];
  for (let index = 0, count = await rows.count(); index < count; index++) {
    const row = rows.nth(index);
    const text = (await row.innerText()).replace(/\s+/g, " ").trim();
    const level = await row.getAttribute("aria-level");
    if (level === "1") groups.push({ file: text, problems: [] });
    else if (level === "2") groups.at(-1)?.problems.push({ text, related: [] });
    else groups.at(-1)?.problems.at(-1)?.related.push(text);
  }
  return groups;
}

function describeProblems(groups: ProblemGroup[]): string {
  const lines = groups.flatMap((g) => [g.file, ...g.problems.flatMap((p) => [`  ${p.text}`, ...p.related.map((r) => `    ${r}`)])]);
  return lines.join("\n") || "(no problems)";
}

/** Waits until the Problems panel lists `code` twice (once per file); returns the panel as read then. */
async function waitForCodeTwice(page: Page, code: string): Promise<ProblemGroup[]> {
  const rows = await showProblems(page);
  await rows.filter({ hasText: code }).nth(1).waitFor({ timeout: STEP_TIMEOUT });
  return problemsByFile(page);
}

describe("a person aligning the VRID of the guide's pair in VS Code", function () {
  this.timeout(180_000);
  let pair: Pair | undefined;
  let vsix = "";

  before(function () {
    this.timeout(240_000);
    const reason = missingTools();
    if (reason !== undefined) {
      console.log(`    skipped: ${reason}`);
      this.skip();
    }
    vsix = packageExtension();
    pair = writePair();
  });

  after(() => {
    if (pair !== undefined) rmSync(pair.folder, { recursive: true, force: true });
  });

  describe("with both files side by side", () => {
    // The web workbench saves after a second by default; desktop VS Code, whose behaviour this checks, does not.
    const ui = useWorkbench(() => ({ name: "keepalived pair ui", folder: pair!.folder, vsix: [vsix], settings: { "files.autoSave": "off" } }));

    it("sees vrid-mismatch in both files, applies the lightbulb's fix, and both are clean before saving", async () => {
      const { page } = ui.workbench;
      await openFile(page, PRIMARY);
      await openToSide(page, STANDBY);
      const primary = editorOf(page, PRIMARY);
      const standby = editorOf(page, STANDBY);

      // Seen in both files: a red squiggle in each editor, and the Problems panel lists it under each file.
      const before = await waitForCodeTwice(page, "vrid-mismatch");
      for (const [name, peer] of [[PRIMARY, STANDBY], [STANDBY, PRIMARY]] as const) {
        const problem = before.find((g) => g.file.includes(name))?.problems.find((p) => p.text.includes("vrid-mismatch"));
        assert.ok(problem !== undefined, `vrid-mismatch not listed under ${name}:\n${describeProblems(before)}`);
        assert.ok(problem.text.includes(`[Ln ${pair!.vridLine}, `), `not on the VRID's line in ${name}: ${problem.text}`);
        // Related information points at the peer's line.
        assert.ok(problem.related.some((r) => r.includes(peer) && r.includes(`[Ln ${pair!.vridLine}, `)), `no related line in ${peer}:\n${describeProblems(before)}`);
      }
      const errorsOrWarnings = (await showProblems(page)).filter({ has: page.locator(".codicon-error, .codicon-warning") });
      assert.equal(await errorsOrWarnings.count(), 2, `not just the two vrid-mismatch errors:\n${describeProblems(before)}`);
      await primary.locator(".squiggly-error").first().waitFor({ timeout: STEP_TIMEOUT });
      await standby.locator(".squiggly-error").first().waitFor({ timeout: STEP_TIMEOUT });

      // The lightbulb on the primary's VRID: the preferred fix sets the standby's, and says which file it edits.
      await focusGroup(page, groupOf(page, PRIMARY)); // the standby, opened last, had the focus
      await goTo(page, pair!.vridLine, "virtual_router_id 5".length + 1);
      const preferredTitle = `Set virtual_router_id 51 in ${STANDBY}, as here`;
      const actions = await openQuickFixMenu(page, preferredTitle);
      const preferred = actions.filter({ hasText: preferredTitle }).first();
      const offered = (await actions.allInnerTexts()).map((t) => t.trim());
      assert.ok(offered.includes(`Set virtual_router_id 52 here, as in ${STANDBY}`), `the other direction is not offered:\n${offered.join("\n")}`);
      await clickUntilGone(`apply the quick fix "${preferredTitle}"`, preferred);

      // The standby's editor shows the primary's VRID, unsaved; nothing reached the disk.
      await standby.locator(".view-line", { hasText: "virtual_router_id 51" }).waitFor({ timeout: STEP_TIMEOUT });
      const standbyLines = await editorLines(page, standby);
      const primaryLines = await editorLines(page, primary);
      const vrid = (lines: string[]): string[] => lines.filter((l) => /^\s*virtual_router_id\b/.test(l)).map((l) => l.trim());
      assert.deepEqual(vrid(standbyLines), vrid(primaryLines), `the VRIDs still differ:\n${STANDBY}: ${vrid(standbyLines)}\n${PRIMARY}: ${vrid(primaryLines)}`);
      assert.deepEqual(vrid(primaryLines), ["virtual_router_id 51"]);
      assert.equal(readFileSync(join(pair!.folder, STANDBY), "utf8"), pair!.standby, "the fix saved the standby");
      await groupOf(page, STANDBY).locator(".tab.active.dirty").waitFor({ timeout: STEP_TIMEOUT });

      // Both clean: no squiggle in either editor and no vrid-mismatch in the Problems panel.
      const rows = await showProblems(page);
      await rows.filter({ hasText: "vrid-mismatch" }).first().waitFor({ state: "detached", timeout: STEP_TIMEOUT });
      await primary.locator(".squiggly-error").first().waitFor({ state: "detached", timeout: STEP_TIMEOUT });
      await standby.locator(".squiggly-error").first().waitFor({ state: "detached", timeout: STEP_TIMEOUT });
      const after = await problemsByFile(page);
      assert.ok(!after.some((g) => g.problems.some((p) => p.text.includes("vrid-mismatch"))), `vrid-mismatch still listed:\n${describeProblems(after)}`);
      // Nor did the fix bring another error or warning: the pair had no other one.
      const worse = await errorsOrWarnings.allInnerTexts();
      assert.deepEqual(worse, [], `errors or warnings after the fix:\n${describeProblems(after)}`);
      assert.equal(readFileSync(join(pair!.folder, STANDBY), "utf8"), pair!.standby, "the standby was saved while waiting");
    });
  });
});
