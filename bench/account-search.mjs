// How long the billing office's account search takes (POST /admin/v1/accounts/search, in
// process, through the whole practice API: key, scope, audit) over a practice of many accounts,
// for each kind of term, on PGlite (in memory) and PostgreSQL when one answers.
//   node bench/account-search.mjs [--accounts 100000] [--runs 30] [--postgres | --pglite]
// Needs the build (pnpm build) and, for PostgreSQL, a server on 127.0.0.1:5432 or DATABASE_URL.
import { createApiKey, createApp, defaults, lastNameKey, loadPractices, openDatabase, silentLogger } from '@billpay/server';
import { freshStore, numberOption, storeKinds } from './support.mjs';

const ACCOUNTS = numberOption('accounts', 100_000);
const RUNS = numberOption('runs', 30);
const PRACTICE = 'harbor-point';

const FIRST = ['Amara', 'Luis', 'Mei', 'Noah', 'Priya', 'Tomás', 'Grace', 'Omar', 'José', 'Zoë', 'Daniela', 'Chidi'];
const LAST = ['Bello', 'Ortega', 'Chen', 'Walsh', 'Raman', 'Silva', 'Kim', 'Haddad', 'Núñez', 'Rivera', 'Okafor', 'Novák', 'García', 'Müller', 'Nguyen', 'Smith'];

/** Account `i`: names repeat (as they do), dates of birth spread over 60 years, every tenth with contact details. */
function accountOf(i) {
  const last = `${LAST[i % LAST.length]}${i % 7 === 0 ? '' : String.fromCharCode(97 + (i % 26))}`;
  return {
    id: `acct_search${i}`,
    practice_id: PRACTICE,
    account_number: `SR-${i}`,
    bill_id: `6${String(i).padStart(11, '0')}`,
    first_name: FIRST[(i >> 4) % FIRST.length],
    last_name: last,
    last_name_key: lastNameKey(last),
    date_of_birth: `${1940 + (i % 60)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    coverage: 'self_pay',
    email: i % 10 === 0 ? `patient.${i}@example.com` : null,
    mobile_phone: i % 10 === 0 ? `+1203${String(i).padStart(7, '0')}` : null,
  };
}

async function run(kind) {
  // PGlite in memory: no folder.
  const store = await freshStore(kind);
  const database = await openDatabase({ url: store.databaseUrl });
  try {
    const started = performance.now();
    for (let from = 0; from < ACCOUNTS; from += 1_000) {
      const batch = Array.from({ length: Math.min(1_000, ACCOUNTS - from) }, (_, n) => accountOf(from + n));
      await database.db.insertInto('accounts').values(batch).execute();
      await database.db
        .insertInto('ledger_entries')
        .values(batch.map((a, n) => ({ account_id: a.id, statement_id: null, kind: 'charge', reason: 'statement', amount_cents: 1_000 + ((from + n) % 9_000), posted_on: '2026-11-01' })))
        .execute();
    }
    // Fresh statistics, as autovacuum would have them on a database that grew over time.
    await database.db.executeQuery({ sql: 'analyze', parameters: [], query: { kind: 'RawNode', sqlFragments: ['analyze'], parameters: [] }, queryId: { queryId: 'analyze' } });
    console.log(`${kind}: ${ACCOUNTS.toLocaleString('en-US')} accounts written in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const practices = await loadPractices(defaults.practicesDir);
    const app = createApp({ database, practices, logger: silentLogger, secret: 'bench-secret-that-is-long-enough-0123456789', practiceApiRequestsPerMinute: 1_000_000 });
    const { secret } = await createApiKey(database.db, { practiceId: PRACTICE, scopes: ['read'], now: new Date() });
    // A patient with contact details (every tenth), somewhere in the middle.
    const probe = accountOf(Math.floor(ACCOUNTS * 0.5432 / 10) * 10);
    const searches = {
      'last name (accents ignored)': 'nunez',
      'last name prefix': 'riv',
      'first and last name': 'jose garcia',
      'date of birth': probe.date_of_birth,
      'name and date of birth': `${probe.last_name} ${probe.date_of_birth}`,
      'account number': probe.account_number.toLowerCase(),
      'Bill ID, spaced': probe.bill_id.replace(/(\d{4})(?=\d)/g, '$1 '),
      'mobile phone': probe.mobile_phone.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '($1) $2-$3'),
      email: probe.email.toUpperCase(),
    };
    for (const [label, q] of Object.entries(searches)) {
      const times = [];
      let answer;
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        const response = await app.request('/admin/v1/accounts/search', {
          method: 'POST',
          headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
          body: JSON.stringify({ q }),
        });
        answer = await response.json();
        times.push(performance.now() - t);
        if (response.status !== 200) throw new Error(`${label}: ${response.status} ${JSON.stringify(answer)}`);
      }
      times.sort((a, b) => a - b);
      const at = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1);
      console.log(`  ${label.padEnd(30)} median ${at(0.5).padStart(6)} ms   p95 ${at(0.95).padStart(6)} ms   ${String(answer.data.length).padStart(2)} found${answer.truncated ? ' (more)' : ''}`);
    }
  } finally {
    await database.close();
    await store.remove();
  }
}

for (const kind of await storeKinds()) await run(kind);
