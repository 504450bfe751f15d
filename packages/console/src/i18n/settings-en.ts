/**
 * The English of the Settings page (admins only), loaded with it: kept out of the console's first
 * screen and apart from the other pages' words. Its shape is the contract Spanish must fill in.
 */
export const settingsEn = {
  problems: {
    settings_changed: 'Someone else saved the settings since you opened them, so yours were not saved. What you typed is still here: read the saved settings again, then make your changes once more.',
    insufficient_role: 'Only an admin of the practice can change its settings.',
  } as Record<string, string>,
  settingsTitle: 'Settings',
  settingsIntro: 'What patients see in the payment widget and on paper statements. A saved change is in force at once, without a restart; it wins over the practice’s configuration file.',
  lastSaved: (when: string) => `Last saved here: ${when}`,
  fromFile: 'These are the practice’s configuration file’s settings: none has been saved here yet.',
  fixedTitle: 'Set in the configuration file only',
  practiceId: 'Practice ID',
  timeZone: 'Time zone',
  allowedOrigins: 'Websites allowed to show the widget',

  contactLegend: 'Practice and billing contact',
  nameLabel: 'Practice name',
  phoneLabel: 'Billing phone',
  phoneHint: 'As patients should dial it, for example (555) 010-4477',
  emailLabel: 'Billing email',
  hoursLegend: (n: number) => `Opening hours ${n}`,
  daysLabel: 'Days',
  opensLabel: 'Opens',
  closesLabel: 'Closes',
  removeHours: (n: number) => `Remove opening hours ${n}`,
  addHours: 'Add opening hours',
  weekdays: { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' } as Record<string, string>,

  addressLegend: 'Where patients mail checks',
  addressHint: 'Printed on the paper statement’s return slip. Leave every line empty to use the first provider’s address.',
  line1Label: 'Street address or PO box',
  line2Label: 'Address line 2 (optional)',
  cityLabel: 'City',
  stateLabel: 'State',
  stateHint: 'Two capital letters, for example CT',
  postalCodeLabel: 'ZIP code',
  assistanceLabel: 'Financial assistance page (optional)',
  assistanceHint: 'A web address starting with https://',

  policiesLegend: 'Billing policies',
  daysUntilDueLabel: 'Days until a statement is due',
  invoicingFeeLabel: 'Invoicing fee (copay not paid at the visit)',
  returnedFeeLabel: 'Returned payment fee',
  letterAfterLabel: 'Days unpaid before a letter is mailed',
  collectionsAfterLabel: 'Days after the letter before collections',

  planLegend: 'Payment plans',
  plansOffered: 'Offer payment plans',
  minBalanceLabel: 'Smallest balance a plan may cover',
  minInstallmentLabel: 'Smallest payment of a plan',
  maxMonthsLabel: 'Longest plan, in months',
  frequenciesLabel: 'How often patients may pay',
  frequencies: { weekly: 'Weekly', biweekly: 'Every two weeks', semimonthly: 'Twice a month', monthly: 'Monthly' } as Record<string, string>,
  firstWithinLabel: 'First payment due within, in days',
  downPaymentLabel: 'Down payment (optional)',
  autopayLabel: 'Automatic payment',
  autopay: { offered: 'Offered', required_over_months: 'Required for longer plans', not_offered: 'Not offered' } as Record<string, string>,
  autopayOverLabel: 'Longest plan that may be paid by hand, in months',

  brandingLegend: 'Branding',
  accentLabel: 'Brand colour (buttons and links)',
  accentHint: 'As # and six hex digits, for example #0b5cad. It needs a contrast of at least 4.5:1 against white.',
  contrastIs: (ratio: string) => `Contrast against white: ${ratio}:1.`,

  previewTitle: 'Preview of the patient widget',
  previewHint: 'As patients will see it with the settings above, before you save. Not interactive.',

  save: 'Save settings',
  saving: 'Saving…',
  saved: 'Settings saved. Patients see them now.',
  reload: 'Read the saved settings again',
  invalidSummary: (n: number) => (n === 1 ? '1 field needs your attention. It is marked below.' : `${n} fields need your attention. They are marked below.`),

  // A field's error, in words (the server's and the page's own checks alike).
  errors: {
    name: 'Enter the practice’s name (up to 120 characters).',
    phone: 'Enter a phone number, for example (555) 010-4477.',
    email: 'Enter an email address, for example billing@example.org.',
    days: 'Choose at least one day.',
    time: 'Enter a time as HH:MM (24-hour), for example 08:00.',
    line1: 'Enter the street address or PO box.',
    city: 'Enter the city.',
    state: 'Enter the state as two capital letters, for example CT.',
    postalCode: 'Enter a ZIP code, for example 06510 or 06510-1234.',
    url: 'Enter a web address starting with https://.',
    frequencies: 'Choose at least one, each once.',
    autopayOver: 'Enter a number of months below the longest plan: shorter plans must be payable by hand.',
    downPaymentWindow: 'With a down payment, the first installment needs at least 1 day.',
    colorShape: 'Enter a colour as # and six hex digits, for example #0b5cad.',
    other: 'Check this value.',
  },
  wholeNumber: (min: number | undefined, max: number | undefined) =>
    min !== undefined && max !== undefined ? `Enter a whole number from ${min} to ${max}.` : 'Enter a whole number.',
  amount: (min: string | undefined) => (min ? `Enter an amount in dollars of at least ${min}, for example 25.00.` : 'Enter an amount in dollars, for example 25.00.'),
  colorContrast: (ratio: string) => `This colour has a contrast of ${ratio}:1 against white; buttons and links need at least 4.5:1. Choose a darker colour.`,
};

export type SettingsTranslation = typeof settingsEn;
