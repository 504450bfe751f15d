import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { nextTextTime } from './pacing.js';

type Db = Kysely<Database>;

/** What billpay sends because the patient did something (a payment's receipt, a code they asked for): not held to the limits on texts. */
const TRANSACTIONAL_KINDS: ReadonlySet<string> = new Set(['payment_receipt', 'verification_code']);

/** A text billpay sends on its own (every kind but the transactional ones): quiet hours and the caps apply (`pacing.ts`). */
export const isPacedText = (message: { readonly channel: string; readonly kind: string }): boolean => message.channel === 'sms' && !TRANSACTIONAL_KINDS.has(message.kind);

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
/** Held by each claim while texts are paced: two instances never both give away a number's one text of the day. */
const PACING_LOCK = 202_611_260_026;

/** Makes claims one at a time for the rest of the transaction (PostgreSQL's advisory lock; PGlite has one connection anyway). */
export async function serializeTextPacing(trx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${sql.lit(PACING_LOCK)})`.execute(trx);
}

/**
 * The zones a practice's patient with an address in `state` may be in: the state's (see
 * `timeZonesOfState`), else the practice's own.
 */
export type PatientTimeZones = (practiceId: string, state: string | null) => string | readonly string[];

export interface DueMessage {
  readonly id: string;
  readonly practice_id: string;
  readonly account_id: string | null;
  readonly recipient: string;
  readonly kind: string;
  readonly channel: string;
}

/**
 * Of the messages due (in the order they came due), the texts billpay sends on its own that may go
 * now, each taking its place under the limits, and when each of the others may. The places taken
 * are the texts to the same number from the same practice sent, or being sent, in the last week
 * (`paced_at`).
 */
export async function paceDueTexts(trx: Db, due: readonly DueMessage[], now: Date, timeZoneOf: PatientTimeZones): Promise<{ readonly go: string[]; readonly later: ReadonlyMap<string, Date> }> {
  const texts = due.filter(isPacedText);
  const go: string[] = [];
  const later = new Map<string, Date>();
  if (texts.length === 0) return { go, later };
  // Where each patient is, by the state of their address.
  const states = new Map(
    (await trx.selectFrom('accounts').select(['id', 'state']).where('id', 'in', [...new Set(texts.flatMap((t) => t.account_id ?? []))]).execute()).map((a) => [a.id, a.state]),
  );
  const taken = await trx
    .selectFrom('messages')
    .select(['practice_id', 'recipient', 'paced_at'])
    .where('channel', '=', 'sms')
    .where('practice_id', 'in', [...new Set(texts.map((t) => t.practice_id))])
    .where('recipient', 'in', [...new Set(texts.map((t) => t.recipient))])
    .where('paced_at', '>', new Date(now.getTime() - WEEK_MS))
    .where('status', 'in', ['pending', 'sent'])
    .where('id', 'not in', texts.map((t) => t.id))
    .execute();
  const sends = new Map<string, Date[]>();
  const sendsTo = (practiceId: string, recipient: string): Date[] => {
    const key = `${practiceId}\n${recipient}`;
    let found = sends.get(key);
    if (!found) sends.set(key, (found = []));
    return found;
  };
  for (const row of taken) if (row.paced_at) sendsTo(row.practice_id, row.recipient).push(new Date(row.paced_at));
  for (const text of texts) {
    const priors = sendsTo(text.practice_id, text.recipient);
    const at = nextTextTime(now, timeZoneOf(text.practice_id, states.get(text.account_id ?? '') ?? null), priors);
    if (at.getTime() <= now.getTime()) {
      go.push(text.id);
      priors.push(now);
    } else {
      later.set(text.id, at);
    }
  }
  return { go, later };
}
