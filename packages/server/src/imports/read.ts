/**
 * What an import file is read into, whichever its encoding: one unit per statement, with the
 * line it starts on and where each of its fields came from, so an issue names a line and a field.
 */

/** One thing wrong with a statement: the file's line, the field (column, or path in JSON), and why. */
export interface ImportIssue {
  readonly line: number;
  readonly field: string | null;
  readonly message: string;
}

export interface StatementUnit {
  /** The line the statement starts on (1-based, the CSV header being line 1). */
  readonly line: number;
  /** The statement as read, for `validateStatement`; undefined when it could not be read. */
  readonly raw: unknown;
  /** What went wrong while reading it (a malformed row, a repeated column that differs). */
  readonly readIssues: readonly ImportIssue[];
  /** The practice's ids, as far as they could be read, for the result. */
  readonly statementId: string | undefined;
  readonly accountId: string | undefined;
  /** Where a path of the statement (`lineItems.2.charge`) is in the file. */
  locate(path: readonly (string | number)[]): { line: number; field: string };
}

/** The longest line (JSON Lines) or record (CSV) read: 1 MiB, so a file without newlines is bounded. */
export const MAX_RECORD_BYTES = 1024 * 1024;

/**
 * Splits a byte stream into lines as it arrives, never holding more than one line of at most
 * `MAX_RECORD_BYTES`: a longer line is skipped to its end and reported as `tooLong`.
 */
export async function* linesOf(source: AsyncIterable<Uint8Array>): AsyncGenerator<{ line: number; text: string; tooLong: boolean }> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let pending = '';
  let line = 1;
  let skipping = false;
  for await (const chunk of source) {
    const text = decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', start)) {
      if (!skipping) pending += text.slice(start, at);
      const tooLong = skipping || pending.length > MAX_RECORD_BYTES;
      yield { line, text: tooLong ? '' : pending.replace(/\r$/, ''), tooLong };
      pending = '';
      skipping = false;
      line++;
      start = at + 1;
    }
    if (!skipping) pending += text.slice(start);
    if (pending.length > MAX_RECORD_BYTES) {
      pending = '';
      skipping = true;
    }
  }
  const rest = pending + decoder.decode();
  const tooLong = skipping || rest.length > MAX_RECORD_BYTES;
  if (tooLong || rest.trim() !== '') yield { line, text: tooLong ? '' : rest.replace(/\r$/, ''), tooLong };
}

const stringAt = (value: unknown, ...keys: string[]): string | undefined => {
  let at = value;
  for (const key of keys) at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined;
  return typeof at === 'string' ? at.slice(0, 64) : undefined;
};

/** JSON Lines: one statement a line, nested as in `ImportStatementSchema`; blank lines are skipped. */
export async function* jsonLinesStatements(source: AsyncIterable<Uint8Array>): AsyncGenerator<StatementUnit> {
  for await (const { line, text, tooLong } of linesOf(source)) {
    if (!tooLong && text.trim() === '') continue;
    const locate = (path: readonly (string | number)[]) => ({ line, field: path.length ? path.join('.') : '(the statement)' });
    const unit = { line, locate, statementId: undefined, accountId: undefined };
    if (tooLong) {
      yield { ...unit, raw: undefined, readIssues: [{ line, field: null, message: `the line is longer than ${MAX_RECORD_BYTES} bytes` }] };
      continue;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      // The parser's message quotes the input, which may be a patient's details: not repeated.
      yield { ...unit, raw: undefined, readIssues: [{ line, field: null, message: 'the line is not valid JSON' }] };
      continue;
    }
    yield { ...unit, raw, readIssues: [], statementId: stringAt(raw, 'statement', 'id'), accountId: stringAt(raw, 'account', 'id') };
  }
}
