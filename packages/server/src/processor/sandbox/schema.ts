import type { ColumnType, Generated } from 'kysely';

/** The processor's own store, apart from any practice's data. Cents are integers. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type CvcCheck = 'pass' | 'fail' | 'unchecked';

/**
 * A tokenized card or bank account. The card or account number is kept only encrypted
 * (AES-256-GCM under the processor's vault key, the token id as associated data); the card
 * security code is never kept, only whether it checked out.
 */
export interface VaultTokensTable {
  id: string;
  merchant_id: string;
  kind: 'card' | 'bank';
  wallet: 'apple_pay' | 'google_pay' | null;
  /** base64url of iv (12 bytes) | ciphertext | tag (16 bytes). */
  number_encrypted: string;
  key_version: number;
  last4: string;
  brand: string | null;
  exp_month: number | null;
  exp_year: number | null;
  holder_name: string | null;
  postal_code: string | null;
  cvc_check: CvcCheck | null;
  routing_number: string | null;
  account_type: 'checking' | 'savings' | null;
  /** Bank accounts are validated on their first debit. */
  validated: boolean;
  used_at: Date | null;
  /** Saved for later charges (a plan's installments); otherwise a card token is single-use. */
  reusable: Generated<boolean>;
  created_at: Timestamp;
}

export type ChargeStatus = 'succeeded' | 'declined' | 'processing' | 'settled' | 'returned';

export interface ChargesTable {
  id: string;
  merchant_id: string;
  idempotency_key: string;
  token_id: string;
  status: ChargeStatus;
  amount_cents: number;
  amount_refunded_cents: number;
  decline_code: string | null;
  return_code: string | null;
  method_kind: 'card' | 'bank' | 'wallet';
  brand: string | null;
  last4: string;
  wallet: string | null;
  /** Bank debits: the account's type and the bank's name from the routing directory, if known. */
  account_type: 'checking' | 'savings' | null;
  bank_name: string | null;
  description: string | null;
  metadata: string | null;
  /** When a bank debit settles (or comes back), by the processor's clock. */
  settles_at: Date | null;
  created_at: Timestamp;
}

export interface RefundsTable {
  id: string;
  merchant_id: string;
  charge_id: string;
  idempotency_key: string;
  amount_cents: number;
  created_at: Timestamp;
}

/**
 * One row per (merchant, Idempotency-Key): the request's fingerprint and, once answered, the
 * answer. Its row lock is what makes concurrent duplicates wait for the first one's answer.
 */
export interface IdempotencyKeysTable {
  merchant_id: string;
  key: string;
  request_hash: string;
  response_status: number | null;
  response_body: string | null;
  created_at: Timestamp;
}

export interface EventsTable {
  seq: Generated<number>;
  id: string;
  merchant_id: string;
  charge_id: string;
  type: 'charge.settled' | 'charge.returned';
  created_at: Timestamp;
}

/** One tokenization request, by the keyed hash of the address it came from. */
export interface TokenRequestsTable {
  id: string;
  client_hash: string;
  at: Timestamp;
}

export interface ProcessorDatabaseSchema {
  token_requests: TokenRequestsTable;
  vault_tokens: VaultTokensTable;
  charges: ChargesTable;
  refunds: RefundsTable;
  idempotency_keys: IdempotencyKeysTable;
  events: EventsTable;
}
