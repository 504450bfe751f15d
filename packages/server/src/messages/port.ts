/**
 * The channels messages go out through, as ports whose types are billpay's own: the delivery job
 * knows only these, and each provider is an adapter chosen by configuration (`channels.ts`).
 */

/** An email as rendered: plain text and HTML, and the headers a notice carries (List-Unsubscribe). */
export interface OutgoingEmail {
  readonly to: string;
  /** The practice's name, shown as the sender's. */
  readonly fromName: string;
  /** Where a reply goes: the practice's billing office. */
  readonly replyTo: string | undefined;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** A text message as rendered. */
export interface OutgoingSms {
  readonly to: string;
  readonly body: string;
  /** Where the provider reports whether it arrived (`text-status.ts`). */
  readonly statusCallback?: string | undefined;
}

/** What a provider said: taken (with its id for the message), or refused (for good, or for now). */
export type SendResult =
  | { readonly ok: true; readonly providerId: string | null }
  /** `permanent`: the address was refused (a bounce): trying again would not help. */
  | { readonly ok: false; readonly permanent: boolean; readonly error: string };

export interface EmailChannel {
  readonly kind: string;
  send(email: OutgoingEmail): Promise<SendResult>;
  close?(): void;
}

/**
 * The port a text message provider fills (`sms.ts`: Twilio; its signed webhook for replies such as
 * STOP and HELP is `replies.ts`). With none configured, texts are held in the database outbox as
 * email is.
 */
export interface SmsChannel {
  readonly kind: string;
  send(sms: OutgoingSms): Promise<SendResult>;
}

/** The channels configured; a channel left out holds its messages in the database outbox. */
export interface Channels {
  readonly email?: EmailChannel | undefined;
  readonly sms?: SmsChannel | undefined;
}
