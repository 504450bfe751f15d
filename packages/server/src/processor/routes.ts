import type { Hono } from 'hono';
import type { ApiDeps, AppEnv } from '../http/context.js';
import { requirePractice } from '../http/context.js';
import { ApiProblem } from '../http/problem.js';
import { applyProcessorEvent } from '../payments/events.js';
import { WebhookRefusedError, type ProcessorEvent } from './port.js';

/** Where a practice's processor sends its events. */
export const webhookPath = (practiceId: string) => `/processor/webhooks/${encodeURIComponent(practiceId)}`;

/**
 * `POST /processor/webhooks/:practiceId`: the practice's processor pushes an event (a bank debit
 * settled or came back). The practice's adapter checks the signature over the raw body (bounded
 * by the app's body limit) before anything in it is believed; the event is applied as the
 * polling job applies it, so one pushed and polled, or pushed twice, is applied once. Anything
 * not signed by the processor is a 4xx, so the processor never retries it; a failure on our side
 * is a 5xx, which the processor retries (and polling catches up anyway).
 */
export function mountProcessorWebhooks(app: Hono<AppEnv>, deps: ApiDeps): void {
  app.post('/processor/webhooks/:practiceId', async (c) => {
    const practice = requirePractice(deps.practices, c.req.param('practiceId'));
    const processor = deps.processor;
    if (!processor) throw new ApiProblem(404, 'not_found', 'This server takes no processor webhooks.');
    let body: string;
    try {
      body = await c.req.text();
    } catch {
      throw new ApiProblem(400, 'invalid_request', 'The request body could not be read.');
    }
    let events: ProcessorEvent[];
    try {
      // Wall-clock time: the signature's timestamp says when the processor sent it.
      events = processor.webhookEvents(practice.id, { headers: c.req.raw.headers, body, now: new Date() });
    } catch (error) {
      if (error instanceof WebhookRefusedError) throw new ApiProblem(400, error.code, error.message);
      throw error;
    }
    const now = deps.now();
    let applied = 0;
    for (const event of events) {
      if (await applyProcessorEvent({ db: deps.database.db, gateway: processor, practice, now, logger: deps.logger }, event)) applied++;
    }
    deps.logger.info({ event: 'processor_webhook', practice: practice.id, events: events.length, applied });
    return c.json({ received: true });
  });
}
