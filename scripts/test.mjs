// `pnpm test`: every test in the repository, each runner in turn (the server's first, in two
// processes side by side, when more than one runner runs), then one total.
//   browser: SDK and elements in Chromium (@web/test-runner)
//   node:    the SDK's pure rules (money, plan schedules) in Node (Mocha; see .mocharc.json)
//   server:  Node's test runner, on PGlite and (when reachable) PostgreSQL
//   e2e:     Node's test runner + playwright-core, the demo in Chromium against a real server, and
//            the guides' examples (test/docs)
//   stories: every Storybook story in Chromium: layout checks, visual snapshots, print (test/stories)
// Prints each runner's passed, failed, skipped and todo counts, names every skipped test, and ends
// with `tests: N passed, M failed` and a non-zero exit if anything failed.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findChrome, installHint } from './chrome.mjs';

const results = '.test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const chrome = findChrome();
if (!chrome) {
  console.error(installHint);
  process.exit(1);
}
process.env.CHROME_PATH = chrome;

const only = process.argv.slice(2);
const wanted = (name) => only.length === 0 || only.includes(name);

/**
 * How long one runner may take before it is stopped and counted as failed. A test that hangs (a
 * connection never released, a promise never settled) would otherwise hold CI until CI's own
 * limit, with no summary and no word of which runner. The slowest runner takes about 8 minutes on
 * a busy 2-core machine. BILLPAY_RUNNER_LIMIT_MS changes it (to try this out, say).
 */
const RUNNER_LIMIT_MS = Number(process.env.BILLPAY_RUNNER_LIMIT_MS ?? 20 * 60_000);
const stoppedAfterLimit = (what) => `\n${what}: stopped after ${Math.round(RUNNER_LIMIT_MS / 1000)} s (BILLPAY_RUNNER_LIMIT_MS), so a test in it hangs.\n`;

function run(command, args, options = {}) {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', timeout: RUNNER_LIMIT_MS, killSignal: 'SIGKILL', ...options });
  if (result.error?.code === 'ETIMEDOUT') console.error(stoppedAfterLimit(`${command} ${args.join(' ')}`));
  return result.status ?? 1;
}

const testFiles = (dir) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => join(dir, file))
    .sort();

function tapCounts(file) {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  const count = (label) => Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
  const passed = count('pass');
  const failed = count('fail') + (count('cancelled') || 0);
  // node:test's own "# skipped" leaves out a skipped describe (and every test in it), so count the
  // skip directives themselves, at every depth.
  const directive = (word) => [...text.matchAll(new RegExp(`^\\s*(?:not )?ok \\d+ - (.*) # ${word}\\b(.*)$`, 'gm'))].map((m) => `${m[1]} (${m[2].trim()})`);
  const skippedTests = directive('SKIP');
  const todo = directive('TODO').length;
  if (Number.isNaN(passed) || Number.isNaN(failed)) return undefined;
  return { passed, failed, skipped: skippedTests.length, todo, skippedTests, failedTests: tapFailures(text) };
}

/** Each failed test in a TAP report (not the suites around it), with the first lines of its error. */
function tapFailures(text) {
  const lines = text.split('\n');
  const failures = [];
  lines.forEach((line, i) => {
    const match = /^(\s*)not ok \d+ - (.*?)(?: # .*)?$/.exec(line);
    if (!match) return;
    const block = [];
    for (let j = i + 1; j < lines.length && !/^\s*\.\.\.$/.test(lines[j]); j++) block.push(lines[j]);
    if (block.some((l) => /failureType: 'subtestsFailed'/.test(l))) return;
    const at = block.findIndex((l) => /^\s*error: /.test(l));
    const error = at < 0 ? '' : block.slice(at, at + 8).map((l) => l.trim()).join(' ').replace(/^error: (\|-|')?/, '');
    failures.push({ name: match[2], error });
  });
  return failures;
}

/**
 * One module that imports every one of `files` in order, so that node:test runs them in one
 * process: a process a file cost the server's tests about 5 s a file on 2 cores (Node, tsx and
 * the server's modules loaded again, 77 times): 12 of their files took 163 s so, 69 s in one.
 * The files share nothing but caches (the migrated databases they copy); each opens and closes
 * what it uses, and no file has hooks outside its suites (which would then run once for all).
 */
function oneProcess(name, cwd, files) {
  const entry = resolve(results, `${name}.entry.mjs`);
  writeFileSync(entry, files.map((file) => `import ${JSON.stringify(pathToFileURL(resolve(cwd, file)).href)};\n`).join(''));
  return [entry];
}

/** node:test arguments: spec output to stdout, TAP (for the counts) to `tap`. */
const nodeTestArgs = (tap, files) => [
  '--import',
  'tsx',
  '--test',
  '--test-concurrency=1',
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=tap',
  `--test-reporter-destination=${tap}`,
  ...files,
];

function nodeTests(name, cwd, files) {
  const tap = join(process.cwd(), results, `${name}.tap`);
  const status = run(process.execPath, nodeTestArgs(tap, files), { cwd });
  return { status, counts: tapCounts(tap) };
}

/**
 * The same in the background, its output kept in `.test-results/<name>.log` and printed when it
 * is done, so that the server's two processes run side by side.
 */
function nodeTestsInBackground(name, cwd, files) {
  const tap = join(process.cwd(), results, `${name}.tap`);
  const log = join(process.cwd(), results, `${name}.log`);
  console.log(`\n$ (in the background, output in ${log}) node --test ${files.join(' ')}`);
  const started = Date.now();
  const out = createWriteStream(log);
  const child = spawn(process.execPath, nodeTestArgs(tap, files), { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  const limit = setTimeout(() => {
    out.write(stoppedAfterLimit(`the ${name} tests`));
    child.kill('SIGKILL');
  }, RUNNER_LIMIT_MS);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(limit);
      // The foreground runners block this process (spawnSync), so this may run long after the child
      // ended: its own time is the one its TAP report gives.
      const duration = /^# duration_ms ([\d.]+)$/m.exec(existsSync(tap) ? readFileSync(tap, 'utf8') : '')?.[1];
      const seconds = duration ? Math.round(Number(duration) / 1000) : Math.round((Date.now() - started) / 1000);
      out.end(() => {
        console.log(`\n=== ${name} tests (ran in the background)`);
        console.log(readFileSync(log, 'utf8'));
        resolve({ status: code ?? 1, counts: tapCounts(tap), seconds });
      });
    });
  });
}

const summary = [];
let runnerStarted = Date.now();
const record = (name, status, counts, seconds) => {
  // A runner that crashed before reporting counts as one failure, never as zero tests.
  const { passed, failed, skipped = 0, todo = 0, skippedTests = [], failedTests = [] } = counts ?? { passed: 0, failed: 1 };
  summary.push({ name, passed, failed: status !== 0 && failed === 0 ? 1 : failed, skipped, todo, skippedTests, failedTests, seconds: seconds ?? Math.round((Date.now() - runnerStarted) / 1000) });
  if (seconds === undefined) runnerStarted = Date.now();
};

if (run('node', ['scripts/build.mjs']) !== 0) {
  console.error('The build failed; no tests were run.');
  writeFileSync(join(results, 'totals.json'), JSON.stringify({ passed: 0, failed: 1, skipped: 0, todo: 0, runners: [] }));
  console.log('tests: 0 passed, 1 failed');
  process.exit(1);
}
runnerStarted = Date.now();

const serverFiles = () => testFiles('packages/server/test').map((f) => f.replace('packages/server/', ''));

/**
 * The server's test files in `count` groups of about equal time: the longest first, each to the
 * group with the least so far, by each file's seconds as last measured (scripts/server-test-seconds.json;
 * a file not measured yet counts as the median).
 */
function balance(files, count) {
  const measured = JSON.parse(readFileSync('scripts/server-test-seconds.json', 'utf8')).seconds;
  const known = Object.values(measured).sort((a, b) => a - b);
  const median = known[Math.floor(known.length / 2)] ?? 1;
  const groups = Array.from({ length: count }, () => ({ files: [], seconds: 0 }));
  for (const file of [...files].sort((a, b) => (measured[b] ?? median) - (measured[a] ?? median) || a.localeCompare(b))) {
    const group = groups.reduce((least, g) => (g.seconds < least.seconds ? g : least));
    group.files.push(file);
    group.seconds += measured[file] ?? median;
  }
  return groups.filter((g) => g.files.length > 0).map((g) => g.files.sort());
}

/**
 * With other runners to run, the server's go first, in two processes side by side
 * (BILLPAY_SERVER_TEST_PROCESSES; see nodeTestsInBackground): each waits on PostgreSQL, timers and
 * child processes much of its time, and two on 2 cores fill that time. Each test database has a
 * name of its own (test/support/backends.ts), so they never meet. Not beside the browser runners:
 * on 2 cores that made everything slower than one after the other (CI: the end-to-end tests took
 * 1,147 s beside the server's, 280 s alone; the server's, 1,329 s beside, 465 s alone in one process).
 */
const serverProcesses = Math.max(1, Number(process.env.BILLPAY_SERVER_TEST_PROCESSES ?? 2) || 1);
const serverInBackground =
  wanted('server') && only.length !== 1
    ? balance(serverFiles(), serverProcesses).map((files, i, all) => ({
        name: all.length === 1 ? 'server' : `server-${i + 1}`,
        label: all.length === 1 ? 'server (node:test)' : `server (node:test, ${i + 1} of ${all.length})`,
        run: ((name) => nodeTestsInBackground(name, 'packages/server', oneProcess(name, 'packages/server', files)))(all.length === 1 ? 'server' : `server-${i + 1}`),
      }))
    : undefined;
for (const part of serverInBackground ?? []) {
  const { status, counts, seconds } = await part.run;
  record(part.label, status, counts, seconds);
}
runnerStarted = Date.now();

if (wanted('browser')) {
  const status = run('pnpm', ['exec', 'wtr']);
  const file = join(results, 'wtr.json');
  record('browser (web-test-runner)', status, existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);
}

if (wanted('node')) {
  const file = join(results, 'mocha.json');
  const status = run('pnpm', ['exec', 'mocha', '--reporter', './scripts/mocha-reporter.cjs', '--reporter-option', `output=${file}`]);
  record('node (mocha)', status, existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);
}

if (wanted('server') && !serverInBackground) {
  const { status, counts } = nodeTests('server', 'packages/server', oneProcess('server', 'packages/server', serverFiles()));
  record('server (node:test)', status, counts);
}

if (wanted('e2e')) {
  // The guides' examples (test/docs) need the same: a real server and Chromium.
  const { status, counts } = nodeTests('e2e', '.', oneProcess('e2e', '.', [...testFiles('test/e2e'), ...testFiles('test/docs')]));
  record('end-to-end (node:test + playwright)', status, counts);
}

if (wanted('stories')) {
  // Every story, in Chromium, from Storybook's static build: layout checks, visual snapshots, and
  // the printed documents on US Letter.
  if (run('pnpm', ['build-storybook']) !== 0) {
    record('stories (layout and visual)', 1, undefined);
  } else {
    const { status, counts } = nodeTests('stories', '.', oneProcess('stories', '.', testFiles('test/stories')));
    record('stories (layout and visual)', status, counts);
  }
}

const total = (key) => summary.reduce((n, r) => n + r[key], 0);
const [passed, failed, skipped, todo] = ['passed', 'failed', 'skipped', 'todo'].map(total);
console.log('');
for (const r of summary) console.log(`  ${r.name}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped, ${r.todo} todo (${r.seconds}s)`);
for (const r of summary) for (const test of r.skippedTests) console.log(`  skipped in ${r.name}: ${test}`);
// The failures again, last, where a CI log's tail shows them.
for (const r of summary) for (const test of r.failedTests) console.log(`  FAILED in ${r.name}: ${test.name}\n      ${test.error.slice(0, 600)}`);
writeFileSync(join(results, 'totals.json'), JSON.stringify({ passed, failed, skipped, todo, runners: summary }));
console.log(`skipped: ${skipped}, todo: ${todo}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
