/**
 * The words of `<message-preferences>`: paperless statements, email and text messages, and the
 * code that turns each on: English here, Spanish in preferences-es.ts, fetched only when spoken.
 * Loaded with the element, apart from the main dictionaries. The consent's
 * own words come from the SDK (`consentText`), which the server records. `preferencesEn`'s shape is
 * what every language must fill in completely.
 */
import type { Widen } from './en.js';
import type { WordBook } from './locales.js';

export const preferencesEn = {
  title: 'Statements and alerts',
  loading: 'Loading your choices…',
  loadFailed: 'We couldn’t load your choices. Try again, or call billing.',
  tryAgain: 'Try again',
  paperless: 'Paperless statements: no paper statement in the mail',
  paperlessHint: 'We’ll tell you by email or text when a statement is ready. Turn on email or text messages first.',
  emailTitle: 'Email',
  smsTitle: 'Text messages',
  channelOn: (address: string) => `On: statement alerts go to ${address}.`,
  channelOff: 'Off.',
  stoppedByReply: 'Off: you replied STOP to a text.',
  stoppedByLink: 'Off: you used the unsubscribe link in an email.',
  stoppedByStaff: 'Off: the billing office turned it off at your request.',
  turnOnEmail: 'Turn on email',
  turnOnSms: 'Turn on text messages',
  turnOffEmail: 'Turn off email',
  turnOffSms: 'Turn off text messages',
  setupEmailTitle: 'Turn on email',
  setupSmsTitle: 'Turn on text messages',
  whichAddress: 'Where should we send them?',
  useOnFile: (address: string) => `The one we have on file (${address})`,
  useOther: 'Another one',
  emailLabel: 'Email address',
  smsLabel: 'Mobile number',
  smsHint: 'A US mobile number, for example (203) 555-0123.',
  sendCode: 'Send code',
  sendingCode: 'Sending the code…',
  cancel: 'Cancel',
  codeTitle: 'Enter the code',
  codeSent: (to: string) => `We sent a 6-digit code to ${to}. It works for 10 minutes.`,
  codeLabel: 'Verification code',
  codeHint: '6 digits',
  confirm: 'Turn on',
  confirming: 'Checking the code…',
  newCode: 'Send a new code',
  errorSummaryTitle: 'There is a problem',
  errorPrefix: 'Error:',
  addressMissingEmail: 'Enter your email address',
  addressMissingSms: 'Enter your mobile number',
  addressInvalidEmail: 'Enter an email address such as name@example.com',
  addressInvalidSms: 'Enter a US mobile number such as (203) 555-0123',
  codeMissing: 'Enter the 6-digit code',
  codeFormat: 'The code is 6 digits',
  codeWrong: 'That code is not right. Check it and try again.',
  codeExpired: 'This code has expired. Send a new code.',
  tooManyAttempts: 'Too many wrong codes. Send a new code.',
  tooManyCodes: 'Too many codes were sent. Wait 15 minutes, or call billing.',
  noAddress: 'We have no address on file for this. Type one.',
  paperlessNeedsChannel: 'Turn on email or text messages first, so you hear when a statement is ready.',
  failed: 'That didn’t work. Try again, or call billing.',
  announceCodeSent: (to: string) => `Code sent to ${to}.`,
  announceOn: (channel: 'email' | 'sms') => (channel === 'email' ? 'Email is on.' : 'Text messages are on.'),
  announceOff: (channel: 'email' | 'sms') => (channel === 'email' ? 'Email is off.' : 'Text messages are off.'),
  announcePaperless: (on: boolean) => (on ? 'Paperless statements are on.' : 'Paper statements will be mailed.'),
};

/** The shape every language must provide, term by term. */
export type PreferencesTranslation = { readonly [K in keyof typeof preferencesEn]: Widen<(typeof preferencesEn)[K]> };

/** The book of these words: English here, each other language a chunk of its own fetched when spoken (`loadBook`). */
export const preferencesBook: WordBook<PreferencesTranslation> = { name: 'preferences', en: preferencesEn, loaders: { es: () => import('./preferences-es.js').then((module) => module.preferencesEs) } };
