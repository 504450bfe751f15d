/**
 * The rules that turn an account's ledger into what a patient is told: what is open on each
 * statement, how old it is, when it is due, and what the practice's policy does next. Pure
 * functions, shared by the server and by anything that must show the same answer offline.
 */
import type { Cents } from './money.js';
import type { Policies } from './schemas.js';

export interface LedgerLine {
  readonly statementId: string | null;
  readonly amountCents: Cents;
  readonly postedOn: string;
}

export interface StatementDates {
  readonly id: string;
  readonly statementDate: string;
  readonly dueDate: string;
  readonly letterMailedOn: string | null;
}

export interface Aging {
  readonly currentCents: Cents;
  readonly days30Cents: Cents;
  readonly days60Cents: Cents;
  readonly days90PlusCents: Cents;
}

export type NextStep =
  | { readonly kind: 'paid_in_full' }
  | { readonly kind: 'credit'; readonly creditCents: Cents }
  | { readonly kind: 'due'; readonly dueDate: string }
  | { readonly kind: 'plan_due'; readonly amountCents: Cents; readonly dueDate: string }
  | { readonly kind: 'plan_behind'; readonly behindCents: Cents; readonly dueDate: string }
  | { readonly kind: 'past_due'; readonly dueDate: string; readonly letterOn: string }
  | { readonly kind: 'letter_sent'; readonly letterMailedOn: string; readonly collectionsOn: string }
  | { readonly kind: 'in_collections'; readonly referredOn: string };

const DAY_MS = 86_400_000;

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * What is still open on each statement: its own entries, then any credit (a payment not tied to
 * a statement, or an overpayment) applied to the oldest statements first.
 */
export function openByStatement(statements: readonly StatementDates[], ledger: readonly LedgerLine[]): Map<string, Cents> {
  const open = new Map<string, Cents>(statements.map((s) => [s.id, 0]));
  let unassigned = 0;
  for (const line of ledger) {
    if (line.statementId !== null && open.has(line.statementId)) {
      open.set(line.statementId, (open.get(line.statementId) ?? 0) + line.amountCents);
    } else {
      unassigned += line.amountCents;
    }
  }
  let credit = 0;
  for (const [id, amount] of open) {
    if (amount < 0) {
      credit -= amount;
      open.set(id, 0);
    }
  }
  credit -= unassigned;
  const oldestFirst = [...statements].sort((a, b) => a.statementDate.localeCompare(b.statementDate));
  for (const statement of oldestFirst) {
    if (credit <= 0) break;
    const amount = open.get(statement.id) ?? 0;
    const applied = Math.min(amount, credit);
    open.set(statement.id, amount - applied);
    credit -= applied;
  }
  return open;
}

/** Open amounts by the age of their statement: current (under 30 days), 30, 60, 90+ days. */
export function agingOf(statements: readonly StatementDates[], open: ReadonlyMap<string, Cents>, today: string): Aging {
  const aging = { currentCents: 0, days30Cents: 0, days60Cents: 0, days90PlusCents: 0 };
  for (const statement of statements) {
    const amount = open.get(statement.id) ?? 0;
    if (amount <= 0) continue;
    const age = daysBetween(statement.statementDate, today);
    if (age >= 90) aging.days90PlusCents += amount;
    else if (age >= 60) aging.days60Cents += amount;
    else if (age >= 30) aging.days30Cents += amount;
    else aging.currentCents += amount;
  }
  return aging;
}

/** A payment plan running on the account, as far as the next step is concerned (an `AccountPlan` is one). */
export interface PlanStanding {
  /** Kept: active and not delinquent. */
  readonly current: boolean;
  /** The plan's next payment (a failed payment's retry date counts). */
  readonly nextPayment?: { readonly dueOn: string; readonly amountCents: Cents } | undefined;
  /** What failed or was missed and is due again; 0 when the plan is up to date. */
  readonly behindCents: Cents;
}

/**
 * What a kept payment plan makes due while something is owed: its next payment, or what failed or
 * was missed, by the date it is due again. `undefined` when no kept plan speaks for the account.
 */
export function planStepOf(plan: PlanStanding | undefined, balanceCents: Cents): Extract<NextStep, { kind: 'plan_due' | 'plan_behind' }> | undefined {
  const next = plan?.current ? plan.nextPayment : undefined;
  if (!plan || !next || balanceCents <= 0) return undefined;
  return plan.behindCents > 0
    ? { kind: 'plan_behind', behindCents: plan.behindCents, dueDate: next.dueOn }
    : { kind: 'plan_due', amountCents: next.amountCents, dueDate: next.dueOn };
}

/**
 * What happens next under the practice's policy, judged by the oldest statement still open. While
 * a payment plan is current the account is not past due, whatever its statements' dates: what is
 * due next is the plan's next payment (`plan_due`), or, when one failed or was missed, that
 * payment again by its new date (`plan_behind`); the whole balance is not due by then. A
 * delinquent plan shields nothing.
 */
export function nextStepOf(
  statements: readonly StatementDates[],
  open: ReadonlyMap<string, Cents>,
  balanceCents: Cents,
  policies: Policies,
  today: string,
  plan?: PlanStanding,
): NextStep {
  if (balanceCents < 0) return { kind: 'credit', creditCents: -balanceCents };
  const planStep = planStepOf(plan, balanceCents);
  if (planStep) return planStep;
  const oldestOpen = [...statements]
    .filter((s) => (open.get(s.id) ?? 0) > 0)
    .sort((a, b) => a.statementDate.localeCompare(b.statementDate))[0];
  if (balanceCents === 0 || !oldestOpen) return { kind: 'paid_in_full' };
  if (oldestOpen.letterMailedOn) {
    const collectionsOn = addDays(oldestOpen.letterMailedOn, policies.collectionsAfterLetterDays);
    if (collectionsOn <= today) return { kind: 'in_collections', referredOn: collectionsOn };
    return { kind: 'letter_sent', letterMailedOn: oldestOpen.letterMailedOn, collectionsOn };
  }
  if (oldestOpen.dueDate < today) {
    return { kind: 'past_due', dueDate: oldestOpen.dueDate, letterOn: addDays(oldestOpen.statementDate, policies.letterAfterDays) };
  }
  return { kind: 'due', dueDate: oldestOpen.dueDate };
}

/** A statement as the patient sees it: its date and what is still open on it. */
export interface OpenStatement {
  readonly id: string;
  readonly statementDate: string;
  readonly openCents: Cents;
}

/** What a payment does to one statement. */
export interface StatementApplication {
  readonly statementId: string;
  readonly statementDate: string;
  /** Open before the payment. */
  readonly openCents: Cents;
  /** Of the payment, what goes to this statement. */
  readonly appliedCents: Cents;
  /** Still open on it afterwards. */
  readonly remainingCents: Cents;
}

export interface PaymentApplication {
  /** The statements the payment goes to, in the order it is applied to them. */
  readonly statements: readonly StatementApplication[];
  /** What is left of the payment once every open statement is paid (a credit on the account). */
  readonly creditCents: Cents;
}

/**
 * Where a payment of `amountCents` goes, as the ledger applies it (see `openByStatement`): to the
 * chosen statement first, when there is one, then whatever is left to the oldest open statements.
 */
export function applyPayment(statements: readonly OpenStatement[], amountCents: Cents, statementId?: string): PaymentApplication {
  const open = statements.filter((s) => s.openCents > 0);
  const chosen = open.find((s) => s.id === statementId);
  const order = [...(chosen ? [chosen] : []), ...open.filter((s) => s !== chosen).sort((a, b) => a.statementDate.localeCompare(b.statementDate))];
  let left = Math.max(0, amountCents);
  const applied: StatementApplication[] = [];
  for (const statement of order) {
    if (left <= 0) break;
    const appliedCents = Math.min(statement.openCents, left);
    left -= appliedCents;
    applied.push({ statementId: statement.id, statementDate: statement.statementDate, openCents: statement.openCents, appliedCents, remainingCents: statement.openCents - appliedCents });
  }
  return { statements: applied, creditCents: left };
}
