import {
  agingOf,
  FeeReasonSchema,
  nextStepOf,
  openByStatement,
  sumCents,
  type Account,
  type Fee,
  type PaymentMethodKind,
  type PaymentStatus,
  type PaymentSummary,
  type Statement,
  type StatementDates,
  type StatementSummary,
} from '@billpay/sdk';
import type { Kysely, Selectable } from 'kysely';
import { isoDate } from '../dates.js';
import type { Database, LedgerEntriesTable, StatementsTable } from '../db/schema.js';
import type { PracticeConfig } from '../practices/practices.js';
import { LATE_CHARGE_REFUND_REASON } from '../payments/record.js';
import { REFUND_LEDGER_REASON } from '../payments/refunds.js';
import { runningPlanOf } from '../plans/view.js';
import { disputesFor } from '../estimates/estimates.js';
import { spanishServiceNames } from '../estimates/service-names.js';

type LedgerRow = Selectable<LedgerEntriesTable>;
type StatementRow = Selectable<StatementsTable>;

/** Everything the account and statement views are computed from: the account and its ledger. */
interface Books {
  readonly account: Selectable<Database['accounts']>;
  /** Newest first. */
  readonly statements: readonly StatementRow[];
  /** Patient responsibility per statement: the sum of its line items. */
  readonly patientCents: ReadonlyMap<string, number>;
  /** Oldest first. */
  readonly ledger: readonly LedgerRow[];
  /**
   * The ledger less what an import wrote on a statement that a correction replaced (its entries
   * and their reversals add up to nothing), and less waived fees with their waivers: the fees and
   * payments the patient is shown.
   */
  readonly shownLedger: readonly LedgerRow[];
  readonly open: ReadonlyMap<string, number>;
  readonly dates: readonly StatementDates[];
  /** Where each payment of the ledger stands (a bank debit is listed while it is processing). */
  readonly paymentStatus: ReadonlyMap<string, PaymentStatus>;
}

async function loadBooks(db: Kysely<Database>, accountId: string): Promise<Books | undefined> {
  const account = await db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst();
  if (!account) return undefined;
  const allStatements = await db
    .selectFrom('statements')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('statement_date', 'desc')
    .orderBy('id', 'desc')
    .execute();
  // A statement an import corrected is kept as it was, but the patient sees only its correction.
  const replaced = new Set(allStatements.flatMap((s) => (s.replaces ? [s.replaces] : [])));
  const statements = allStatements.filter((s) => !replaced.has(s.id));
  const items = await db
    .selectFrom('line_items')
    .innerJoin('statements', 'statements.id', 'line_items.statement_id')
    .select(['line_items.statement_id', 'line_items.patient_cents'])
    .where('statements.account_id', '=', accountId)
    .execute();
  const ledger = await db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('posted_on')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const paymentIds = [...new Set(ledger.flatMap((entry) => (entry.kind === 'payment' && entry.payment_id ? [entry.payment_id] : [])))];
  const payments = paymentIds.length
    ? await db.selectFrom('payments').select(['id', 'status']).where('account_id', '=', accountId).where('id', 'in', paymentIds).execute()
    : [];

  const patientCents = new Map<string, number>();
  for (const item of items) patientCents.set(item.statement_id, sumCents([patientCents.get(item.statement_id) ?? 0, item.patient_cents]));
  const dates = statements.map((s) => ({ id: s.id, statementDate: s.statement_date, dueDate: s.due_date, letterMailedOn: s.letter_mailed_on }));
  const open = openByStatement(
    dates,
    ledger.map((entry) => ({ statementId: entry.statement_id, amountCents: entry.amount_cents, postedOn: entry.posted_on })),
  );
  // A fee the practice waived is not on the patient's bill, nor is its waiver: the two add up to nothing.
  const waived = new Set(ledger.flatMap((entry) => (entry.waives_entry_id ? [entry.waives_entry_id, entry.id] : [])));
  const shownLedger = ledger.filter(
    (entry) => !waived.has(entry.id) && !(entry.statement_id !== null && replaced.has(entry.statement_id) && entry.payment_id === null && entry.refund_id === null),
  );
  return { account, statements, patientCents, ledger, shownLedger, open, dates, paymentStatus: new Map(payments.map((p) => [p.id, p.status])) };
}

function methodOf(reason: string): PaymentMethodKind {
  if (reason === 'card_payment') return 'card';
  if (reason === 'bank_payment') return 'bank';
  return 'other';
}

/** Fee entries whose reason the contract can name (the widget explains each reason it knows). */
function feesOf(ledger: readonly LedgerRow[]): Fee[] {
  const fees: Fee[] = [];
  for (const entry of ledger) {
    if (entry.kind !== 'fee') continue;
    const reason = FeeReasonSchema.safeParse(entry.reason);
    if (!reason.success) continue;
    fees.push({ id: entry.id, statementId: entry.statement_id, postedOn: entry.posted_on, amountCents: entry.amount_cents, reason: reason.data });
  }
  return fees;
}

/**
 * Payments are negative in the ledger; the patient is shown what they paid, as positive cents, and
 * where each stands: a bank debit still processing, or returned by the bank (its reversal and fee
 * are in the ledger beside it). A payment the practice posted itself (no payment of ours behind
 * it) was received. A late charge refunded in full (see `markLateCharge`) was never a payment the
 * patient made. What the practice refunded of a payment (see `takeRefund`) is told beside it.
 */
function paymentsOf(books: Books): PaymentSummary[] {
  const ledger = books.shownLedger;
  const refunded = new Set(ledger.filter((entry) => entry.kind === 'reversal' && entry.reason === LATE_CHARGE_REFUND_REASON).map((entry) => entry.payment_id));
  // What the practice refunded of each payment (see payments/refunds.ts), in one or more parts.
  const practiceRefunds = new Map<string, number>();
  for (const entry of ledger) {
    if (entry.kind !== 'reversal' || entry.reason !== REFUND_LEDGER_REASON || !entry.payment_id) continue;
    practiceRefunds.set(entry.payment_id, sumCents([practiceRefunds.get(entry.payment_id) ?? 0, entry.amount_cents]));
  }
  return ledger
    .filter((entry) => entry.kind === 'payment' && !refunded.has(entry.payment_id))
    .map((entry) => {
      const refundedCents = entry.payment_id ? practiceRefunds.get(entry.payment_id) : undefined;
      return {
        id: entry.id,
        statementId: entry.statement_id,
        postedOn: entry.posted_on,
        amountCents: -entry.amount_cents,
        method: methodOf(entry.reason),
        status: (entry.payment_id ? books.paymentStatus.get(entry.payment_id) : undefined) ?? 'succeeded',
        ...(refundedCents ? { refundedCents } : {}),
      };
    });
}

function summaryOf(books: Books, statement: StatementRow, fees: readonly Fee[]): StatementSummary {
  const patient = books.patientCents.get(statement.id) ?? 0;
  return {
    id: statement.id,
    statementDate: statement.statement_date,
    periodStart: statement.period_start,
    periodEnd: statement.period_end,
    dueDate: statement.due_date,
    amountCents: sumCents([patient, ...fees.filter((fee) => fee.statementId === statement.id).map((fee) => fee.amountCents)]),
    openCents: books.open.get(statement.id) ?? 0,
  };
}

/**
 * The account as `GET /v1/account` answers it, judged on `today` by the SDK's rules and the
 * practice's policies: the same rules the widget would apply, so the two never disagree.
 */
export async function accountView(db: Kysely<Database>, accountId: string, practice: PracticeConfig, now: Date): Promise<Account | undefined> {
  const today = isoDate(now);
  const books = await loadBooks(db, accountId);
  if (!books) return undefined;
  const { account } = books;
  const balanceCents = sumCents(books.ledger.map((entry) => entry.amount_cents));
  const fees = feesOf(books.shownLedger);
  // A payment plan running on the account, as it stands today: while it is current, what
  // is due is its next payment, and the account is not past due.
  const plan = await runningPlanOf(db, accountId, today, now);
  const dueDate = books.dates
    .filter((s) => (books.open.get(s.id) ?? 0) > 0)
    .map((s) => s.dueDate)
    .sort()[0];
  const disputes = await disputesFor(db, accountId, practice, today);
  return {
    id: account.id,
    practice: account.practice_id,
    accountNumber: account.account_number,
    // The initial only: the page may be on a shared screen, and the session knows enough.
    patient: { firstName: account.first_name, lastInitial: Array.from(account.last_name)[0]?.toUpperCase() ?? '' },
    coverage: account.coverage,
    balanceCents,
    ...(plan?.current && plan.nextPayment ? { dueDate: plan.nextPayment.dueOn } : dueDate ? { dueDate } : {}),
    aging: agingOf(books.dates, books.open, today),
    nextStep: nextStepOf(books.dates, books.open, balanceCents, practice.policies, today, plan),
    ...(plan ? { plan } : {}),
    asOf: today,
    statements: books.statements.map((statement) => summaryOf(books, statement, fees)),
    fees,
    payments: paymentsOf(books),
    ...(disputes.length ? { disputes } : {}),
  };
}

/**
 * One statement of the account, itemized; `undefined` when the account has no such statement.
 * Each line item carries its code, and its Spanish name from the practice's price list.
 */
export async function statementView(db: Kysely<Database>, accountId: string, statementId: string, practice: PracticeConfig): Promise<Statement | undefined> {
  // Only the session's account is loaded, so another account's statement is simply not found,
  // with the same answer and the same queries as one that does not exist.
  const books = await loadBooks(db, accountId);
  const statement = books?.statements.find((s) => s.id === statementId);
  if (!books || !statement) return undefined;
  return itemized(db, books, statement, practice);
}

/** Every statement the patient is shown, itemized, newest first (the billing office's view of the account). */
export async function statementViews(db: Kysely<Database>, accountId: string, practice: PracticeConfig): Promise<Statement[]> {
  const books = await loadBooks(db, accountId);
  if (!books) return [];
  const views: Statement[] = [];
  for (const statement of books.statements) views.push(await itemized(db, books, statement, practice));
  return views;
}

async function itemized(db: Kysely<Database>, books: Books, statement: StatementRow, practice: PracticeConfig): Promise<Statement> {
  const statementId = statement.id;
  const items = await db.selectFrom('line_items').selectAll().where('statement_id', '=', statementId).orderBy('position').execute();
  const notes = await db.selectFrom('insurer_notes').selectAll().where('statement_id', '=', statementId).orderBy('id').execute();
  const fees = feesOf(books.shownLedger).filter((fee) => fee.statementId === statementId);
  const payments = paymentsOf(books).filter((payment) => payment.statementId === statementId);
  const spanishName = spanishServiceNames(practice.priceList, practice.providers);
  const total = (pick: (item: (typeof items)[number]) => number) => sumCents(items.map(pick));

  return {
    ...summaryOf(books, statement, fees),
    lineItems: items.map((item) => ({
      id: item.id,
      serviceDate: item.service_date,
      provider: item.provider,
      description: item.description,
      ...optional('descriptionEs', spanishName({ code: item.code, provider: item.provider })),
      code: item.code,
      chargeCents: item.charge_cents,
      insurancePaidCents: item.insurance_paid_cents,
      adjustmentCents: item.adjustment_cents,
      patientCents: item.patient_cents,
      notes: notes.filter((note) => note.line_item_id === item.id).map((note) => ({ kind: note.kind, amountCents: note.amount_cents })),
    })),
    fees,
    payments,
    totals: {
      chargeCents: total((item) => item.charge_cents),
      insurancePaidCents: total((item) => item.insurance_paid_cents),
      adjustmentCents: total((item) => item.adjustment_cents),
      patientCents: total((item) => item.patient_cents),
      feesCents: sumCents(fees.map((fee) => fee.amountCents)),
      // What stayed paid: a refund gave some back.
      paymentsCents: sumCents(payments.map((payment) => payment.amountCents - (payment.refundedCents ?? 0))),
    },
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
