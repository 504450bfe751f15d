import type { Context } from 'hono';
import twilio from 'twilio';
import type { AppEnv } from '../http/context.js';
import { ApiProblem } from '../http/problem.js';

/** How Twilio's webhooks to this server are checked. */
export interface TwilioWebhookSettings {
  /** `TWILIO_AUTH_TOKEN`: Twilio signs each webhook with it. */
  readonly authToken: string;
  /** The origin Twilio reaches this server at (`BILLPAY_PUBLIC_URL`): the signature covers the whole URL. */
  readonly publicUrl: () => string;
}

/**
 * The form parameters of a webhook Twilio posted to `url` (form encoded), once its
 * `X-Twilio-Signature` is checked with the library's `validateRequest` over that URL and the
 * parameters; before that nothing in it is believed. Unsigned or wrongly signed: 403
 * `invalid_signature`; a body that cannot be read: 400.
 */
export async function signedTwilioForm(c: Context<AppEnv>, settings: TwilioWebhookSettings, url: string): Promise<Record<string, string>> {
  let form: URLSearchParams;
  try {
    form = new URLSearchParams(await c.req.text());
  } catch {
    throw new ApiProblem(400, 'invalid_request', 'The request body could not be read.');
  }
  const params: Record<string, string> = {};
  for (const [name, value] of form) params[name] = value;
  const signature = c.req.header('x-twilio-signature') ?? '';
  if (!signature || !twilio.validateRequest(settings.authToken, signature, url, params)) {
    throw new ApiProblem(403, 'invalid_signature', 'This request is not signed by the text message provider.');
  }
  return params;
}
