/**
 * `<good-faith-estimate>`'s words: English here, Spanish in estimate-es.ts, fetched only when
 * spoken. Kept beside the main dictionaries (en.ts,
 * es.ts) rather than in them, so they arrive with the estimate form: a page that pays a bill, or
 * `<bill-lookup>` on its own, need not carry them. (The dispute notice on a bill stays in the main
 * dictionaries: `<bill-summary>` shows it.) `estimateEn`'s shape is what every language must fill
 * in completely.
 */
import { ESTIMATE_DISCLAIMER_WORDS } from '@billpay/sdk';
import type { Translation, Widen } from './en.js';
import type { Locale, WordBook } from './locales.js';
import { withMainWords } from './with-main-words.js';

export const estimateEn = {
  gfeTitle: 'Get a cost estimate',
  gfeIntro:
    'If you don’t have health insurance, or won’t use it for this care, you have the right to a Good Faith Estimate of what your care will cost. Choose the services, tell us about the patient, and you’ll get the estimate right away.',
  gfeLoading: 'Loading prices…',
  gfeLoadFailed: 'We couldn’t load the price list. Check your connection and try again.',
  gfeUnavailable: 'This practice doesn’t give estimates online. Please call billing for a Good Faith Estimate.',
  gfeSeeAgain: 'Already have an estimate? See it again',
  gfeAccessTitle: 'See your estimate again',
  gfeAccessIntro: 'For your privacy, an estimate is shown only with its number and the patient’s date of birth.',
  gfeAccessNumberHint: 'On your estimate, under “Estimate number”. It begins with gfe_.',
  gfeAccessSubmit: 'Show my estimate',
  gfeAccessing: 'Finding your estimate…',
  gfeAccessFailed: 'We couldn’t find an estimate with that number and date of birth. Check both against your estimate and try again.',
  gfeAccessLocked: ({ time, date }: { time: string; date?: string }) =>
    `For your security, this is paused after too many tries. Try again after ${date ? `${time} on ${date}` : time}, or call billing for a copy.`,
  gfeAccessOther: 'Something went wrong on our side. Try again in a moment, or call billing for a copy.',
  gfeAskInstead: 'Ask for a new estimate instead',
  gfeServicesLegend: 'Which services do you need?',
  gfeSearchLabel: 'Find a service',
  gfeSearchHint: 'Search by name or code, for example “MRI” or “72148”',
  gfeCategoryLabel: 'Category',
  gfeAllCategories: 'All categories',
  gfeCategory: {
    visits: 'Office visits',
    preventive: 'Preventive checkups',
    imaging: 'X-rays and scans',
    laboratory: 'Laboratory tests',
    procedures: 'Procedures',
    therapy: 'Physical therapy',
    vaccines: 'Vaccines',
    anesthesia: 'Anesthesia',
    pathology: 'Pathology',
  },
  gfeMatches: (count: number) =>
    count === 0 ? 'No services match. Try another word or category.' : count === 1 ? '1 service matches.' : `${count} services match.`,
  gfeComesWith: 'Comes with:',
  gfeOptional: 'optional',
  gfeChosenTitle: 'Your services',
  gfeNothingChosen: 'No services chosen yet.',
  gfeMainService: 'This is the main service',
  gfeInclude: (item: string) => `Include ${item}`,
  gfeRemove: (service: string) => `Remove ${service}`,
  gfeRunningTotal: (amount: string) => `Expected total so far: ${amount}`,
  gfeScheduleLegend: 'Is the main service scheduled?',
  gfeNotScheduled: 'Not scheduled yet',
  gfeScheduled: 'Yes, it is scheduled',
  gfeScheduledDateLegend: 'Scheduled date',
  gfeScheduledDateHint: 'For example, 12 14 2026',
  gfePatientLegend: 'About the patient',
  gfeFirstName: 'First name',
  gfeLastName: 'Last name',
  gfeContactLegend: 'How can we reach you?',
  gfeContactHint: 'Give an email address, a phone number, or both.',
  gfeEmail: 'Email address',
  gfePhone: 'Phone number',
  gfeCoverageLegend: 'Health insurance',
  gfeCoverageHint: 'Estimates are for patients who pay for their care themselves.',
  gfeUninsured: 'I don’t have health insurance',
  gfeNotUsingInsurance: 'I have health insurance but won’t use it for this care',
  gfeDiagnosisLabel: 'Diagnosis codes (optional)',
  gfeDiagnosisHint: 'If your doctor gave you ICD-10 codes, for example M54.50. Separate them with commas.',
  gfeCopyLabel: 'Email me a copy (optional)',
  gfeCopyHint: 'We’ll email a copy of your estimate to this address, in the language of this page.',
  gfeCopySent: (email: string) => `A copy of this estimate is on its way to ${email}.`,
  gfeSubmit: 'Get my estimate',
  gfeSubmitting: 'Preparing your estimate…',
  gfeIssues: {
    'copy.email_invalid': 'Enter the email address for your copy like name@example.com, or leave it empty.',
    'copy.too_many': 'Too many copies were sent to this address in the last hour. Leave it empty, or try again later.',
    'services.none': 'Choose at least one service.',
    'first_name.empty': 'Enter the patient’s first name.',
    'last_name.empty': 'Enter the patient’s last name.',
    'contact.none': 'Enter an email address or a phone number so we can reach you.',
    'contact.email_invalid': 'Enter an email address like name@example.com.',
    'contact.phone_invalid': 'Enter a phone number with its area code, for example (555) 010-2000.',
    'coverage.none': 'Tell us whether you have health insurance.',
    'scheduled.empty': 'Enter the scheduled date, or choose “Not scheduled yet”.',
    'scheduled.month_missing': 'The scheduled date needs a month.',
    'scheduled.day_missing': 'The scheduled date needs a day.',
    'scheduled.year_missing': 'The scheduled date needs a year.',
    'scheduled.month_invalid': 'The month must be a number from 1 to 12.',
    'scheduled.day_invalid': 'The day must be a number from 1 to 31.',
    'scheduled.year_invalid': 'The year must have 4 digits, for example 2026.',
    'scheduled.not_a_date': 'That date doesn’t exist. Check the day and month.',
    'scheduled.past': 'The scheduled date has passed. Check the date.',
    'scheduled.too_far': 'An estimate can look at most 12 months ahead.',
    'diagnosis.too_many': 'Enter at most 12 diagnosis codes.',
    'estimate_id.empty': 'Enter the estimate number.',
    'estimate_id.invalid': 'An estimate number begins with gfe_ followed by letters and digits. Check it against your estimate.',
    'estimate.service_unknown': 'One of the services is no longer on the price list. Choose it again.',
    'estimate.service_bundled_only': 'One of the services comes only with another service. Choose that service.',
    'estimate.service_repeated': 'A service is chosen twice. Remove one.',
    'estimate.primary_not_chosen': 'Choose the main service again.',
    'estimate.declined_not_optional': 'A service brings an item that can’t be left out.',
    'estimate.scheduled_in_past': 'The scheduled date has passed. Check the date.',
    'estimate.scheduled_too_far': 'An estimate can look at most 12 months ahead.',
  } as Record<string, string>,
  gfeDiagnosisInvalid: (code: string) => `“${code}” is not an ICD-10 code. Codes look like M54.50; leave this empty if you don’t have one.`,
  gfeCheckAnswer: 'Check this answer.',
  gfeRequestFailed: 'We couldn’t reach the billing system. Your answers are still here; try again.',
  gfeRequestRefused: 'We couldn’t prepare the estimate. Check your answers and try again, or call billing.',
  gfeTooMany: (minutes: number) =>
    `Many estimates were asked for from this connection in the last hour. Your answers are still here; try again in ${minutes === 1 ? '1 minute' : `${String(minutes)} minutes`}, or call billing.`,
  gfeDocTitle: (name: string) => `Good Faith Estimate for ${name}`,
  gfeDocIntro: 'What the providers below expect to charge for this care if you pay for it yourself, with the self-pay discount included.',
  gfePatientName: 'Patient',
  gfeDateOfBirth: 'Date of birth',
  gfeCoverage: 'Insurance',
  gfeCoverageStatement: {
    uninsured: 'The patient does not have health insurance.',
    not_using_insurance: 'The patient has health insurance but is not using it for this care.',
  },
  gfePrimaryService: 'Main service',
  gfeScheduledFor: 'Scheduled for',
  gfeNotScheduledYet: 'Not scheduled yet',
  gfeDiagnosisCodes: 'Diagnosis codes',
  gfeNoDiagnosisCodes: 'None given',
  gfeIssuedOn: 'Date of this estimate',
  gfeEstimateNumber: 'Estimate number',
  gfeTotalExpected: 'Total expected charges',
  gfeProvidersTitle: 'Expected charges, by provider',
  gfeRole: { convening: 'Scheduling provider', co_provider: 'Also provides care (co-provider)' },
  gfeNpi: 'NPI',
  gfeTin: 'Tax ID (TIN)',
  gfeLocation: 'Location',
  gfeItemsCaption: (provider: string) => `Expected charges from ${provider}`,
  gfeColService: 'Service',
  gfeColCode: 'Code',
  gfeColQuantity: 'Quantity',
  gfeColExpected: 'Expected charge',
  gfeWithService: (service: string) => `With: ${service}`,
  gfeProviderTotal: (provider: string) => `Total, ${provider}`,
  gfeSeparatelyTitle: 'Services to schedule separately',
  gfeSeparatelyNone: 'None expected.',
  gfeDisclaimersTitle: 'Please read',
  gfeDisclaimer: ESTIMATE_DISCLAIMER_WORDS.en,
  gfeDisputeHowTo: 'To learn more or to start a dispute, visit',
  gfeDisputePhone: (phone: string) => `or call ${phone}.`,
  gfeKeepCopy: 'Keep a copy of this estimate: print it or save it. If you are billed more, you will need it.',
  gfePrint: 'Print',
  gfeSave: 'Save as a file',
  gfeSaved: 'Saved. Look for the file in your downloads.',
  gfeNewEstimate: 'Get another estimate',
  gfeFileTitle: (name: string) => `Good Faith Estimate for ${name}`,
};

/** The shape every language must provide, term by term. */
export type EstimateTranslation = { readonly [K in keyof typeof estimateEn]: Widen<(typeof estimateEn)[K]> };

/** The estimate form's words with the shared ones, per language. */
export type EstimateWords = Translation & EstimateTranslation;

/** The book of these words: English here, each other language a chunk of its own fetched when spoken (`loadBook`). */
export const estimateBook: WordBook<EstimateTranslation> = { name: 'estimate', en: estimateEn, loaders: {
  es: () => import('./estimate-es.js').then((module) => ({ ...module.estimateEs, gfeDisclaimer: ESTIMATE_DISCLAIMER_WORDS.es })),
} };

/** The words of `locale` with the main dictionary's under them (English until they have arrived). */
export const estimateWords: (locale: Locale) => EstimateWords = /* @__PURE__ */ withMainWords(estimateBook);
