/**
 * A sandbox processor over a fresh store (PGlite in memory, or the `processor` schema of a fresh
 * PostgreSQL database), with a clock the test moves and a log that is kept, so tests can prove
 * no card number or security code reaches the log or the store.
 */
import assert from 'node:assert/strict';
import { luhnValid } from '@billpay/sdk';
import { ProcessorErrorBodySchema } from '@billpay/sdk/processor';
import { sql } from 'kysely';
import { createLogger } from '../../src/log.js';
import type { ProcessorAdapter } from '../../src/processor/port.js';
import { createSandboxAdapter } from '../../src/processor/sandbox/adapter.js';
import { createProcessorApp } from '../../src/processor/sandbox/app.js';
import { SandboxClock } from '../../src/processor/sandbox/clock.js';
import { openProcessorDatabase, PROCESSOR_SCHEMA, type ProcessorDatabase } from '../../src/processor/sandbox/database.js';
import { migratedPgliteDataDir } from './pglite-template.js';
import { openNumber, processorSecretKey, publishableKeyFor, vaultKey } from '../../src/processor/sandbox/keys.js';
import type { Backend } from './backends.js';
import { practices, SECRET, TODAY } from './harness.js';

export const PK = publishableKeyFor('harbor-point');
export const SK = processorSecretKey(SECRET, 'harbor-point');

export const CARDS = {
  visa: '4242424242424242',
  declined: '4000000000000002',
  expired: '4000000000000069',
  wrongCvc: '4000000000000127',
  mastercard2: '2223003122003222',
  amex: '378282246310005',
} as const;

export interface Answer<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export class ProcessorHarness {
  readonly logLines: string[] = [];
  /** Every security code a test sent: none may be stored or logged. */
  readonly cvcs = new Set<string>();
  readonly clock: SandboxClock;
  readonly app: ReturnType<typeof createProcessorApp>;
  /** The system clock the sandbox clock is offset from; tests leave it fixed. */
  base = new Date(`${TODAY}T15:00:00.000Z`);

  constructor(
    readonly database: ProcessorDatabase,
    private readonly dropDatabase: () => Promise<void>,
  ) {
    this.clock = new SandboxClock(() => this.base);
    // Every request here comes from one address ('unknown': no socket); tests of the limit make their own app.
    this.app = createProcessorApp({ logger: createLogger((line) => this.logLines.push(line)), database, practices, secret: SECRET, clock: this.clock, tokenRequestsPerHour: 100_000 });
  }

  async send<T = unknown>(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
    const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    // Codes of one or two digits would match any month or day; the tests' real codes are 3-4 digits.
    const cvc = init.body && typeof init.body === 'object' && 'cvc' in init.body ? init.body.cvc : undefined;
    if (typeof cvc === 'string' && cvc.length >= 3) this.cvcs.add(cvc);
    const response = await this.app.request(path, {
      method: init.method ?? (body === undefined ? 'GET' : 'POST'),
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
  }

  tokenize<T = { id: string }>(kind: 'card' | 'bank' | 'wallet', body: unknown, key = PK): Promise<Answer<T>> {
    return this.send<T>(`/v1/tokens/${kind}`, { body, headers: { 'x-billpay-key': key } });
  }

  card(number: string, overrides: Record<string, unknown> = {}): Promise<Answer<{ id: string; kind: 'card'; card: { brand: string; last4: string; expMonth: number; expYear: number } }>> {
    const cvc = number.startsWith('37') ? '7391' : '731';
    return this.tokenize('card', { number, expMonth: 12, expYear: 2030, cvc, name: 'Ana Rivera', postalCode: '06510', ...overrides });
  }

  /** A token that must be made. */
  async cardToken(number: string): Promise<string> {
    const answer = await this.card(number);
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body.id;
  }

  async bankToken(accountNumber = '000123456789'): Promise<string> {
    const answer = await this.tokenize('bank', { routingNumber: '021000021', accountNumber, accountType: 'checking', holderName: 'Omar Haddad' });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body.id;
  }

  secretCall<T = unknown>(path: string, body?: unknown, idempotencyKey?: string, key = SK): Promise<Answer<T>> {
    return this.send<T>(path, {
      body,
      headers: { authorization: `Bearer ${key}`, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
    });
  }

  charge<T = ChargeBody>(body: unknown, idempotencyKey: string): Promise<Answer<T>> {
    return this.secretCall<T>('/v1/charges', body, idempotencyKey);
  }

  /**
   * The practice API's gateway to this processor, in process. `up()` says whether the processor
   * can be reached (a test switches it off to play an outage).
   */
  gateway(up: () => boolean = () => true): ProcessorAdapter {
    return createSandboxAdapter({
      url: 'http://processor.test',
      secret: SECRET,
      fetch: async (input, init) => {
        if (!up()) throw new TypeError('fetch failed');
        const url = new URL(input instanceof Request ? input.url : String(input));
        return this.app.request(url.pathname + url.search, init);
      },
    });
  }

  /** Every cell of every processor table, as text. */
  async everyCell(): Promise<{ table: string; column: string; value: string }[]> {
    const schema = this.database.kind === 'postgres' ? PROCESSOR_SCHEMA : 'public';
    const { rows: columns } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns where table_schema = ${schema} order by table_name, ordinal_position`.execute(this.database.db);
    assert.ok(columns.some((c) => c.table_name === 'vault_tokens'));
    const cells: { table: string; column: string; value: string }[] = [];
    for (const { table_name, column_name } of columns) {
      const { rows } = await sql<{ value: string | null }>`select ${sql.ref(column_name)}::text as value from ${sql.table(table_name)}`.execute(this.database.db);
      for (const row of rows) if (row.value !== null) cells.push({ table: table_name, column: column_name, value: row.value });
    }
    return cells;
  }

  /**
   * The store never holds a security code: no column for one, and no cell with one once the
   * random parts (ids, hashes, ciphertexts, which are checked by decrypting) are set aside.
   */
  async assertNoCvcStored(): Promise<void> {
    assert.ok(this.cvcs.size > 0);
    const cells = await this.everyCell();
    assert.ok(cells.length > 0);
    for (const { table, column, value } of cells) {
      assert.doesNotMatch(column, /cvc(?!_check)|cvv|csc|security/i, `${table}.${column}`);
      if (column === 'number_encrypted') continue;
      if (column === 'request_hash' || column === 'client_hash') {
        assert.match(value, /^[0-9a-f]{64}$/);
        continue;
      }
      // Ids and times are set aside too: a time's milliseconds (".123") are not a security code.
      const text = value
        .replace(/\b(?:tok|ch|re|evt|treq)_[A-Za-z0-9_-]+/g, ' ')
        .replace(/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?/g, ' ');
      for (const cvc of this.cvcs) {
        assert.equal((text.match(/\d+/g) ?? ([] as string[])).includes(cvc), false, `a security code is in ${table}.${column}`);
      }
    }
    const key = vaultKey(SECRET);
    const vaulted = await this.database.db.selectFrom('vault_tokens').select(['id', 'number_encrypted']).execute();
    for (const row of vaulted) {
      const number = openNumber(key, row.id, row.number_encrypted);
      assert.match(number, /^\d{4,19}$/, 'the vault holds only the number');
      assert.equal(row.number_encrypted.includes(number), false);
    }
  }

  /** No Luhn-valid run of 13 to 19 digits (a card number) and no security code in the log. */
  assertLogClean(): void {
    assert.ok(this.logLines.length > 0);
    for (const raw of this.logLines) {
      // The timestamp and duration are the logger's own digits (a time's milliseconds can read "731").
      const { time: _time, ms: _ms, ...fields } = JSON.parse(raw) as Record<string, unknown>;
      const line = JSON.stringify(fields);
      for (const run of line.match(/\d{13,19}/g) ?? []) assert.equal(luhnValid(run), false, `a card number in the log: ${line}`);
      for (const run of line.replace(/[\s-]/g, '').match(/\d{13,19}/g) ?? []) assert.equal(luhnValid(run), false, `a card number in the log: ${line}`);
      for (const cvc of this.cvcs) assert.equal((line.match(/\d+/g) ?? ([] as string[])).includes(cvc), false, `a security code in the log: ${line}`);
    }
  }

  async close(): Promise<void> {
    await this.database.close();
    await this.dropDatabase();
  }
}

export interface ChargeBody {
  id: string;
  status: string;
  amountCents: number;
  amountRefundedCents: number;
  declineCode?: string;
  returnCode?: string;
  method: { kind: string; brand?: string; last4: string; wallet?: string };
  created: string;
}

/** A fresh processor store on `backend` (the `processor` schema of a fresh database on PostgreSQL). */
export async function openProcessorHarness(backend: Backend): Promise<ProcessorHarness> {
  if (backend.name === 'pglite') {
    const store = await openProcessorDatabase({ initialDataDir: await migratedPgliteDataDir('processor') });
    return new ProcessorHarness(store, async () => {});
  }
  // On PostgreSQL the processor's schema goes in a test database of its own.
  const handle = await backend.create();
  const store = await openProcessorDatabase({ url: handle.url });
  return new ProcessorHarness(store, async () => {
    await handle.database.close();
    await handle.drop();
  });
}

/** A processor refusal: a 4xx with the structured body. */
export function refusal(answer: Answer, status: number, code: string, param?: string): void {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  const { error } = ProcessorErrorBodySchema.parse(answer.body);
  assert.equal(error.code, code);
  if (param !== undefined) assert.equal(error.param, param);
}
