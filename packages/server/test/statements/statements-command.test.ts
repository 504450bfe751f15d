import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { openDatabase } from '../../src/db/database.js';
import { importCommand } from '../../src/imports/command.js';
import { statementsCommand } from '../../src/statements/command.js';
import { cliEnv } from '../support/cli.js';
import { copyMigratedDataFolders } from '../support/pglite-template.js';

const SECRET = 'statements-command-secret-that-is-long-enough';
const CSV_FILE = fileURLToPath(new URL('../../../../demo/import/statements-2026-11-20.csv', import.meta.url));

describe('billpay statements pdf (pglite)', () => {
  let dir: string;
  const env = () => cliEnv({ dataDir: join(dir, 'data') }, { BILLPAY_SECRET: SECRET });

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'billpay-statements-command-'));
    await copyMigratedDataFolders(join(dir, 'data'));
    assert.equal(await importCommand([CSV_FILE, '--practice', 'harbor-point'], env(), () => {}, () => {}), 0);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function run(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await statementsCommand(args, env(), (line) => out.push(line), (line) => err.push(line));
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('writes one PDF per statement an import file names, and prints no Bill ID', async () => {
    const out = join(dir, 'run');
    const result = await run('pdf', '--practice', 'harbor-point', '--file', CSV_FILE, '--out', out);
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /^ST-2026-11-0001 {2}.*statement-ST-2026-11-0001\.pdf$/m);
    assert.match(result.out, /22 statements written to /);
    assert.doesNotMatch(result.out, /\d{12}|\d{4} \d{4} \d{4}/);
    const files = await readdir(out);
    assert.equal(files.length, 22);
    const pdf = await PDFDocument.load(await readFile(join(out, 'statement-ST-2026-11-0001.pdf')));
    assert.deepEqual(pdf.getPage(0).getSize(), { width: 612, height: 792 });
  });

  it('takes a date instead (--since); refuses --run, which imports do not record, and a bad date', async () => {
    const since = await run('pdf', '--practice', 'harbor-point', '--since', '2000-01-01', '--out', join(dir, 'since'));
    assert.equal(since.code, 0, since.err);
    assert.equal((await readdir(join(dir, 'since'))).length, 22);
    const later = await run('pdf', '--practice', 'harbor-point', '--since', '2999-01-01', '--out', join(dir, 'later'));
    assert.match(later.out, /^0 statements written/m);
    const byRun = await run('pdf', '--practice', 'harbor-point', '--run', '7');
    assert.equal(byRun.code, 2);
    assert.match(byRun.err, /Imports keep no run id/);
    assert.equal((await run('pdf', '--practice', 'harbor-point', '--since', 'yesterday')).code, 2);
    assert.equal((await run('pdf', '--practice', 'harbor-point')).code, 2);
    assert.equal((await run('pdf', '--practice', 'nowhere', '--since', '2000-01-01')).code, 2);
  });

  it('leaves out a statement whose patient chose paperless statements', async () => {
    const database = await openDatabase({ dataDir: join(dir, 'data', 'practice') });
    try {
      const { account_id } = await database.db.selectFrom('imported_statements').select('account_id').where('practice_id', '=', 'harbor-point').where('external_id', '=', 'ST-2026-11-0001').executeTakeFirstOrThrow();
      // Statement emails go to the address on file: paperless may be chosen.
      await database.db.insertInto('message_preferences').values({ account_id, practice_id: 'harbor-point', paperless: true, email_on: null, email_address: null, sms_on: true, sms_address: null, updated_at: new Date() }).execute();
    } finally {
      await database.close();
    }
    const out = join(dir, 'paperless');
    const result = await run('pdf', '--practice', 'harbor-point', '--file', CSV_FILE, '--out', out);
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /^ST-2026-11-0001 {2}paperless: not printed$/m);
    assert.match(result.out, /21 statements written to .*, 1 paperless left out\./);
    assert.equal((await readdir(out)).includes('statement-ST-2026-11-0001.pdf'), false);
    assert.equal((await readdir(out)).length, 21);
  });
});
