/**
 * The wire contract of the patient's message preferences (issue 16): paperless statements, and
 * email and text messages each turned on by a code sent to the address. Addresses come back
 * masked (`r***@example.com`, `***-***-0142`): a session opened with a Bill ID never reads the
 * patient's full contact details.
 */
import * as z from 'zod/mini';
import { MAX_MESSAGE_EMAIL_LENGTH, MESSAGE_CONSENT_VERSION } from './message-consent.js';

export const MessageChannelSchema = z.enum(['email', 'sms']);
export type MessageChannel = z.infer<typeof MessageChannelSchema>;

/** Who stopped a channel outside the preferences: a STOP reply, an email's unsubscribe link, the billing office. */
export const StoppedBySchema = z.enum(['text_reply', 'unsubscribe_link', 'staff']);
export type StoppedBy = z.infer<typeof StoppedBySchema>;

export const ChannelPreferenceSchema = z.object({
  /** Whether statement notices go by this channel. */
  on: z.boolean(),
  /** The address they go to (or went to), masked; null when there is none. */
  address: z.nullable(z.string()),
  /** The address the practice has on file, masked: the patient may turn the channel on for it without typing it. */
  onFile: z.nullable(z.string()),
  /** Set when the channel is off because of a STOP reply, an unsubscribe link or the billing office. */
  stoppedBy: z.nullable(StoppedBySchema),
});
export type ChannelPreference = z.infer<typeof ChannelPreferenceSchema>;

export const MessagePreferencesSchema = z.object({
  /** No paper statement is mailed: statements are told by email or text only. Needs a channel on. */
  paperless: z.boolean(),
  email: ChannelPreferenceSchema,
  sms: ChannelPreferenceSchema,
});
export type MessagePreferences = z.infer<typeof MessagePreferencesSchema>;

/** `POST /v1/message-preferences/verifications`: send a code to turn a channel on. */
export const VerificationRequestSchema = z.object({
  channel: MessageChannelSchema,
  /** The address typed; left out, the address on file. */
  address: z.optional(z.string().check(z.minLength(1), z.maxLength(MAX_MESSAGE_EMAIL_LENGTH))),
  /** The language the consent's words were shown in: the server records them in it. */
  language: z.enum(['en', 'es']),
  /** The version of the words shown (`MESSAGE_CONSENT_VERSION`). */
  consentVersion: z.literal(MESSAGE_CONSENT_VERSION),
});
export type VerificationRequest = z.infer<typeof VerificationRequestSchema>;

export const VerificationSchema = z.object({
  id: z.string(),
  channel: MessageChannelSchema,
  /** Where the code went, masked. */
  to: z.string(),
  expiresAt: z.string(),
  attemptsLeft: z.number(),
});
export type Verification = z.infer<typeof VerificationSchema>;

/** `POST /v1/message-preferences/verifications/{id}`: the code the patient received. */
export const VerificationCodeRequestSchema = z.object({ code: z.string().check(z.regex(/^\d{6}$/)) });
export type VerificationCodeRequest = z.infer<typeof VerificationCodeRequestSchema>;

/** `POST /v1/message-preferences`: paperless on or off, a channel off (turning one on takes a code). */
export const PreferencesChangeSchema = z.object({
  paperless: z.optional(z.boolean()),
  email: z.optional(z.literal(false)),
  sms: z.optional(z.literal(false)),
  /** The language of the words shown: a revocation is recorded in it. */
  language: z.enum(['en', 'es']),
});
export type PreferencesChange = z.infer<typeof PreferencesChangeSchema>;
