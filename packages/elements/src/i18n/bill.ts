/**
 * Words of the bill (`<bill-summary>`) and of the documents printed from it: kept out of the main
 * dictionaries, which the first screen (`<bill-pay>`, `<bill-lookup>`) carries, so a patient
 * typing a Bill ID has not waited for them. English here, Spanish in bill-es.ts, fetched only
 * when spoken. `billEn`'s shape is what every language must fill in completely.
 */
import type { FeeReason, InsurerNoteKind, PaymentMethodKind, PaymentStatus } from '@billpay/sdk';
import type { Widen } from './en.js';
import type { WordBook } from './locales.js';

export const billEn = {
  /** While a payment plan is kept, what is due is its next payment, not the balance. */
  planBalanceNext: (amount: string, date: string) => `Paid by your payment plan. Next payment: ${amount} on ${date}.`,
  statementInPlan: 'In your payment plan',
  /** The notes of a self-pay bill: no insurer decided anything. */
  chargeNotesTitle: 'About these charges',
  selfPayNote: (amount: string) => `${amount} was billed to you directly, without insurance.`,
  paymentsTitle: 'Payments',
  colStatus: 'Status',
  paymentStatus: {
    pending: 'Processing',
    succeeded: 'Received',
    declined: 'Declined',
    processing: 'Processing: bank payments take 2 to 3 business days',
    settled: 'Received',
    returned: 'Returned by the bank',
    refunded: 'Refunded',
  } satisfies Record<PaymentStatus, string> as Record<PaymentStatus, string>,
  /** Beside a payment's status when the practice refunded some or all of it. */
  paymentRefunded: (amount: string) => `Refunded ${amount}`,
  /** Fees not tied to a statement (those on a statement are among its charges). */
  otherFeesTitle: 'Other fees',

  // The bill itself: kept out of the main dictionary, which the first screen carries (README "Size").
  accountHeading: (firstName: string, lastInitial: string) => `Bill for ${firstName} ${lastInitial}.`,
  accountNumber: (number: string) => `Account ${number}`,
  balanceLabel: 'Balance',
  dueBy: (date: string) => `Due by ${date}`,
  wasDue: (date: string) => `Past due since ${date}`,
  paidInFull: 'You have no balance due. Thank you!',
  creditBalance: (amount: string) => `You have a credit of ${amount}.`,
  noticeDue: (date: string) => `Please pay by ${date}.`,
  noticePastDue: (due: string, letter: string) =>
    `This balance was due on ${due}. If it stays unpaid, a letter will be mailed on ${letter}. Call us if you need a payment plan or help.`,
  noticeLetterSent: (mailed: string, collections: string) =>
    `A letter was mailed on ${mailed}. The account will be referred to collections on ${collections} unless you pay or call us.`,
  noticeInCollections: (date: string) => `This account was referred to collections on ${date}. Please call billing.`,
  agingTitle: 'Balance by age',
  agingCurrent: 'Current',
  aging30: '30 to 59 days',
  aging60: '60 to 89 days',
  aging90: '90 days or more',
  statementsTitle: 'Statements',
  noStatements: 'There are no statements on this account yet.',
  statementOf: (date: string) => `Statement of ${date}`,
  servicePeriod: (start: string, end: string) => (start === end ? `Services on ${start}` : `Services from ${start} to ${end}`),
  statementAmount: 'Amount billed',
  statementOpen: 'Still owed',
  statementDue: 'Due date',
  showDetails: 'Show itemized charges',
  hideDetails: 'Hide itemized charges',
  loadingDetails: 'Loading itemized charges…',
  detailsFailed: 'We couldn’t load the itemized charges. Try again.',
  itemsCaption: (date: string) => `Itemized charges, statement of ${date}`,
  colServiceDate: 'Date of service',
  colService: 'Service',
  colCharge: 'Charge',
  colInsurancePaid: 'Insurance paid',
  colAdjustment: 'Adjustment',
  colYouOwe: 'Your part',
  insurerNotesTitle: 'What your insurance decided',
  insurerNote: {
    deductible: (amount: string) => `${amount} went toward your deductible, the amount you pay each year before insurance starts to pay.`,
    coinsurance: (amount: string) => `${amount} is your coinsurance: your share of the cost after the deductible.`,
    copay: (amount: string) => `${amount} is your copay, the set amount for this kind of visit.`,
    not_covered: (amount: string) => `${amount} is not covered by insurance, or was billed without insurance.`,
    copay_not_paid_at_visit: (amount: string) => `${amount} is your copay. It was not paid at the visit.`,
  } satisfies Record<InsurerNoteKind, (amount: string) => string> as Record<InsurerNoteKind, (amount: string) => string>,
  feeReason: {
    invoicing_fee: 'Invoicing fee: the copay was not paid at the visit',
    returned_payment: 'Returned payment fee: a payment was returned by the bank',
  } satisfies Record<FeeReason, string> as Record<FeeReason, string>,
  paymentMethod: { card: 'Card', bank: 'Bank account', wallet: 'Digital wallet', other: 'Other' } satisfies Record<PaymentMethodKind, string> as Record<PaymentMethodKind, string>,
  colDate: 'Date',
  colDescription: 'Description',
  colAmount: 'Amount',
  printItemized: 'Print itemized bill',
  preparingPrint: 'Preparing your itemized bill…',


  // <bill-summary>: a bill that may be disputed against a Good Faith Estimate
  disputeTitle: 'You may dispute this bill',
  disputeBill: (date: string) => `Bill of ${date}`,
  disputeWhy: (provider: string, billed: string, over: string, expected: string) =>
    `${provider} billed ${billed}. That is ${over} more than the ${expected} on your Good Faith Estimate.`,
  disputeRule: 'When one provider bills $400 or more above its part of your Good Faith Estimate, you can ask for an independent review of the bill.',
  disputeBy: (date: string) => `Start the dispute by ${date}.`,
  disputeHow: (fee: string) => `To start, fill out the dispute form on the federal No Surprises website and include this bill and your estimate. There is a ${fee} fee.`,
  disputeLink: 'Start a dispute on the No Surprises website',
  disputeCall: (phone: string) => `Questions about disputes: call the No Surprises Help Desk at ${phone}.`,
  disputeCare:
    'Starting a dispute does not affect the care you receive. While the dispute is open, this bill will not be sent to collections and no late fees will be added.',
};

/** The shape every language must provide, term by term. */
export type BillTranslation = { readonly [K in keyof typeof billEn]: Widen<(typeof billEn)[K]> };

/** The book of these words: English here, each other language a chunk of its own fetched when spoken (`loadBook`). */
export const billBook: WordBook<BillTranslation> = { name: 'bill', en: billEn, loaders: { es: () => import('./bill-es.js').then((module) => module.billEs) } };
