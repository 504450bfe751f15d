// Mocha's spec output, and the counts `pnpm test` totals written to the file given as
// `--reporter-option output=FILE` (skipped tests by name, so none is skipped unseen).
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');
const Mocha = require('mocha');

const { EVENT_RUN_END, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;

class CountingSpecReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const output = options.reporterOption?.output;
    const counts = { runner: 'mocha', passed: 0, failed: 0, skipped: 0, todo: 0, skippedTests: [], failedTests: [] };
    runner.on(EVENT_TEST_PASS, () => counts.passed++);
    // A failing hook counts once too: it stops the tests it runs for.
    runner.on(EVENT_TEST_FAIL, (test, error) => {
      counts.failed++;
      counts.failedTests.push({ name: test.fullTitle(), error: String(error?.message ?? error) });
    });
    runner.on(EVENT_TEST_PENDING, (test) => {
      counts.skipped++;
      counts.skippedTests.push(test.fullTitle());
    });
    runner.once(EVENT_RUN_END, () => {
      if (!output) return;
      mkdirSync(dirname(output), { recursive: true });
      writeFileSync(output, JSON.stringify(counts));
    });
  }
}

module.exports = CountingSpecReporter;
