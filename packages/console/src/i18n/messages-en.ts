/**
 * The English of an account's message preferences on the desk and of stopping them at the
 * patient's request: loaded with the account page, never with the first screen. Its shape is the
 * contract Spanish (`messages-es.ts`) must fill in completely.
 */
export const messagesEn = {
  messagesTitle: 'Messages',
  loadingMessages: 'Loading what the patient receives…',
  paperless: 'Paperless statements',
  paperlessOn: 'Yes: no paper statement is mailed',
  paperlessOff: 'No: paper statements are mailed',
  channelName: { email: 'Email', sms: 'Text messages' } as Record<string, string>,
  channelOn: (address: string) => `On, to ${address}`,
  channelOff: (address: string) => `Off (${address})`,
  noAddress: 'Off: no address on file',
  stoppedBy: {
    text_reply: 'The patient replied STOP.',
    unsubscribe_link: 'The patient used an email’s unsubscribe link.',
    staff: 'The billing office stopped them at the patient’s request.',
  } as Record<string, string>,
  consentAction: { granted: 'Consent given', revoked: 'Consent taken back' } as Record<string, string>,
  consentSource: { patient: 'by the patient in their preferences', text_reply: 'by a text reply', unsubscribe_link: 'by an unsubscribe link', staff: 'by the billing office' } as Record<string, string>,
  consentLine: (action: string, source: string, when: string) => `${action} ${source}, ${when}.`,
  noConsent: { email: 'Nothing recorded: statement emails go to the address on file.', sms: 'No consent recorded: no texts about statements.' } as Record<string, string>,
  onlyOff:
    'Staff can only stop messages, at the patient’s request. Turning email or texts on needs the patient’s own consent: they do it in their bill’s message preferences, with a code sent to the address.',
  stopButton: { email: 'Stop emails', sms: 'Stop texts' } as Record<string, string>,
  stopTitle: { email: 'Stop emails?', sms: 'Stop text messages?' } as Record<string, string>,
  stopIntro: 'Only at the patient’s request. It takes effect at once: messages waiting to be sent are not sent. The patient’s consent record keeps your name, the time and these words:',
  stopped: { email: 'Emails are stopped.', sms: 'Texts are stopped.' } as Record<string, string>,
  alreadyOff: 'They were already off: nothing changed.',
};

export type MessagesTranslation = typeof messagesEn;
