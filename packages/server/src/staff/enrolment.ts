import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { tokenHash } from '../security/secret.js';
import type { StaffRow } from './accounts.js';
import { registerPasskey, registrationOptions, type RelyingParty } from './passkeys.js';
import { hashPassword, type PasswordCost } from './passwords.js';
import { checkTotp, newTotpSecret, openSecret, sealSecret, totpUri } from './totp.js';

type Db = Kysely<Database>;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export type EnrolmentRefusal = 'enrolment_invalid' | 'totp_invalid' | 'totp_not_started' | 'passkey_invalid';

/** A refusal of an enrolment step; the routes answer it as a 4xx. */
export class EnrolmentError extends Error {
  constructor(readonly code: EnrolmentRefusal) {
    super(code);
    this.name = 'EnrolmentError';
  }
}

/** The enrolment a token opens, with its member of staff: unused, unexpired, and not disabled. */
async function openEnrolment(db: Db, token: string, now: Date) {
  if (!TOKEN_SHAPE.test(token)) throw new EnrolmentError('enrolment_invalid');
  const row = await db
    .selectFrom('staff_enrolments')
    .innerJoin('staff', 'staff.id', 'staff_enrolments.staff_id')
    .select(['staff_enrolments.token_hash', 'staff_enrolments.pending_totp_secret', 'staff_enrolments.expires_at', 'staff_enrolments.used_at', 'staff.disabled_at', 'staff.id as staff_id'])
    .where('staff_enrolments.token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (!row || row.used_at !== null || row.disabled_at !== null || new Date(row.expires_at) <= now) throw new EnrolmentError('enrolment_invalid');
  const staff = await db.selectFrom('staff').selectAll().where('id', '=', row.staff_id).executeTakeFirstOrThrow();
  return { tokenHash: row.token_hash, pendingTotp: row.pending_totp_secret, staff };
}

/** Marks the token used, once: whoever comes second (two tabs, a replay) is refused. */
async function consume(trx: Db, hash: string, now: Date): Promise<void> {
  const used = await trx.updateTable('staff_enrolments').set({ used_at: now }).where('token_hash', '=', hash).where('used_at', 'is', null).executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) throw new EnrolmentError('enrolment_invalid');
}

/**
 * The enrolment page's first step: who is enrolling, and a new TOTP key to add to an
 * authenticator app, shown this once (asking again replaces it). The link stays unused until a
 * step completes it.
 */
export async function startEnrolment(db: Db, secret: string, issuer: string, token: string, now: Date) {
  const { tokenHash: hash, staff } = await openEnrolment(db, token, now);
  const totpSecret = newTotpSecret();
  await db.updateTable('staff_enrolments').set({ pending_totp_secret: sealSecret(secret, totpSecret) }).where('token_hash', '=', hash).execute();
  return { staff, totp: { secret: totpSecret, uri: totpUri(totpSecret, issuer, staff.email) } };
}

/** Completes enrolment with a password and the first code of the offered TOTP key; the link is then used. */
export async function enrolWithPassword(db: Db, secret: string, token: string, password: string, code: string, now: Date, cost?: PasswordCost): Promise<StaffRow> {
  const { tokenHash: hash, pendingTotp, staff } = await openEnrolment(db, token, now);
  if (!pendingTotp) throw new EnrolmentError('totp_not_started');
  const totpSecret = openSecret(secret, pendingTotp);
  const step = await checkTotp(totpSecret, code, now, null);
  if (step === undefined) throw new EnrolmentError('totp_invalid');
  const passwordHash = await hashPassword(password, cost);
  return db.transaction().execute(async (trx) => {
    await consume(trx, hash, now);
    return trx
      .updateTable('staff')
      .set({ password_hash: passwordHash, totp_secret: sealSecret(secret, totpSecret), totp_last_step: step, enrolled_at: staff.enrolled_at ?? now })
      .where('id', '=', staff.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Registration options for a passkey made during enrolment. */
export async function enrolmentPasskeyOptions(db: Db, rp: RelyingParty, token: string, now: Date) {
  const { staff } = await openEnrolment(db, token, now);
  return registrationOptions(db, rp, staff, now);
}

/** Completes enrolment with a passkey; the link is then used. */
export async function enrolWithPasskey(db: Db, rp: RelyingParty, token: string, challengeId: string, response: RegistrationResponseJSON, now: Date): Promise<StaffRow> {
  const { tokenHash: hash, staff } = await openEnrolment(db, token, now);
  return db.transaction().execute(async (trx) => {
    await consume(trx, hash, now);
    if (!(await registerPasskey(trx, rp, staff, challengeId, response, now))) throw new EnrolmentError('passkey_invalid');
    return trx.updateTable('staff').set({ enrolled_at: staff.enrolled_at ?? now }).where('id', '=', staff.id).returningAll().executeTakeFirstOrThrow();
  });
}
