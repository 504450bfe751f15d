import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { addDays, daysBetween } from '@billpay/sdk';
import { demoAccounts } from '../../src/demo/demo-data.js';
import { seedDemoData } from '../../src/demo/seed.js';
import { luhnValid } from '@billpay/sdk';
import { loadPractices, type PracticeConfig } from '../../src/practices/practices.js';
import { defaults } from '../../src/server.js';
import { openDatabase } from '../../src/db/database.js';
import { openProcessorDatabase } from '../../src/processor/sandbox/database.js';
import pg from 'pg';
import { backends } from '../support/backends.js';

const TODAY = '2026-11-22';
const practice = (await loadPractices(defaults.practicesDir)).get('harbor-point') as PracticeConfig;

for (const backend of backends) {
  describe(`database and demo data (${backend.name})`, () => {
    let handle: Awaited<ReturnType<typeof backend.create>>;
    before(async () => {
      handle = await backend.create();
      assert.equal(await seedDemoData(handle.database.db, practice, TODAY), true);
    });
    after(async () => {
      await handle.database.close();
      await handle.drop();
    });

    it('seeds the five demo accounts with the balances the README promises', async () => {
      const balances = await handle.database.db
        .selectFrom('accounts')
        .leftJoin('ledger_entries', 'ledger_entries.account_id', 'accounts.id')
        .select(['accounts.account_number', sql<number>`coalesce(sum(ledger_entries.amount_cents), 0)::int`.as('balance')])
        .groupBy('accounts.account_number')
        .orderBy('accounts.account_number')
        .execute();
      assert.deepEqual(
        balances.map((row) => [row.account_number, row.balance]),
        [
          ['A-100234', 14_250],
          ['A-100451', 240_000],
          ['A-100587', 31_000],
          ['A-100612', 0],
          ['A-100799', 6_500],
        ],
      );
      for (const account of demoAccounts) assert.equal(luhnValid(account.billId), true, account.billId);
    });

    it('dates the scenarios relative to the seeding day', async () => {
      const db = handle.database.db;
      const chen = await db.selectFrom('statements').selectAll().where('account_id', '=', 'acct_demo3').executeTakeFirstOrThrow();
      assert.equal(daysBetween(chen.statement_date, TODAY), 95);
      assert.equal(chen.letter_mailed_on, addDays(TODAY, -5));
      assert.equal(chen.due_date, addDays(chen.statement_date, 30));
      const okafor = await db.selectFrom('statements').select('statement_date').where('account_id', '=', 'acct_demo2').executeTakeFirstOrThrow();
      assert.equal(daysBetween(okafor.statement_date, TODAY), 20);
      const fee = await db
        .selectFrom('ledger_entries')
        .select(['amount_cents', 'kind'])
        .where('account_id', '=', 'acct_demo1')
        .where('reason', '=', 'invoicing_fee')
        .executeTakeFirstOrThrow();
      assert.deepEqual(fee, { amount_cents: 1_000, kind: 'fee' });
    });

    it('keeps dates as calendar dates, not timestamps', async () => {
      const row = await handle.database.db.selectFrom('accounts').select('date_of_birth').where('account_number', '=', 'A-100234').executeTakeFirstOrThrow();
      assert.equal(row.date_of_birth, '1984-03-09');
    });

    it('refuses a line item whose amounts do not add up', async () => {
      await assert.rejects(
        handle.database.db
          .insertInto('line_items')
          .values({
            id: 'bad',
            statement_id: 'stmt_demo1_office-visit',
            position: 9,
            service_date: TODAY,
            provider: 'x',
            description: 'x',
            code: '99213',
            charge_cents: 100,
            insurance_paid_cents: 10,
            adjustment_cents: 10,
            patient_cents: 70,
          })
          .execute(),
      );
    });

    it('seeds only once, so a second start reuses the data', async () => {
      assert.equal(await seedDemoData(handle.database.db, practice, '2027-01-01'), false);
      const { count } = await handle.database.db.selectFrom('accounts').select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
      assert.equal(Number(count), 5);
    });

    it('serializes concurrent transactions without losing a write', async () => {
      const db = handle.database.db;
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          db.transaction().execute(async (trx) => {
            await trx
              .insertInto('ledger_entries')
              .values({ account_id: 'acct_demo4', statement_id: null, kind: 'adjustment', reason: 'test', amount_cents: i % 2 ? 1 : -1, posted_on: TODAY })
              .execute();
          }),
        ),
      );
      const { total } = await db
        .selectFrom('ledger_entries')
        .select(sql<number>`sum(amount_cents)::int`.as('total'))
        .where('account_id', '=', 'acct_demo4')
        .executeTakeFirstOrThrow();
      assert.equal(total, 0);
    });
  });
}

describe('a PostgreSQL connection dropped while idle', { skip: backends.some((b) => b.name === 'postgres') ? false : 'PostgreSQL is not available' }, () => {
  it('is replaced; the process lives on and the next query works', async () => {
    const backend = backends.find((b) => b.name === 'postgres')!;
    const handle = await backend.create();
    try {
      await sql`select 1`.execute(handle.database.db);
      const name = new URL(handle.url!).pathname.slice(1);
      const admin = await backend.create();
      try {
        // As an administrator (or a failover) would: end every idle connection to the database.
        await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`.execute(admin.database.db);
        // Until they are gone: a fixed pause could end before a loaded machine has ended them.
        for (let tries = 0; tries < 100; tries++) {
          const left = await sql<{ n: string }>`select count(*) as n from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`.execute(admin.database.db);
          if (Number(left.rows[0]?.n) === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        await admin.database.close();
        await admin.drop();
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      const { rows } = await sql<{ n: number }>`select 2 as n`.execute(handle.database.db);
      assert.equal(rows[0]?.n, 2);
    } finally {
      await handle.database.close();
      await handle.drop();
    }
  });
});

describe('one PostgreSQL database for the practice and the sandbox processor', { skip: backends.some((b) => b.name === 'postgres') ? false : 'PostgreSQL is not available' }, () => {
  it('migrates whichever of the two starts first (the processor keeps its log in its own schema)', async () => {
    const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `billpay_order_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    try {
      const processor = await openProcessorDatabase({ url: url.href });
      await processor.close();
      const practice = await openDatabase({ url: url.href });
      try {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from public.kysely_migration`.execute(practice.db);
        assert.ok((rows[0]?.n ?? 0) > 20, 'the practice migrations ran, logged in public');
        const accounts = await practice.db.selectFrom('accounts').select('id').execute();
        assert.deepEqual(accounts, []);
      } finally {
        await practice.close();
      }
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
