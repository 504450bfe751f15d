import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/**
 * CORS limited to the origins practices allow, with Hono's cors middleware. A practice's own
 * routes answer only its origins; the rest answer any origin some practice allows. Credentials are
 * never allowed: the session token travels in the Authorization header, not in a cookie.
 * `refusal` is the structured 403 a preflight from any other origin gets (Hono's would answer it
 * 204 without Allow-Origin, which tells a developer nothing).
 *
 * The practice's own document (`GET /v1/practices/{id}`), the first thing a widget asks for, is
 * refused to another origin with a 403 that origin may read (`Access-Control-Allow-Origin` set to
 * it), naming the origin and the setting: so the page's developer learns why at once, instead of
 * the browser hiding the refusal as a network error. It says nothing the practice's public
 * document does not (the practice exists), and never lists the origins allowed.
 */
export function practiceCors(
  allowedOriginsOf: (practiceId: string) => readonly string[] | undefined,
  allOrigins: ReadonlySet<string>,
  refusal: (c: Context) => Response,
  notAllowed: (c: Context, origin: string, practiceId: string) => Response,
): MiddlewareHandler {
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
    const practice = /^\/v1\/practices\/([^/]+)$/.exec(new URL(c.req.url).pathname)?.[1];
    if (c.req.method === 'GET' && origin && practice && allowedOriginsOf(decodeURIComponent(practice)) && !allowed(c, origin)) {
      const answer = notAllowed(c, origin, decodeURIComponent(practice));
      answer.headers.set('access-control-allow-origin', origin);
      answer.headers.set('access-control-expose-headers', 'X-Request-Id');
      answer.headers.append('vary', 'Origin');
      return answer;
    }
    return hono(c, next);
  };
}
