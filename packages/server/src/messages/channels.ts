import { smtpChannel } from './email.js';
import type { Channels } from './port.js';
import { twilioChannel, twilioSettingsProblem } from './sms.js';

export interface ChannelSettings {
  /** `SMTP_URL`: email goes through this SMTP server; without it, email is held in the database outbox. */
  readonly smtpUrl?: string | undefined;
  /** `SMTP_FROM`: the sender's address. Required with `smtpUrl`. */
  readonly smtpFrom?: string | undefined;
  /** `TWILIO_ACCOUNT_SID`: texts go through this Twilio account; without it, texts are held in the database outbox. */
  readonly twilioAccountSid?: string | undefined;
  /** `TWILIO_AUTH_TOKEN`: required with the account's SID; it also checks Twilio's signature on replies. */
  readonly twilioAuthToken?: string | undefined;
  /** `TWILIO_FROM`: the number texts come from, or a Messaging Service SID. Required with the account's SID. */
  readonly twilioFrom?: string | undefined;
}

/** The channels the settings configure: email by SMTP, texts by Twilio; each one left out is held in the outbox. */
export function channelsFrom(settings: ChannelSettings): Channels {
  const channels: { -readonly [K in keyof Channels]: Channels[K] } = {};
  if (settings.smtpUrl) {
    if (!settings.smtpFrom) throw new Error('SMTP_FROM must name the sender\'s address (e.g. billing@example.com) when SMTP_URL is set.');
    channels.email = smtpChannel({ url: settings.smtpUrl, from: settings.smtpFrom });
  }
  if (settings.twilioAccountSid || settings.twilioAuthToken || settings.twilioFrom) {
    const twilio = { accountSid: settings.twilioAccountSid ?? '', authToken: settings.twilioAuthToken ?? '', from: settings.twilioFrom ?? '' };
    const problem = twilioSettingsProblem(twilio);
    if (problem) throw new Error(problem);
    channels.sms = twilioChannel(twilio);
  }
  return channels;
}
