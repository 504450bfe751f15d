/** Where Twilio posts to this server about a practice's texts: `/messages/sms/{practiceId}` under the public origin. */
export const TEXT_REPLIES_PATH = '/messages/sms';

/** The address to give Twilio as the number's (or Messaging Service's) incoming-message webhook; signatures are checked against it. */
export const textRepliesUrl = (publicUrl: string, practiceId: string): string => new URL(`${TEXT_REPLIES_PATH}/${encodeURIComponent(practiceId)}`, publicUrl).href;

/** Where Twilio reports what became of each text billpay sent (its `StatusCallback`); signatures are checked against it. */
export const textStatusUrl = (publicUrl: string, practiceId: string): string => new URL(`${TEXT_REPLIES_PATH}/${encodeURIComponent(practiceId)}/status`, publicUrl).href;
