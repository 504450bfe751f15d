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
};

type Widen<T> = T extends (...args: infer A) => string ? (...args: A) => string : string;

/** The shape every language must provide, term by term. */
export type Translation = { readonly [K in keyof typeof en]: Widen<(typeof en)[K]> };
