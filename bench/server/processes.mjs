// The processes of the server bench: the sandbox processor alone, and the billing API alone with
// the bench's accounts in its store, each started as `node bench/server/processes.mjs <role>`
// with its settings in BENCH_SETTINGS, printing one line of JSON once it listens.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);

/** Starts `role` in a child process; resolves with what it printed and a way to stop it. */
export function startProcess(role, settings) {
  const child = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []), here, role], { env: { ...process.env, BENCH_SETTINGS: JSON.stringify(settings) }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${role} exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) =>
      resolve({
        ...JSON.parse(line),
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', done);
            child.kill('SIGTERM');
          }),
      }),
    );
  });
}

async function main(role, settings) {
  const { luhnCheckDigit } = await import('@billpay/sdk');
  const { silentLogger, startBillPayServer, startSandboxServer } = await import('@billpay/server');
  let server;
  if (role === 'sandbox') {
    server = await startSandboxServer({ port: 0, databaseUrl: settings.databaseUrl, dataDir: settings.dataDir, secret: settings.secret, logger: silentLogger, sandboxTokenRequestsPerHour: 1_000_000 });
    console.log(JSON.stringify({ url: server.url }));
  } else {
    server = await startBillPayServer({
      port: 0,
      databaseUrl: settings.databaseUrl,
      dataDir: settings.dataDir,
      secret: settings.secret,
      sandboxUrl: settings.sandboxUrl,
      logger: silentLogger,
      serveDemo: false,
      // The bench's clients arrive through "a proxy" so that each has an address of its own.
      trustedProxies: ['127.0.0.1', '::1'],
    });
    const db = server.database.db;
    // One account per client, each owing plenty, so clients do not all queue on one account's lock.
    const accounts = [];
    for (let i = 0; i < settings.accounts; i++) {
      const body = `7${String(i).padStart(10, '0')}`;
      const billId = `${body}${luhnCheckDigit(body)}`;
      const id = `acct_bench${i}`;
      await db.insertInto('accounts').values({ id, practice_id: 'harbor-point', account_number: `B-${i}`, bill_id: billId, first_name: 'Bench', last_name: 'Client', last_name_key: 'client', date_of_birth: '1980-01-01', coverage: 'self_pay' }).execute();
      await db.insertInto('ledger_entries').values({ account_id: id, statement_id: null, kind: 'charge', reason: 'statement', amount_cents: 10_000_000, posted_on: '2026-01-01' }).execute();
      accounts.push({ id, billId, dateOfBirth: '1980-01-01' });
    }
    console.log(JSON.stringify({ url: server.url, accounts }));
  }
  process.once('SIGTERM', () => server.close().then(() => process.exit(0)));
}

if (process.argv[1] === here) await main(process.argv[2], JSON.parse(process.env.BENCH_SETTINGS ?? '{}'));
