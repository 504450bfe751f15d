import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CommandInputError, runPracticeCommand, toStderr, toStdout, type Write } from '../compose.js';
import { formatOf, importStatements, type ImportResult } from './import.js';
import { recordImportRun } from './runs.js';

export const IMPORT_USAGE = `Usage:
  billpay import <file.csv|file.jsonl> --practice <id> [--dry-run] [--json]`;

/**
 * `billpay import FILE --practice ID [--dry-run]`: a statement run read from a file and applied to
 * the server's own database (the same settings as `start`), statement by statement, exactly as
 * `POST /admin/v1/imports` applies it. Prints one line per statement (or the result as JSON).
 * Exit code 0 when no statement was rejected; 1 when some were; 2 for a mistake in the command.
 */
export function importCommand(args: readonly string[], env: NodeJS.ProcessEnv, write: Write = toStdout, writeError: Write = toStderr): Promise<number> {
  return runPracticeCommand(
    {
      name: 'import',
      usage: IMPORT_USAGE,
      parse: parseImportArgs,
      practiceOf: (parsed) => parsed.practice,
      async run({ file, format, dryRun, json }, core, practice) {
        const now = new Date();
        const result = await importStatements(createReadStream(file), { db: core.database.db, practice: practice!, format, dryRun, now });
        // Kept as an import sent to the API is, for the console to show.
        const id = await recordImportRun(core.database.db, { practiceId: practice!.id, format, source: 'command', now }, result);
        if (json) write(JSON.stringify({ id, ...result }));
        else for (const line of describe(result)) write(line);
        return result.counts.rejected > 0 ? 1 : 0;
      },
    },
    args,
    env,
    writeError,
  );
}

async function parseImportArgs(args: readonly string[]) {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, strict: true, options: { practice: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } } });
  if (positionals.length !== 1) throw new Error('Name one file to import.');
  if (!values.practice) throw new Error('Name the practice: --practice <id>.');
  const [file] = positionals as [string];
  const format = formatOf(file);
  if (!format) throw new Error(`${file}: name a .csv, .jsonl or .ndjson file.`);
  if (!(await stat(file).catch(() => undefined))?.isFile()) throw new CommandInputError(`${file}: there is no such file.`);
  return { file, format, practice: values.practice, dryRun: values['dry-run'] ?? false, json: values.json ?? false };
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
