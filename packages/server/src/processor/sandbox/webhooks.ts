import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ProcessorEvent } from '@billpay/sdk/processor';
import type { Logger } from '../../log.js';
import { webhookSigningSecret } from './keys.js';

/**
 * The sandbox's webhooks, signed as Stripe signs them: header `Billpay-Signature: t=<unix
 * seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with the practice's webhook signing secret.
 * The timestamp is inside the signature, so an old delivery replayed later is refused.
 */
export const SIGNATURE_HEADER = 'billpay-signature';

/** How far a webhook's timestamp may be from the receiver's clock (as Stripe's default). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export function signatureHeader(signingSecret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${hmac(signingSecret, `${t}.${body}`)}`;
}

export type SignatureFault = 'invalid_signature' | 'stale_webhook';

/** Whether `header` signs `body` with `signingSecret` at a time within tolerance of `now`. */
export function checkSignature(signingSecret: string, header: string | null, body: string, now: Date): SignatureFault | undefined {
  if (!header || header.length > 1_000) return 'invalid_signature';
  const parts = header.split(',').map((part) => part.trim().split('='));
  const t = parts.find(([name]) => name === 't')?.[1];
  const signatures = parts.filter(([name, value]) => name === 'v1' && value !== undefined).map(([, value]) => value!);
  if (!t || !/^\d{1,12}$/.test(t) || signatures.length === 0) return 'invalid_signature';
  const expected = Buffer.from(hmac(signingSecret, `${t}.${body}`));
  // Every v1 is compared in constant time; a secret being rolled over may sign twice.
  const matches = signatures.some((given) => given.length === expected.length && timingSafeEqual(Buffer.from(given), expected));
  if (!matches) return 'invalid_signature';
  return Math.abs(now.getTime() / 1000 - Number(t)) > WEBHOOK_TOLERANCE_SECONDS ? 'stale_webhook' : undefined;
}

function hmac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

/** Where a merchant receives its events (the URL its billing server listens on); none: it only polls. */
export type WebhookUrlOf = (merchantId: string) => string | undefined;

export interface WebhookDelivery {
  readonly urlFor: WebhookUrlOf;
  /** The server secret the merchants' signing secrets derive from. */
  readonly secret: string;
  readonly logger: Logger;
  readonly fetch?: typeof globalThis.fetch | undefined;
}

/**
 * Pushes each event, one request each, to its merchant's URL. Once, without retries: the
 * merchant polls `GET /v1/events` as well, so an event that was not delivered is still seen, and
 * one seen both ways is applied once. Signed at the wall clock's time, not the sandbox's clock
 * (which tests move forward by days): the timestamp is when it was sent.
 */
export async function deliverWebhooks(events: readonly { merchantId: string; event: ProcessorEvent }[], delivery: WebhookDelivery): Promise<void> {
  const doFetch = delivery.fetch ?? globalThis.fetch;
  for (const { merchantId, event } of events) {
    const url = delivery.urlFor(merchantId);
    if (!url) continue;
    const body = JSON.stringify(event);
    try {
      const response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signatureHeader(webhookSigningSecret(delivery.secret, merchantId), body, new Date()) },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await response.body?.cancel();
      if (!response.ok) delivery.logger.error({ event: 'webhook_refused', merchant: merchantId, type: event.type, status: response.status });
    } catch (error) {
      delivery.logger.error({ event: 'webhook_failed', merchant: merchantId, type: event.type, error: (error as Error).name });
    }
  }
}
