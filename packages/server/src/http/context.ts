import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { BillPayDatabase } from '../db/database.js';
import type { Logger } from '../log.js';
import type { ProcessorGateway } from '../payments/gateway.js';
import type { PracticeConfig } from '../practices.js';
import { ApiProblem } from './problem.js';

export type AppEnv = { Variables: { requestId: string } };

/** What the routes share: resolved app options. */
export interface ApiDeps {
  readonly database: BillPayDatabase;
  readonly practices: ReadonlyMap<string, PracticeConfig>;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Key of the keyed hashes lockouts and the audit log store. */
  readonly secret: string;
  readonly trustProxy: boolean;
  /** The payment processor; without one, payments answer 503. */
  readonly processor: ProcessorGateway | undefined;
}

/**
 * The address a request came from, for the per-address lockout. X-Forwarded-For is believed only
 * when the app is told it runs behind a proxy that sets it; otherwise any client could claim a
 * fresh address on every attempt. Even then only the last entry counts: the one our proxy
 * appended. Earlier entries came from the client and can say anything. `app.request` in tests
 * has no socket: 'unknown'.
 */
export function clientAddress(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Whether a request may act for `practice`: no Origin (not a browser page), the API's own origin
 * (a page it serves, like the demo site), or an origin the practice allows.
 */
export function originAllowed(c: Context<AppEnv>, practice: PracticeConfig): boolean {
  const origin = c.req.header('origin');
  return origin === undefined || origin === new URL(c.req.url).origin || practice.allowedOrigins.includes(origin);
}

export function requirePractice(practices: ReadonlyMap<string, PracticeConfig>, id: string): PracticeConfig {
  const practice = practices.get(id);
  if (!practice) throw new ApiProblem(404, 'practice_not_found', 'There is no practice with that id.');
  return practice;
}
