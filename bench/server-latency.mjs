// Latency of the billing API as patients meet it: lookups, account reads and card payments, each
// at `--clients` concurrent clients (50 on PostgreSQL, 20 on PGlite, the loads), with the
// API, the sandbox processor and this driver each in a process of its own, as in production. Then,
// on PGlite, far past its capacity (`--overload`, 100 clients): what it refuses at once (503 busy
// with Retry-After) and how long the answered wait.
//   node bench/server-latency.mjs [--requests 1000] [--clients N] [--overload 100] [--postgres | --pglite]
//   BENCH_PROFILE=dir node bench/server-latency.mjs ...   also writes a CPU profile of each child process to dir
// Needs the build (node scripts/build.mjs) and, for PostgreSQL, a server on 127.0.0.1:5432 or DATABASE_URL.
import { publishableKeyFor } from '@billpay/server';
import { startProcess } from './server/processes.mjs';
import { freshStore, numberOption, percentile, storeKinds } from './support.mjs';

const REQUESTS = numberOption('requests', 1000);
const OVERLOAD = numberOption('overload', 100);
const clientsFor = (kind) => numberOption('clients', kind === 'postgres' ? 50 : 20);
const GOALS = { postgres: { lookup: 150, account: 100, payment: 300 }, pglite: { lookup: 500, account: 500, payment: 500 } };
const SECRET = 'bench-secret-that-is-long-enough-0123456789';

/** Runs `count` requests with `clients` at a time (`send(i, client)`, each client its own account): each answered one's latency, the refused (503) count, the wall time. */
async function drive(count, clients, send) {
  const latencies = [];
  let refused = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        const response = await send(i, client);
        if (response.status === 503) refused++;
        else if (!response.ok) throw new Error(`request ${i}: ${response.status} ${await response.text()}`);
        else latencies.push(performance.now() - t);
        await response.body?.cancel();
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), refused, seconds: (performance.now() - started) / 1000 };
}

const post = (url, body, headers = {}) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
/** A client address of its own for request `i` (the API trusts this process as its proxy). */
const from = (i) => ({ 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` });

async function benchOne(kind) {
  const clients = clientsFor(kind);
  const store = await freshStore(kind, 'latency');
  const sandbox = await startProcess('sandbox', { databaseUrl: store.databaseUrl, dataDir: store.dataDir ? `${store.dataDir}/sandbox` : null, secret: SECRET });
  const api = await startProcess('api', { databaseUrl: store.databaseUrl, dataDir: store.dataDir ? `${store.dataDir}/api` : null, secret: SECRET, sandboxUrl: sandbox.url, accounts: clients });
  try {
    const { accounts } = api;
    const lookups = await drive(REQUESTS, clients, (i, client) => {
      const account = accounts[client];
      return post(`${api.url}/v1/lookups`, { practice: 'harbor-point', billId: account.billId, dateOfBirth: account.dateOfBirth }, from(i));
    });
    const sessions = [];
    for (const [i, account] of accounts.entries()) {
      const answer = await post(`${api.url}/v1/lookups`, { practice: 'harbor-point', billId: account.billId, dateOfBirth: account.dateOfBirth }, from(100_000 + i));
      sessions.push((await answer.json()).token);
    }
    const reads = await drive(REQUESTS, clients, (i, client) => fetch(`${api.url}/v1/account`, { headers: { authorization: `Bearer ${sessions[client]}`, ...from(i) } }));
    // Card tokens are made beforehand: tokenization is the browser's trip to the processor, not the API's.
    const tokens = [];
    for (let i = 0; i < REQUESTS; i++) {
      const answer = await post(`${sandbox.url}/v1/tokens/card`, { number: '4242424242424242', expMonth: 12, expYear: 2031, cvc: '123', name: 'Bench Client', postalCode: '06510' }, { 'x-billpay-key': publishableKeyFor('harbor-point') });
      tokens.push((await answer.json()).id);
    }
    const payments = await drive(REQUESTS, clients, (i, client) =>
      post(`${api.url}/v1/payments`, { amountCents: 100, token: tokens[i] }, { authorization: `Bearer ${sessions[client]}`, 'idempotency-key': `bench-${kind}-${i}-${tokens[i]}`, ...from(i) }),
    );
    const overload = kind === 'pglite' ? await drive(REQUESTS * 2, OVERLOAD, (i, client) => fetch(`${api.url}/v1/account`, { headers: { authorization: `Bearer ${sessions[client % clients]}`, ...from(i) } })) : undefined;
    return { kind, clients, lookups, reads, payments, overload };
  } finally {
    await api.stop();
    await sandbox.stop();
    await store.remove();
  }
}

const ms = (value) => (value === undefined ? '-' : value.toFixed(0)).padStart(7);
const kinds = await storeKinds();
console.log(`\nserver latency: ${REQUESTS} requests of each kind; API, sandbox processor and this driver in three processes\n`);
console.log('  store     clients  request     per s   p50 ms  p99 ms  max ms  refused  goal p99');
for (const kind of kinds) {
  const result = await benchOne(kind);
  for (const [name, run, goal] of [
    ['lookup', result.lookups, GOALS[kind].lookup],
    ['account', result.reads, GOALS[kind].account],
    ['payment', result.payments, GOALS[kind].payment],
    ...(result.overload ? [['overload', result.overload, undefined]] : []),
  ]) {
    const clients = name === 'overload' ? OVERLOAD : result.clients;
    const p99 = percentile(run.latencies, 99);
    const verdict = goal === undefined ? '' : `${goal} ${p99 <= goal ? 'met' : 'missed'}`;
    console.log(
      `  ${kind.padEnd(9)} ${String(clients).padStart(7)}  ${name.padEnd(9)} ${(run.latencies.length / run.seconds).toFixed(0).padStart(7)} ${ms(percentile(run.latencies, 50))} ${ms(p99)} ${ms(run.latencies.at(-1))} ${String(run.refused).padStart(8)}  ${verdict}`,
    );
  }
}
console.log('\n  overload: account reads far past PGlite\'s capacity; refused = answered 503 busy with Retry-After at once\n');
