/**
 * A person runs "Keepalived: Generate HA pair" in the real workbench with the installed .vsix: F1, every step
 * answered by typing and Enter, the step counter, inline validation that keeps Enter from advancing, the Back
 * button; then the files on disk, the two configs side by side and clean. Also: a second run into the same
 * folder asks (modal) before replacing and, refused, writes nothing; Escape cancels quietly; an empty window
 * writes the Docker layout into a folder typed into VS Code's own folder dialog.
 *
 * The first test also takes the README's picture of the finished pair: into test-results/screenshots/, or with
 *   KHA_SCREENSHOTS=docs node_modules/.bin/node node_modules/mocha/bin/mocha.js test/vscode/ui-wizard.test.ts
 * into docs/images/wizard-pair.png.
 */
import * as assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { generateFiles, parseSpec } from "../../server/src/generator/index.ts";
import { useWorkbench } from "./fixture.ts";
import { missingTools, RESULTS_DIR, ROOT } from "./harness.ts";
import { packageExtension } from "./ui-setup.ts";
import {
  answer,
  atStep,
  back,
  boxValue,
  cleanStatus,
  errorsAndWarnings,
  extensionHostSettled,
  groupTabs,
  inputBox,
  message,
  modes,
  notificationsCentre,
  pressInBox,
  snapshot,
  startWizard,
  STEP_TIMEOUT,
  typeAnswer,
  widget,
  WIZARD,
} from "./ui-wizard-steps.ts";
import { clickUntilGone, cursorStatus, focusEditor, hidePanel, retryStep, runCommand, shows } from "./workbench.ts";
const OUT_DIR = process.env["KHA_SCREENSHOTS"] === "docs" ? join(ROOT, "docs/images") : join(RESULTS_DIR, "screenshots");

/** Readable pictures (as ui-screenshots.test.ts takes them); nothing here changes what the tests look at. */
const SETTINGS = {
  "workbench.colorTheme": "Default Dark Modern",
  "editor.minimap.enabled": false,
  "breadcrumbs.enabled": false,
  "editor.fontSize": 13,
  "window.commandCenter": false,
  "workbench.layoutControl.enabled": false,
  "editor.stickyScroll.enabled": false,
  "editor.occurrencesHighlight": "off",
};

describe("a person generating an HA pair with the wizard", function () {
  this.timeout(180_000);
  let scratch = "";
  let workspace = "";
  let vsix = "";

  before(function () {
    this.timeout(240_000);
    const reason = missingTools();
    if (reason !== undefined) {
      console.log(`    skipped: ${reason}`);
      this.skip();
    }
    vsix = packageExtension();
    scratch = mkdtempSync(join(tmpdir(), "kha-wizard-"));
    workspace = join(scratch, "site");
    // Another pair of the site already uses VRID 51: the wizard must suggest another one and refuse 51.
    const other = parseSpec({ interface: "eth0", primary: "192.168.7.10", standby: "192.168.7.11", vip: "192.168.7.100/24", vrid: 51 });
    assert.ok(other.success);
    mkdirSync(join(workspace, "other-site"), { recursive: true });
    writeFileSync(join(workspace, "other-site/keepalived.conf"), generateFiles(other.spec).find((f) => f.kind === "keepalived-primary")!.content);
  });

  after(() => {
    if (scratch !== "") rmSync(scratch, { recursive: true, force: true });
  });

  const ui = useWorkbench(() => ({ name: "wizard", folder: workspace, vsix: [vsix], settings: SETTINGS }));

  it("answers every step, is stopped by invalid values, goes Back, and gets the pair written, opened side by side and clean", async () => {
    const { page } = ui.workbench;
    await startWizard(page);
    await atStep(page, 1, 8);
    assert.equal(await inputBox(page).getAttribute("placeholder"), "How the two nodes run");
    await answer(page, "Bare metal", [2, 8]);
    await answer(page, "EMQX", [3, 8]);
    await answer(page, "ens18", [4, 8]);

    // An impossible address: the message under the box says why, and Enter leaves the wizard on this step.
    await typeAnswer(page, "10.0.20.999");
    await message(page).filter({ hasText: "'10.0.20.999' is not an IPv4 address (999 is above 255" }).waitFor({ timeout: STEP_TIMEOUT });
    await widget(page).locator(".monaco-inputbox.error").waitFor({ timeout: STEP_TIMEOUT });
    await pressInBox(page, "Enter");
    // The box still answers keystrokes after that Enter: the extension host saw it, and the step is still 4.
    await page.keyboard.type("9");
    await message(page).filter({ hasText: "'10.0.20.9999' is not an IPv4 address" }).waitFor({ timeout: STEP_TIMEOUT });
    await atStep(page, 4, 8);
    await typeAnswer(page, "10.0.20.11");
    await message(page).filter({ hasText: "The primary node's address on that interface" }).waitFor({ timeout: STEP_TIMEOUT });
    await pressInBox(page, "Enter");

    // The standby and VIP suggestions follow the primary to its subnet.
    await atStep(page, 5, 8);
    assert.equal(await boxValue(page), "10.0.20.12");
    await answer(page, "10.0.20.12", [6, 8]);
    assert.equal(await boxValue(page), "10.0.20.100/24");
    await typeAnswer(page, "10.0.20.100/24");

    // Back returns to the standby with its answer; Enter comes forward again.
    await back(page, [6, 8]);
    await atStep(page, 5, 8);
    assert.equal(await boxValue(page), "10.0.20.12");
    await pressInBox(page, "Enter");
    await atStep(page, 6, 8);
    await answer(page, "10.0.20.100/24", [7, 8]);

    // The VRID: 51 belongs to other-site/keepalived.conf, so it is not suggested and not accepted.
    assert.equal(await boxValue(page), "52");
    await message(page).filter({ hasText: "not one of 51, which the workspace already uses" }).waitFor({ timeout: STEP_TIMEOUT });
    await typeAnswer(page, "51");
    await message(page).filter({ hasText: "virtual_router_id 51 is already used by another keepalived file here" }).waitFor({ timeout: STEP_TIMEOUT });
    await pressInBox(page, "Enter");
    await page.keyboard.type("0");
    await message(page).filter({ hasText: "virtual_router_id must be from 1 to 255 (got 510)" }).waitFor({ timeout: STEP_TIMEOUT });
    await atStep(page, 7, 8);
    await answer(page, "60", [8, 8]);

    // The folder: the workspace's, offered first.
    await widget(page).locator(".monaco-list-row.focused").filter({ hasText: basename(workspace) }).waitFor({ timeout: STEP_TIMEOUT });
    await pressInBox(page, "Enter");

    assert.deepEqual(await groupTabs(page, 2), ["keepalived-primary.conf", "keepalived-standby.conf"]);
    const written = snapshot(workspace);
    assert.deepEqual(modes(written), {
      "README.md": "644",
      "check_emqx_edge.sh": "755",
      "keepalived-primary.conf": "644",
      "keepalived-standby.conf": "644",
      "notify.sh": "755",
      "other-site/keepalived.conf": "644",
    });
    const primary = readFileSync(join(workspace, "keepalived-primary.conf"), "utf8");
    for (const line of ["interface ens18", "virtual_router_id 60", "unicast_src_ip 10.0.20.11", "10.0.20.100/24 dev ens18"]) assert.ok(primary.includes(line), `primary lacks "${line}"`);

    await cleanStatus(page, 0, "VRRP: MASTER 100 · VIP 10.0.20.100");
    await cleanStatus(page, 1, "VRRP: BACKUP 90 · VIP 10.0.20.100");
    assert.deepEqual(await errorsAndWarnings(page), []);
    const center = await notificationsCentre(page);
    await center.locator(".notification-list-item").filter({ hasText: `Wrote 5 files to ${workspace}: see README.md there` }).waitFor({ timeout: STEP_TIMEOUT });
    await runCommand(page, "Notifications: Hide Notifications");
    await center.waitFor({ state: "hidden", timeout: STEP_TIMEOUT });

    // The README's picture: the pair alone, the status bar of the primary.
    await runCommand(page, "View: Close Primary Side Bar");
    await hidePanel(page);
    await page.setViewportSize({ width: 1200, height: 660 });
    await cleanStatus(page, 0, "VRRP: MASTER 100 · VIP 10.0.20.100");
    await retryStep(
      "go to the top of the primary (Ctrl+Home)",
      async () => {
        await focusEditor(page);
        await page.keyboard.press("Control+Home");
      },
      (timeout) => shows(cursorStatus(page, 1, 1), timeout),
    );
    mkdirSync(OUT_DIR, { recursive: true });
    await page.screenshot({ path: join(OUT_DIR, "wizard-pair.png"), timeout: 10_000 });
    console.log(`      wrote ${join(OUT_DIR, "wizard-pair.png")}`);
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it("asks before replacing the files of a second run into the same folder, and refused, writes nothing", async () => {
    const { page } = ui.workbench;
    const before = snapshot(workspace);
    await startWizard(page);
    for (let step = 1; step < 8; step++) {
      await atStep(page, step, 8);
      await pressInBox(page, "Enter");
    }
    await atStep(page, 8, 8);
    await pressInBox(page, "Enter");
    const dialog = page.locator(".monaco-dialog-box");
    await dialog.filter({ hasText: `Replace 5 existing files in ${workspace}?` }).waitFor({ timeout: STEP_TIMEOUT });
    for (const name of ["keepalived-primary.conf", "keepalived-standby.conf", "check_emqx_edge.sh", "notify.sh", "README.md"]) {
      assert.match(await dialog.innerText(), new RegExp(name.replace(".", "\\.")));
    }
    await clickUntilGone("refuse the replacement (Cancel)", dialog.getByRole("button", { name: "Cancel" }), dialog);
    await dialog.waitFor({ state: "hidden", timeout: STEP_TIMEOUT });
    await extensionHostSettled(page);
    assert.deepEqual(snapshot(workspace), before);
  });

  it("watches a TCP port instead (kept by Back), and replaces the pair when told to", async () => {
    const { page } = ui.workbench;
    await startWizard(page);
    await answer(page, "Bare", [2, 8]);
    await typeAnswer(page, "TCP");
    await pressInBox(page, "Enter");
    // Still step 2: the port, in a box of its own.
    await message(page).filter({ hasText: "The TCP port the health check connects to" }).waitFor({ timeout: STEP_TIMEOUT });
    await atStep(page, 2, 8);
    assert.equal(await boxValue(page), "1883");
    await typeAnswer(page, "70000");
    await message(page).filter({ hasText: "'70000' is not a TCP port (expected a number from 1 to 65535)" }).waitFor({ timeout: STEP_TIMEOUT });
    await answer(page, "8883", [3, 8]);
    await back(page, [3, 8]);
    await message(page).filter({ hasText: "The TCP port the health check connects to" }).waitFor({ timeout: STEP_TIMEOUT });
    assert.equal(await boxValue(page), "8883");
    await pressInBox(page, "Enter");
    // The rest as suggested: the guide's addresses, and a VRID neither other-site nor the first pair uses.
    for (let step = 3; step < 7; step++) {
      await atStep(page, step, 8);
      await pressInBox(page, "Enter");
    }
    await atStep(page, 7, 8);
    assert.equal(await boxValue(page), "52");
    await pressInBox(page, "Enter");
    await atStep(page, 8, 8);
    await pressInBox(page, "Enter");
    const dialog = page.locator(".monaco-dialog-box");
    await dialog.filter({ hasText: `Replace 4 existing files in ${workspace}?` }).waitFor({ timeout: STEP_TIMEOUT });
    await clickUntilGone("accept the replacement (Replace)", dialog.getByRole("button", { name: "Replace" }), dialog);
    await dialog.waitFor({ state: "hidden", timeout: STEP_TIMEOUT });

    await cleanStatus(page, 1, "VRRP: BACKUP 90 · VIP 192.168.1.100");
    await cleanStatus(page, 0, "VRRP: MASTER 100 · VIP 192.168.1.100");
    assert.deepEqual(await groupTabs(page, 2), ["keepalived-primary.conf", "keepalived-standby.conf"]);
    assert.equal(modes(snapshot(workspace))["check_service.sh"], "755");
    const check = readFileSync(join(workspace, "check_service.sh"), "utf8");
    assert.match(check, /PORT="8883"/);
    const primary = readFileSync(join(workspace, "keepalived-primary.conf"), "utf8");
    for (const line of ["virtual_router_id 52", 'script "/etc/keepalived/check_service.sh"', "192.168.1.100/24 dev eth0"]) assert.ok(primary.includes(line), `primary lacks "${line}"`);
    assert.deepEqual(await errorsAndWarnings(page), []);
  });

  it("cancels with Escape in the middle: no file, no error", async () => {
    const { page } = ui.workbench;
    const before = snapshot(workspace);
    await runCommand(page, "Notifications: Clear All Notifications");
    await startWizard(page);
    await answer(page, "Bare", [2, 8]);
    await answer(page, "HTTP", [2, 8]);
    await message(page).filter({ hasText: "The URL the health check requests" }).waitFor({ timeout: STEP_TIMEOUT });
    await answer(page, "http://127.0.0.1:9000/ready", [3, 8]);
    // One Escape closes the wizard; pressed again only while step 3 still shows (the key was lost), never after
    // the wizard did something else with it.
    const step3 = widget(page).locator(".quick-input-title").filter({ hasText: `${WIZARD} (3/8)` });
    await retryStep(
      "cancel the wizard (Escape)",
      async () => {
        if (!(await step3.isVisible())) return false;
        await pressInBox(page, "Escape");
      },
      (timeout) => shows(widget(page), timeout, "hidden"),
    );
    await extensionHostSettled(page);
    assert.deepEqual(snapshot(workspace), before);
    const center = await notificationsCentre(page);
    assert.deepEqual(await center.locator(".notification-list-item").allInnerTexts(), []);
    await runCommand(page, "Notifications: Hide Notifications");
  });

  it("works in an empty window: Docker, into a folder typed into VS Code's folder dialog", async () => {
    const { page } = ui.workbench;
    const target = mkdtempSync(join(scratch, "docker-"));
    await page.goto(new URL("/?ew=true", page.url()).href, { waitUntil: "domcontentloaded" });
    await page.locator(".monaco-workbench").waitFor({ state: "visible", timeout: 30_000 });
    await startWizard(page);
    // Docker fixes the service and the interface: two steps fewer.
    await answer(page, "Docker", [2, 6]);
    assert.equal(await boxValue(page), "172.22.0.10");
    await answer(page, "172.22.0.10", [3, 6]);
    await answer(page, "172.22.0.11", [4, 6]);
    await answer(page, "172.22.0.100/24", [5, 6]);
    await answer(page, "51", [6, 6]);
    const choose = widget(page).locator(".monaco-list-row").filter({ hasText: "Choose a folder…" });
    await choose.filter({ hasText: "no folder is open" }).waitFor({ timeout: STEP_TIMEOUT });
    assert.equal(await widget(page).locator(".monaco-list-row").count(), 1);
    await pressInBox(page, "Enter");

    // code-server's folder dialog is VS Code's simple file dialog: a quick input that takes a typed path.
    await widget(page).locator(".quick-input-title").filter({ hasText: `${WIZARD}: folder for the files` }).waitFor({ timeout: STEP_TIMEOUT });
    // Once it shows where it starts (a folder path and its listing); text entered before that is kept after it.
    await page.waitForFunction(
      `document.querySelector(".quick-input-widget .quick-input-box input").value.endsWith("/") && document.querySelector(".quick-input-widget .quick-input-list .monaco-list-row .label-name")?.textContent.trim() === ".."`,
      undefined,
      { timeout: STEP_TIMEOUT },
    );
    // Pasted, not typed: the dialog completes folder names while keys arrive, and fast keystrokes race with that.
    await inputBox(page).fill(`${target}/`);
    // The dialog lists the folder typed so far as the path grows: the empty target's listing is ".." alone.
    const listing = `[...document.querySelectorAll(".quick-input-widget .quick-input-list .monaco-list-row .label-name")].map((label) => label.textContent.trim()).join(" | ")`;
    await page.waitForFunction(`${listing} === ".."`, undefined, { timeout: STEP_TIMEOUT }).catch(async (error: unknown) => {
      throw new Error(`the folder dialog did not list the empty ${target}; it shows ${String(await page.evaluate(listing))} (${String(error)})`);
    });
    // Clicked again only after 10 s with the dialog still open: accepting checks the folder on the server first.
    const folderTitle = widget(page).locator(".quick-input-title").filter({ hasText: `${WIZARD}: folder for the files` });
    await clickUntilGone("write the pair into the typed folder", widget(page).getByRole("button", { name: "Write the HA pair here" }), folderTitle, [10_000, 15_000]);

    assert.deepEqual(await groupTabs(page, 2), ["keepalived-primary.conf", "keepalived-standby.conf"]);
    assert.deepEqual(modes(snapshot(target)), {
      "Dockerfile": "644",
      "HA/check_emqx_edge.sh": "755",
      "HA/keepalived-primary.conf": "644",
      "HA/keepalived-standby.conf": "644",
      "HA/notify.sh": "755",
      "README.md": "644",
      "docker-compose.yml": "644",
      "entrypoint.sh": "755",
    });
    await cleanStatus(page, 0, "VRRP: MASTER 100 · VIP 172.22.0.100");
    await cleanStatus(page, 1, "VRRP: BACKUP 90 · VIP 172.22.0.100");
    assert.deepEqual(await errorsAndWarnings(page), []);
  });
});
