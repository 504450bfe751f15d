import { randomBytes } from 'node:crypto';
import {
  EstimateSchema,
  buildEstimate,
  checkEstimateCompleteness,
  disputeNoticeFor,
  type DisputeNotice,
  type Estimate,
  type EstimateIssue,
  type EstimateRequest,
  type PriceList,
} from '@billpay/sdk';
import type { Kysely } from 'kysely';
import { isoDate } from '../dates.js';
import type { EstimateTables } from '../db/estimates-migration.js';
import type { Database } from '../db/schema.js';
import { recordEvent } from '../events/outbox.js';
import { queueEstimateCopy } from '../messages/outbox.js';
import { lastNameKey } from '../lookup/lookup.js';
import type { PracticeConfig } from '../practices/practices.js';
import { recordAudit } from '../security/audit.js';

/** What `GET /v1/price-list` answers for a practice; `undefined` when it publishes no prices. */
export function priceListOf(practice: PracticeConfig): PriceList | undefined {
  if (!practice.priceList?.length || !practice.providers?.length) return undefined;
  return { practice: practice.id, currency: 'USD', providers: practice.providers, services: practice.priceList };
}

/** 128 random bits: the id is all it takes to read the estimate back, so it must not be guessable. */
export function newEstimateId(): string {
  return `gfe_${randomBytes(16).toString('base64url')}`;
}

export type IssueOutcome =
  | { readonly kind: 'issued'; readonly estimate: Estimate; readonly linkedToAccount: boolean }
  | { readonly kind: 'invalid'; readonly issues: readonly EstimateIssue[] }
  | { readonly kind: 'unavailable' };

export interface IssueOptions {
  readonly now: Date;
  readonly id?: string;
  /** The day it is issued; default the day of `now`. The demo seeds estimates issued in the past. */
  readonly issuedOn?: string;
  /** Who asked, for the audit trail (kept with the estimate, or neither): a keyed hash of their address. */
  readonly audit?: { readonly clientHash: string; readonly requestId: string };
  /**
   * Run first in the estimate's transaction, before anything is written: the limits on who may
   * ask, which refuse by throwing. What they count and the estimate they admit are one
   * transaction, so requests sent at once cannot all pass a count none of them is in yet.
   */
  readonly admit?: (trx: Kysely<Database>) => Promise<void>;
}

/**
 * Issues a good-faith estimate from the practice's price list and keeps it, linked to the
 * patient's account when exactly one account of the practice has that first name, last name and
 * date of birth; with the copy the patient asked to be emailed queued in the same transaction. The estimate is checked against the regulation's required elements before it is
 * given: an incomplete one is a bug, never something to hand a patient.
 */
export async function issueEstimate(db: Kysely<Database>, practice: PracticeConfig, request: Omit<EstimateRequest, 'practice'>, options: IssueOptions): Promise<IssueOutcome> {
  const priceList = priceListOf(practice);
  if (!priceList) return { kind: 'unavailable' };
  const issuedOn = options.issuedOn ?? isoDate(options.now);
  const built = buildEstimate(
    {
      priceList,
      patient: request.patient,
      coverage: request.coverage,
      primaryServiceId: request.primaryServiceId,
      services: request.services,
      scheduledDate: request.scheduledDate,
      diagnosisCodes: request.diagnosisCodes,
    },
    { id: options.id ?? newEstimateId(), issuedOn, holidays: practice.holidays },
  );
  if (!built.ok) return { kind: 'invalid', issues: built.issues };
  const { estimate } = built;
  const completeness = checkEstimateCompleteness(estimate);
  if (!completeness.complete) {
    throw new Error(`An estimate lacks required elements: ${completeness.missing.map((m) => m.element).join(', ')}`);
  }

  const key = lastNameKey(request.patient.lastName);
  const candidates = await db
    .selectFrom('accounts')
    .select(['id', 'first_name'])
    .where('practice_id', '=', practice.id)
    .where('last_name_key', '=', key)
    .where('date_of_birth', '=', request.patient.dateOfBirth)
    .execute();
  const matches = candidates.filter((account) => lastNameKey(account.first_name) === lastNameKey(request.patient.firstName));
  const accountId = matches.length === 1 ? (matches[0]?.id ?? null) : null;

  // The estimate and its audit event are written together (the seed, auditing nothing, may already be in a transaction).
  const keep = async (trx: Kysely<Database>) => {
    await trx
      .$extendTables<EstimateTables>()
      .insertInto('estimates')
      .values({
        id: estimate.id,
        practice_id: practice.id,
        account_id: accountId,
        issued_on: estimate.issuedOn,
        requested_on: estimate.requestedOn,
        issued_at: options.now,
        first_name: estimate.patient.firstName,
        last_name: estimate.patient.lastName,
        last_name_key: key,
        date_of_birth: estimate.patient.dateOfBirth,
        email: request.contact.email ?? null,
        phone: request.contact.phone ?? null,
        coverage: estimate.coverage,
        scheduled_date: estimate.primaryService.scheduledDate ?? null,
        deadline_rule: estimate.deadline.rule,
        due_by: estimate.deadline.dueBy ?? null,
        deadline_met: estimate.deadline.met,
        total_cents: estimate.totalCents,
        document: JSON.stringify(estimate),
      })
      .execute();
    await recordEvent(trx, {
      practiceId: practice.id,
      type: 'estimate.issued',
      accountId,
      data: { estimateId: estimate.id, issuedOn: estimate.issuedOn, totalCents: estimate.totalCents, coverage: estimate.coverage, linkedToAccount: accountId !== null },
      now: options.now,
    });
    // The copy the patient asked for goes with the estimate or not at all (one per estimate).
    if (request.copy) {
      await queueEstimateCopy(trx, { practiceId: practice.id, accountId, estimateId: estimate.id, recipient: request.copy.email, language: request.copy.language }, options.now);
    }
    if (options.audit) {
      await recordAudit(trx, { at: options.now, practiceId: practice.id, accountId, action: 'estimate_issued', clientHash: options.audit.clientHash, requestId: options.audit.requestId });
    }
  };
  if (options.audit || options.admit) {
    await db.transaction().execute(async (trx) => {
      await options.admit?.(trx);
      await keep(trx);
    });
  } else await keep(db);
  return { kind: 'issued', estimate, linkedToAccount: accountId !== null };
}

/**
 * The account's bills that may be disputed against an estimate on file. A bill is compared with
 * the latest estimate issued before its services began that covers some of the same codes; the
 * comparison is per provider, as 45 CFR 149.620 has it, using what the bill charges after its
 * adjustments. An estimate issued after the care cannot make a bill disputable.
 */
export async function disputesFor(db: Kysely<Database>, accountId: string, practice: PracticeConfig, today: string): Promise<DisputeNotice[]> {
  const rows = await db
    .$extendTables<EstimateTables>()
    .selectFrom('estimates')
    .select(['document'])
    .where('account_id', '=', accountId)
    .where('practice_id', '=', practice.id)
    .orderBy('issued_on', 'desc')
    .orderBy('issued_at', 'desc')
    .execute();
  if (!rows.length) return [];
  const estimates = rows.flatMap((row) => {
    const parsed = EstimateSchema.safeParse(typeof row.document === 'string' ? JSON.parse(row.document) : row.document);
    return parsed.success ? [parsed.data] : [];
  });

  const statements = await db
    .selectFrom('statements')
    .select(['id', 'statement_date', 'period_start'])
    .where('account_id', '=', accountId)
    .orderBy('statement_date')
    .orderBy('id')
    .execute();
  const items = await db
    .selectFrom('line_items')
    .innerJoin('statements', 'statements.id', 'line_items.statement_id')
    .select(['line_items.statement_id', 'line_items.provider', 'line_items.code', 'line_items.charge_cents', 'line_items.adjustment_cents'])
    .where('statements.account_id', '=', accountId)
    .execute();

  const notices: DisputeNotice[] = [];
  for (const statement of statements) {
    const lines = items.filter((item) => item.statement_id === statement.id);
    const codes = new Set(lines.map((line) => line.code));
    const estimate = estimates.find(
      (candidate) =>
        candidate.issuedOn <= statement.period_start &&
        candidate.providers.some((group) => group.items.some((item) => codes.has(item.code))),
    );
    if (!estimate) continue;
    const notice = disputeNoticeFor(
      estimate,
      {
        id: statement.id,
        statementDate: statement.statement_date,
        lineItems: lines.map((line) => ({ provider: line.provider, chargeCents: line.charge_cents, adjustmentCents: line.adjustment_cents })),
      },
      practice.providers ?? [],
      today,
    );
    if (notice) notices.push(notice);
  }
  return notices;
}
