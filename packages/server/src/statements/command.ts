import { createReadStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { IsoDateSchema } from '@billpay/sdk';
import type { Kysely } from 'kysely';
import { CommandInputError, runPracticeCommand, toStderr, toStdout, type Write } from '../compose.js';
import type { Database } from '../db/schema.js';
import { csvStatements } from '../imports/csv.js';
import { formatOf } from '../imports/import.js';
import { jsonLinesStatements } from '../imports/read.js';
import { goesPaperless, pdfFileName, statementPrinter } from './paper.js';

export const STATEMENTS_USAGE = `Usage:
  billpay statements pdf --practice <id> --file <import.csv|import.jsonl> [--out <dir>]
  billpay statements pdf --practice <id> --since <YYYY-MM-DD> [--out <dir>]`;

/** The practice's statement ids an import file names, in its order (read, not applied). */
async function idsInFile(file: string): Promise<string[]> {
  const format = formatOf(file);
  if (!format) throw new Error(`${file}: name a .csv, .jsonl or .ndjson file.`);
  if (!(await stat(file).catch(() => undefined))?.isFile()) throw new Error(`${file}: there is no such file.`);
  const source = createReadStream(file);
  const ids: string[] = [];
  for await (const unit of format === 'csv' ? csvStatements(source) : jsonLinesStatements(source)) {
    if (unit.statementId && !ids.includes(unit.statementId)) ids.push(unit.statementId);
  }
  return ids;
}

/** The practice's statements imported or corrected on or after `since` (UTC), oldest first. */
async function idsSince(db: Kysely<Database>, practiceId: string, since: string): Promise<string[]> {
  const rows = await db
    .selectFrom('imported_statements')
    .select('external_id')
    .where('practice_id', '=', practiceId)
    .where('updated_at', '>=', new Date(`${since}T00:00:00Z`))
    .orderBy('updated_at')
    .orderBy('external_id')
    .execute();
  return rows.map((row) => row.external_id);
}

/**
 * `billpay statements pdf`: the paper statements of one statement run, one PDF each, written to
 * `--out` (default `./statements`). Imports keep no run id, so a run is named by the import file
 * it came from (`--file`: the statements it names, as they now stand) or by a date (`--since`:
 * every statement imported or corrected since). A statement whose patient chose paperless
 * statements is left out. Prints one line per statement, never a Bill ID.
 * Exit code 0 when every statement was printed; 1 when some were not found; 2 for a mistake.
 */
export function statementsCommand(args: readonly string[], env: NodeJS.ProcessEnv, write: Write = toStdout, writeError: Write = toStderr): Promise<number> {
  return runPracticeCommand(
    {
      name: 'statements',
      usage: STATEMENTS_USAGE,
      parse: parseStatementsArgs,
      practiceOf: (parsed) => parsed.practice,
      async run({ fileIds, since, out }, core, practice) {
        const db = core.database.db;
        const ids = fileIds ?? (await idsSince(db, practice!.id, since!));
        await mkdir(out, { recursive: true });
        const printer = statementPrinter(db, practice!);
        let missing = 0;
        let paperless = 0;
        for (const id of ids) {
          if (await goesPaperless(db, practice!, id)) {
            paperless++;
            write(`${id}  paperless: not printed`);
            continue;
          }
          const pdf = await printer.print(id);
          if (!pdf) {
            missing++;
            write(`${id}  not found (not imported, or rejected)`);
            continue;
          }
          const path = join(out, pdfFileName(id));
          await writeFile(path, pdf);
          write(`${id}  ${path}`);
        }
        write(`${ids.length - missing - paperless} statements written to ${out}${paperless ? `, ${paperless} paperless left out` : ''}${missing ? `, ${missing} not found` : ''}.`);
        return missing > 0 ? 1 : 0;
      },
    },
    args,
    env,
    writeError,
  );
}

async function parseStatementsArgs(args: readonly string[]) {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, strict: true, options: { practice: { type: 'string' }, file: { type: 'string' }, since: { type: 'string' }, out: { type: 'string' }, run: { type: 'string' } } });
  if (positionals.length !== 1 || positionals[0] !== 'pdf') throw new Error('The one statements command is `pdf`.');
  if (values.run !== undefined) throw new Error('Imports keep no run id: name the run by its import file (--file) or by a date (--since).');
  if (!values.practice) throw new Error('Name the practice: --practice <id>.');
  if ((values.file === undefined) === (values.since === undefined)) throw new Error('Name the statements: --file <import file> or --since <YYYY-MM-DD>, one of them.');
  if (values.since !== undefined && !IsoDateSchema.safeParse(values.since).success) throw new Error(`--since takes a date such as 2026-11-20, not "${values.since}".`);
  // The file is read before anything is opened: what is wrong with it is said without the usage.
  const fileIds =
    values.file === undefined
      ? undefined
      : await idsInFile(values.file).catch((error: unknown) => {
          throw new CommandInputError((error as Error).message);
        });
  return { practice: values.practice, fileIds, since: values.since, out: values.out ?? 'statements' };
}
