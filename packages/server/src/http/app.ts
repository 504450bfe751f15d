import { routePath } from 'hono/route';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { BillPayDatabase } from '../db/database.js';
import type { Logger } from '../log.js';
import { buildOpenApiDocument } from '../openapi.js';
import { publicPractice, type PracticeConfig } from '../practices.js';
import { ApiProblem, problemBody } from './problem.js';
import { mountDemoSite, type DemoSiteOptions } from './static.js';

export interface AppOptions {
  readonly database: BillPayDatabase;
  readonly practices: ReadonlyMap<string, PracticeConfig>;
  readonly logger: Logger;
  /** Serve the demo website and billpay.js from the same origin. */
  readonly demo?: DemoSiteOptions | undefined;
}

export type AppEnv = { Variables: { requestId: string } };

const ALLOWED_HEADERS = 'Content-Type, Authorization, Idempotency-Key';
const ALLOWED_METHODS = 'GET, POST, DELETE, OPTIONS';

/** The practice API as a Hono app (no listening socket: tests call `app.request` directly). */
export function createApp(options: AppOptions): Hono<AppEnv> {
  const { practices, logger } = options;
  const app = new Hono<AppEnv>();
  const allOrigins = new Set([...practices.values()].flatMap((practice) => practice.allowedOrigins));

  app.use('*', async (c, next) => {
    const requestId = crypto.randomUUID();
    c.set('requestId', requestId);
    const started = performance.now();
    await next();
    c.header('x-request-id', requestId);
    logger.info({
      event: 'request',
      requestId,
      method: c.req.method,
      // The route pattern, never the raw URL: identifiers of people never reach the log.
      route: routePath(c as Context),
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });

  app.use('/v1/*', cors(practices, allOrigins));
  app.use('/v1/*', async (c, next) => {
    await next();
    c.header('cache-control', 'no-store');
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'no-referrer');
  });

  app.get('/v1/health', (c) => c.json({ status: 'ok' as const, database: options.database.kind }));

  app.get('/v1/openapi.json', (c) => c.json(buildOpenApiDocument()));

  app.get('/v1/practices/:practiceId', (c) => c.json(publicPractice(requirePractice(practices, c.req.param('practiceId')))));

  app.all('/v1/*', (c) => {
    throw new ApiProblem(404, 'not_found', `There is no ${c.req.method} ${new URL(c.req.url).pathname} in this API.`);
  });

  if (options.demo) mountDemoSite(app, options.demo);

  app.notFound((c) => c.json(problemBody('not_found', 'Not found.', [], c.get('requestId')), 404));

  app.onError((error, c) => {
    const requestId = c.get('requestId');
    if (error instanceof ApiProblem) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json(problemBody(error.code, error.message, error.issues, requestId), error.status);
    }
    logger.error({ event: 'unhandled_error', requestId, route: routePath(c as Context), error: error.name, message: error.message });
    return c.json(problemBody('internal', 'Something went wrong on our side. Please try again.', [], requestId), 500);
  });

  return app;
}

export function requirePractice(practices: ReadonlyMap<string, PracticeConfig>, id: string): PracticeConfig {
  const practice = practices.get(id);
  if (!practice) throw new ApiProblem(404, 'practice_not_found', 'There is no practice with that id.');
  return practice;
}

/**
 * CORS limited to the origins practices allow. A practice's own routes answer only its origins;
 * the rest answer any origin some practice allows. Credentials are never allowed: the session
 * token travels in the Authorization header, not in a cookie.
 */
function cors(practices: ReadonlyMap<string, PracticeConfig>, allOrigins: ReadonlySet<string>): MiddlewareHandler<AppEnv> {
  const allowed = (c: Context, origin: string) => {
    const match = /^\/v1\/practices\/([^/]+)/.exec(new URL(c.req.url).pathname);
    const practice = match?.[1] ? practices.get(decodeURIComponent(match[1])) : undefined;
    return practice ? practice.allowedOrigins.includes(origin) : allOrigins.has(origin);
  };
  return async (c, next) => {
    const origin = c.req.header('origin');
    const ok = origin !== undefined && allowed(c, origin);
    if (c.req.method === 'OPTIONS' && origin !== undefined) {
      if (!ok) {
        return c.json(problemBody('origin_not_allowed', 'This website is not allowed to use this billing API.'), 403);
      }
      return new Response(null, {
        status: 204,
        headers: {
          'access-control-allow-origin': origin,
          'access-control-allow-methods': ALLOWED_METHODS,
          'access-control-allow-headers': ALLOWED_HEADERS,
          'access-control-max-age': '600',
          vary: 'Origin',
        },
      });
    }
    await next();
    c.header('vary', 'Origin', { append: true });
    if (ok) {
      c.header('access-control-allow-origin', origin);
      c.header('access-control-expose-headers', 'Retry-After, X-Request-Id');
    }
  };
}
