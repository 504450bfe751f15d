import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/**
 * CORS limited to the origins practices allow, with Hono's cors middleware. A practice's own
 * routes answer only its origins; the rest answer any origin some practice allows. Credentials are
 * never allowed: the session token travels in the Authorization header, not in a cookie.
 * `refusal` is the structured 403 a preflight from any other origin gets (Hono's would answer it
 * 204 without Allow-Origin, which tells a developer nothing).
 */
export function practiceCors(allowedOriginsOf: (practiceId: string) => readonly string[] | undefined, allOrigins: ReadonlySet<string>, refusal: (c: Context) => Response): MiddlewareHandler {
  const allowed = (c: Context, origin: string) => {
    const match = /^\/v1\/practices\/([^/]+)/.exec(new URL(c.req.url).pathname);
    const origins = match?.[1] ? allowedOriginsOf(decodeURIComponent(match[1])) : undefined;
    return origins ? origins.includes(origin) : allOrigins.has(origin);
  };
  const hono = cors({
    origin: (origin, c) => (origin !== '' && allowed(c, origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key'],
    exposeHeaders: ['Retry-After', 'X-Request-Id'],
    maxAge: 600,
  });
  return async (c, next) => {
    const origin = c.req.header('origin');
    // Only a browser's preflight (it names its origin) is CORS's; any other OPTIONS goes on to the routes.
    if (c.req.method === 'OPTIONS' && origin === undefined) return next();
    if (c.req.method === 'OPTIONS' && !allowed(c, origin!)) return refusal(c);
    return hono(c, next);
  };
}
