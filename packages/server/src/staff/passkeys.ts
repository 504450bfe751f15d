import { randomUUID } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { StaffRow } from './accounts.js';

type Db = Kysely<Database>;

/** A WebAuthn challenge is good for 5 minutes, once. */
export const CHALLENGE_TTL_MS = 5 * 60_000;

/**
 * The relying party: the console's origin (`BILLPAY_CONSOLE_ORIGIN`), its host name as the rpID,
 * and the name authenticators show.
 */
export interface RelyingParty {
  readonly origin: string;
  readonly name: string;
}

const rpId = (rp: RelyingParty) => new URL(rp.origin).hostname;

async function storeChallenge(db: Db, purpose: 'registration' | 'authentication', staffId: string | null, challenge: string, now: Date): Promise<string> {
  const id = `chl_${randomUUID().replace(/-/g, '')}`;
  await db.insertInto('staff_challenges').values({ id, purpose, staff_id: staffId, challenge, expires_at: new Date(now.getTime() + CHALLENGE_TTL_MS) }).execute();
  return id;
}

/** Takes a challenge (it is deleted whatever follows, so it is used at most once); undefined when gone or expired. */
async function takeChallenge(db: Db, id: string, purpose: 'registration' | 'authentication', now: Date) {
  const row = await db.deleteFrom('staff_challenges').where('id', '=', id).where('purpose', '=', purpose).returningAll().executeTakeFirst();
  return row && new Date(row.expires_at) > now ? row : undefined;
}

/** Options for `navigator.credentials.create()`: a discoverable passkey with user verification. */
export async function registrationOptions(db: Db, rp: RelyingParty, staff: StaffRow, now: Date): Promise<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  const existing = await db.selectFrom('staff_passkeys').select(['id', 'transports']).where('staff_id', '=', staff.id).execute();
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rpId(rp),
    userName: staff.email,
    userID: new TextEncoder().encode(staff.id),
    attestationType: 'none',
    excludeCredentials: existing.map((row) => ({ id: row.id, transports: row.transports })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    supportedAlgorithmIDs: [-7, -8, -257],
  });
  return { challengeId: await storeChallenge(db, 'registration', staff.id, options.challenge, now), options };
}

/** Verifies and keeps a new passkey of `staff`; false when the response does not hold up. */
export async function registerPasskey(db: Db, rp: RelyingParty, staff: StaffRow, challengeId: string, response: RegistrationResponseJSON, now: Date): Promise<boolean> {
  const challenge = await takeChallenge(db, challengeId, 'registration', now);
  if (!challenge || challenge.staff_id !== staff.id) return false;
  const verified = await verifyRegistrationResponse({
    response,
    expectedChallenge: challenge.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rpId(rp),
    requireUserVerification: true,
  }).catch(() => undefined);
  if (!verified?.verified) return false;
  const { credential } = verified.registrationInfo;
  const taken = await db.selectFrom('staff_passkeys').select('id').where('id', '=', credential.id).executeTakeFirst();
  if (taken) return false;
  await db
    .insertInto('staff_passkeys')
    .values({
      id: credential.id,
      staff_id: staff.id,
      public_key: isoBase64URL.fromBuffer(credential.publicKey),
      counter: credential.counter,
      transports: [...(credential.transports ?? [])],
      created_at: now,
      last_used_at: null,
    })
    .execute();
  return true;
}

/** Options for `navigator.credentials.get()`: any passkey of this site (discoverable), with user verification. */
export async function authenticationOptions(db: Db, rp: RelyingParty, now: Date): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const options = await generateAuthenticationOptions({ rpID: rpId(rp), userVerification: 'required' });
  return { challengeId: await storeChallenge(db, 'authentication', null, options.challenge, now), options };
}

/**
 * The member of staff a passkey assertion proves, its signature counter brought up to date; or
 * undefined (an unknown passkey, a wrong signature, a used or expired challenge, a counter that
 * went back, which means a cloned authenticator).
 */
export async function authenticatePasskey(db: Db, rp: RelyingParty, challengeId: string, response: AuthenticationResponseJSON, now: Date): Promise<StaffRow | undefined> {
  const challenge = await takeChallenge(db, challengeId, 'authentication', now);
  if (!challenge || typeof response?.id !== 'string') return undefined;
  const passkey = await db.selectFrom('staff_passkeys').selectAll().where('id', '=', response.id).executeTakeFirst();
  if (!passkey) return undefined;
  const verified = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rpId(rp),
    requireUserVerification: true,
    credential: { id: passkey.id, publicKey: isoBase64URL.toBuffer(passkey.public_key), counter: Number(passkey.counter), transports: passkey.transports },
  }).catch(() => undefined);
  if (!verified?.verified) return undefined;
  await db.updateTable('staff_passkeys').set({ counter: verified.authenticationInfo.newCounter, last_used_at: now }).where('id', '=', passkey.id).execute();
  return db.selectFrom('staff').selectAll().where('id', '=', passkey.staff_id).executeTakeFirst();
}
