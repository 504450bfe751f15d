import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { checkMessageAddress, consentText, MESSAGE_CONSENT_VERSION, type MessagePreferences, type Verification } from '@billpay/sdk';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { MessageChannel } from '../db/messages-migration.js';
import { DomainError } from '../domain/errors.js';
import { maskEmail, maskPhone } from '../account-desk/terms.js';
import { VERIFICATION_CODE_SEAL } from '../messages/code-message.js';
import { recordConsent, suppressionAddress } from '../messages/consent.js';
import type { PracticeConfig } from '../practices/practices.js';
import { seal } from '../security/seal.js';
import { addressKey, keyedHash } from '../security/secret.js';
import { ensurePreferences, preferencesView, type PatientAct } from './preferences.js';

type Db = Kysely<Database>;

/** A code works for 10 minutes, for 5 tries. */
export const CODE_TTL_MS = 10 * 60 * 1000;
export const CODE_ATTEMPTS = 5;
/** Codes asked for, like failed lookups: 5 for one account and 20 from one client address in 15 minutes. */
export const CODES_PER_ACCOUNT = 5;
export const CODES_PER_ADDRESS = 20;
export const CODE_WINDOW_MS = 15 * 60 * 1000;

const codeHash = (secret: string, verificationId: string, code: string) => keyedHash(secret, 'message_verification', `${verificationId}:${code}`);

/** 429 with when the oldest of the codes counted leaves the window. */
async function holdBackCodes(db: Db, column: 'account_id' | 'client_hash', value: string, limit: number, now: Date): Promise<void> {
  const recent = await db
    .selectFrom('message_verifications')
    .select('created_at')
    .where(column, '=', value)
    .where('created_at', '>', new Date(now.getTime() - CODE_WINDOW_MS))
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  if (recent.length < limit) return;
  const retryAt = new Date(new Date(recent[recent.length - 1]!.created_at).getTime() + CODE_WINDOW_MS);
  throw new DomainError('too_many_codes', 'Too many codes were asked for. Wait before asking for another, or call the billing office.', {
    retryAfterSeconds: Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000)),
    details: { retryAt: retryAt.toISOString() },
  });
}

export interface VerificationInput {
  readonly channel: MessageChannel;
  readonly address?: string | undefined;
}

/**
 * Sends a 6-digit code to the address (the one typed, or the one on file) through the outbox, in the
 * language of the consent shown, and keeps the code's keyed hash with the consent's words until it
 * is typed back. The code itself is only in the message, sealed.
 */
export async function startVerification(db: Db, secret: string, practice: PracticeConfig, accountId: string, input: VerificationInput, act: PatientAct): Promise<Verification> {
  let address: string;
  if (input.address !== undefined) {
    const checked = checkMessageAddress(input.channel, input.address);
    if (!checked.ok) {
      const message = input.channel === 'email' ? 'Enter an email address such as name@example.com.' : 'Enter a US mobile number such as (203) 555-0123.';
      throw new DomainError('invalid_request', 'Check the address.', { issues: [{ path: ['address'], code: checked.issue, message }] });
    }
    address = checked.address;
  } else {
    const account = await db.selectFrom('accounts').select(['email', 'mobile_phone']).where('id', '=', accountId).executeTakeFirstOrThrow();
    const onFile = input.channel === 'email' ? account.email : account.mobile_phone;
    if (!onFile) throw new DomainError('no_address', input.channel === 'email' ? 'There is no email address on file: type one.' : 'There is no mobile number on file: type one.');
    address = onFile;
  }
  const clientHash = addressKey(secret, act.clientAddress);
  await holdBackCodes(db, 'account_id', accountId, CODES_PER_ACCOUNT, act.now);
  await holdBackCodes(db, 'client_hash', clientHash, CODES_PER_ADDRESS, act.now);

  const id = `ver_${randomBytes(16).toString('hex')}`;
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(act.now.getTime() + CODE_TTL_MS);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('message_verifications')
      .values({
        id,
        practice_id: practice.id,
        account_id: accountId,
        channel: input.channel,
        address,
        code_hash: codeHash(secret, id, code),
        attempts: 0,
        expires_at: expiresAt,
        language: act.language,
        words: consentText(input.channel, act.language, practice.name),
        words_version: MESSAGE_CONSENT_VERSION,
        client_address: act.clientAddress,
        client_hash: clientHash,
        created_at: act.now,
        used_at: null,
      })
      .execute();
    await trx
      .insertInto('messages')
      .values({
        id: `msg_${randomBytes(16).toString('hex')}`,
        practice_id: practice.id,
        account_id: accountId,
        kind: 'verification_code',
        channel: input.channel,
        recipient: address,
        language: act.language,
        data: JSON.stringify({ verificationId: id, code: seal(secret, VERIFICATION_CODE_SEAL, code) }),
        dedupe_key: `verification_code:${id}`,
        status: 'pending',
        attempts: 0,
        next_attempt_at: act.now,
        created_at: act.now,
        sent_at: null,
        last_attempt_at: null,
        last_error: null,
        provider_id: null,
        body_sealed: null,
        first_attempt_at: null,
        paced_at: null,
      })
      .execute();
  });
  const to = (input.channel === 'email' ? maskEmail(address) : maskPhone(address)) ?? '';
  return { id, channel: input.channel, to, expiresAt: expiresAt.toISOString(), attemptsLeft: CODE_ATTEMPTS };
}

type Check = { kind: 'right' } | { kind: 'used' } | { kind: 'wrong' | 'spent' | 'expired' | 'missing' };

/**
 * Checks a code typed back. Right: the channel is turned on for the address, the consent recorded
 * with the words shown when the code was asked for, the time, the address and the client address,
 * and a suppression of the address lifted (the patient asked again). Each wrong try counts; the
 * fifth spends the code.
 */
export async function confirmVerification(db: Db, secret: string, practice: PracticeConfig, accountId: string, verificationId: string, code: string, act: Omit<PatientAct, 'language'>): Promise<MessagePreferences> {
  const check = await db.transaction().execute(async (trx): Promise<Check> => {
    const found = await trx.selectFrom('message_verifications').selectAll().where('id', '=', verificationId).where('account_id', '=', accountId).where('practice_id', '=', practice.id).forUpdate().executeTakeFirst();
    if (!found) return { kind: 'missing' };
    if (found.used_at) return { kind: 'used' };
    if (new Date(found.expires_at).getTime() <= act.now.getTime()) return { kind: 'expired' };
    if (found.attempts >= CODE_ATTEMPTS) return { kind: 'spent' };
    const right = timingSafeEqual(Buffer.from(found.code_hash), Buffer.from(codeHash(secret, found.id, code)));
    if (!right) {
      await trx.updateTable('message_verifications').set({ attempts: found.attempts + 1 }).where('id', '=', found.id).execute();
      return { kind: found.attempts + 1 >= CODE_ATTEMPTS ? 'spent' : 'wrong' };
    }
    await trx.updateTable('message_verifications').set({ used_at: act.now }).where('id', '=', found.id).execute();
    await ensurePreferences(trx, practice.id, accountId, act.now);
    await trx
      .updateTable('message_preferences')
      .set(found.channel === 'email' ? { email_on: true, email_address: found.address, updated_at: act.now } : { sms_on: true, sms_address: found.address, updated_at: act.now })
      .where('account_id', '=', accountId)
      .execute();
    await recordConsent(trx, {
      practiceId: practice.id,
      accountId,
      channel: found.channel,
      address: found.address,
      action: 'granted',
      source: 'patient',
      words: found.words,
      language: found.language,
      wordsVersion: found.words_version,
      clientAddress: act.clientAddress,
      verificationId: found.id,
      at: act.now,
    });
    await trx.deleteFrom('message_suppressions').where('practice_id', '=', practice.id).where('channel', '=', found.channel).where('address', '=', suppressionAddress(found.channel, found.address)).execute();
    return { kind: 'right' };
  });
  if (check.kind === 'missing') throw new DomainError('verification_not_found', 'There is no such code for this account: ask for a new one.');
  if (check.kind === 'expired') throw new DomainError('code_expired', 'This code has expired: ask for a new one.');
  if (check.kind === 'spent') throw new DomainError('too_many_attempts', 'Too many wrong codes: ask for a new one.');
  if (check.kind === 'wrong') throw new DomainError('code_invalid', 'That code is not right. Check it and try again.', { issues: [{ path: ['code'], code: 'code_invalid', message: 'That code is not right.' }] });
  return preferencesView(db, practice.id, accountId);
}
