import { staffRevocationText } from '@billpay/sdk';
import type { AccountMessagePreferences, DeskChannel, StopMessagesRequest } from '@billpay/sdk/admin-desk';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { MessageChannel } from '../db/messages-migration.js';
import { latestConsent } from '../messages/consent.js';
import { addressOf, ensurePreferences, preferencesView, turnOff } from '../preferences/preferences.js';
import type { PracticeConfig } from '../practices/practices.js';

type Db = Kysely<Database>;

const CHANNELS = ['email', 'sms'] as const satisfies readonly MessageChannel[];

/** The member of staff acting, as this server saw them: recorded with the revocation. */
export interface StaffAct {
  readonly staffId: string;
  readonly language: 'en' | 'es';
  readonly clientAddress: string;
  readonly now: Date;
}

/** Where each channel's messages go now, unmasked (the consent record is kept by the address). */
async function addresses(db: Db, accountId: string): Promise<Record<MessageChannel, string | null>> {
  const account = await db.selectFrom('accounts').select(['email', 'mobile_phone']).where('id', '=', accountId).executeTakeFirstOrThrow();
  const prefs = await db.selectFrom('message_preferences').select(['email_address', 'sms_address']).where('account_id', '=', accountId).executeTakeFirst();
  return { email: addressOf('email', account, prefs), sms: addressOf('sms', account, prefs) };
}

/**
 * What the patient receives, as the billing office sees it: the patient's own view of their
 * preferences (addresses masked) with, for each channel, where its address's consent stands and
 * when and how it last changed.
 */
export async function deskMessagePreferences(db: Db, practice: PracticeConfig, accountId: string): Promise<AccountMessagePreferences> {
  const practiceId = practice.id;
  const view = await preferencesView(db, practiceId, accountId);
  const to = await addresses(db, accountId);
  const channel = async (name: MessageChannel): Promise<DeskChannel> => {
    const { on, address, stoppedBy } = view[name];
    const raw = to[name];
    const latest = raw ? await latestConsent(db, practiceId, name, raw) : undefined;
    return { on, address, stoppedBy, consent: latest ? { action: latest.action, source: latest.source, at: new Date(latest.created_at).toISOString() } : null };
  };
  return { practiceName: practice.name, paperless: view.paperless, email: await channel('email'), sms: await channel('sms') };
}

/**
 * Stops email and/or texts at the patient's request, at once: each channel asked for that is on
 * is turned off, its revocation recorded (source `staff`, the member of staff, the words in the
 * console's language, the client address, the time) and its address suppressed, so that a
 * declinable message already queued is not sent when its turn comes. Paperless goes off with the
 * last channel (or the patient would hear of no statement). Staff never turn a channel on. Answers
 * the channels stopped (none when those asked for were off already) and the preferences after.
 */
export async function stopMessagesAsStaff(
  db: Db,
  practice: PracticeConfig,
  accountId: string,
  request: StopMessagesRequest,
  act: StaffAct,
): Promise<{ stopped: MessageChannel[]; preferences: AccountMessagePreferences }> {
  const stopped: MessageChannel[] = [];
  await db.transaction().execute(async (trx) => {
    await ensurePreferences(trx, practice.id, accountId, act.now);
    const prefs = await trx.selectFrom('message_preferences').select('paperless').where('account_id', '=', accountId).forUpdate().executeTakeFirstOrThrow();
    const before = await preferencesView(trx, practice.id, accountId);
    const to = await addresses(trx, accountId);
    for (const channel of CHANNELS) {
      if (request[channel] !== false || !before[channel].on) continue;
      const words = staffRevocationText(channel, act.language, practice.name);
      await turnOff(trx, practice.id, accountId, channel, to[channel], { source: 'staff', words, language: act.language, clientAddress: act.clientAddress, staffId: act.staffId, now: act.now });
      stopped.push(channel);
    }
    const after = await preferencesView(trx, practice.id, accountId);
    if (prefs.paperless && !after.email.on && !after.sms.on) {
      await trx.updateTable('message_preferences').set({ paperless: false, updated_at: act.now }).where('account_id', '=', accountId).execute();
    }
  });
  return { stopped, preferences: await deskMessagePreferences(db, practice, accountId) };
}
