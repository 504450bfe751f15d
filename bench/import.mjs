// Statements per second through the import route (POST /admin/v1/imports, JSON Lines, over HTTP),
// beside the rate of inserting the same rows directly (batched multi-row inserts, one
// transaction per batch) into a fresh database, measured in the same run.
//   node bench/import.mjs [--statements 100000] [--postgres | --pglite]
// Needs the build (pnpm build) and, for the PostgreSQL half, a server on 127.0.0.1:5432 or
// DATABASE_URL (admin rights to create and drop scratch databases).
import { randomBytes } from 'node:crypto';
import { luhnCheckDigit } from '@billpay/sdk';
import { createApiKey, silentLogger, startBillPayServer } from '@billpay/server';
import { freshStore, numberOption, storeKinds } from './support.mjs';

const STATEMENTS = numberOption('statements', 100_000);
/** Statements per request: one file may hold at most 50,000, and a smaller one keeps each answer small. */
const PER_REQUEST = 5_000;
/** Statements per transaction when inserting directly. */
const PER_BATCH = 1_000;
const PRACTICE = 'harbor-point';

const dollars = (cents) => (cents / 100).toFixed(2);
const FIRST = ['Amara', 'Luis', 'Mei', 'Noah', 'Priya', 'Tomás', 'Grace', 'Omar'];
const LAST = ['Bello', 'Ortega', 'Chen', 'Walsh', 'Raman', 'Silva', 'Kim', 'Haddad'];
const CODES = [
  ['99213', 'Office visit, established patient'],
  ['85025', 'Complete blood count'],
  ['71046', 'Chest X-ray, two views'],
];

/**
 * Statement `i` of the run: its own account and statement ids, three line items by the practice's
 * providers, each adding up (charge − insurance paid − CO adjustment = the PR-1 deductible the
 * patient owes). The same numbers give the import's JSON line and the direct insert's rows.
 */
function statementOf(i, npis) {
  const items = CODES.map(([code, description], n) => {
    const charge = 10_000 + ((i * 7 + n * 1_301) % 20_000);
    const paid = Math.round(charge * 0.4);
    const deductible = Math.round(charge * 0.2);
    return { code, description, npi: npis[(i + n) % npis.length], charge, paid, contractual: charge - paid - deductible, deductible };
  });
  return {
    account: {
      id: `BENCH-A-${i}`,
      accountNumber: `BN-${i}`,
      firstName: FIRST[i % FIRST.length],
      lastName: LAST[(i >> 3) % LAST.length],
      dateOfBirth: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
      address: { line1: `${1 + (i % 900)} Elm Street`, city: 'New Haven', state: 'CT', postalCode: '06511' },
      email: `patient.${i}@example.com`,
    },
    statement: { id: `BENCH-S-${i}`, date: '2026-11-20', periodStart: '2026-10-01', periodEnd: '2026-10-03', dueDate: '2026-12-18' },
    items,
  };
}

function jsonLine(s) {
  return JSON.stringify({
    account: s.account,
    statement: s.statement,
    lineItems: s.items.map((item) => ({
      serviceDate: '2026-10-01',
      npi: item.npi,
      code: item.code,
      description: item.description,
      charge: dollars(item.charge),
      insurancePaid: dollars(item.paid),
      adjustments: [
        { code: 'CO-45', amount: dollars(item.contractual) },
        { code: 'PR-1', amount: dollars(item.deductible) },
      ],
      patientResponsibility: dollars(item.deductible),
    })),
  });
}

/** The rows the import writes for statement `i`, in the seven tables it writes. */
function rowsOf(i, s, providers, now) {
  const accountId = `acct_bench${i}`;
  const statementId = `stmt_bench${i}`;
  const body = `9${String(i).padStart(10, '0')}`;
  const billId = `${body}${luhnCheckDigit(body)}`;
  const { account, statement } = s;
  return {
    accounts: {
      id: accountId,
      practice_id: PRACTICE,
      external_id: account.id,
      bill_id: billId,
      account_number: account.accountNumber,
      first_name: account.firstName,
      last_name: account.lastName,
      last_name_key: account.lastName.toLowerCase(),
      date_of_birth: account.dateOfBirth,
      coverage: 'insured',
      email: account.email,
      address_line1: account.address.line1,
      city: account.address.city,
      state: account.address.state,
      postal_code: account.address.postalCode,
    },
    statements: { id: statementId, account_id: accountId, statement_date: statement.date, period_start: statement.periodStart, period_end: statement.periodEnd, due_date: statement.dueDate, letter_mailed_on: null, replaces: null },
    line_items: s.items.map((item, n) => ({
      id: `${statementId}_${n + 1}`,
      statement_id: statementId,
      position: n,
      service_date: '2026-10-01',
      provider: providers.get(item.npi),
      description: item.description,
      code: item.code,
      charge_cents: item.charge,
      insurance_paid_cents: item.paid,
      adjustment_cents: item.contractual,
      patient_cents: item.deductible,
    })),
    insurer_notes: s.items.map((item, n) => ({ id: `${statementId}_${n + 1}_n1`, statement_id: statementId, line_item_id: `${statementId}_${n + 1}`, kind: 'deductible', amount_cents: item.deductible })),
    ledger_entries: { account_id: accountId, statement_id: statementId, kind: 'charge', reason: 'statement', amount_cents: s.items.reduce((sum, item) => sum + item.deductible, 0), posted_on: statement.date },
    bill_ids: { practice_id: PRACTICE, bill_id: billId, account_id: accountId, statement_id: statementId, created_at: now },
    imported_statements: { practice_id: PRACTICE, external_id: statement.id, account_id: accountId, statement_id: statementId, bill_id: billId, content_hash: randomBytes(32).toString('hex'), created_at: now, updated_at: now },
  };
}

const TABLES = ['accounts', 'statements', 'line_items', 'insurer_notes', 'ledger_entries', 'bill_ids', 'imported_statements'];

async function withServer(kind, use) {
  const store = await freshStore(kind, 'import');
  const server = await startBillPayServer({ port: 0, processorPort: 0, dataDir: store.dataDir, databaseUrl: store.databaseUrl, logger: silentLogger, serveDemo: false });
  try {
    return await use(server);
  } finally {
    await server.close();
    await store.remove();
  }
}

async function benchImport(kind) {
  return withServer(kind, async (server) => {
    const practice = server.practices.get(PRACTICE);
    const npis = practice.providers.map((p) => p.npi);
    const { secret } = await createApiKey(server.database.db, { practiceId: PRACTICE, scopes: ['import'], name: 'bench', now: new Date() });
    let seconds = 0;
    for (let from = 0; from < STATEMENTS; from += PER_REQUEST) {
      const count = Math.min(PER_REQUEST, STATEMENTS - from);
      const body = `${Array.from({ length: count }, (_, k) => jsonLine(statementOf(from + k, npis))).join('\n')}\n`;
      const started = performance.now();
      const response = await fetch(`${server.url}/admin/v1/imports`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/x-ndjson' }, body });
      const result = await response.json();
      seconds += (performance.now() - started) / 1000;
      if (response.status !== 200 || result.counts.created !== count) {
        throw new Error(`import of statements ${from}..${from + count - 1}: ${response.status} ${JSON.stringify(result.counts ?? result)} ${JSON.stringify(result.statements?.find((s) => s.outcome === 'rejected') ?? '')}`);
      }
    }
    return seconds;
  });
}

async function benchDirect(kind) {
  return withServer(kind, async (server) => {
    const db = server.database.db;
    const practice = server.practices.get(PRACTICE);
    const providers = new Map(practice.providers.map((p) => [p.npi, p.name]));
    const npis = practice.providers.map((p) => p.npi);
    const now = new Date();
    let seconds = 0;
    for (let from = 0; from < STATEMENTS; from += PER_BATCH) {
      const rows = Array.from({ length: Math.min(PER_BATCH, STATEMENTS - from) }, (_, k) => rowsOf(from + k, statementOf(from + k, npis), providers, now));
      const started = performance.now();
      await db.transaction().execute(async (trx) => {
        for (const table of TABLES) await trx.insertInto(table).values(rows.flatMap((r) => r[table])).execute();
      });
      seconds += (performance.now() - started) / 1000;
    }
    return seconds;
  });
}

const kinds = await storeKinds();
console.log(`\nimport: ${STATEMENTS} statements of 3 line items (JSON Lines, ${PER_REQUEST} a request) through POST /admin/v1/imports, beside direct inserts (${PER_BATCH} statements a transaction)\n`);
console.log('  store      import st/s   import s   direct st/s   direct s   import/direct');
for (const kind of kinds) {
  const importSeconds = await benchImport(kind);
  const directSeconds = await benchDirect(kind);
  const importRate = STATEMENTS / importSeconds;
  const directRate = STATEMENTS / directSeconds;
  console.log(
    `  ${kind.padEnd(9)} ${importRate.toFixed(0).padStart(12)} ${importSeconds.toFixed(1).padStart(10)} ${directRate.toFixed(0).padStart(13)} ${directSeconds.toFixed(1).padStart(10)} ${(importRate / directRate).toFixed(2).padStart(15)}`,
  );
}
console.log('\n  goal: the import at least half the direct rate (import/direct >= 0.50)\n');
