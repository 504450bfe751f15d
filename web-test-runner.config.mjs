// Browser tests for @billpay/sdk and @billpay/elements, in Debian's Chromium.
import { writeFileSync, mkdirSync } from 'node:fs';
import { relative } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { accessibilityTreePlugin } from './test/support/accessibility-tree-plugin.mjs';
import { chromeArgs, findChrome } from './scripts/chrome.mjs';

/** Counts every test (a file that failed to load counts as one failure) for the CI total, and names the skipped ones. */
function countingReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      const skippedTests = [];
      const failedTests = [];
      const walk = (suite, path) => {
        for (const test of suite.tests) {
          if (test.skipped) skippedTests.push([...path, test.name].join(' > '));
          else if (test.passed) passed++;
          else {
            failed++;
            failedTests.push({ name: [...path, test.name].join(' > '), error: String(test.error?.message ?? 'failed') });
          }
        }
        for (const child of suite.suites) walk(child, [...path, child.name]);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults, [relative(process.cwd(), session.testFile)]);
        if (!session.passed && (session.errors?.length ?? 0) > 0 && !session.testResults?.tests.length && !session.testResults?.suites.length) {
          failed++;
          failedTests.push({ name: relative(process.cwd(), session.testFile), error: String(session.errors[0]?.message ?? 'the file did not run') });
        }
      }
      mkdirSync('.test-results', { recursive: true });
      // Mocha in the browser has no todo; a pending test is skipped.
      writeFileSync(file, JSON.stringify({ runner: 'web-test-runner', passed, failed, skipped: skippedTests.length, todo: 0, skippedTests, failedTests }));
    },
  };
}

export default {
  rootDir: '.',
  // packages/sdk/test/node/ holds the SDK's pure-rule tests, which run in Node (Mocha; see .mocharc.json).
  files: ['packages/sdk/test/**/*.test.ts', '!packages/sdk/test/node/**', 'packages/elements/test/**/*.test.ts', 'packages/console/test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['source', 'production', 'default'] },
  concurrency: 1,
  // A file of many tests on a busy 2-core machine (mutation testing runs beside it in CI) can take
  // longer than the default 2 minutes (each test still has its own 10-second timeout).
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 10000 } },
  // Every test page keeps every file it fetches in its resource timeline (the browser keeps 250 by
  // default): test/word-books.test.ts reads it to see which books of words were fetched, and the
  // modules a test imports are fetched before any of its code could raise the limit itself.
  testRunnerHtml: (testFramework) =>
    `<!doctype html><html><head><script>performance.setResourceTimingBufferSize(100000);</script></head><body><script type="module" src="${testFramework}"></script></body></html>`,
  plugins: [
    esbuildPlugin({ ts: true, json: true, tsconfig: 'packages/elements/tsconfig.json', target: 'es2022' }),
    // What a screen reader is given (the browser's accessibility tree), e.g. a table's rows and headers.
    accessibilityTreePlugin(),
  ],
  browsers: [chromeLauncher({ launchOptions: { executablePath: findChrome(), args: chromeArgs } })],
  reporters: [defaultReporter(), countingReporter('.test-results/wtr.json')],
  filterBrowserLogs: ({ args }) => !String(args[0] ?? '').includes('Lit is in dev mode'),
};
