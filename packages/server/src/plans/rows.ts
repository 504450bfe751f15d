import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { PlanAuthorizationsTable, PlanInstallmentsTable, PlansTable } from '../db/plans-schema.js';
import type { Database } from '../db/schema.js';
import type { PracticeConfig } from '../practices/practices.js';

export type Db = Kysely<Database>;
export type PlanRow = Selectable<PlansTable>;
export type InstallmentRow = Selectable<PlanInstallmentsTable>;
export type AuthorizationRow = Selectable<PlanAuthorizationsTable>;

/** A failed or missed payment is due again this many days later. */
export const RETRY_AFTER_DAYS = 3;
/** Failed or missed payments in a row that make a plan delinquent. */
export const DELINQUENT_AFTER_FAILURES = 2;
export interface PlanContext {
  readonly db: Db;
  readonly practice: PracticeConfig;
  readonly accountId: string;
  readonly now: Date;
}

export const RUNNING = ['active', 'delinquent'] as const;

/** What is owed less what payments in flight hold: what a plan covers (the same figure `takePayment` allows). */
export async function availableBalance(db: Db, accountId: string): Promise<number> {
  const { total } = await db
    .selectFrom('ledger_entries')
    .select(sql<number>`coalesce(sum(amount_cents), 0)::int`.as('total'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  const { held } = await db
    .selectFrom('payments')
    .select(sql<number>`coalesce(sum(amount_cents), 0)::int`.as('held'))
    .where('account_id', '=', accountId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return total - held;
}

export async function lockAccount(trx: Transaction<Database>, accountId: string): Promise<Selectable<Database['accounts']>> {
  return trx.selectFrom('accounts').selectAll().where('id', '=', accountId).forUpdate().executeTakeFirstOrThrow();
}
