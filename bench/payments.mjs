// Payments per second and latency at 50 concurrent clients, on PGlite and on PostgreSQL, beside
// the raw rate of the database transaction a payment is built on, measured in the same run.
//   node bench/payments.mjs [--payments 1000] [--clients 50] [--postgres | --pglite]
// Needs the build (pnpm build) and, for the PostgreSQL half, a server on 127.0.0.1:5432 or
// DATABASE_URL (admin rights to create and drop a scratch database).
import { luhnCheckDigit } from '@billpay/sdk';
import { publishableKeyFor, silentLogger, startBillPayServer } from '@billpay/server';
import { freshStore, numberOption, percentile, storeKinds } from './support.mjs';

const PAYMENTS = numberOption('payments', 1000);
const CLIENTS = numberOption('clients', 50);

/** Runs `count` tasks with `clients` at a time; returns each one's latency in ms and the wall time. */
async function drive(count, clients, task) {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        await task(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000 };
}

async function benchOne(kind) {
  const store = await freshStore(kind, 'payments');
  // Thousands of cards from one address: far past the sandbox's limit against card testing.
  const server = await startBillPayServer({ port: 0, processorPort: 0, dataDir: store.dataDir, databaseUrl: store.databaseUrl, logger: silentLogger, serveDemo: false, sandboxTokenRequestsPerHour: 1_000_000 });
  try {
    const db = server.database.db;
    // One account per client, each owing plenty, so clients do not all queue on one account's lock.
    const accounts = [];
    for (let i = 0; i < CLIENTS; i++) {
      const body = `7${String(i).padStart(10, '0')}`;
      const billId = `${body}${luhnCheckDigit(body)}`;
      const id = `acct_bench${i}`;
      await db.insertInto('accounts').values({ id, practice_id: 'harbor-point', account_number: `B-${i}`, bill_id: billId, first_name: 'Bench', last_name: 'Client', last_name_key: 'client', date_of_birth: '1980-01-01', coverage: 'self_pay' }).execute();
      await db.insertInto('ledger_entries').values({ account_id: id, statement_id: null, kind: 'charge', reason: 'statement', amount_cents: 10_000_000, posted_on: '2026-01-01' }).execute();
      const lookup = await fetch(`${server.url}/v1/lookups`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ practice: 'harbor-point', billId, dateOfBirth: '1980-01-01' }) });
      accounts.push({ id, token: (await lookup.json()).token });
    }
    // Card tokens are made beforehand: tokenization is the browser's trip, not the API's.
    const tokens = [];
    for (let i = 0; i < PAYMENTS; i++) {
      const response = await fetch(`${server.processorUrl}/v1/tokens/card`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-billpay-key': publishableKeyFor('harbor-point') },
        body: JSON.stringify({ number: '4242424242424242', expMonth: 12, expYear: 2031, cvc: '123', name: 'Bench Client', postalCode: '06510' }),
      });
      tokens.push((await response.json()).id);
    }

    const api = await drive(PAYMENTS, CLIENTS, async (i) => {
      const account = accounts[i % CLIENTS];
      const response = await fetch(`${server.url}/v1/payments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${account.token}`, 'idempotency-key': `bench-${kind}-${i}-${tokens[i]}` },
        body: JSON.stringify({ amountCents: 100, token: tokens[i] }),
      });
      if (response.status !== 201) throw new Error(`payment ${i}: ${response.status} ${await response.text()}`);
    });

    // The raw transaction every payment rests on: lock the account, read its balance, write a
    // ledger entry. Same database, same concurrency, no HTTP and no processor.
    const raw = await drive(PAYMENTS, CLIENTS, async (i) => {
      const account = accounts[i % CLIENTS];
      await db.transaction().execute(async (trx) => {
        await trx.selectFrom('accounts').select('id').where('id', '=', account.id).forUpdate().execute();
        await trx.selectFrom('ledger_entries').select((eb) => eb.fn.sum('amount_cents').as('b')).where('account_id', '=', account.id).execute();
        await trx.insertInto('ledger_entries').values({ account_id: account.id, statement_id: null, kind: 'adjustment', reason: 'bench', amount_cents: -1, posted_on: '2026-01-01' }).execute();
      });
    });
    return { kind, api, raw };
  } finally {
    await server.close();
    await store.remove();
  }
}

const kinds = await storeKinds();
console.log(`\npayments: ${PAYMENTS} card payments, ${CLIENTS} concurrent clients (one account each), API + sandbox processor in one process\n`);
console.log('  store      API pay/s   p50 ms   p99 ms   raw tx/s   raw p50   API/raw');
for (const kind of kinds) {
  const { api, raw } = await benchOne(kind);
  const apiRate = PAYMENTS / api.seconds;
  const rawRate = PAYMENTS / raw.seconds;
  console.log(
    `  ${kind.padEnd(9)} ${apiRate.toFixed(0).padStart(10)} ${percentile(api.latencies, 50).toFixed(1).padStart(8)} ${percentile(api.latencies, 99).toFixed(1).padStart(8)} ${rawRate.toFixed(0).padStart(10)} ${percentile(raw.latencies, 50).toFixed(1).padStart(9)} ${(apiRate / rawRate).toFixed(2).padStart(9)}`,
  );
}
console.log('\n  goal: the API at least half the raw rate (API/raw >= 0.50)\n');
