import type { Hono } from 'hono';
import { requirePractice, type ApiDeps, type AppEnv } from '../http/context.js';
import { ApiProblem } from '../http/problem.js';
import { TEXT_REPLIES_PATH, textStatusUrl } from './text-urls.js';
import { signedTwilioForm, type TwilioWebhookSettings } from './twilio-webhook.js';

const MESSAGE_SID = /^(SM|MM)[0-9a-fA-F]{32}$/;

/**
 * Twilio's error codes of a text that did not arrive which another text to the number would not
 * change either: the number is unknown (30005) or cannot take texts (30006), it blocked the sender
 * (30004), or it replied STOP (21610). Anything else (a handset off, 30003; a carrier's filter,
 * 30007; an unknown error, 30008) is a failure of that one text.
 */
const NUMBER_REFUSED = new Set([21610, 30004, 30005, 30006]);

/**
 * `POST /messages/sms/{practiceId}/status`: Twilio's status callback for each text billpay sent
 * (named in the send as `StatusCallback`), signed as the replies are. `delivered` records when the
 * text arrived; `undelivered` or `failed` records the text as `bounced` (the number refused it) or
 * `failed`, with Twilio's code (`twilio_30005`), where `billpay outbox --status all` and the
 * console show it. Other statuses (queued, sent) change nothing. A text is found by its Twilio SID,
 * within the practice; nothing about it is logged but the status.
 */
export function mountTextStatus(app: Hono<AppEnv>, deps: ApiDeps, settings: TwilioWebhookSettings | undefined): void {
  app.post(`${TEXT_REPLIES_PATH}/:practiceId/status`, async (c) => {
    const practice = requirePractice(deps.practices, c.req.param('practiceId'));
    if (!settings) throw new ApiProblem(404, 'not_found', 'This server takes no text statuses: no text provider is configured.');
    const params = await signedTwilioForm(c, settings, textStatusUrl(settings.publicUrl(), practice.id));
    const sid = params['MessageSid'] ?? '';
    if (!MESSAGE_SID.test(sid)) throw new ApiProblem(400, 'invalid_request', 'MessageSid must be a message SID.', [{ path: ['MessageSid'], code: 'invalid_format', message: 'Expected SM and 32 hex digits.' }]);
    const status = params['MessageStatus'] ?? '';
    const text = deps.database.db.updateTable('messages').where('practice_id', '=', practice.id).where('channel', '=', 'sms').where('provider_id', '=', sid);
    if (status === 'delivered') {
      await text.where('status', '=', 'sent').where('delivered_at', 'is', null).set({ delivered_at: deps.now() }).execute();
    } else if (status === 'undelivered' || status === 'failed') {
      const code = Number(params['ErrorCode']);
      const known = Number.isInteger(code) && code > 0;
      await text
        .where('status', '=', 'sent')
        .set({ status: known && NUMBER_REFUSED.has(code) ? 'bounced' : 'failed', last_error: known ? `twilio_${code}` : `twilio_${status}`, delivered_at: null })
        .execute();
    }
    deps.logger.info({ event: 'text_status', practice: practice.id, report: /^[a-z_]{1,20}$/.test(status) ? status : 'other' });
    return c.body(null, 204);
  });
}
