// Patient messages at a statement run's scale (issue 16):
// 1. Queueing: a run of `--statements` statements imported through POST /admin/v1/imports, each
//    account with an email address, so each statement's "statement ready" email is written to the
//    outbox in the statement's own transaction; beside the same run with no addresses (nothing to
//    queue) into another fresh store, the two taking turns 5,000 statements at a time, so the cost
//    of queueing is the difference. Delivery is off meanwhile (it is part 2).
// 2. Delivery: `--deliver` statements imported into a server whose email goes to a local SMTP
//    server (smtp-server, in this process): how many messages a second one instance hands over,
//    from the first to the last that arrives, and how long after the import the last arrives.
//   node bench/messages.mjs [--statements 100000] [--deliver 10000] [--postgres | --pglite]
// Needs the build (node scripts/build.mjs) and, for PostgreSQL, a server on 127.0.0.1:5432 or DATABASE_URL.
import { createApiKey } from '@billpay/server';
import { SMTPServer } from 'smtp-server';
import { importChunk, openServer, PRACTICE } from './statement-run.mjs';
import { numberOption, storeKinds } from './support.mjs';

const STATEMENTS = numberOption('statements', 100_000);
const DELIVER = numberOption('deliver', 10_000);
const PER_REQUEST = 5_000;
/** Delivery's interval in part 2 (the server's default is 2 s): a run delivers up to 1,000. */
const DELIVERY_INTERVAL_MS = 250;
/** Part 1 keeps delivery from running at all. */
const NEVER_MS = 2 ** 30;

async function importerOf(opened) {
  const practice = opened.server.practices.get(PRACTICE);
  const npis = practice.providers.map((p) => p.npi);
  const { secret } = await createApiKey(opened.server.database.db, { practiceId: PRACTICE, scopes: ['import'], name: 'bench', now: new Date() });
  return (from, count, contact) => importChunk(opened.server, secret, npis, from, count, { contact });
}

const countMessages = async (server) =>
  Number((await server.database.db.selectFrom('messages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

async function queueing(kind) {
  const withAddresses = await openServer(kind, 'messages', { messageIntervalMs: NEVER_MS });
  const without = await openServer(kind, 'messages', { messageIntervalMs: NEVER_MS });
  try {
    const [importWith, importWithout] = [await importerOf(withAddresses), await importerOf(without)];
    let withSeconds = 0;
    let withoutSeconds = 0;
    for (let from = 0; from < STATEMENTS; from += PER_REQUEST) {
      const count = Math.min(PER_REQUEST, STATEMENTS - from);
      withSeconds += await importWith(from, count, true);
      withoutSeconds += await importWithout(from, count, false);
    }
    return { withSeconds, withoutSeconds, queued: await countMessages(withAddresses.server), strays: await countMessages(without.server) };
  } finally {
    await withAddresses.close();
    await without.close();
  }
}

async function delivery(kind) {
  const arrivals = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        arrivals.push(performance.now());
        callback();
      });
    },
  });
  await new Promise((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const opened = await openServer(kind, 'messages', {
    smtpUrl: `smtp://127.0.0.1:${smtp.server.address().port}`,
    smtpFrom: 'billing@harborpoint.example',
    messageIntervalMs: DELIVERY_INTERVAL_MS,
  });
  try {
    const importRun = await importerOf(opened);
    const started = performance.now();
    for (let from = 0; from < DELIVER; from += PER_REQUEST) await importRun(from, Math.min(PER_REQUEST, DELIVER - from), true);
    const imported = performance.now();
    const deadline = imported + 30 * 60_000;
    while (arrivals.length < DELIVER && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    if (arrivals.length < DELIVER) throw new Error(`only ${arrivals.length} of ${DELIVER} messages arrived in 30 minutes`);
    const first = arrivals[0];
    const last = arrivals.at(-1);
    return { importSeconds: (imported - started) / 1000, rate: (DELIVER - 1) / ((last - first) / 1000), afterImport: Math.max(0, (last - imported) / 1000) };
  } finally {
    await opened.close();
    await new Promise((resolve) => smtp.close(resolve));
  }
}

const kinds = await storeKinds();
console.log(`\nmessages: ${STATEMENTS} statements queued with their import (each with an email address), beside the same run with none; then ${DELIVER} delivered to a local SMTP server\n`);
console.log('  store      queued   with notices s   without s   queueing s   per 100,000');
const deliveries = [];
for (const kind of kinds) {
  const q = await queueing(kind);
  if (q.queued !== STATEMENTS || q.strays !== 0) throw new Error(`expected ${STATEMENTS} messages queued and none without addresses, found ${q.queued} and ${q.strays}`);
  const cost = q.withSeconds - q.withoutSeconds;
  console.log(
    `  ${kind.padEnd(9)} ${String(q.queued).padStart(7)} ${q.withSeconds.toFixed(1).padStart(16)} ${q.withoutSeconds.toFixed(1).padStart(11)} ${cost.toFixed(1).padStart(12)} ${((q.withSeconds / STATEMENTS) * 100_000).toFixed(0).padStart(11)} s`,
  );
  deliveries.push([kind, await delivery(kind)]);
}
console.log('\n  store      delivered   import s   sent per s   last arrived after the import');
for (const [kind, d] of deliveries) {
  console.log(`  ${kind.padEnd(9)} ${String(DELIVER).padStart(10)} ${d.importSeconds.toFixed(1).padStart(10)} ${d.rate.toFixed(0).padStart(12)}   ${d.afterImport.toFixed(1)} s`);
}
console.log(`\n  goal: a run of 100,000 queues its notices in under a minute (the import, notices and all: "per 100,000"); delivery runs every ${DELIVERY_INTERVAL_MS} ms, up to 1,000 a run\n`);
