import type { ColumnType, Generated } from 'kysely';
import type { EventsWebhooksTables } from './events-migration.js';
import type { AccountDeskAuditAction, AccountDeskTables } from './account-desk-migration.js';
import type { IntegrationTables } from './integration-migration.js';
import type { PracticeApiTables } from './practice-api-migration.js';
import type { SsoTables } from './sso-migration.js';
import type { StaffTables } from './staff-migration.js';
import type { ImportsTables } from './imports-migration.js';
import type { PlanDeskTables } from './plan-desk-migration.js';
import type { MessagesTables } from './messages-migration.js';
import type { PreferencesTables } from './preferences-migration.js';
import type { PracticeSettingsTables } from './practice-settings-migration.js';
import type { PlanAuthorizationsTable, PlanChargeAttemptsTable, PlanInstallmentsTable, PlansTable } from './plans-schema.js';
import type { PhonePaymentColumns } from './phone-payments-migration.js';

/** Dates travel as `YYYY-MM-DD` strings, timestamps as `Date`; cents as integers. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AccountsTable {
  id: string;
  practice_id: string;
  account_number: string;
  bill_id: string;
  first_name: string;
  last_name: string;
  /** The last name folded for matching: lower case, accents removed. */
  last_name_key: string;
  /** The names as the billing office's search compares them (`billpay_fold`): a trigger sets them, whatever an insert says. */
  last_name_fold: ColumnType<string, string | undefined, string | undefined>;
  first_name_fold: ColumnType<string, string | undefined, string | undefined>;
  date_of_birth: string;
  coverage: 'insured' | 'self_pay';
  created_at: Timestamp;
  /** The practice's own id of the account (imported accounts only), unique within the practice. */
  external_id: OptionalText;
  email: OptionalText;
  mobile_phone: OptionalText;
  /** `en` or `es`. */
  preferred_language: OptionalText;
  address_line1: OptionalText;
  address_line2: OptionalText;
  city: OptionalText;
  state: OptionalText;
  postal_code: OptionalText;
}

export interface StatementsTable {
  id: string;
  account_id: string;
  statement_date: string;
  period_start: string;
  period_end: string;
  due_date: string;
  /** When the practice's past-due letter was mailed, if it was. */
  letter_mailed_on: string | null;
  created_at: Timestamp;
  /** The statement this one corrects (an import of changed content); that one's entries are reversed. */
  replaces: OptionalText;
}

export interface LineItemsTable {
  id: string;
  statement_id: string;
  position: number;
  service_date: string;
  provider: string;
  description: string;
  code: string;
  charge_cents: number;
  insurance_paid_cents: number;
  adjustment_cents: number;
  patient_cents: number;
}

export type InsurerNoteKind = 'deductible' | 'coinsurance' | 'copay' | 'not_covered' | 'copay_not_paid_at_visit';

export interface InsurerNotesTable {
  id: string;
  statement_id: string;
  line_item_id: string | null;
  kind: InsurerNoteKind;
  amount_cents: number;
}

export type LedgerKind = 'charge' | 'fee' | 'payment' | 'reversal' | 'adjustment';

/** Every change of an account's balance; the balance is the sum of `amount_cents`. */
export type PaymentStatusColumn = 'pending' | 'succeeded' | 'declined' | 'processing' | 'settled' | 'returned' | 'refunded';

export interface PaymentsTable extends PhonePaymentColumns {
  id: string;
  practice_id: string;
  account_id: string;
  idempotency_key: string;
  request_hash: string;
  confirmation_number: string;
  status: PaymentStatusColumn;
  amount_cents: number;
  statement_id: string | null;
  /** The processor's token: stands for the card or account, reveals neither. */
  token: string;
  charge_id: string | null;
  method_kind: 'card' | 'bank' | 'wallet' | null;
  brand: string | null;
  last4: string | null;
  wallet: string | null;
  decline_code: string | null;
  return_code: string | null;
  remaining_balance_cents: number | null;
  /** The Nacha authorization shown to and accepted by the patient, for a bank debit. */
  authorization_text: string | null;
  authorization_accepted_at: string | null;
  /** Proof of who assented (Nacha): the address and browser the server saw the request come from. */
  authorization_ip_address: OptionalText;
  authorization_user_agent: OptionalText;
  /** A bank account's type and bank name, as the processor describes them. */
  account_type: ColumnType<'checking' | 'savings' | null, 'checking' | 'savings' | null | undefined, 'checking' | 'savings' | null>;
  bank_name: OptionalText;
  /** The session the patient paid in (none for a plan's installment): declines are counted per session. */
  session_id: OptionalText;
  /** Keyed hash of the address the payment came from: declines are counted per address. */
  client_hash: OptionalText;
  /** The processor's refund of a charge made for this payment after it was closed (`refunded`). */
  refund_id: OptionalText;
  /** The decline reason the payer was told (`card_declined` past a session's first declines). */
  decline_shown: OptionalText;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A nullable text column that inserts may leave out. */
type OptionalText = ColumnType<string | null, string | null | undefined, string | null>;

export interface LedgerEntriesTable {
  id: Generated<string>;
  account_id: string;
  statement_id: string | null;
  kind: LedgerKind;
  /** Why, as a code the widget translates: "statement", "invoicing_fee", "returned_payment", ... */
  reason: string;
  /** Positive adds to what the patient owes; a payment is negative. */
  amount_cents: number;
  posted_on: string;
  /** The payment this entry records or reverses, if any. */
  payment_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The practice's refund this entry records, if any (one entry per refund). */
  refund_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The fee entry this entry waives (a waiver is a new entry, never an edit; one per fee). */
  waives_entry_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
}

export interface MetaTable {
  key: string;
  value: string;
}

/**
 * One row per guarded identifier (a Bill ID or account number of a practice, or a client
 * address), keyed by its keyed hash. Lookups lock this row `for update`, so server instances
 * sharing one database take turns on the same identifier.
 */
export interface LookupGuardsTable {
  key_hash: string;
  kind: 'subject' | 'client';
  /** Lookups for this identifier are refused until then. */
  locked_until: Date | null;
  updated_at: Timestamp;
}

/** One failed lookup against a guard; those within the window count towards its lock. */
export interface LookupFailuresTable {
  id: string;
  key_hash: string;
  failed_at: Timestamp;
}

/** A session opened by a lookup. Only the SHA-256 of its bearer token is stored. */
export interface SessionsTable {
  id: string;
  token_hash: string;
  account_id: string;
  practice_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  revoked_at: Date | null;
}

/** What the audit trail records; the database checks the same list (see account-desk-migration.ts). */
export type AuditAction = AccountDeskAuditAction;

/** Who looked at what, and when. Identifiers of people appear only as keyed hashes. */
export interface AuditEventsTable {
  id: string;
  at: Timestamp;
  /** None for a practice API call refused before its key named a practice. */
  practice_id: string | null;
  account_id: string | null;
  action: AuditAction;
  /** Keyed hash of the Bill ID or account number a lookup named. */
  subject_hash: string | null;
  /** Keyed hash of the client address. */
  client_hash: string | null;
  request_id: string;
  /** The practice API key that made the call. */
  api_key_id: OptionalText;
  /** What the call was, for practice API calls: `GET /admin/v1/payments/:id 200`, or the refusal's code. */
  detail: OptionalText;
  /** The member of staff who acted (see staff/). */
  staff_id: OptionalText;
}

export interface Database extends PracticeApiTables, EventsWebhooksTables, ImportsTables, StaffTables, AccountDeskTables, SsoTables, PlanDeskTables, MessagesTables, PreferencesTables, IntegrationTables, PracticeSettingsTables {
  accounts: AccountsTable;
  statements: StatementsTable;
  line_items: LineItemsTable;
  insurer_notes: InsurerNotesTable;
  ledger_entries: LedgerEntriesTable;
  meta: MetaTable;
  lookup_guards: LookupGuardsTable;
  lookup_failures: LookupFailuresTable;
  sessions: SessionsTable;
  audit_events: AuditEventsTable;
  plans: PlansTable;
  plan_installments: PlanInstallmentsTable;
  plan_charge_attempts: PlanChargeAttemptsTable;
  plan_authorizations: PlanAuthorizationsTable;
  payments: PaymentsTable;
}
