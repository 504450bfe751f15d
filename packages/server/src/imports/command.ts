import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { openCoreForCommand } from '../compose.js';
import { formatOf, importStatements, type ImportResult } from './import.js';

export const IMPORT_USAGE = `Usage:
  billpay import <file.csv|file.jsonl> --practice <id> [--dry-run] [--json]`;

type Write = (line: string) => void;

/**
 * `billpay import FILE --practice ID [--dry-run]`: a statement run read from a file and applied to
 * the server's own database (the same settings as `start`), statement by statement, exactly as
 * `POST /admin/v1/imports` applies it. Prints one line per statement (or the result as JSON).
 * Exit code 0 when no statement was rejected; 1 when some were; 2 for a mistake in the command.
 */
export async function importCommand(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  write: Write = (line) => process.stdout.write(`${line}\n`),
  writeError: Write = (line) => process.stderr.write(`${line}\n`),
): Promise<number> {
  let file: string;
  let values: { practice?: string; 'dry-run'?: boolean; json?: boolean };
  try {
    const parsed = parseArgs({ args: [...args], allowPositionals: true, strict: true, options: { practice: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } } });
    if (parsed.positionals.length !== 1) throw new Error('Name one file to import.');
    if (!parsed.values.practice) throw new Error('Name the practice: --practice <id>.');
    [file] = parsed.positionals as [string];
    values = parsed.values;
  } catch (error) {
    writeError(`${(error as Error).message}\n${IMPORT_USAGE}`);
    return 2;
  }
  const format = formatOf(file);
  if (!format) {
    writeError(`${file}: name a .csv, .jsonl or .ndjson file.\n${IMPORT_USAGE}`);
    return 2;
  }
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
  } catch {
    writeError(`${file}: there is no such file.`);
    return 2;
  }
  const core = await openCoreForCommand('import', env, writeError);
  try {
    const practice = core.practices.get(values.practice!);
    if (!practice) {
      writeError(`There is no practice "${values.practice}" (practices: ${[...core.practices.keys()].join(', ')}).`);
      return 2;
    }
    const dryRun = values['dry-run'] ?? false;
    const result = await importStatements(createReadStream(file), { db: core.database.db, practice, format, dryRun, now: new Date() });
    if (values.json) write(JSON.stringify(result));
    else for (const line of describe(result)) write(line);
    return result.counts.rejected > 0 ? 1 : 0;
  } finally {
    await core.database.close();
  }
}

function describe(result: ImportResult): string[] {
  const lines = result.statements.map((s) => {
    const head = `line ${s.line}  ${s.statementId ?? '?'}  ${s.outcome}`;
    if (s.outcome !== 'rejected') return `${head}${s.billId ? `  Bill ID ${s.billId}` : ''}`;
    return [head, ...s.issues.map((issue) => `    line ${issue.line}${issue.field ? `, ${issue.field}` : ''}: ${issue.message}`)].join('\n');
  });
  const { created, corrected, unchanged, rejected } = result.counts;
  lines.push(`${result.dryRun ? 'Dry run (nothing written): ' : ''}${created} created, ${corrected} corrected, ${unchanged} unchanged, ${rejected} rejected.`);
  if (result.truncated) lines.push('The file held more statements than one import takes; the rest was not read.');
  return lines;
}
