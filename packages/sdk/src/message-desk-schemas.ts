/**
 * The wire contract of an account's message preferences on the billing office's desk (issue 16):
 * `GET /admin/v1/accounts/{id}/message-preferences`, what the patient receives with where each
 * channel's consent stands, and `POST` of the same to stop email or texts at the patient's request.
 * Staff only ever turn a channel off: turning one on takes the patient's own consent, proved by a
 * code sent to the address. Addresses come back masked.
 */
import * as z from 'zod/mini';

/** How consent was last given or taken back: the patient's preferences, a STOP/START reply, an unsubscribe link, the billing office. */
export const ConsentSourceSchema = z.enum(['patient', 'text_reply', 'unsubscribe_link', 'staff']);
export type ConsentSource = z.infer<typeof ConsentSourceSchema>;

/** The latest row of the consent record for a channel's address. */
export const ConsentStateSchema = z.object({
  action: z.enum(['granted', 'revoked']),
  source: ConsentSourceSchema,
  /** When (an ISO 8601 instant). */
  at: z.string(),
});
export type ConsentState = z.infer<typeof ConsentStateSchema>;

export const DeskChannelSchema = z.object({
  /** Whether statement notices go by this channel now. */
  on: z.boolean(),
  /** The address they go (or went) to, masked; null when there is none. */
  address: z.nullable(z.string()),
  /** Set when off because of a STOP reply, an unsubscribe link or the billing office. */
  stoppedBy: z.nullable(z.enum(['text_reply', 'unsubscribe_link', 'staff'])),
  /** Where the address's consent stands, and when and how it last changed; null when nothing was ever recorded. */
  consent: z.nullable(ConsentStateSchema),
});
export type DeskChannel = z.infer<typeof DeskChannelSchema>;

export const AccountMessagePreferencesSchema = z.object({
  /** The practice's name as a revocation's words say it (`staffRevocationText`): the console shows staff the words recorded. */
  practiceName: z.string(),
  /** No paper statement is mailed: statements are told by email or text only. */
  paperless: z.boolean(),
  email: DeskChannelSchema,
  sms: DeskChannelSchema,
});
export type AccountMessagePreferences = z.infer<typeof AccountMessagePreferencesSchema>;

/**
 * `POST /admin/v1/accounts/{id}/message-preferences`: email and/or texts off, at the patient's
 * request (`false` only: staff never turn a channel on). `language`: the console's, in which the
 * revocation's words (`staffRevocationText`) were shown and are recorded.
 */
export const StopMessagesRequestSchema = z
  .object({
    email: z.optional(z.literal(false)),
    sms: z.optional(z.literal(false)),
    language: z.enum(['en', 'es']),
  })
  .check(z.refine((body) => body.email === false || body.sms === false, { message: 'Say which to stop: `email: false`, `sms: false` or both.', path: ['email'] }));
export type StopMessagesRequest = z.infer<typeof StopMessagesRequestSchema>;
