/**
 * Fails the current test when anything is written to console.error or console.warn (a Lit
 * warning, an uncaught render error, an accessibility complaint), so problems cannot pass quietly.
 */
import './stay-on-page.js';

// In a browser, failed assertions about elements are made readable (and reportable); see there.
if (typeof window !== 'undefined') await import('./readable-failures.js');

const problems: string[] = [];
for (const level of ['error', 'warn'] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    problems.push(`console.${level}: ${args.map(String).join(' ')}`);
    original(...args);
  };
}

/** Mocha's hook runnable can mark the test it follows as failed without aborting the suite. */
type FailableRunnable = Mocha.Runnable & { error(error: Error): void };

afterEach(function () {
  const found = problems.splice(0);
  if (found.length > 0) (this.test as FailableRunnable).error(new Error(found.join('\n')));
});
