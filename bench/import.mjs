// Statements per second through the import route (POST /admin/v1/imports, JSON Lines, over HTTP),
// beside the rate of inserting the same rows directly (batched multi-row inserts, one
// transaction per batch) into another fresh database, measured in the same run, the two taking
// turns (5,000 statements each at a time).
//   node bench/import.mjs [--statements 100000] [--postgres | --pglite]
// Needs the build (pnpm build) and, for the PostgreSQL half, a server on 127.0.0.1:5432 or
// DATABASE_URL (admin rights to create and drop scratch databases).
import { randomBytes } from 'node:crypto';
import { luhnCheckDigit } from '@billpay/sdk';
import { createApiKey } from '@billpay/server';
import { importChunk, openServer, PRACTICE, statementOf } from './statement-run.mjs';
import { numberOption, storeKinds } from './support.mjs';

const STATEMENTS = numberOption('statements', 100_000);
/** Statements per request: one file may hold at most 50,000, and a smaller one keeps each answer small. */
const PER_REQUEST = 5_000;
/** Statements per transaction when inserting directly. */
const PER_BATCH = 1_000;

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

/** Seconds to insert the rows of the same statements directly, `PER_BATCH` statements a transaction. */
async function insertChunk(server, npis, providers, from, count) {
  const db = server.database.db;
  const now = new Date();
  let seconds = 0;
  for (let at = from; at < from + count; at += PER_BATCH) {
    const rows = Array.from({ length: Math.min(PER_BATCH, from + count - at) }, (_, k) => rowsOf(at + k, statementOf(at + k, npis), providers, now));
    const started = performance.now();
    await db.transaction().execute(async (trx) => {
      for (const table of TABLES) await trx.insertInto(table).values(rows.flatMap((r) => r[table])).execute();
    });
    seconds += (performance.now() - started) / 1000;
  }
  return seconds;
}

/**
 * The import and the direct inserts, each into a fresh store of its own, taking turns a request's
 * worth of statements at a time: whatever else the machine does weighs on both alike, so their
 * ratio holds on a busy machine too. Run one after the other, the ratio moved with the load more
 * than with the code: the same code gave 0.44 on a quieter machine and 0.80 at a load average of 14.
 */
async function bench(kind) {
  const imported = await openServer(kind, 'import');
  const direct = await openServer(kind, 'import');
  try {
    const practice = imported.server.practices.get(PRACTICE);
    const npis = practice.providers.map((p) => p.npi);
    const providers = new Map(practice.providers.map((p) => [p.npi, p.name]));
    const { secret } = await createApiKey(imported.server.database.db, { practiceId: PRACTICE, scopes: ['import'], name: 'bench', now: new Date() });
    let importSeconds = 0;
    let directSeconds = 0;
    for (let from = 0; from < STATEMENTS; from += PER_REQUEST) {
      const count = Math.min(PER_REQUEST, STATEMENTS - from);
      importSeconds += await importChunk(imported.server, secret, npis, from, count);
      directSeconds += await insertChunk(direct.server, npis, providers, from, count);
    }
    return { importSeconds, directSeconds };
  } finally {
    await imported.close();
    await direct.close();
  }
}

const kinds = await storeKinds();
console.log(`\nimport: ${STATEMENTS} statements of 3 line items (JSON Lines, ${PER_REQUEST} a request) through POST /admin/v1/imports, beside direct inserts (${PER_BATCH} statements a transaction)\n`);
console.log('  store      import st/s   import s   direct st/s   direct s   import/direct');
for (const kind of kinds) {
  const { importSeconds, directSeconds } = await bench(kind);
  const importRate = STATEMENTS / importSeconds;
  const directRate = STATEMENTS / directSeconds;
  console.log(
    `  ${kind.padEnd(9)} ${importRate.toFixed(0).padStart(12)} ${importSeconds.toFixed(1).padStart(10)} ${directRate.toFixed(0).padStart(13)} ${directSeconds.toFixed(1).padStart(10)} ${(importRate / directRate).toFixed(2).padStart(15)}`,
  );
}
console.log('\n  goal: the import at least half the direct rate (import/direct >= 0.50)\n');
