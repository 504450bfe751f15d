import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { tokenHash } from '../security/secret.js';

type Db = Kysely<Database>;

/** How long a text-to-pay link works after it is sent. */
export const PAY_LINK_DAYS = 30;
/** 16 random bytes: 128 bits, 22 characters of base64url. */
const TOKEN_BYTES = 16;
/** What a token looks like on the wire: the lookup refuses anything else before touching the database. */
export const PAY_LINK_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/**
 * A new text-to-pay token for one statement of one account (or for one plan of it, whose payment
 * method the patient is asked to change), kept only as its SHA-256 (the token
 * has 128 random bits, so no key is needed to make its hash useless to a guesser). The token
 * itself goes into the message and nowhere else: not the log, not the outbox's row.
 */
export async function createPayLink(
  db: Db,
  link: { practiceId: string; accountId: string; messageId: string; now: Date } & ({ statementId: string; planId?: undefined } | { planId: string; statementId?: undefined }),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  const expiresAt = new Date(link.now.getTime() + PAY_LINK_DAYS * 24 * 60 * 60 * 1000);
  await db
    .insertInto('pay_links')
    .values({ token_hash: tokenHash(token), practice_id: link.practiceId, account_id: link.accountId, statement_id: link.statementId ?? null, plan_id: link.planId ?? null, message_id: link.messageId, expires_at: expiresAt, created_at: link.now })
    .execute();
  return { token, expiresAt };
}

/**
 * The pay page with the token in the fragment (`#link=`): a browser never sends a fragment to a
 * server, so the token stays out of access logs, proxies and Referer headers; the widget takes it
 * out of the address bar as soon as it reads it.
 */
export function payLinkUrl(payPageUrl: string, token: string): string {
  const url = new URL(payPageUrl);
  url.hash = `link=${token}`;
  return url.href;
}
