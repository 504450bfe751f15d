import { createHash, createHmac, randomBytes } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

const SECRET_KEY = 'hmac_secret';

/** The shortest server secret accepted: keyed hashes are only as strong as their key. */
export const MIN_SECRET_LENGTH = 32;

/**
 * A keyed hash (HMAC-SHA256) of an identifier of a person: a Bill ID, an account number, a
 * client address. Lockouts and the audit log store these, never the identifiers, and without the
 * server's secret they cannot be recomputed from a list of guesses the way a plain hash could.
 */
export function keyedHash(secret: string, purpose: string, value: string): string {
  return createHmac('sha256', secret).update(`${purpose}\u0000${value}`).digest('hex');
}

/**
 * The keyed hash an address is counted under by every per-address limit (lookups, estimates,
 * card testing, the sandbox's tokenization) and kept as in the audit trail. An IPv6 address
 * counts by its /64, the block one home or phone is given: otherwise each client would have
 * 2^64 fresh addresses to spend. An IPv4-mapped IPv6 address counts as the IPv4 one.
 */
export function addressKey(secret: string, address: string): string {
  return keyedHash(secret, 'client_address', addressBucket(address));
}

function addressBucket(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${parts.join(':')}::/64`;
}

/** SHA-256 of a session token: the token has 256 random bits, so no key is needed. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The secret kept in `meta`, created on first use. Instances starting together may both create
 * one; `on conflict do nothing` plus a re-read makes them all use whichever was written first.
 */
export async function loadOrCreateSecret(db: Kysely<Database>): Promise<string> {
  await db
    .insertInto('meta')
    .values({ key: SECRET_KEY, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('meta').select('value').where('key', '=', SECRET_KEY).executeTakeFirstOrThrow();
  return row.value;
}
