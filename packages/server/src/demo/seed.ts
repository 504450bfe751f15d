import type { Kysely } from 'kysely';
import { addDays } from '@billpay/sdk';
import type { Database } from '../db/schema.js';
import type { PracticeConfig } from '../practices/practices.js';
import { lastNameKey } from '../lookup/lookup.js';
import { demoAccountId, demoAccounts } from './demo-data.js';
import { seedDemoEstimates } from './seed-estimates.js';

/**
 * Writes the demo patients for `practice`, dated relative to `today`. Runs in one transaction and
 * records the seeding day in `meta`, so a second start finds the data and leaves it alone.
 */
export async function seedDemoData(db: Kysely<Database>, practice: PracticeConfig, today: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const key = `demo_seeded:${practice.id}`;
    const seeded = await trx.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
    if (seeded) {
      // Data seeded before estimates existed gets its estimates, dated from the same day.
      await seedDemoEstimates(trx, practice, seeded.value);
      return false;
    }

    for (const [index, account] of demoAccounts.entries()) {
      const accountId = demoAccountId(index);
      await trx
        .insertInto('accounts')
        .values({
          id: accountId,
          practice_id: practice.id,
          account_number: account.accountNumber,
          bill_id: account.billId,
          first_name: account.firstName,
          last_name: account.lastName,
          last_name_key: lastNameKey(account.lastName),
          date_of_birth: account.dateOfBirth,
          coverage: account.coverage,
        })
        .execute();

      for (const statement of account.statements) {
        const statementId = `stmt_${accountId.slice(5)}_${statement.key}`;
        const statementDate = addDays(today, -statement.daysAgo);
        const serviceDates = statement.lineItems.map((item) => addDays(today, -item.serviceDaysAgo)).sort();
        await trx
          .insertInto('statements')
          .values({
            id: statementId,
            account_id: accountId,
            statement_date: statementDate,
            period_start: serviceDates[0] ?? statementDate,
            period_end: serviceDates.at(-1) ?? statementDate,
            due_date: addDays(statementDate, practice.policies.daysUntilDue),
            letter_mailed_on:
              statement.letterMailedDaysAgo === undefined ? null : addDays(today, -statement.letterMailedDaysAgo),
          })
          .execute();

        let owed = 0;
        for (const [position, item] of statement.lineItems.entries()) {
          const lineItemId = `${statementId}_${position + 1}`;
          owed += item.patientCents;
          await trx
            .insertInto('line_items')
            .values({
              id: lineItemId,
              statement_id: statementId,
              position,
              service_date: addDays(today, -item.serviceDaysAgo),
              provider: item.provider,
              description: item.description,
              code: item.code,
              charge_cents: item.chargeCents,
              insurance_paid_cents: item.insurancePaidCents,
              adjustment_cents: item.adjustmentCents,
              patient_cents: item.patientCents,
            })
            .execute();
          for (const [n, note] of (item.notes ?? []).entries()) {
            await trx
              .insertInto('insurer_notes')
              .values({
                id: `${lineItemId}_n${n + 1}`,
                statement_id: statementId,
                line_item_id: lineItemId,
                kind: note.kind,
                amount_cents: note.amountCents,
              })
              .execute();
          }
        }

        await trx
          .insertInto('ledger_entries')
          .values({
            account_id: accountId,
            statement_id: statementId,
            kind: 'charge',
            reason: 'statement',
            amount_cents: owed,
            posted_on: statementDate,
          })
          .execute();
        for (const entry of statement.entries ?? []) {
          const amount = entry.reason === 'invoicing_fee' ? practice.policies.invoicingFeeCents : entry.amountCents;
          await trx
            .insertInto('ledger_entries')
            .values({
              account_id: accountId,
              statement_id: statementId,
              kind: entry.kind,
              reason: entry.reason,
              amount_cents: amount,
              posted_on: addDays(today, -entry.daysAgo),
            })
            .execute();
        }
      }
    }

    await seedDemoEstimates(trx, practice, today);
    await trx.insertInto('meta').values({ key, value: today }).execute();
    return true;
  });
}
