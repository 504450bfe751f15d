/**
 * The fake payment processor on its own origin: card, bank and wallet details are tokenized here
 * with the SDK's own card and bank rules, never sent to the billing API. The hosted card page
 * (stories/support/hosted/) reaches it through `window.billpayFakeProcessor`.
 */
import {
  BankTokenRequestSchema,
  CardTokenRequestSchema,
  checkBankAccountNumber,
  checkCardCvc,
  checkCardExpiry,
  checkCardNumber,
  checkRoutingNumber,
  WalletTokenRequestSchema,
  type PaymentMethod,
} from '@billpay/sdk';
import { hostedCardHtml } from '../../packages/server/src/processor/sandbox/hosted-page.js';
import { json } from './fake-http.js';

/** The fake payment processor's origin: card and bank details go here, never to the API. */
export const FAKE_PROCESSOR_ORIGIN = 'https://processor.fake.test';

/** A token the processor made, as the billing API sees it when charging. */
export interface FakeToken {
  readonly method: PaymentMethod;
  readonly number?: string;
  /** A card saved for later charges (made with `reusable: true`). */
  readonly reusable?: boolean;
}

/** What the hosted card page (in its iframe) reaches through `window.parent`. */
export interface FakeProcessorBridge {
  hostedCardHtml: typeof hostedCardHtml;
  fetch: typeof globalThis.fetch;
}

declare global {
  var billpayFakeProcessor: FakeProcessorBridge | undefined;
}

export interface FakeProcessor {
  /** The tokens made, by id. */
  readonly tokens: ReadonlyMap<string, FakeToken>;
  route(method: string, path: string, body: unknown): Response;
}

const processorError = (status: number, code: string, message: string, param?: string) => json(status, { error: { code, message, ...(param ? { param } : {}) } });

/** `today` (YYYY-MM-DD): the day a card's expiry is judged on. */
export function createFakeProcessor(today: string): FakeProcessor {
  const tokens = new Map<string, FakeToken>();

  const newToken = (token: FakeToken) => {
    const id = `tok_fake${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`;
    tokens.set(id, token);
    return id;
  };

  const route = (method: string, path: string, body: unknown): Response => {
    if (method === 'POST' && path === '/v1/tokens/card') {
      const parsed = CardTokenRequestSchema.safeParse(body);
      if (!parsed.success) return processorError(400, 'invalid_request', 'Some card fields are missing.', String(parsed.error.issues[0]?.path[0] ?? ''));
      const card = parsed.data;
      const number = checkCardNumber(card.number);
      if (!number.ok) return processorError(402, 'invalid_number', 'The card number is not valid.', 'number');
      const [year, month] = today.split('-').map(Number);
      const expiry = checkCardExpiry(`${String(card.expMonth)}/${String(card.expYear)}`, { year: year ?? 0, month: month ?? 0 });
      if (!expiry.ok) return processorError(402, expiry.issue === 'card.expired' ? 'expired_card' : 'invalid_expiry', 'Check the expiry.', 'expMonth');
      if (!checkCardCvc(card.cvc, number.brand).ok) return processorError(402, 'invalid_cvc', 'Check the security code.', 'cvc');
      const last4 = number.digits.slice(-4);
      const reusable = card.reusable === true;
      const id = newToken({ method: { kind: 'card', brand: number.brand, last4 }, number: number.digits, reusable });
      return json(201, { id, kind: 'card', card: { brand: number.brand, last4, expMonth: expiry.month, expYear: expiry.year }, ...(reusable ? { reusable: true } : {}) });
    }
    if (method === 'POST' && path === '/v1/tokens/bank') {
      const parsed = BankTokenRequestSchema.safeParse(body);
      if (!parsed.success) return processorError(400, 'invalid_request', 'Some bank fields are missing.', String(parsed.error.issues[0]?.path[0] ?? ''));
      const bank = parsed.data;
      const routing = checkRoutingNumber(bank.routingNumber);
      if (!routing.ok) return processorError(402, 'invalid_routing_number', 'The routing number is not valid.', 'routingNumber');
      const account = checkBankAccountNumber(bank.accountNumber);
      if (!account.ok) return processorError(402, 'invalid_account_number', 'The account number is not valid.', 'accountNumber');
      const last4 = account.digits.slice(-4);
      const id = newToken({ method: { kind: 'bank', last4, accountType: bank.accountType } });
      return json(201, { id, kind: 'bank', bank: { last4, accountType: bank.accountType, routingLast4: routing.digits.slice(-4) } });
    }
    if (method === 'POST' && path === '/v1/tokens/wallet') {
      const parsed = WalletTokenRequestSchema.safeParse(body);
      if (!parsed.success) return processorError(400, 'invalid_request', 'Name the wallet.', 'wallet');
      const number = checkCardNumber(parsed.data.sandboxCard ?? '4242424242424242');
      if (!number.ok) return processorError(402, 'invalid_number', 'The wallet card is not valid.', 'sandboxCard');
      const last4 = number.digits.slice(-4);
      const id = newToken({ method: { kind: 'wallet', wallet: parsed.data.wallet, brand: number.brand, last4 }, number: number.digits });
      return json(201, { id, kind: 'card', card: { brand: number.brand, last4, expMonth: 12, expYear: Number(today.slice(0, 4)) + 3, wallet: parsed.data.wallet } });
    }
    return processorError(404, 'not_found', `There is no ${method} ${path} at the processor.`);
  };

  return { tokens, route };
}

/** Lets the hosted card page, framed on this origin, send its tokenization through `fetch` (the fake's). */
export function exposeFakeProcessor(fetch: typeof globalThis.fetch): void {
  globalThis.billpayFakeProcessor = {
    hostedCardHtml,
    fetch: (input, init) => fetch(new URL(input instanceof Request ? input.url : String(input), FAKE_PROCESSOR_ORIGIN).href, init),
  };
}
