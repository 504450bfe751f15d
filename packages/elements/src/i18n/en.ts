import type {
  BillIdIssueCode,
  DateOfBirthIssueCode,
  FeeReason,
  InsurerNoteKind,
  PaymentMethodKind,
} from '@billpay/sdk';

/** Every problem the lookup form can report about a field. */
export type LookupIssueCode = BillIdIssueCode | DateOfBirthIssueCode | 'account.empty' | 'last_name.empty' | 'amount_due.invalid';


/**
 * The English dictionary. Its shape is the contract every other language must fill in
 * completely (see `Translation`): a missing or extra term is a type error, not an English
 * fallback at run time. Function-valued terms take what they need to phrase amounts and counts.
 */
export const en = {
  languageName: 'English',
  payYourBill: 'Pay your bill',
  loadingPractice: 'Loading billing information…',
  loadFailedTitle: 'We couldn’t load the billing page.',
  loadFailedNetwork: 'Check your internet connection and try again.',
  loadFailedNotFound: 'This practice could not be found. Please call the billing office.',
  loadFailedNotAllowed: 'Online bill pay isn’t available on this page yet. Please call the billing office to pay.',
  loadFailedOther: 'Something went wrong on our side. Please try again in a moment.',
  tryAgain: 'Try again',
  billingQuestions: 'Questions about your bill?',
  callBilling: (phone: string) => `Call billing at ${phone}`,
  emailBilling: 'Email the billing office',
  hours: 'Hours',
  hoursRange: (days: string, opens: string, closes: string, zone: string) => `${days}, ${opens} to ${closes} ${zone}`,
  financialAssistance: 'Financial assistance',
  financialAssistanceHint: 'Help paying for care, based on your income.',
  opensInNewTab: '(opens in a new tab)',
  logoAlt: (practice: string) => `${practice} logo`,

  // <bill-lookup>
  lookupTitle: 'Find your bill',
  lookupIntro: 'Use the Bill ID on your statement and the patient’s date of birth.',
  lookupIntroAccount: 'Use the account number on your statement and the patient’s last name.',
  lookupIntroLink: 'You opened the link from your statement email. To see the bill, enter the patient’s date of birth.',
  billIdLabel: 'Bill ID',
  billIdHint: '12 digits, printed at the top right of your statement',
  whereIsBillId: 'Where is my Bill ID?',
  whereIsBillIdAnswer:
    'Your Bill ID is the 12-digit number at the top right of your paper statement, next to the words “Bill ID”. It is also at the top of billing emails and text messages. No statement? Use your account number and last name, or call billing.',
  dobLegend: 'Patient’s date of birth',
  dobHint: 'For example, 3 9 1984',
  month: 'Month',
  day: 'Day',
  year: 'Year',
  accountNumberLabel: 'Account number',
  accountNumberHint: 'On your statement, for example A-100234',
  lastNameLabel: 'Patient’s last name',
  useAccountNumber: 'Use account number and last name instead',
  useBillId: 'Use Bill ID and date of birth instead',
  useBillIdNotLink: 'Use the Bill ID on your statement instead',
  findBill: 'Find my bill',
  findingBill: 'Finding your bill…',
  errorSummaryTitle: 'There is a problem',
  errorPrefix: 'Error:',
  issues: {
    'bill_id.empty': 'Enter your Bill ID.',
    'bill_id.too_short': 'Enter all 12 digits of the Bill ID; this has fewer.',
    'bill_id.too_long': 'A Bill ID has 12 digits; this has more. Check for an extra digit.',
    'bill_id.invalid_characters': 'A Bill ID has only numbers. Check for letters or symbols.',
    'bill_id.non_ascii_digits': 'Type the Bill ID with the digits 0 to 9.',
    'bill_id.check_digit': 'This Bill ID doesn’t look right. Check each digit against your statement.',
    'dob.empty': 'Enter the patient’s date of birth.',
    'dob.month_missing': 'The date of birth needs a month.',
    'dob.day_missing': 'The date of birth needs a day.',
    'dob.year_missing': 'The date of birth needs a year.',
    'dob.month_invalid': 'The month must be a number from 1 to 12.',
    'dob.day_invalid': 'The day must be a number from 1 to 31.',
    'dob.year_invalid': 'The year must have 4 digits, for example 1984.',
    'dob.not_a_date': 'That date doesn’t exist. Check the day and month.',
    'dob.future': 'The date of birth must be in the past.',
    'dob.too_old': 'Check the year of birth; it is more than 130 years ago.',
    'account.empty': 'Enter your account number.',
    'last_name.empty': 'Enter the patient’s last name.',
    'amount_due.invalid': 'Enter the amount due as dollars and cents, for example 142.50.',
  } satisfies Record<LookupIssueCode, string> as Record<LookupIssueCode, string>,
  lookupFailedBill:
    'We couldn’t find a bill with that Bill ID and date of birth. Check both against your statement and try again.',
  lookupFailedAccount:
    'We couldn’t find a bill with that account number and last name. Check both against your statement and try again.',
  lookupFailedLink:
    'We couldn’t open the bill with that date of birth, or the link has expired. Check the date and try again, or use the Bill ID on your statement.',
  lockedOut: ({ time, date }: { time: string; date?: string }) =>
    `For your security, this lookup is paused after too many tries. Try again after ${date ? `${time} on ${date}` : time}, or call billing for help.`,
  lockedOutStepUp: ({ time, date }: { time: string; date?: string }) =>
    `For your security, this bill is locked after too many tries. You can try again after ${date ? `${time} on ${date}` : time}. If you have your statement, add its amount due below to continue now, or call billing for help.`,
  amountDueLabel: 'Amount due on your statement (optional)',
  amountDueHint: 'As printed on any statement for this account, for example 142.50.',
  lookupNetwork: 'We couldn’t reach the billing system. Check your connection and try again.',
  lookupOther: 'Something went wrong on our side. Please try again in a moment.',
  sessionExpired: 'For your security, your session ended after 15 minutes without activity. Find your bill again to continue.',

  // <bill-summary>
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
  colCode: 'Code',
  colCharge: 'Charge',
  colInsurancePaid: 'Insurance paid',
  colAdjustment: 'Adjustment',
  colYouOwe: 'Your part',
  total: 'Total',
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
  lookUpAnother: 'Look up a different bill',

  makePayment: 'Make a payment',
  backToBill: 'Back to your bill',

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

/** A dictionary term as every language must give it: any string, or a function of the same arguments. */
export type Widen<T> = T extends (...args: infer A) => string
  ? (...args: A) => string
  : T extends string
    ? string
    : T;

/** The shape every language must provide, term by term. */
export type Translation = { readonly [K in keyof typeof en]: Widen<(typeof en)[K]> };
