/**
 * `<pay-form>`'s words (and the card and bank capture `<plan-builder>` shares): English here, Spanish
 * in pay-es.ts, fetched only when spoken (`payBook`). Kept beside the main dictionaries (en.ts, es.ts) rather than in them, so they arrive
 * with the payment form: a page showing a bill, or `<bill-lookup>` on its own, need not carry
 * them. The same contract: `payEn`'s shape is what every language must fill in completely.
 */
import type {
  AccountNumberIssueCode,
  BankAccountType,
  CardBrand,
  CardCvcIssueCode,
  CardExpiryIssueCode,
  CardNumberIssueCode,
  MoneyIssueCode,
  PaymentDeclineCode,
  PaymentMethodKind,
  PaymentStatus,
  RoutingIssueCode,
  Wallet,
} from '@billpay/sdk';
import type { Translation, Widen } from './en.js';
import type { Locale, WordBook } from './locales.js';
import { withMainWords } from './with-main-words.js';

/** Every problem `<pay-form>` can report about what was entered. */
export type PayIssueCode =
  | MoneyIssueCode
  | CardNumberIssueCode
  | CardExpiryIssueCode
  | CardCvcIssueCode
  | 'card.name_empty'
  | 'card.zip_invalid'
  | 'card.hosted_invalid'
  | 'card.hosted_unavailable'
  | 'bank.holder_empty'
  | RoutingIssueCode
  | AccountNumberIssueCode
  | 'bank.confirm_empty'
  | 'authorization.unchecked';

export const payEn = {
  payTitle: 'Make a payment',
  payNothingDue: 'There is nothing to pay on this account right now.',
  payUnavailable: 'This practice does not take payments online yet. Please call billing to pay.',
  payBelowMinimum: (minimum: string) => `Payments online start at ${minimum}. Please call billing to pay a smaller amount.`,
  amountLegend: 'How much would you like to pay?',
  amountBalance: (amount: string) => `The whole balance, ${amount}`,
  amountStatement: (date: string, amount: string) => `Statement of ${date}, ${amount} still owed`,
  amountPlanBehind: (amount: string) => `What brings your payment plan up to date, ${amount}`,
  amountPlanNext: (date: string, amount: string) => `Your next plan payment, due ${date}, ${amount}`,
  amountOther: 'Another amount',
  amountOtherLabel: 'Amount to pay, in dollars',
  amountOtherHint: (minimum: string, maximum: string) => `From ${minimum} to ${maximum}`,
  amountTooSmall: (minimum: string) => `The smallest payment is ${minimum}.`,
  amountTooLarge: (maximum: string) => `That is more than you owe. Enter ${maximum} or less.`,
  methodLegend: 'How would you like to pay?',
  methodCard: 'Credit or debit card',
  methodBank: 'Bank account (checking or savings)',
  methodWallet: { apple_pay: 'Apple Pay', google_pay: 'Google Pay' } satisfies Record<Wallet, string> as Record<Wallet, string>,
  walletHint: 'You will confirm in the wallet, then review the payment here.',
  cardFrameTitle: 'Card details (secure fields from the payment processor)',
  cardSecureNote: 'Your card goes straight to our payment processor. The practice never sees or keeps your card number.',
  cardLoading: 'Loading the secure card fields…',
  cardFrameFailed: 'The secure card fields didn’t load. Check your connection and try again, or pay from a bank account.',
  cardNumberLabel: 'Card number',
  cardExpiryLabel: 'Expiration date',
  cardExpiryHint: 'MM/YY',
  cardCvcLabel: 'Security code',
  cardCvcHint: (digits: number) => `${digits} digits, on the ${digits === 4 ? 'front' : 'back'} of the card`,
  cardNameLabel: 'Name on card',
  cardZipLabel: 'Billing ZIP code',
  bankHolderLabel: 'Name on the bank account',
  bankRoutingLabel: 'Routing number',
  bankRoutingHint: '9 digits, at the bottom left of a check',
  bankAccountLabel: 'Account number',
  bankAccountConfirmLabel: 'Account number again',
  bankAccountConfirmHint: 'So we can be sure it is right',
  bankTypeLegend: 'Account type',
  accountType: { checking: 'Checking', savings: 'Savings' } satisfies Record<BankAccountType, string> as Record<BankAccountType, string>,
  reviewPayment: 'Review payment',
  preparingReview: 'Checking your payment details…',
  cancelPayment: 'Cancel',
  payIssues: {
    'money.empty': 'Enter the amount you want to pay.',
    'money.invalid': 'Enter the amount in dollars and cents, for example 25.00.',
    'money.too_many_decimals': 'Use at most 2 digits after the point, for example 25.50.',
    'money.negative': 'Enter an amount greater than zero.',
    'money.too_large': 'That amount is too large.',
    'card.number_empty': 'Enter the card number.',
    'card.number_invalid_characters': 'A card number has only digits.',
    'card.number_length': 'Check the card number; it has too few or too many digits.',
    'card.number_luhn': 'Check the card number; one of the digits is wrong.',
    'card.brand_unknown': 'We take Visa, Mastercard, American Express, Discover, Diners Club and JCB.',
    'card.expiry_empty': 'Enter the expiration date.',
    'card.expiry_invalid': 'Enter the expiration date as MM/YY, for example 04/28.',
    'card.expired': 'This card has expired. Use another card.',
    'card.cvc_empty': 'Enter the security code.',
    'card.cvc_length': 'Check the security code; it has the wrong number of digits.',
    'card.name_empty': 'Enter the name on the card.',
    'card.zip_invalid': 'Enter the 5-digit ZIP code of the card’s billing address.',
    'card.hosted_invalid': 'Check the card details; the problem is shown next to the field.',
    'card.hosted_unavailable': 'The secure card fields aren’t ready. Try again in a moment, or pay from a bank account.',
    'bank.holder_empty': 'Enter the name on the bank account.',
    'bank.routing_empty': 'Enter the routing number.',
    'bank.routing_length': 'A routing number has 9 digits.',
    'bank.routing_checksum': 'This routing number isn’t valid. Check it against a check or your bank’s website.',
    'bank.account_empty': 'Enter the account number.',
    'bank.account_format': 'An account number has 4 to 17 digits.',
    'bank.account_mismatch': 'The two account numbers don’t match.',
    'bank.confirm_empty': 'Enter the account number again to confirm it.',
    'authorization.unchecked': 'To pay from a bank account, check the box to authorize the debit.',
  } satisfies Record<PayIssueCode, string> as Record<PayIssueCode, string>,
  reviewTitle: 'Review your payment',
  reviewIntro: 'Nothing is charged until you select Pay.',
  reviewAmount: 'Amount',
  reviewMethod: 'Paid with',
  reviewDate: 'Date',
  reviewPayee: 'Paid to',
  reviewAppliedTo: 'Applied to',
  wholeBalance: 'The whole balance',
  /** One statement a payment goes to: how much of what is open on it, and what will remain. */
  appliedToStatement: (a: { date: string; applied: string; open: string; remaining: string | undefined }) =>
    a.remaining ? `Your statement of ${a.date} (${a.applied} of ${a.open}; ${a.remaining} will remain)` : `Your statement of ${a.date} (${a.applied}, paid in full)`,
  /** What is left of a payment once every statement is paid: it lowers the rest of the balance. */
  appliedToRest: (amount: string) => `${amount} to the rest of your balance`,
  receiptAccount: 'Account',
  cardEnding: (brand: string, last4: string) => `${brand} ending in ${last4}`,
  bankEnding: (type: BankAccountType, last4: string) => `${type === 'checking' ? 'Checking' : 'Savings'} account ending in ${last4}`,
  bankAccountEnding: (last4: string) => `Bank account ending in ${last4}`,
  walletCard: (wallet: string, card: string) => `${wallet} (${card})`,
  /** The same method inside a sentence, after "your" or "my": not capitalized, brands as they are. */
  methodInSentence: {
    cardEnding: (brand: string, last4: string) => `${brand} ending in ${last4}`,
    bankEnding: (type: BankAccountType, last4: string) => `${type} account ending in ${last4}`,
    bankAccountEnding: (last4: string) => `bank account ending in ${last4}`,
    methodKindOnly: { card: 'card', bank: 'bank account', wallet: 'digital wallet', other: 'payment method' } satisfies Record<PaymentMethodKind, string> as Record<PaymentMethodKind, string>,
  },
  brandName: {
    visa: 'Visa',
    mastercard: 'Mastercard',
    amex: 'American Express',
    discover: 'Discover',
    diners: 'Diners Club',
    jcb: 'JCB',
  } satisfies Record<CardBrand, string> as Record<CardBrand, string>,
  methodKindOnly: { card: 'Card', bank: 'Bank account', wallet: 'Digital wallet', other: 'Other' } satisfies Record<PaymentMethodKind, string> as Record<PaymentMethodKind, string>,
  authorizationTitle: 'Authorization for a one-time bank debit',
  authorizationText: (a: { holder: string; practice: string; amount: string; type: BankAccountType; last4: string; date: string; fee: string; phone: string }) =>
    `I, ${a.holder}, authorize ${a.practice} to debit ${a.amount} one time from my ${a.type} account ending in ${a.last4}, on or after ${a.date}. This is a single payment, not a recurring one. If my bank returns the debit, a returned-payment fee of ${a.fee} may be added to my account. I can revoke this authorization by calling ${a.phone} before the debit is processed. I am authorized to use this account.`,
  authorizationAccept: 'I have read and accept this authorization for a one-time debit.',
  printAuthorization: 'Print this authorization',
  payAmount: (amount: string) => `Pay ${amount}`,
  paying: 'Processing your payment. Please keep this page open…',
  changePayment: 'Change amount or method',
  declined: {
    card_declined: 'Your card was declined. Try another card, or call the number on the back of your card.',
    expired_card: 'Your card has expired. Use another card.',
    incorrect_cvc: 'The security code didn’t match the card. Enter the card again.',
    insufficient_funds: 'There isn’t enough money available. Try another card or account, or a smaller amount.',
    processing_error: 'The payment processor had a problem and you were not charged. Try again.',
  } satisfies Record<PaymentDeclineCode, string> as Record<PaymentDeclineCode, string>,
  declinedTitle: 'Your payment didn’t go through',
  cardCleared: 'For your security, the card details were cleared. Everything else you entered is still here.',
  payNetwork: 'We didn’t get an answer from the billing system, so we can’t tell yet whether the payment went through. Try again: you will not be charged twice.',
  payOther: 'Something went wrong on our side and you were not charged. Try again in a moment, or call billing.',
  payPaused: (when: string, phone: string) =>
    `For your security, online payments on this bill are paused after several declined attempts. You can try again after ${when}, or call billing at ${phone} to pay.`,
  payInProgress: 'Another payment you started is still being processed. Wait a minute, then check your balance before paying again.',
  payRefunded: 'This payment was stopped before your card company finished it, so anything it charged has been refunded in full. Nothing is owed for it. Check your balance, then pay again if you wish.',
  amountNotAllowed: (minimum: string, maximum: string) => `The amount must be from ${minimum} to ${maximum}. Your balance may have changed.`,
  walletFailed: (wallet: string) => `${wallet} couldn’t be used this time. Choose another way to pay.`,
  receiptTitle: 'Thank you. Your payment was received.',
  receiptProcessingTitle: 'Thank you. Your bank payment was sent.',
  receiptProcessingNote: 'Bank payments take 2 to 3 business days to complete. If the bank returns it, we will show it on your account.',
  receiptConfirmation: 'Confirmation number',
  receiptDateTime: 'Date and time',
  receiptAmount: 'Amount paid',
  receiptRemaining: 'Remaining balance',
  receiptStatus: 'Status',
  paymentStatus: {
    pending: 'Pending',
    succeeded: 'Paid',
    declined: 'Declined',
    processing: 'Processing',
    settled: 'Paid',
    returned: 'Returned by the bank',
    refunded: 'Refunded',
  } satisfies Record<PaymentStatus, string> as Record<PaymentStatus, string>,
  receiptKeep: 'Keep the confirmation number for your records.',
  receiptQuestions: (phone: string, email: string) => `Questions about this payment? Call ${phone} or email ${email}.`,
  printReceipt: 'Print receipt',
  saveReceipt: 'Save receipt',
  receiptFileTitle: (practice: string) => `Payment receipt, ${practice}`,
};

/** The shape every language must provide, term by term. */
export type PayTranslation = { readonly [K in keyof typeof payEn]: Widen<(typeof payEn)[K]> };

/** The payment form's words with the shared ones (errors, loading, statements), per language. */
export type PayWords = Translation & PayTranslation;

/** The book of these words: English here, each other language a chunk of its own fetched when spoken (`loadBook`). */
export const payBook: WordBook<PayTranslation> = { name: 'pay', en: payEn, loaders: { es: () => import('./pay-es.js').then((module) => module.payEs) } };

/** The words of `locale` with the main dictionary's under them (English until they have arrived). */
export const payWords: (locale: Locale) => PayWords = /* @__PURE__ */ withMainWords(payBook);
