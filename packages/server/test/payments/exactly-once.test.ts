import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createApp } from '../../src/http/app.js';
import { silentLogger } from '../../src/log.js';
import { createSandboxAdapter } from '../../src/processor/sandbox/adapter.js';
import { insertLoadAccounts } from '../support/accounts.js';
import { backends } from '../support/backends.js';
import { openHarness, practices, SECRET, type Harness } from '../support/harness.js';
import { CARDS, openProcessorHarness, type ProcessorHarness } from '../support/processor.js';

const PAYMENTS = 1_000;
const COPIES = 3;
const IN_FLIGHT = 25;

const postgres = backends.find((backend) => backend.name === 'postgres');

describe('exactly once, under duplicates and lost answers (postgres)', { skip: postgres ? false : 'PostgreSQL is not available' }, () => {
  let harness: Harness;
  let processor: ProcessorHarness;

  before(async () => {
    harness = await openHarness(postgres!);
    processor = await openProcessorHarness(postgres!);
  });
  after(async () => {
    await harness?.close();
    await processor?.close();
  });

  it(`${PAYMENTS} payments, each sent ${COPIES} times at once with some answers lost: ${PAYMENTS} charges, ledger to the cent`, async () => {
    const app = createApp({
      database: harness.database,
      practices,
      logger: silentLogger,
      secret: SECRET,
      now: harness.clock.now,
      processor: createSandboxAdapter({
        url: 'http://processor.test',
        secret: SECRET,
        fetch: (input, init) => {
          const url = new URL(input instanceof Request ? input.url : String(input));
          return Promise.resolve(processor.app.request(url.pathname + url.search, init));
        },
      }),
    });
    // A patient per worker, each paying their own bill: one account paying many times at once is
    // what the card-testing limits refuse.
    const accounts = await insertLoadAccounts(harness.database.db, IN_FLIGHT, 1_000_000, 'once');
    const sessions = await Promise.all(
      accounts.map(async ({ billId, dateOfBirth }) => {
        const answer = await harness.lookup<{ token: string }>({ practice: 'harbor-point', billId, dateOfBirth });
        assert.equal(answer.status, 201, JSON.stringify(answer.body));
        return answer.body.token;
      }),
    );
    const tokens = await Promise.all(Array.from({ length: PAYMENTS }, () => processor.cardToken(CARDS.visa)));

    let lost = 0;
    /** One client's attempt: the server does the work, but every fifth answer never arrives. */
    const send = async (session: string, token: string, key: string): Promise<number> => {
      for (let attempt = 0; ; attempt++) {
        const response = await app.request('/v1/payments', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${session}`, 'idempotency-key': key },
          body: JSON.stringify({ amountCents: 100, token }),
        });
        if (attempt === 0 && Math.random() < 0.2) {
          lost++;
          continue; // the answer was dropped: retry under the same key
        }
        if (response.status === 503 || response.status === 409) continue;
        return response.status;
      }
    };

    const statuses: number[] = [];
    let next = 0;
    const worker = async (session: string) => {
      while (next < PAYMENTS) {
        const i = next++;
        const key = `exactly-once-${i}-${tokens[i]!.slice(-8)}`;
        const copies = await Promise.all(Array.from({ length: COPIES }, () => send(session, tokens[i]!, key)));
        statuses.push(...copies);
      }
    };
    await Promise.all(sessions.map(worker));

    assert.ok(lost > 0, 'some answers were dropped');
    assert.deepEqual([...new Set(statuses)], [201]);
    const charges = await processor.database.db.selectFrom('charges').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(charges.n), PAYMENTS);
    const db = harness.database.db;
    const payments = await db.selectFrom('payments').select([(eb) => eb.fn.countAll<string>().as('n'), sql<number>`sum(amount_cents)::int`.as('total')]).where('status', '=', 'succeeded').executeTakeFirstOrThrow();
    assert.deepEqual([Number(payments.n), payments.total], [PAYMENTS, PAYMENTS * 100]);
    const ids = accounts.map((account) => account.id);
    const ledger = await db
      .selectFrom('ledger_entries')
      .select([(eb) => eb.fn.countAll<string>().as('n'), sql<number>`sum(amount_cents)::int`.as('total')])
      .where('account_id', 'in', ids)
      .where('kind', '=', 'payment')
      .executeTakeFirstOrThrow();
    assert.deepEqual([Number(ledger.n), ledger.total], [PAYMENTS, -PAYMENTS * 100]);
    const balance = await db.selectFrom('ledger_entries').select(sql<number>`sum(amount_cents)::int`.as('b')).where('account_id', 'in', ids).executeTakeFirstOrThrow();
    assert.equal(balance.b, IN_FLIGHT * 1_000_000 - PAYMENTS * 100);
  });
});
