import twilio from 'twilio';
import type { OutgoingSms, SendResult, SmsChannel } from './port.js';

export interface TwilioSettings {
  /** `TWILIO_ACCOUNT_SID`: `AC` and 32 hex digits. */
  readonly accountSid: string;
  /** `TWILIO_AUTH_TOKEN`: signs requests to Twilio, and Twilio's webhooks to billpay. */
  readonly authToken: string;
  /** `TWILIO_FROM`: the number texts come from (E.164, `+12035550100`), or a Messaging Service's SID (`MG…`). */
  readonly from: string;
  /** How long Twilio may take to answer. Default 20 s. */
  readonly timeoutMs?: number | undefined;
  /**
   * The HTTP client the official library sends through (its `httpClient` option, a
   * `twilio.RequestClient`); default the library's own. Tests give one that reaches a local copy
   * of the Messages API.
   */
  readonly httpClient?: twilio.RequestClient | undefined;
}

const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
const MESSAGING_SERVICE_SID = /^MG[0-9a-fA-F]{32}$/;
const PHONE_NUMBER = /^\+[1-9]\d{6,14}$/;

/** Why the settings cannot work, or undefined when they can. */
export function twilioSettingsProblem(settings: Partial<TwilioSettings>): string | undefined {
  if (!settings.accountSid || !ACCOUNT_SID.test(settings.accountSid)) return 'TWILIO_ACCOUNT_SID must be the account\'s SID (AC and 32 hex digits).';
  if (!settings.authToken) return 'TWILIO_AUTH_TOKEN must be set with TWILIO_ACCOUNT_SID.';
  if (!settings.from || !(PHONE_NUMBER.test(settings.from) || MESSAGING_SERVICE_SID.test(settings.from))) {
    return 'TWILIO_FROM must be the number texts come from (+12035550100) or a Messaging Service SID (MG…).';
  }
  return undefined;
}

/**
 * Error codes of Twilio's that no second try would change: the number is not one (21211), cannot
 * take texts (21614), replied STOP to this sender (21610), or is where the account may not send
 * (21408, 21612).
 */
const REFUSED_FOR_GOOD = new Set([21211, 21408, 21610, 21612, 21614]);

/**
 * Texts through Twilio's Messages API with its official library (`twilio`): one message per send,
 * from the configured number or Messaging Service. A refusal of the number is for good (recorded
 * as `bounced` with Twilio's code); a 429, a 5xx, an error of the account's settings, a timeout or a
 * failed connection is tried again with the outbox's backoff.
 */
export function twilioChannel(settings: TwilioSettings): SmsChannel {
  const problem = twilioSettingsProblem(settings);
  if (problem) throw new Error(problem);
  const client = twilio(settings.accountSid, settings.authToken, {
    httpClient: settings.httpClient ?? new twilio.RequestClient({ timeout: settings.timeoutMs ?? 20_000 }),
    // Never the library's debug log, whatever TWILIO_LOG_LEVEL says: it would print the body, with its link.
    logLevel: 'warn',
  });
  const sender = MESSAGING_SERVICE_SID.test(settings.from) ? { messagingServiceSid: settings.from } : { from: settings.from };
  return {
    kind: 'twilio',
    async send(sms: OutgoingSms): Promise<SendResult> {
      try {
        const message = await client.messages.create({ to: sms.to, body: sms.body, ...sender, ...(sms.statusCallback ? { statusCallback: sms.statusCallback } : {}) });
        return { ok: true, providerId: message.sid };
      } catch (error) {
        if (error instanceof twilio.RestException) {
          const code = typeof error.code === 'number' ? error.code : undefined;
          const permanent = code !== undefined && REFUSED_FOR_GOOD.has(code);
          return { ok: false, permanent, error: `twilio_${code ?? error.status}` };
        }
        const name = (error as { code?: unknown }).code;
        return { ok: false, permanent: false, error: name === 'ECONNABORTED' || name === 'ETIMEDOUT' ? 'timeout' : 'network' };
      }
    },
  };
}
