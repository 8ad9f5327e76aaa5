// mocha's spec reporter, plus the run's totals written to a file for scripts/test.ts.
"use strict";
const fs = require("node:fs");
const Mocha = require("mocha");

class SpecWithStats extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const file = options.reporterOption && options.reporterOption.stats;
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      if (file) {
        const { passes, failures, pending } = runner.stats;
        fs.writeFileSync(file, JSON.stringify({ passes, failures, pending }));
      }
    });
  }
}
module.exports = SpecWithStats;
