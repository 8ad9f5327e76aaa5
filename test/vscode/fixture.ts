/**
 * Mocha hooks for UI suites that share one workbench across their tests: started before the first test,
 * screenshot into test-results/ after each failing test, torn down after the last one (also when a hook fails).
 */
import { missingTools, openWorkbench, screenshot, startCodeServer, type CodeServer, type Timings, type UiSession, type Workbench } from "./harness.ts";

export interface WorkbenchFixture {
  /** the running workbench; only valid inside tests */
  readonly workbench: Workbench;
  readonly timings: Timings;
}

/**
 * Registers the hooks in the calling describe(). `session` is read in the before hook, so it can use what
 * earlier hooks built (a workspace folder, a .vsix). Skips the suite, with the reason, when
 * scripts/setup-vscode.sh has not been run.
 */
export function useWorkbench(session: () => UiSession): WorkbenchFixture {
  let server: CodeServer | undefined;
  let current: Workbench | undefined;
  const timings: Timings = {};

  before(async function () {
    // Starting VS Code takes 5-15 s on two cores: more than a unit suite's default timeout.
    this.timeout(120_000);
    const reason = missingTools();
    if (reason !== undefined) {
      console.log(`      skipped: ${reason}`);
      this.skip();
    }
    const options = session();
    server = await startCodeServer({ vsix: options.vsix ?? [], settings: options.settings ?? {} }, timings);
    current = await openWorkbench(server, options, timings);
  });

  afterEach(async function () {
    if (this.currentTest?.state !== "failed" || current === undefined) return;
    const shot = await screenshot(current.page, this.currentTest.fullTitle());
    if (shot !== undefined) console.log(`      screenshot: ${shot}`);
  });

  after(async function () {
    this.timeout(30_000);
    await current?.close();
    await server?.stop();
    current = undefined;
    server = undefined;
  });

  return {
    get workbench(): Workbench {
      if (current === undefined) throw new Error("the workbench is only there inside tests");
      return current;
    },
    timings,
  };
}
