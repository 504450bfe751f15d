import type { Practice, PaymentDeclineCode } from '@billpay/sdk';

/**
 * The processor port: what billpay asks of a payment processor, in billpay's own terms. Each
 * processor (the sandbox, or Stripe, Adyen, Authorize.Net...) is an adapter that maps these calls
 * and types to its own API (see README "Payment processors"). Amounts are integer cents.
 */

export type BankAccountType = 'checking' | 'savings';

/** What a token stands for, as the processor describes it: never the number. */
export type ProcessorToken =
  | {
      readonly kind: 'card';
      readonly card: { readonly brand: string; readonly last4: string; readonly wallet?: string | undefined };
      /** Saved, with the cardholder's consent, for later charges (a plan's installments). */
      readonly reusable: boolean;
      /** Already charged: a card token not saved for later is spent. */
      readonly used: boolean;
    }
  | {
      readonly kind: 'bank';
      readonly bank: { readonly last4: string; readonly accountType: BankAccountType; readonly bankName?: string | undefined };
    };

/** How a charge was paid, as the receipt and the ledger name it. */
export interface ProcessorMethod {
  readonly kind: 'card' | 'bank' | 'wallet';
  readonly brand?: string | undefined;
  readonly last4: string;
  readonly wallet?: string | undefined;
  readonly accountType?: BankAccountType | undefined;
  readonly bankName?: string | undefined;
}

/**
 * `succeeded` (card money moved), `declined` (nothing moved), `processing` (a bank debit on its
 * way), then `settled` or `returned`.
 */
export type ProcessorChargeStatus = 'succeeded' | 'declined' | 'processing' | 'settled' | 'returned';

export interface ChargeRequest {
  readonly token: string;
  readonly amountCents: number;
  readonly description: string;
  /**
   * Billpay's payment id. The adapter stores it with the charge (metadata, reference, invoice
   * number) so the charge can be found and matched to its payment after a crash.
   */
  readonly reference: string;
}

export interface ProcessorCharge {
  /** The processor's own id of the charge. */
  readonly id: string;
  readonly status: ProcessorChargeStatus;
  readonly amountCents: number;
  /** Why a card was declined, in billpay's words (the adapter maps the processor's codes). */
  readonly declineCode?: PaymentDeclineCode | undefined;
  /** Nacha return reason of a returned bank debit, e.g. R01 (insufficient funds). */
  readonly returnCode?: string | undefined;
  readonly method: ProcessorMethod;
  /** The `reference` it was charged with, when the processor gives it back. */
  readonly reference?: string | undefined;
}

export interface RefundRequest {
  readonly chargeId: string;
  /** Without an amount: what is left of the charge. */
  readonly amountCents?: number | undefined;
}

export interface ProcessorRefund {
  readonly id: string;
  readonly chargeId: string;
  readonly amountCents: number;
}

/** A change the processor reports after the charge: a bank debit that settled, or came back. */
export interface ProcessorEvent {
  /** The processor's id of the event; the same event may arrive more than once. */
  readonly id: string;
  readonly type: 'charge.settled' | 'charge.returned';
  /** The charge as it is after the change. */
  readonly charge: ProcessorCharge;
}

export interface ProcessorEventPage {
  readonly events: readonly ProcessorEvent[];
  /** Passed back as `since` for the next page. */
  readonly nextCursor: string;
}

/** One line of a payout: a charge paid out, or a refund or a return taken out of it. Signed cents. */
export interface ProcessorPayoutLine {
  readonly type: 'charge' | 'refund' | 'return';
  /** The processor's id of the charge, or of the refund. */
  readonly id: string;
  readonly chargeId: string;
  readonly amountCents: number;
  readonly method: 'card' | 'bank' | 'wallet';
}

/** What the processor paid into (or took from) the practice's bank account on one day, line by line. */
export interface ProcessorPayout {
  readonly date: string;
  readonly amountCents: number;
  readonly lines: readonly ProcessorPayoutLine[];
}

/**
 * The server-to-server calls, each for a practice (its own account at its own processor): reads
 * what a token stands for before charging it, charges once per idempotency key, finds the charge
 * made under a key after a crash, refunds, reads the processor's events (polling; webhooks
 * push the same events, see `ProcessorAdapter.webhookEvents`), and reads its payouts.
 */
export interface ProcessorGateway {
  /** A token the processor does not know is a `ProcessorRejectedError` (`no_such_token`). */
  token(practiceId: string, tokenId: string): Promise<ProcessorToken>;
  /** Charges once per key: repeating a key returns the first charge, whatever happened between. */
  charge(practiceId: string, idempotencyKey: string, request: ChargeRequest): Promise<ProcessorCharge>;
  /** The charge made under `idempotencyKey` (whose `reference` is the same payment id), if any. */
  findCharge(practiceId: string, idempotencyKey: string): Promise<ProcessorCharge | undefined>;
  /** Refunds a charge (what is left of it without an amount), once per key. */
  refund(practiceId: string, idempotencyKey: string, request: RefundRequest): Promise<ProcessorRefund>;
  events(practiceId: string, since: string): Promise<ProcessorEventPage>;
  /** The processor's settlement report of its payout on `date` (`YYYY-MM-DD`), for reconciliation. */
  payout(practiceId: string, date: string): Promise<ProcessorPayout>;
}

/** What the browser needs to tokenize with the practice's processor (public, never a secret). */
export type BrowserPayments = NonNullable<Practice['payments']>;

/** An inbound webhook, as the billing server received it: the raw body is what was signed. */
export interface InboundWebhook {
  readonly headers: Headers;
  readonly body: string;
  readonly now: Date;
}

/** One processor behind the port, with what a billing server needs besides the calls. */
export interface ProcessorAdapter extends ProcessorGateway {
  /** The processor's name in logs and health (e.g. `sandbox`, `stripe`). */
  readonly kind: string;
  browser(practiceId: string): BrowserPayments;
  /**
   * The events a webhook carries once its signature is checked (constant-time, timestamp within
   * tolerance). A webhook not signed by the practice's processor is a `WebhookRefusedError`.
   */
  webhookEvents(practiceId: string, webhook: InboundWebhook): ProcessorEvent[];
}

/** The processor could not be reached, or failed: the payment stays pending and may be retried. */
export class ProcessorUnavailableError extends Error {
  override readonly name = 'ProcessorUnavailableError';
}

/** The processor refused the request itself (a bad or spent token): no money moved. */
export class ProcessorRejectedError extends Error {
  override readonly name = 'ProcessorRejectedError';

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A webhook that is not one the processor sent now: unsigned, badly signed, stale or unreadable. */
export class WebhookRefusedError extends Error {
  override readonly name = 'WebhookRefusedError';

  constructor(
    readonly code: 'invalid_signature' | 'stale_webhook' | 'invalid_webhook',
    message: string,
  ) {
    super(message);
  }
}
