// Prints the mutation score of the last `pnpm mutation` run, per file and in total, beside the
// floor CI enforces (stryker.config.mjs `thresholds.break`), from reports/mutation/mutation.json.
// Scored as Stryker scores: killed and timed-out mutants over every mutant that ran or had no test.
import { existsSync, readFileSync } from 'node:fs';
import config from '../stryker.config.mjs';

const file = process.argv[2] ?? config.jsonReporter.fileName;
if (!existsSync(file)) {
  console.log(`mutation score: no report (${file})`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
const tally = () => ({ Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0 });
const percent = (t) => {
  const detected = t.Killed + t.Timeout;
  const valid = detected + t.Survived + t.NoCoverage;
  return valid === 0 ? 100 : (100 * detected) / valid;
};
const total = tally();
const lines = [];
for (const [name, { mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  const t = tally();
  for (const { status } of mutants) {
    if (status in t) {
      t[status]++;
      total[status]++;
    }
  }
  lines.push(`  ${name}: ${percent(t).toFixed(2)}% (${t.Killed} killed, ${t.Timeout} timed out, ${t.Survived} survived, ${t.NoCoverage} not covered)`);
}
console.log(`mutation score: ${percent(total).toFixed(2)}% (floor ${config.thresholds.break}%)`);
for (const line of lines) console.log(line);
