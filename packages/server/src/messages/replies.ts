import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import twilio from 'twilio';
import type { Database } from '../db/schema.js';
import { requirePractice, type ApiDeps, type AppEnv } from '../http/context.js';
import { ApiProblem } from '../http/problem.js';
import { recordConsent } from './consent.js';
import { TEXT_REPLIES_PATH, textRepliesUrl } from './text-urls.js';
import { signedTwilioForm, type TwilioWebhookSettings } from './twilio-webhook.js';
import { suppressionAddress } from './unsubscribe.js';
import { MESSAGE_WORDS } from './words.js';

type Db = Kysely<Database>;



/** How Twilio's webhooks (replies, delivery statuses) are checked. */
export type TextReplySettings = TwilioWebhookSettings;

/**
 * The words that revoke consent to texts (Twilio's opt-out words, CTIA's, and the FCC's REVOKE and
 * OPT OUT), those that give it back, and those that ask for help.
 */
const STOP_WORDS: ReadonlySet<string> = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT', 'OPT OUT', 'PARAR']);
const START_WORDS: ReadonlySet<string> = new Set(['START', 'UNSTOP', 'YES']);
const HELP_WORDS: ReadonlySet<string> = new Set(['HELP', 'INFO', 'AYUDA']);

export type TextReplyKeyword = 'stop' | 'start' | 'help' | 'other';

/**
 * What a reply asks: the whole reply is the word (any case, spaces or closing marks around it). A
 * reply that begins with a word that revokes ("Stop texting me") revokes too: a revocation is
 * honoured however it is put, and a START gives texts back.
 */
export function textReplyKeyword(body: string): TextReplyKeyword {
  const words = body.normalize('NFKC').toUpperCase().replace(/[^\p{L}\p{N}\s]+/gu, ' ').trim().split(/\s+/);
  const whole = words.join(' ');
  if (STOP_WORDS.has(whole) || STOP_WORDS.has(words[0] ?? '') || STOP_WORDS.has(words.slice(0, 2).join(' '))) return 'stop';
  if (START_WORDS.has(whole)) return 'start';
  if (HELP_WORDS.has(whole)) return 'help';
  return 'other';
}

const PHONE_NUMBER = /^\+[1-9]\d{6,14}$/;
/** Twilio's longest message body (10 segments); anything past it is not read. */
const MAX_BODY = 1600;

/**
 * No more texts from the practice to the number, from now on: the ones waiting are suppressed when
 * their turn comes, and the revocation is recorded with the consent it ends (the preferences show it).
 */
async function revokeTexts(db: Db, practiceId: string, number: string, now: Date): Promise<void> {
  await recordConsent(db, { practiceId, accountId: null, channel: 'sms', address: number, action: 'revoked', source: 'text_reply', words: 'STOP', at: now });
  await db
    .insertInto('message_suppressions')
    .values({ practice_id: practiceId, channel: 'sms', address: suppressionAddress('sms', number), reason: 'unsubscribed', message_id: null, created_at: now })
    .onConflict((oc) => oc.columns(['practice_id', 'channel', 'address']).doNothing())
    .execute();
}

/** START: the number asks for texts again, which is consent given by the number itself, recorded so. */
async function resumeTexts(db: Db, practiceId: string, number: string, now: Date): Promise<void> {
  await recordConsent(db, { practiceId, accountId: null, channel: 'sms', address: number, action: 'granted', source: 'text_reply', words: 'START', at: now });
  await db.deleteFrom('message_suppressions').where('practice_id', '=', practiceId).where('channel', '=', 'sms').where('address', '=', suppressionAddress('sms', number)).execute();
}

/** The language of the practice's newest account with that mobile number: English when none says Spanish. */
async function languageOf(db: Db, practiceId: string, number: string): Promise<'en' | 'es'> {
  const account = await db.selectFrom('accounts').select('preferred_language').where('practice_id', '=', practiceId).where('mobile_phone', '=', number).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  return account?.preferred_language === 'es' ? 'es' : 'en';
}

/**
 * `POST /messages/sms/{practiceId}`: Twilio's webhook for a reply to a practice's texts, form
 * encoded and signed with the account's auth token over the public URL and the parameters
 * (`X-Twilio-Signature`, checked by the library's `validateRequest` before anything is believed;
 * unsigned or wrongly signed: 403). STOP and the other revocation words stop the practice's texts to
 * the number at once; START, UNSTOP and YES give them back; HELP is answered (TwiML) with the
 * practice's name and phone, in the account's language. Twilio's own opt-out handling sends the
 * confirmations of STOP and START. Neither the number nor the words are logged.
 */
export function mountTextReplies(app: Hono<AppEnv>, deps: ApiDeps, settings: TextReplySettings | undefined): void {
  app.post(`${TEXT_REPLIES_PATH}/:practiceId`, async (c) => {
    const practice = requirePractice(deps.practices, c.req.param('practiceId'));
    if (!settings) throw new ApiProblem(404, 'not_found', 'This server takes no text replies: no text provider is configured.');
    const params = await signedTwilioForm(c, settings, textRepliesUrl(settings.publicUrl(), practice.id));
    const from = params['From'] ?? '';
    if (!PHONE_NUMBER.test(from)) throw new ApiProblem(400, 'invalid_request', 'From must be a phone number in E.164 form.', [{ path: ['From'], code: 'invalid_format', message: 'Expected +<country code><number>.' }]);
    const keyword = textReplyKeyword((params['Body'] ?? '').slice(0, MAX_BODY));
    const db = deps.database.db;
    const reply = new twilio.twiml.MessagingResponse();
    if (keyword === 'stop') await revokeTexts(db, practice.id, from, deps.now());
    else if (keyword === 'start') await resumeTexts(db, practice.id, from, deps.now());
    else if (keyword === 'help') reply.message(MESSAGE_WORDS[await languageOf(db, practice.id, from)].text.help(practice.name, practice.contact.phone));
    deps.logger.info({ event: 'text_reply', practice: practice.id, keyword });
    c.header('content-type', 'text/xml; charset=utf-8');
    c.header('cache-control', 'no-store');
    return c.body(reply.toString(), 200);
  });
}
