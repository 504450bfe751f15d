import type { Account, Plan, Statement } from '@billpay/sdk';
import type { Kysely } from 'kysely';
import { accountView, statementViews } from '../accounts/accounts.js';
import { isoDate } from '../dates.js';
import type { EstimateTables } from '../db/estimates-migration.js';
import type { Database, LedgerKind } from '../db/schema.js';
import { practicePaymentViews, type PracticePaymentView } from '../payments/refunds.js';
import { currentPlanView } from '../plans/view.js';
import type { PracticeConfig } from '../practices/practices.js';
import { feeViews, type FeeView } from './fees.js';

type Db = Kysely<Database>;

/** Who the account is, as the practice knows it: for staff, never for a list. */
export interface AccountProfile {
  readonly firstName: string;
  readonly lastName: string;
  readonly dateOfBirth: string;
  readonly accountNumber: string;
  /** The practice's own id of an imported account. */
  readonly externalId: string | null;
  readonly email: string | null;
  readonly mobilePhone: string | null;
  readonly preferredLanguage: string | null;
  readonly address: { readonly line1: string | null; readonly line2: string | null; readonly city: string | null; readonly state: string | null; readonly postalCode: string | null };
  /** Every Bill ID that finds the account (one per imported statement, newest first, then its first). */
  readonly billIds: readonly string[];
}

/** One ledger entry, every one of them, as written. */
export interface LedgerLine {
  readonly id: string;
  readonly kind: LedgerKind;
  readonly reason: string;
  readonly amountCents: number;
  readonly postedOn: string;
  readonly statementId: string | null;
  readonly paymentId: string | null;
  readonly refundId: string | null;
  /** The fee this entry waives. */
  readonly waivesEntryId: string | null;
  readonly createdAt: string;
}

/** A plan with its schedule (as it stands today, the rule the runner stores) and every charge attempt. */
export type PlanDetail = Plan & {
  readonly attempts: readonly { readonly installmentNumber: number; readonly attempt: number; readonly amountCents: number; readonly outcome: string | null; readonly paymentId: string | null; readonly createdAt: string; readonly finishedAt: string | null }[];
};

export interface EstimateSummary {
  readonly id: string;
  readonly issuedOn: string;
  readonly scheduledDate: string | null;
  readonly totalCents: number;
}

/** `GET /admin/v1/accounts/{id}`: the account as the patient sees it, and what staff see besides. */
export interface AccountDetail {
  readonly id: string;
  readonly profile: AccountProfile;
  /** Exactly what `GET /v1/account` answers the patient today. */
  readonly patientView: Account;
  readonly statements: readonly Statement[];
  readonly ledger: readonly LedgerLine[];
  readonly payments: readonly PracticePaymentView[];
  readonly plans: readonly PlanDetail[];
  readonly estimates: readonly EstimateSummary[];
  readonly fees: readonly FeeView[];
}

/** The account of the practice; `undefined` for one of another practice, exactly as for none. */
export async function accountDetail(db: Db, practice: PracticeConfig, accountId: string, now: Date): Promise<AccountDetail | undefined> {
  const account = await db.selectFrom('accounts').selectAll().where('id', '=', accountId).where('practice_id', '=', practice.id).executeTakeFirst();
  if (!account) return undefined;
  const patientView = await accountView(db, accountId, practice, now);
  if (!patientView) return undefined;
  const billIds = await db.selectFrom('bill_ids').select('bill_id').where('account_id', '=', accountId).orderBy('created_at', 'desc').orderBy('bill_id').execute();
  const ledger = await db.selectFrom('ledger_entries').selectAll().where('account_id', '=', accountId).orderBy('posted_on').orderBy('created_at').orderBy('id').execute();
  const estimates = await db
    .$extendTables<EstimateTables>()
    .selectFrom('estimates')
    .select(['id', 'issued_on', 'scheduled_date', 'total_cents'])
    .where('account_id', '=', accountId)
    .where('practice_id', '=', practice.id)
    .orderBy('issued_at', 'desc')
    .execute();
  return {
    id: account.id,
    profile: {
      firstName: account.first_name,
      lastName: account.last_name,
      dateOfBirth: account.date_of_birth,
      accountNumber: account.account_number,
      externalId: account.external_id,
      email: account.email,
      mobilePhone: account.mobile_phone,
      preferredLanguage: account.preferred_language,
      address: { line1: account.address_line1, line2: account.address_line2, city: account.city, state: account.state, postalCode: account.postal_code },
      billIds: [...new Set([...billIds.map((row) => row.bill_id), account.bill_id])],
    },
    patientView,
    statements: await statementViews(db, accountId, practice),
    ledger: ledger.map((entry) => ({
      id: entry.id,
      kind: entry.kind,
      reason: entry.reason,
      amountCents: entry.amount_cents,
      postedOn: entry.posted_on,
      statementId: entry.statement_id,
      paymentId: entry.payment_id,
      refundId: entry.refund_id,
      waivesEntryId: entry.waives_entry_id,
      createdAt: new Date(entry.created_at).toISOString(),
    })),
    payments: await practicePaymentViews(db, accountId),
    plans: await plansOf(db, accountId, now),
    estimates: estimates.map((row) => ({ id: row.id, issuedOn: row.issued_on, scheduledDate: row.scheduled_date, totalCents: row.total_cents })),
    fees: await feeViews(db, accountId),
  };
}

/** Every plan of the account, newest first, each with its schedule and charge attempts. */
async function plansOf(db: Db, accountId: string, now: Date): Promise<PlanDetail[]> {
  const today = isoDate(now);
  const plans = await db.selectFrom('plans').select('id').where('account_id', '=', accountId).orderBy('created_at', 'desc').orderBy('id').execute();
  const details: PlanDetail[] = [];
  for (const { id } of plans) {
    const plan = await currentPlanView(db, id, accountId, today, now);
    if (!plan) continue;
    const attempts = await db
      .selectFrom('plan_charge_attempts')
      .innerJoin('plan_installments', 'plan_installments.id', 'plan_charge_attempts.installment_id')
      .select(['plan_installments.number', 'plan_charge_attempts.attempt', 'plan_charge_attempts.amount_cents', 'plan_charge_attempts.outcome', 'plan_charge_attempts.payment_id', 'plan_charge_attempts.created_at', 'plan_charge_attempts.finished_at'])
      .where('plan_installments.plan_id', '=', id)
      .orderBy('plan_charge_attempts.created_at')
      .orderBy('plan_charge_attempts.id')
      .execute();
    details.push({
      ...plan,
      attempts: attempts.map((row) => ({
        installmentNumber: row.number,
        attempt: row.attempt,
        amountCents: row.amount_cents,
        outcome: row.outcome,
        paymentId: row.payment_id,
        createdAt: new Date(row.created_at).toISOString(),
        finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
      })),
    });
  }
  return details;
}
