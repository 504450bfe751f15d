import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Payment plans: the plan and its terms, one row per scheduled payment, one row per charge attempt
 * of an automatic payment (what makes each attempt happen once, whoever runs it), and the
 * recurring-payment authorization the patient accepted, kept as proof. Self-contained: it only
 * refers to `accounts`.
 */
export const plansMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('plans')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('idempotency_key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'delinquent', 'completed', 'paid_off', 'canceled')`))
      .addColumn('frequency', 'text', (c) => c.notNull().check(sql`frequency in ('weekly', 'biweekly', 'semimonthly', 'monthly')`))
      .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('automatic', 'manual')`))
      .addColumn('method_kind', 'text', (c) => c.check(sql`method_kind in ('card', 'bank')`))
      // The processor's token of an automatic plan's card or bank account; never the number.
      .addColumn('token', 'text')
      .addColumn('balance_cents', 'integer', (c) => c.notNull().check(sql`balance_cents > 0`))
      .addColumn('down_payment_cents', 'integer', (c) => c.notNull().check(sql`down_payment_cents >= 0`))
      .addColumn('installment_cents', 'integer', (c) => c.notNull().check(sql`installment_cents > 0`))
      .addColumn('first_date', 'date', (c) => c.notNull())
      .addColumn('last_date', 'date', (c) => c.notNull())
      // Failed or missed payments since the last one that succeeded; two make the plan delinquent.
      .addColumn('failures_in_row', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('delinquent_since', 'date')
      .addColumn('canceled_on', 'date')
      .addColumn('ended_on', 'date')
      // A pay-off under way: the client's key, so no installment is charged beside it.
      .addColumn('payoff_key', 'text')
      .addColumn('payoff_started_at', 'timestamptz')
      .addColumn('payoff_payment_id', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addUniqueConstraint('plans_practice_idempotency_key', ['practice_id', 'idempotency_key'])
      .addCheckConstraint('plans_automatic_has_token', sql`(mode = 'automatic') = (token is not null and method_kind is not null)`)
      .execute();
    // One running plan per account: two would charge the same balance twice.
    await sql`create unique index plans_one_running on plans (account_id) where status in ('active', 'delinquent')`.execute(db);

    await db.schema
      .createTable('plan_installments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
      .addColumn('number', 'integer', (c) => c.notNull().check(sql`number >= 1`))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('down_payment', 'installment')`))
      .addColumn('due_on', 'date', (c) => c.notNull())
      .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents > 0`))
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('scheduled', 'charging', 'processing', 'paid', 'failed', 'canceled')`),
      )
      // The day it is (next) due: its due date, or the retry date after a failure.
      .addColumn('next_attempt_on', 'date', (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('payment_id', 'text')
      .addColumn('paid_on', 'date')
      .addColumn('claimed_at', 'timestamptz')
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addUniqueConstraint('plan_installments_plan_number', ['plan_id', 'number'])
      .execute();
    await db.schema.createIndex('plan_installments_due').on('plan_installments').columns(['status', 'next_attempt_on']).execute();

    // One row per charge attempt, inserted when a runner claims the installment: the attempt's
    // idempotency key is unique, and it is the key `takePayment` (and so the processor) charges
    // under, so an attempt re-driven after a crash or by a second runner is still one charge.
    await db.schema
      .createTable('plan_charge_attempts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('installment_id', 'text', (c) => c.notNull().references('plan_installments.id'))
      .addColumn('attempt', 'integer', (c) => c.notNull().check(sql`attempt >= 1`))
      .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
      .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents > 0`))
      .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('paid', 'processing', 'declined', 'refused')`))
      .addColumn('payment_id', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('finished_at', 'timestamptz')
      .addUniqueConstraint('plan_charge_attempts_installment_attempt', ['installment_id', 'attempt'])
      .execute();

    // The recurring-payment authorization (Nacha, for a bank account; the card networks' standing
    // instruction for a card): the exact text shown, who accepted it, when, from where. Kept at
    // least two years after the plan ends.
    await db.schema
      .createTable('plan_authorizations')
      .addColumn('plan_id', 'text', (c) => c.primaryKey().references('plans.id'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('accepted_at', 'timestamptz', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('accepted_by', 'text', (c) => c.notNull())
      .addColumn('ip_address', 'text', (c) => c.notNull())
      .addColumn('user_agent', 'text')
      .addColumn('method_kind', 'text', (c) => c.notNull())
      .execute();
  },
};
