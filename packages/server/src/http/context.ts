import type { Context } from 'hono';
import type { BillPayDatabase } from '../db/database.js';
import { socketAddress, type ProxyTrust } from '../edge/client-address.js';
import type { Logger } from '../log.js';
import type { ProcessorAdapter } from '../processor/port.js';
import type { LivePractices } from '../practices/live.js';
import type { PracticeConfig } from '../practices/practices.js';
import type { RelyingParty } from '../staff/passkeys.js';
import type { PasswordCost } from '../staff/passwords.js';
import type { StaffCookie } from '../staff/sessions.js';
import { ApiProblem } from './problem.js';

export type AppEnv = { Variables: { requestId: string } };

/** What the routes share: resolved app options. */
export interface ApiDeps {
  readonly database: BillPayDatabase;
  readonly practices: ReadonlyMap<string, PracticeConfig>;
  /** The practices' files with their saved settings over them (the console's Settings), kept fresh. */
  readonly settings: LivePractices;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Key of the keyed hashes lockouts and the audit log store. */
  readonly secret: string;
  /** Which proxies' X-Forwarded-For is believed (see `clientAddress`). */
  readonly trustProxy: ProxyTrust;
  /** The payment processor; without one, payments answer 503. */
  readonly processor: ProcessorAdapter | undefined;
  /** Development mode: webhook endpoints may be plain http to localhost. */
  readonly development: boolean;
  /** The console's staff sign-in: its origin as the WebAuthn relying party, the session cookie, and the cost of a password hash. */
  readonly staff: { readonly rp: RelyingParty; readonly cookie: StaffCookie; readonly passwordCost: PasswordCost };
}

/**
 * The address a request came from, for per-address limits and as the payer's address on a bank
 * debit's authorization: the socket's peer, or, when that peer is a trusted proxy, the address
 * X-Forwarded-For gives for the client (see `ProxyTrust.clientAddress`). Otherwise any client
 * could claim a fresh address on every attempt. `app.request` in tests has no socket unless
 * given one: 'unknown'.
 */
export function clientAddress(c: Context, trustProxy: ProxyTrust): string {
  return trustProxy.clientAddress(socketAddress(c), c.req.header('x-forwarded-for'));
}

/**
 * Whether a request may act for `practice`: no Origin (not a browser page), the API's own origin
 * (a page it serves, like the demo site), or an origin the practice allows.
 */
export function originAllowed(c: Context, practice: PracticeConfig): boolean {
  const origin = c.req.header('origin');
  return origin === undefined || origin === new URL(c.req.url).origin || practice.allowedOrigins.includes(origin);
}

export function requirePractice(practices: ReadonlyMap<string, PracticeConfig>, id: string): PracticeConfig {
  const practice = practices.get(id);
  if (!practice) throw new ApiProblem(404, 'practice_not_found', 'There is no practice with that id.');
  return practice;
}
