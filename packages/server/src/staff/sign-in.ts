import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { StaffRow } from './accounts.js';
import { normalEmail } from './accounts.js';
import { beginSignInAttempt, lockedFor, recordSignInFailure, signInGuards } from './lockout.js';
import { checkPassword, type PasswordCost } from './passwords.js';
import { checkTotp, openSecret } from './totp.js';

export type SignInOutcome =
  | { readonly ok: true; readonly staff: StaffRow }
  /** `staffId` when the email named staff of the practice (for the audit trail only; the answer is the same). */
  | { readonly ok: false; readonly locked?: number | undefined; readonly staffId?: string | undefined };

export interface PasswordSignIn {
  readonly practiceId: string;
  readonly email: string;
  readonly password: string;
  readonly code: string;
}

/**
 * Email, password and TOTP code, checked together with one answer whatever was wrong: a wrong
 * password, a wrong or replayed code, an unknown email, disabled staff, staff without a password
 * (passkey only) all fail alike and count toward the lockout (see lockout.ts), and take as long
 * (the password hash is checked even when there is no account). A locked sign-in checks nothing.
 */
export async function signInWithPassword(db: Kysely<Database>, secret: string, address: string, request: PasswordSignIn, now: Date, cost?: PasswordCost): Promise<SignInOutcome> {
  const email = normalEmail(request.email) ?? request.email.trim().toLowerCase();
  const guards = signInGuards(secret, address, { practiceId: request.practiceId, email });
  const staff = await db.selectFrom('staff').selectAll().where('practice_id', '=', request.practiceId).where('email', '=', email).executeTakeFirst();
  const attempt = await beginSignInAttempt(db, guards, now);
  if (attempt.locked !== undefined) return { ok: false, locked: attempt.locked, staffId: staff?.id };
  const usable = staff && staff.disabled_at === null && staff.password_hash !== null && staff.totp_secret !== null ? staff : undefined;
  const passwordRight = await checkPassword(usable?.password_hash, request.password, cost);
  const step = usable && passwordRight ? await checkTotp(openSecret(secret, usable.totp_secret!), request.code, now, usable.totp_last_step) : undefined;
  // A failure stays counted (by `beginSignInAttempt`).
  if (!usable || step === undefined) return { ok: false, staffId: staff?.id };
  // The step is written only if no other sign-in took it first: one code, one session.
  const taken = await db
    .updateTable('staff')
    .set({ totp_last_step: step })
    .where('id', '=', usable.id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) !== 1) return { ok: false, staffId: usable.id };
  await attempt.succeeded();
  return { ok: true, staff: usable };
}

/** Whether a passkey sign-in from this address is held by the address's count (never the account's). */
export function passkeyLockedFor(db: Kysely<Database>, secret: string, address: string, now: Date): Promise<number | undefined> {
  return lockedFor(db, signInGuards(secret, address), now);
}

export function recordPasskeyFailure(db: Kysely<Database>, secret: string, address: string, now: Date): Promise<void> {
  return recordSignInFailure(db, signInGuards(secret, address), now);
}
