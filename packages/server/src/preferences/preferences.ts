import { revocationText, type MessagePreferences, type PreferencesChange, type StoppedBy } from '@billpay/sdk';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.js';
import type { MessageChannel } from '../db/messages-migration.js';
import type { ConsentSource, MessagePreferencesTable } from '../db/preferences-migration.js';
import { DomainError } from '../domain/errors.js';
import { maskEmail, maskPhone } from '../account-desk/terms.js';
import { latestConsent, recordConsent, suppressionAddress } from '../messages/consent.js';
import type { PracticeConfig } from '../practices/practices.js';

type Db = Kysely<Database>;

/** Who is acting, as this server saw them: recorded with a consent or a revocation. */
export interface PatientAct {
  readonly language: 'en' | 'es';
  readonly clientAddress: string;
  readonly now: Date;
}

interface Addresses {
  readonly email: string | null;
  readonly mobile_phone: string | null;
}

const masked = (channel: MessageChannel, address: string | null) => (channel === 'email' ? maskEmail(address) : maskPhone(address));

/** Where a channel's messages go: the address the patient verified, else the one on file. */
export function addressOf(channel: MessageChannel, account: Addresses, prefs: Pick<Selectable<MessagePreferencesTable>, 'email_address' | 'sms_address'> | undefined): string | null {
  const chosen = channel === 'email' ? prefs?.email_address : prefs?.sms_address;
  const onFile = channel === 'email' ? account.email : account.mobile_phone;
  return chosen || onFile || null;
}

async function suppressed(db: Db, practiceId: string, channel: MessageChannel, address: string): Promise<boolean> {
  const row = await db.selectFrom('message_suppressions').select('address').where('practice_id', '=', practiceId).where('channel', '=', channel).where('address', '=', suppressionAddress(channel, address)).executeTakeFirst();
  return row !== undefined;
}

/**
 * A channel as the patient sees it. Email is on for the address on file until turned off (as the
 * statement run sends it); a text channel is on only while the number's latest consent is granted.
 * Either is off, and says by what, after a STOP reply or an unsubscribe link.
 */
async function channelView(db: Db, practiceId: string, channel: MessageChannel, account: Addresses, prefs: Selectable<MessagePreferencesTable> | undefined) {
  const address = addressOf(channel, account, prefs);
  const onFile = masked(channel, channel === 'email' ? account.email : account.mobile_phone);
  if (!address) return { on: false, address: null, onFile, stoppedBy: null };
  const chosen = channel === 'email' ? (prefs?.email_on ?? true) : (prefs?.sms_on ?? true);
  const consent = await latestConsent(db, practiceId, channel, address);
  const stopped = await suppressed(db, practiceId, channel, address);
  const byOther = consent?.action === 'revoked' && consent.source !== 'patient' ? consent.source : null;
  const stoppedBy: StoppedBy | null = stopped || byOther ? (byOther ?? (channel === 'sms' ? 'text_reply' : 'unsubscribe_link')) : null;
  const consented = channel === 'email' ? consent?.action !== 'revoked' : consent?.action === 'granted';
  // Turned off in the preferences, by the patient (nothing to explain) or by staff at their request (said so).
  return { on: chosen && consented && !stopped, address: masked(channel, address), onFile, stoppedBy: chosen || byOther === 'staff' ? stoppedBy : null };
}

/** The account's message preferences, addresses masked. */
export async function preferencesView(db: Db, practiceId: string, accountId: string): Promise<MessagePreferences> {
  const account = await db.selectFrom('accounts').select(['email', 'mobile_phone']).where('id', '=', accountId).executeTakeFirstOrThrow();
  const prefs = await db.selectFrom('message_preferences').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  const [email, sms] = [await channelView(db, practiceId, 'email', account, prefs), await channelView(db, practiceId, 'sms', account, prefs)];
  return { paperless: (prefs?.paperless ?? false) && (email.on || sms.on), email, sms };
}

/** The account's preferences row, made with nothing chosen when there is none yet. */
export async function ensurePreferences(db: Db, practiceId: string, accountId: string, now: Date): Promise<void> {
  await db
    .insertInto('message_preferences')
    .values({ account_id: accountId, practice_id: practiceId, paperless: false, email_on: null, email_address: null, sms_on: true, sms_address: null, updated_at: now })
    .onConflict((oc) => oc.column('account_id').doNothing())
    .execute();
}

/** A revocation as it is recorded: by whom (the source, a member of staff), in which words, from where, when. */
export interface Revocation {
  readonly source: ConsentSource;
  readonly words: string;
  readonly language: 'en' | 'es';
  readonly clientAddress: string;
  readonly staffId?: string | null | undefined;
  readonly now: Date;
}

/**
 * Turns a channel off at once: the choice, the revocation recorded with its words, and the
 * address suppressed, so a notice already waiting in the outbox does not go either.
 */
export async function turnOff(db: Db, practiceId: string, accountId: string, channel: MessageChannel, address: string | null, revocation: Revocation): Promise<void> {
  const { now } = revocation;
  await db.updateTable('message_preferences').set(channel === 'email' ? { email_on: false, updated_at: now } : { sms_on: false, updated_at: now }).where('account_id', '=', accountId).execute();
  if (!address) return;
  await recordConsent(db, {
    practiceId,
    accountId,
    channel,
    address,
    action: 'revoked',
    source: revocation.source,
    words: revocation.words,
    language: revocation.language,
    clientAddress: revocation.clientAddress,
    staffId: revocation.staffId,
    at: now,
  });
  await db
    .insertInto('message_suppressions')
    .values({ practice_id: practiceId, channel, address: suppressionAddress(channel, address), reason: 'unsubscribed', message_id: null, created_at: now })
    .onConflict((oc) => oc.columns(['practice_id', 'channel', 'address']).doNothing())
    .execute();
}

/** The patient's own revocation in the preferences, in the words shown to them. */
const byPatient = (practice: PracticeConfig, channel: MessageChannel, act: PatientAct): Revocation => ({
  source: 'patient',
  words: revocationText(channel, act.language, practice.name),
  language: act.language,
  clientAddress: act.clientAddress,
  now: act.now,
});

/**
 * Paperless on or off, a channel off. Paperless needs a channel on (else the patient would hear of
 * no statement at all): refused while none is, and turned off with the last channel.
 */
export async function changePreferences(db: Db, practice: PracticeConfig, accountId: string, change: PreferencesChange, act: PatientAct): Promise<MessagePreferences> {
  await db.transaction().execute(async (trx) => {
    await ensurePreferences(trx, practice.id, accountId, act.now);
    const before = await preferencesView(trx, practice.id, accountId);
    const account = await trx.selectFrom('accounts').select(['email', 'mobile_phone']).where('id', '=', accountId).executeTakeFirstOrThrow();
    const prefs = await trx.selectFrom('message_preferences').selectAll().where('account_id', '=', accountId).forUpdate().executeTakeFirstOrThrow();
    if (change.email === false && before.email.on) await turnOff(trx, practice.id, accountId, 'email', addressOf('email', account, prefs), byPatient(practice, 'email', act));
    if (change.sms === false && before.sms.on) await turnOff(trx, practice.id, accountId, 'sms', addressOf('sms', account, prefs), byPatient(practice, 'sms', act));
    const after = await preferencesView(trx, practice.id, accountId);
    const anyOn = after.email.on || after.sms.on;
    if (change.paperless === true && !anyOn) {
      throw new DomainError('paperless_needs_channel', 'Paperless statements need email or text messages turned on, or you would hear of no statement.');
    }
    const paperless = anyOn && (change.paperless ?? prefs.paperless);
    if (paperless !== prefs.paperless) await trx.updateTable('message_preferences').set({ paperless, updated_at: act.now }).where('account_id', '=', accountId).execute();
  });
  return preferencesView(db, practice.id, accountId);
}
