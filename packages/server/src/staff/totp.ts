import { generateSecret, generateURI, verify } from 'otplib';
import { seal, unseal } from '../security/seal.js';

/** RFC 6238 as authenticator apps know it: SHA-1, 6 digits, 30 seconds; a code of the step before or after is accepted. */
const PERIOD = 30;

/** A new TOTP key: 160 random bits, base32. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The `otpauth://` URI an authenticator app scans (as a QR code) or is given by hand. */
export function totpUri(secret: string, issuer: string, email: string): string {
  return generateURI({ issuer, label: email, secret, period: PERIOD });
}

/**
 * The time step of `code` when it is right at `now` (within a step either way) and later than
 * `lastStep`, the last one accepted: a code is never accepted twice, even within its 30 seconds.
 */
export async function checkTotp(secret: string, code: string, now: Date, lastStep: number | null): Promise<number | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  const result = await verify({ secret, token: code, epoch: Math.floor(now.getTime() / 1000), epochTolerance: PERIOD, period: PERIOD });
  if (!result.valid) return undefined;
  const step = Math.floor(now.getTime() / 1000 / PERIOD) + result.delta;
  return lastStep !== null && step <= lastStep ? undefined : step;
}

/**
 * A TOTP key sealed for the database (see seal.ts): unlike a password it must be read back, and a
 * copy of the database alone must not mint codes.
 */
export function sealSecret(serverSecret: string, value: string): string {
  return seal(serverSecret, TOTP_SEAL, value);
}

export function openSecret(serverSecret: string, stored: string): string {
  return unseal(serverSecret, TOTP_SEAL, stored);
}

const TOTP_SEAL = 'staff_totp_seal';
