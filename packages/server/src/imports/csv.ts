import { Readable } from 'node:stream';
import { parse, type Info } from 'csv-parse';
import { MAX_RECORD_BYTES, type ImportIssue, type StatementUnit } from './read.js';

/**
 * The CSV encoding: a header row, then one row per line item, fee or payment (`record`), the
 * account's and the statement's columns repeated on each, as practice systems export them. A
 * statement's rows are consecutive. Columns are named after the JSON fields (README).
 */
export const ACCOUNT_COLUMNS = {
  account_id: ['account', 'id'],
  account_number: ['account', 'accountNumber'],
  first_name: ['account', 'firstName'],
  last_name: ['account', 'lastName'],
  date_of_birth: ['account', 'dateOfBirth'],
  address_line1: ['account', 'address', 'line1'],
  address_line2: ['account', 'address', 'line2'],
  city: ['account', 'address', 'city'],
  state: ['account', 'address', 'state'],
  postal_code: ['account', 'address', 'postalCode'],
  email: ['account', 'email'],
  mobile: ['account', 'mobile'],
  language: ['account', 'language'],
  statement_id: ['statement', 'id'],
  statement_date: ['statement', 'date'],
  period_start: ['statement', 'periodStart'],
  period_end: ['statement', 'periodEnd'],
  due_date: ['statement', 'dueDate'],
} as const satisfies Record<string, readonly string[]>;

const LINE_ITEM_COLUMNS = {
  service_date: 'serviceDate',
  npi: 'npi',
  code: 'code',
  modifiers: 'modifiers',
  description: 'description',
  charge: 'charge',
  insurance_paid: 'insurancePaid',
  adjustments: 'adjustments',
  patient_responsibility: 'patientResponsibility',
} as const;
const FEE_COLUMNS = { date: 'date', fee_reason: 'reason', amount: 'amount' } as const;
const PAYMENT_COLUMNS = { date: 'date', payment_method: 'method', amount: 'amount' } as const;

export const CSV_COLUMNS = ['record', ...Object.keys(ACCOUNT_COLUMNS), ...Object.keys(LINE_ITEM_COLUMNS), 'fee_reason', 'payment_method', 'date', 'amount'];
const OPTIONAL = new Set(['address_line2', 'email', 'mobile', 'language', 'modifiers', 'adjustments', 'fee_reason', 'payment_method', 'date', 'amount']);
const REQUIRED = CSV_COLUMNS.filter((column) => !OPTIONAL.has(column));

type Row = Record<string, string>;
type Section = 'lineItems' | 'fees' | 'payments';
const SECTION_OF: Readonly<Record<string, Section>> = { line_item: 'lineItems', fee: 'fees', payment: 'payments' };
const COLUMNS_OF = { lineItems: LINE_ITEM_COLUMNS, fees: FEE_COLUMNS, payments: PAYMENT_COLUMNS } as const;

/** Messages of our own for the parser's errors: its messages quote the input. */
const CSV_ERRORS: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a quote in a field that is not quoted properly',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'the row does not have as many fields as the header',
  CSV_MAX_RECORD_SIZE: `the row is longer than ${MAX_RECORD_BYTES} bytes`,
  INVALID_OPENING_QUOTE: 'a quote inside a field that is not quoted',
};

function splitList(value: string): string[] {
  return value.split(';').map((part) => part.trim()).filter((part) => part !== '');
}

/** "CO-45 25.00; PR-2 92.50" -> [{ code: 'CO-45', amount: '25.00' }, ...]. */
function adjustmentsOf(value: string): { code: string; amount: string }[] {
  return splitList(value).map((part) => {
    const [code = '', amount = ''] = part.split(/\s+/);
    return { code, amount };
  });
}

/** One statement being gathered from its rows. */
class Gathering {
  readonly raw: { account: Record<string, unknown>; statement: Record<string, unknown>; lineItems: unknown[]; fees: unknown[]; payments: unknown[] };
  readonly lines: Record<Section, number[]> = { lineItems: [], fees: [], payments: [] };
  readonly issues: ImportIssue[] = [];

  constructor(
    readonly key: string,
    readonly line: number,
    readonly first: Row,
  ) {
    const account: Record<string, unknown> = {};
    const statement: Record<string, unknown> = {};
    for (const [column, path] of Object.entries(ACCOUNT_COLUMNS)) {
      const value = first[column] ?? '';
      if (value === '' && OPTIONAL.has(column)) continue;
      let at: Record<string, unknown> = path[0] === 'account' ? account : statement;
      for (const key of path.slice(1, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
      at[path.at(-1)!] = value;
    }
    if (!('address' in account)) account.address = {};
    this.raw = { account, statement, lineItems: [], fees: [], payments: [] };
  }

  add(row: Row, line: number): void {
    for (const column of Object.keys(ACCOUNT_COLUMNS)) {
      if ((row[column] ?? '') !== (this.first[column] ?? '')) this.issues.push({ line, field: column, message: `differs from the statement's first row (line ${this.line})` });
    }
    const section = SECTION_OF[row.record ?? ''];
    if (!section) {
      this.issues.push({ line, field: 'record', message: 'must be line_item, fee or payment' });
      return;
    }
    const item: Record<string, unknown> = {};
    for (const [column, key] of Object.entries(COLUMNS_OF[section])) {
      const value = row[column] ?? '';
      if (column === 'modifiers') item[key] = splitList(value);
      else if (column === 'adjustments') item[key] = adjustmentsOf(value);
      else item[key] = value;
    }
    this.raw[section].push(item);
    this.lines[section].push(line);
  }

  unit(): StatementUnit {
    const { raw, lines, line } = this;
    const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 64) : undefined);
    return {
      line,
      raw,
      readIssues: this.issues,
      statementId: text(raw.statement.id),
      accountId: text(raw.account.id),
      locate(path) {
        const [head, index, key] = path;
        if (head === 'lineItems' || head === 'fees' || head === 'payments') {
          const columns = Object.entries(COLUMNS_OF[head]) as [string, string][];
          const column = columns.find(([, name]) => name === key)?.[0];
          return { line: (typeof index === 'number' ? lines[head][index] : undefined) ?? line, field: column ?? head };
        }
        const joined = path.join('.');
        const column = Object.entries(ACCOUNT_COLUMNS).find(([, p]) => p.join('.') === joined)?.[0];
        return { line, field: column ?? (joined || '(the statement)') };
      },
    };
  }
}

/**
 * Reads CSV as it arrives, one statement at a time: the rows of a statement (the same account
 * and statement ids, one after another) become one unit. A row the parser cannot read rejects
 * the statement it is in and the one after it, since it cannot tell which of them it belonged
 * to; a file whose header is wrong yields one unit that says so, and nothing else.
 */
export async function* csvStatements(source: AsyncIterable<Uint8Array>): AsyncGenerator<StatementUnit> {
  const parser = Readable.from(source, { objectMode: false }).pipe(
    parse({ columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()), info: true, bom: true, skip_empty_lines: true, skip_records_with_error: true, max_record_size: MAX_RECORD_BYTES }),
  );
  const unreadable: ImportIssue[] = [];
  parser.on('skip', (error: { code?: string; lines?: number }) => {
    unreadable.push({ line: error.lines ?? 0, field: null, message: CSV_ERRORS[error.code ?? ''] ?? 'the row is not valid CSV' });
  });
  let current: Gathering | undefined;
  let poisonNext: ImportIssue[] = [];
  let checkedHeader = false;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Row; info: Info & { lines: number } }>) {
      if (!checkedHeader) {
        checkedHeader = true;
        const present = new Set(Object.keys(record));
        const missing = REQUIRED.filter((column) => !present.has(column));
        const unknown = [...present].filter((column) => !CSV_COLUMNS.includes(column));
        if (missing.length || unknown.length) {
          const message = [missing.length ? `missing columns: ${missing.join(', ')}` : '', unknown.length ? `unknown columns: ${unknown.join(', ')}` : ''].filter(Boolean).join('; ');
          yield headerUnit(message);
          return;
        }
      }
      const line = info.lines;
      // The parser reads ahead of this loop, so its errors are placed by their line, not their time.
      const before = unreadable.filter((issue) => issue.line < line);
      if (before.length) {
        unreadable.splice(0, before.length);
        current?.issues.push(...before.map((issue) => ({ ...issue, message: `a row of this statement could not be read: ${issue.message}` })));
        poisonNext = before.map((issue) => ({ ...issue, message: `a row just before this statement could not be read: ${issue.message}` }));
      }
      const key = `${record.account_id ?? ''}\u0000${record.statement_id ?? ''}`;
      if (current?.key !== key) {
        if (current) yield current.unit();
        current = new Gathering(key, line, record);
        current.issues.push(...poisonNext);
        poisonNext = [];
      }
      current.add(record, line);
    }
  } catch {
    unreadable.push({ line: 0, field: null, message: 'the file could not be read to its end as CSV' });
  }
  if (current) {
    current.issues.push(...unreadable.map((issue) => ({ ...issue, message: `a row of this statement could not be read: ${issue.message}` })));
    yield current.unit();
  } else if (!checkedHeader || unreadable.length) {
    yield headerUnit(unreadable[0]?.message ?? 'the file has no statements');
  }
}

function headerUnit(message: string): StatementUnit {
  return { line: 1, raw: undefined, readIssues: [{ line: 1, field: null, message }], statementId: undefined, accountId: undefined, locate: () => ({ line: 1, field: '(the header)' }) };
}
