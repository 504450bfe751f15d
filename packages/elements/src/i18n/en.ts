import type { BillIdIssueCode, DateOfBirthIssueCode } from '@billpay/sdk';

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

  // Table words other forms share with the bill
  colCode: 'Code',
  total: 'Total',

  // <bill-pay>: the account steps
  lookUpAnother: 'Look up a different bill',
  makePayment: 'Make a payment',
  backToBill: 'Back to your bill',
};

/** A dictionary term as every language must give it: any string, or a function of the same arguments. */
export type Widen<T> = T extends (...args: infer A) => string
  ? (...args: A) => string
  : T extends string
    ? string
    : T;

/** The shape every language must provide, term by term. */
export type Translation = { readonly [K in keyof typeof en]: Widen<(typeof en)[K]> };
