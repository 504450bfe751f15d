import type { ColumnType } from 'kysely';

/** Dates travel as `YYYY-MM-DD` strings, timestamps as `Date`; cents as integers. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A column with a default, or nullable, that inserts may leave out. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export type PlanStatusColumn = 'active' | 'delinquent' | 'completed' | 'paid_off' | 'canceled';
export type InstallmentStatusColumn = 'scheduled' | 'charging' | 'processing' | 'paid' | 'failed' | 'canceled';

export interface PlansTable {
  id: string;
  practice_id: string;
  account_id: string;
  idempotency_key: string;
  request_hash: string;
  status: PlanStatusColumn;
  frequency: 'weekly' | 'biweekly' | 'semimonthly' | 'monthly';
  mode: 'automatic' | 'manual';
  method_kind: 'card' | 'bank' | null;
  /** The processor's token an automatic plan charges; stands for the card or account, reveals neither. */
  token: string | null;
  /** The automatic payment's card as the processor described its token (0025): its brand. */
  method_brand: Defaulted<string | null>;
  /** Or its bank account: the bank's name, the account's type (0025). */
  method_bank_name: Defaulted<string | null>;
  method_account_type: Defaulted<'checking' | 'savings' | null>;
  /** The card's or account's last 4 digits (0025). */
  method_last4: Defaulted<string | null>;
  balance_cents: number;
  down_payment_cents: number;
  installment_cents: number;
  first_date: string;
  last_date: string;
  failures_in_row: Defaulted<number>;
  delinquent_since: Defaulted<string | null>;
  /** When the current run of failed or missed payments began; null while nothing is overdue. */
  behind_since: Defaulted<Date | null>;
  canceled_on: Defaulted<string | null>;
  /** When it was completed or paid off. */
  ended_on: Defaulted<string | null>;
  payoff_key: Defaulted<string | null>;
  payoff_started_at: Defaulted<Date | null>;
  payoff_payment_id: Defaulted<string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlanInstallmentsTable {
  id: string;
  plan_id: string;
  number: number;
  kind: 'down_payment' | 'installment';
  due_on: string;
  amount_cents: number;
  status: InstallmentStatusColumn;
  next_attempt_on: string;
  failures: Defaulted<number>;
  attempts: Defaulted<number>;
  payment_id: Defaulted<string | null>;
  paid_on: Defaulted<string | null>;
  claimed_at: Defaulted<Date | null>;
  updated_at: Timestamp;
}

export interface PlanChargeAttemptsTable {
  id: string;
  installment_id: string;
  attempt: number;
  idempotency_key: string;
  amount_cents: number;
  outcome: Defaulted<'paid' | 'processing' | 'declined' | 'refused' | null>;
  payment_id: Defaulted<string | null>;
  created_at: Timestamp;
  finished_at: Defaulted<Date | null>;
}

export interface PlanAuthorizationsTable {
  plan_id: string;
  /** The exact text shown to the patient. */
  text: string;
  /** When the patient accepted it (their browser's clock, checked against ours). */
  accepted_at: Timestamp;
  /** When this server received it. */
  recorded_at: Timestamp;
  account_id: string;
  /** The session that accepted it: the person who looked the bill up. */
  session_id: string;
  /** The account holder's name as on the account, at the time. */
  accepted_by: string;
  ip_address: string;
  user_agent: string | null;
  method_kind: 'card' | 'bank';
  /** When a newer authorization took its place (0025); null for the one in force. */
  replaced_at: Defaulted<Date | null>;
  /** The Idempotency-Key and request hash of a change of payment method (0025); null for the plan's first. */
  idempotency_key: Defaulted<string | null>;
  request_hash: Defaulted<string | null>;
}
