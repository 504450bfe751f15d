/**
 * Capturing a way to pay, shared by `<pay-form>` and `<plan-builder>`: the processor's card fields
 * (`CardFields`, e.g. the sandbox's hosted iframe) or card fields in the element (`card-capture="direct"`), and bank account
 * fields (routing number checked as typed, the account number twice, its type). The same checks,
 * the same ids and messages, and the same tokenization: card and bank details go straight to the
 * processor, and the element keeps only the token it hands back.
 */
import {
  cardBrand,
  checkBankAccountNumber,
  checkCardCvc,
  checkCardExpiry,
  checkCardNumber,
  checkRoutingNumber,
  formatCardNumber,
  isTokenizationError,
  localToday,
  tokenizeBank,
  tokenizeCard,
  type BankAccountType,
  type BankToken,
  type BillPayConnection,
  type CardToken,
  type PaymentMethod,
} from '@billpay/sdk';
import type { PayIssueCode, PayWords } from '../i18n/pay.js';
import { CardFieldsError, isCardFieldsError, type CardFields } from './card-fields.js';

export type CardCapture = 'hosted' | 'direct';
export type CaptureMethod = 'card' | 'bank';

/** Where a problem with a captured field is shown. */
export type CaptureSlot =
  | 'card'
  | 'cardNumber'
  | 'cardExpiry'
  | 'cardCvc'
  | 'cardName'
  | 'cardZip'
  | 'bankHolder'
  | 'bankRouting'
  | 'bankAccount'
  | 'bankAccountConfirm';

/** The input each slot's message links to, in the order they appear on the page. */
export const CAPTURE_INPUT: Record<CaptureSlot, string> = {
  card: 'card-frame',
  cardNumber: 'card-number',
  cardExpiry: 'card-expiry',
  cardCvc: 'card-cvc',
  cardName: 'card-name',
  cardZip: 'card-zip',
  bankHolder: 'bank-holder',
  bankRouting: 'bank-routing',
  bankAccount: 'bank-account',
  bankAccountConfirm: 'bank-account-confirm',
};

export interface CaptureValues {
  cardNumber: string;
  cardExpiry: string;
  cardCvc: string;
  cardName: string;
  cardZip: string;
  bankHolder: string;
  bankRouting: string;
  bankAccount: string;
  bankAccountConfirm: string;
  bankType: BankAccountType;
}

/** What is cleared after a decline: card data is never kept. */
export const EMPTY_CARD = { cardNumber: '', cardExpiry: '', cardCvc: '' } as const;

export const EMPTY_CAPTURE: CaptureValues = {
  ...EMPTY_CARD,
  cardName: '',
  cardZip: '',
  bankHolder: '',
  bankRouting: '',
  bankAccount: '',
  bankAccountConfirm: '',
  bankType: 'checking',
};

const thisMonth = () => {
  const [year, month] = localToday().split('-').map(Number);
  return { year: year ?? 0, month: month ?? 0 };
};

/** The bank account's fields. */
export const BANK_SLOTS = ['bankHolder', 'bankRouting', 'bankAccount', 'bankAccountConfirm'] as const satisfies readonly CaptureSlot[];
export type BankSlot = (typeof BANK_SLOTS)[number];

/**
 * The problem with one bank field, or `undefined`: by itself, so that a page taking only bank
 * details (the console's phone payment) need not bring the card rules along.
 */
export function checkBankSlot(v: CaptureValues, slot: BankSlot): PayIssueCode | undefined {
  switch (slot) {
    case 'bankHolder':
      return v.bankHolder.trim() ? undefined : 'bank.holder_empty';
    case 'bankRouting': {
      const result = checkRoutingNumber(v.bankRouting);
      return result.ok ? undefined : result.issue;
    }
    case 'bankAccount': {
      const result = checkBankAccountNumber(v.bankAccount);
      return result.ok ? undefined : result.issue;
    }
    case 'bankAccountConfirm': {
      if (!v.bankAccountConfirm.trim()) return 'bank.confirm_empty';
      const result = checkBankAccountNumber(v.bankAccount, v.bankAccountConfirm);
      return result.ok || result.issue !== 'bank.account_mismatch' ? undefined : 'bank.account_mismatch';
    }
  }
}

/** The problem with one captured field, or `undefined`. */
export function checkCaptureSlot(v: CaptureValues, slot: CaptureSlot): PayIssueCode | undefined {
  switch (slot) {
    case 'cardNumber': {
      const result = checkCardNumber(v.cardNumber);
      return result.ok ? undefined : result.issue;
    }
    case 'cardExpiry': {
      const result = checkCardExpiry(v.cardExpiry, thisMonth());
      return result.ok ? undefined : result.issue;
    }
    case 'cardCvc': {
      const result = checkCardCvc(v.cardCvc, cardBrand(v.cardNumber));
      return result.ok ? undefined : result.issue;
    }
    case 'cardName':
      return v.cardName.trim() ? undefined : 'card.name_empty';
    case 'cardZip':
      return /^\d{5}(-\d{4})?$/.test(v.cardZip.trim()) ? undefined : 'card.zip_invalid';
    case 'bankHolder':
    case 'bankRouting':
    case 'bankAccount':
    case 'bankAccountConfirm':
      return checkBankSlot(v, slot);
    case 'card':
      return undefined;
  }
}

/** The fields a method needs checked before it is sent, in page order (hosted fields check themselves). */
export function captureSlots(method: CaptureMethod, cardCapture: CardCapture): CaptureSlot[] {
  if (method === 'card') return cardCapture === 'direct' ? ['cardNumber', 'cardExpiry', 'cardCvc', 'cardName', 'cardZip'] : [];
  return [...BANK_SLOTS];
}

/**
 * What an input event leaves in a captured field: a card number is grouped in fours as it is
 * typed (only when the caret is at the end, so editing in the middle is not disturbed).
 */
export function capturedInput(field: keyof CaptureValues, input: HTMLInputElement): string {
  const value = input.value;
  if (field === 'cardNumber' && /^[\d\s-]*$/.test(value)) {
    const formatted = formatCardNumber(value);
    if (formatted !== value && input.selectionStart === value.length) {
      input.value = formatted;
      return formatted;
    }
  }
  return value;
}

/** The routing number is checked as soon as it has all 9 digits (not only when the field is left). */
export function checkAsTyped(slot: CaptureSlot, value: string): boolean {
  return slot === 'bankRouting' && value.replace(/\D/g, '').length >= 9;
}

/** A method turned into a processor token, and what the review says about it. */
export interface CapturedMethod {
  readonly token: string;
  readonly method: PaymentMethod;
  readonly bank?: { readonly holder: string; readonly type: BankAccountType; readonly last4: string } | undefined;
}

/**
 * Sends the card (from the processor's card fields or the direct fields) or the bank account to
 * the processor. Throws what the processor or the card fields said; `captureProblem` turns that into a
 * field's message. `undefined` when the direct card's expiry cannot be read (checked before).
 * `reusable`: the card is saved for later charges (only with the patient's consent, e.g. a plan's
 * automatic payments); otherwise a card token is charged once.
 */
export async function tokenizeCapture(
  connection: BillPayConnection,
  v: CaptureValues,
  method: CaptureMethod,
  cardCapture: CardCapture,
  cardFields: CardFields | undefined,
  options: { readonly reusable?: boolean } = {},
): Promise<CapturedMethod | undefined> {
  const reusable = options.reusable ? { reusable: true } : {};
  if (method === 'bank') {
    const token: BankToken = await tokenizeBank(connection, {
      routingNumber: v.bankRouting.replace(/[\s-]/g, ''),
      accountNumber: v.bankAccount.replace(/[\s-]/g, ''),
      accountType: v.bankType,
      holderName: v.bankHolder.trim(),
    });
    return {
      token: token.id,
      method: { kind: 'bank', last4: token.bank.last4 },
      bank: { holder: v.bankHolder.trim(), type: token.bank.accountType, last4: token.bank.last4 },
    };
  }
  let token: CardToken;
  if (cardCapture === 'direct') {
    const expiry = checkCardExpiry(v.cardExpiry, thisMonth());
    if (!expiry.ok) return undefined;
    token = await tokenizeCard(connection, {
      number: v.cardNumber.replace(/\D/g, ''),
      expMonth: expiry.month,
      expYear: expiry.year,
      cvc: v.cardCvc.trim(),
      name: v.cardName.trim(),
      postalCode: v.cardZip.trim(),
      ...reusable,
    });
  } else {
    if (!cardFields) throw new CardFieldsError('unavailable', false);
    token = await cardFields.tokenize(reusable);
  }
  return { token: token.id, method: { kind: 'card', brand: token.card.brand, last4: token.card.last4 } };
}

export interface CaptureProblem {
  readonly slot: CaptureSlot;
  readonly code: PayIssueCode;
  /** The card fields already show, announce and focus their own message: no summary needed. */
  readonly shownInFrame?: boolean;
}

/**
 * The field a failed tokenization concerns and what to say there; `undefined` when it is not
 * about a field (the network, the server), which the element says in its own words.
 */
export function captureProblem(error: unknown, method: CaptureMethod): CaptureProblem | undefined {
  if (isCardFieldsError(error)) {
    const code = error.reason === 'invalid' ? 'card.hosted_invalid' : 'card.hosted_unavailable';
    return error.shownInFields ? { slot: 'card', code, shownInFrame: true } : { slot: 'card', code };
  }
  if (isTokenizationError(error)) {
    const slot = slotOfProcessorParam(method, error.param);
    return { slot, code: issueOfProcessorCode(slot, error.reason) };
  }
  return undefined;
}

/** The field a processor refusal names (its `param`). */
function slotOfProcessorParam(method: CaptureMethod, param: string | undefined): CaptureSlot {
  const map: Record<string, CaptureSlot> =
    method === 'bank'
      ? { routingNumber: 'bankRouting', accountNumber: 'bankAccount', holderName: 'bankHolder' }
      : { number: 'cardNumber', expMonth: 'cardExpiry', expYear: 'cardExpiry', cvc: 'cardCvc', name: 'cardName', postalCode: 'cardZip' };
  return map[param ?? ''] ?? (method === 'bank' ? 'bankAccount' : 'cardNumber');
}

function issueOfProcessorCode(slot: CaptureSlot, code: string): PayIssueCode {
  const bySlot: Partial<Record<CaptureSlot, PayIssueCode>> = {
    cardNumber: 'card.number_luhn',
    cardExpiry: code === 'expired_card' ? 'card.expired' : 'card.expiry_invalid',
    cardCvc: 'card.cvc_length',
    cardName: 'card.name_empty',
    cardZip: 'card.zip_invalid',
    bankRouting: 'bank.routing_checksum',
    bankAccount: 'bank.account_format',
    bankHolder: 'bank.holder_empty',
  };
  return bySlot[slot] ?? 'card.number_luhn';
}

/**
 * "Visa ending in 4242", "Checking account ending in 6789", "Google Pay (Visa ending in 4242)"; `inSentence`
 * for the method inside a sentence, after "your" or "my": "checking account ending in 6789".
 */
export function describeMethod(method: PaymentMethod, t: PayWords, bankType?: BankAccountType, where: 'alone' | 'inSentence' = 'alone'): string {
  // Alone (a table's value) it starts with a capital; inside a sentence ("from your …") it does not.
  const w = where === 'alone' ? t : t.methodInSentence;
  const card = w.cardEnding(method.brand ? t.brandName[method.brand] : w.methodKindOnly.card, method.last4);
  if (method.kind === 'wallet' && method.wallet) return t.walletCard(t.methodWallet[method.wallet], card);
  if (method.kind === 'bank') {
    const type = bankType ?? method.accountType;
    return type ? w.bankEnding(type, method.last4) : w.bankAccountEnding(method.last4);
  }
  if (method.kind === 'card') return card;
  return w.methodKindOnly[method.kind];
}
