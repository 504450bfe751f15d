// Time from a card payment's API answer to its `payment.succeeded` webhook at a local receiver,
// p50 and p99, with payments driven at a steady rate (open loop: one started every 1/rate s,
// whether or not the one before has answered). Run at the default delivery interval (2 s) and a
// shorter one, to show how much of the figure is the interval.
//   node bench/webhook-latency.mjs [--rate 50] [--seconds 20] [--intervals 2000,250] [--postgres]
// Needs the build (pnpm build); PGlite unless --postgres (then a server on 127.0.0.1:5432 or
// DATABASE_URL, with admin rights to create and drop a scratch database).
import { createServer } from 'node:http';
import { luhnCheckDigit } from '@billpay/sdk';
import { createApiKey, publishableKeyFor, silentLogger, startBillPayServer } from '@billpay/server';
import { Webhook } from 'standardwebhooks';
import { freshStore, option, percentile, sleep } from './support.mjs';

const RATE = Number(option('rate', '50'));
const SECONDS = Number(option('seconds', '20'));
const INTERVALS = option('intervals', '2000,250').split(',').map(Number);
const POSTGRES = process.argv.includes('--postgres');
/** How long to wait for the last webhooks after the last payment. */
const DRAIN_MS = 120_000;
const ACCOUNTS = 50;
const PRACTICE = 'harbor-point';

/** A practice's webhook receiver: verifies each delivery and notes when each payment's event came. */
async function startReceiver() {
  const arrived = new Map();
  let secret = '';
  let refused = 0;
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const at = performance.now();
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        const event = new Webhook(secret).verify(body, {
          'webhook-id': String(request.headers['webhook-id']),
          'webhook-timestamp': String(request.headers['webhook-timestamp']),
          'webhook-signature': String(request.headers['webhook-signature']),
        });
        if (event.type === 'payment.succeeded' && !arrived.has(event.data.paymentId)) arrived.set(event.data.paymentId, at);
        response.writeHead(204).end();
      } catch {
        refused++;
        response.writeHead(400).end();
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/hooks`,
    arrived,
    refused: () => refused,
    setSecret: (value) => {
      secret = value;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function benchOne(intervalMs) {
  const store = await freshStore(POSTGRES ? 'postgres' : 'pglite', 'webhooks');
  const receiver = await startReceiver();
  const server = await startBillPayServer({
    port: 0,
    processorPort: 0,
    dataDir: store.dataDir,
    databaseUrl: store.databaseUrl,
    logger: silentLogger,
    serveDemo: false,
    // Plain http to 127.0.0.1 is an endpoint only in development.
    development: true,
    sandboxTokenRequestsPerHour: 1_000_000,
    webhookIntervalMs: intervalMs,
  });
  try {
    const db = server.database.db;
    const { secret: apiKey } = await createApiKey(db, { practiceId: PRACTICE, scopes: ['webhooks'], name: 'bench', now: new Date() });
    const registered = await fetch(`${server.url}/admin/v1/webhook-endpoints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url, eventTypes: ['payment.succeeded'] }),
    });
    if (registered.status !== 201) throw new Error(`webhook endpoint: ${registered.status} ${await registered.text()}`);
    receiver.setSecret((await registered.json()).secret);

    // As bench/payments.mjs: accounts owing plenty, a lookup token each, card tokens made beforehand.
    const accounts = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      const body = `7${String(i).padStart(10, '0')}`;
      const billId = `${body}${luhnCheckDigit(body)}`;
      const id = `acct_bench${i}`;
      await db.insertInto('accounts').values({ id, practice_id: PRACTICE, account_number: `B-${i}`, bill_id: billId, first_name: 'Bench', last_name: 'Client', last_name_key: 'client', date_of_birth: '1980-01-01', coverage: 'self_pay' }).execute();
      await db.insertInto('ledger_entries').values({ account_id: id, statement_id: null, kind: 'charge', reason: 'statement', amount_cents: 10_000_000, posted_on: '2026-01-01' }).execute();
      const lookup = await fetch(`${server.url}/v1/lookups`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ practice: PRACTICE, billId, dateOfBirth: '1980-01-01' }) });
      accounts.push({ id, token: (await lookup.json()).token });
    }
    const count = Math.round(RATE * SECONDS);
    const tokens = [];
    for (let i = 0; i < count; i++) {
      const response = await fetch(`${server.processorUrl}/v1/tokens/card`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-billpay-key': publishableKeyFor(PRACTICE) },
        body: JSON.stringify({ number: '4242424242424242', expMonth: 12, expYear: 2031, cvc: '123', name: 'Bench Client', postalCode: '06510' }),
      });
      tokens.push((await response.json()).id);
    }

    const answered = new Map();
    // One payment at a time per account (a second one on the same bill is refused while the
    // first is in progress), so each payment takes an account with none in flight.
    const idle = [...accounts];
    const pay = async (i) => {
      while (idle.length === 0) await sleep(5);
      const account = idle.shift();
      const response = await fetch(`${server.url}/v1/payments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${account.token}`, 'idempotency-key': `bench-webhooks-${i}-${tokens[i]}` },
        body: JSON.stringify({ amountCents: 100, token: tokens[i] }),
      });
      const at = performance.now();
      idle.push(account);
      const payment = await response.json();
      if (response.status !== 201) throw new Error(`payment ${i}: ${response.status} ${JSON.stringify(payment)}`);
      answered.set(payment.id, at);
    };
    const started = performance.now();
    const inFlight = [];
    for (let i = 0; i < count; i++) {
      const due = started + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      inFlight.push(pay(i));
    }
    await Promise.all(inFlight);
    const drivenSeconds = (performance.now() - started) / 1000;
    const deadline = performance.now() + DRAIN_MS;
    while ([...answered.keys()].some((id) => !receiver.arrived.has(id)) && performance.now() < deadline) await sleep(50);

    const latencies = [...answered].filter(([id]) => receiver.arrived.has(id)).map(([id, at]) => receiver.arrived.get(id) - at);
    latencies.sort((a, b) => a - b);
    return { intervalMs, count, drivenSeconds, received: latencies.length, refused: receiver.refused(), latencies };
  } finally {
    await server.close();
    await receiver.close();
    await store.remove();
  }
}

console.log(`\nwebhooks: ${RATE} card payments/s for ${SECONDS} s (open loop, ${ACCOUNTS} accounts) on ${POSTGRES ? 'PostgreSQL' : 'PGlite'}; time from each payment's API answer to its payment.succeeded webhook at a local receiver\n`);
console.log('  interval ms   payments   pay/s   received   p50 ms   p99 ms   max ms');
for (const intervalMs of INTERVALS) {
  const r = await benchOne(intervalMs);
  console.log(
    `  ${String(r.intervalMs).padStart(11)} ${String(r.count).padStart(10)} ${(r.count / r.drivenSeconds).toFixed(1).padStart(7)} ${String(r.received).padStart(10)} ${percentile(r.latencies, 50).toFixed(0).padStart(8)} ${percentile(r.latencies, 99).toFixed(0).padStart(8)} ${r.latencies.at(-1).toFixed(0).padStart(8)}${r.refused ? `   (${r.refused} refused by the receiver)` : ''}`,
  );
}
console.log('\n  a delivery run claims batches of 50 while they come full (up to 20 a run): the interval bounds the wait, the batches the rate one instance delivers at\n');
