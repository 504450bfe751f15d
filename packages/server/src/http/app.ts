import { requestId as assignRequestId } from 'hono/request-id';
import { routePath } from 'hono/route';
import { HealthSchema, PracticeSchema } from '@billpay/sdk';
import { Hono, type Context } from 'hono';
import { describeRoute } from 'hono-openapi';
import * as z from 'zod/mini';
import type { BillPayDatabase } from '../db/database.js';
import { DomainError } from '../domain/errors.js';
import type { Logger } from '../log.js';
import { json, problem, serveOpenApi } from './openapi.js';
import { LivePractices } from '../practices/live.js';
import { publicPractice, type PracticeConfig } from '../practices/practices.js';
import { MIN_SECRET_LENGTH } from '../security/secret.js';
import { limitBodies } from '../edge/body-limit.js';
import { proxyTrust, warnOfUntrustedForwarding, type ProxySettings } from '../edge/client-address.js';
import { practiceApiHeaders } from '../edge/headers.js';
import { databaseCheck, readiness, type ReadinessCheck } from '../edge/health.js';
import { practiceCors } from '../edge/cors.js';
import { refuseBadUrls } from '../edge/input.js';
import type { ProcessorAdapter } from '../processor/port.js';
import { mountProcessorWebhooks } from '../processor/routes.js';
import { mountAccount } from '../accounts/routes.js';
import { mountPayments } from '../payments/routes.js';
import { mountPlans } from '../plans/routes.js';
import { mountEstimates } from '../estimates/routes.js';
import { mountPracticeApi } from '../admin/routes.js';
import { IMPORT_PATH } from '../imports/routes.js';
import { requirePractice, type ApiDeps, type AppEnv } from './context.js';
import { mountLookups } from '../lookup/routes.js';
import { mountMessages } from '../messages/routes.js';
import { mountPreferences } from '../preferences/routes.js';
import type { TextReplySettings } from '../messages/replies.js';
import { ApiProblem, badUrlProblem, problemBody, problemOf } from './problem.js';
import { shedWhenBusy } from '../edge/admission.js';
import { mountConsoleSite, type ConsoleSiteOptions, type ProcessorOrigins } from './console-site.js';
import { mountDemoSite, type DemoSiteOptions } from './static.js';
import { mountConsoleApi } from '../staff/routes.js';
import { PASSWORD_COST, type PasswordCost } from '../staff/passwords.js';
import { staffSettings } from '../staff/settings.js';

export { requirePractice, type AppEnv };

export interface AppOptions extends ProxySettings {
  readonly database: BillPayDatabase;
  readonly practices: ReadonlyMap<string, PracticeConfig>;
  /**
   * The practices' saved settings over their files (`Core.settings`); one is made over `practices`
   * when absent (its entries are then replaced in place as settings are saved).
   */
  readonly settings?: LivePractices | undefined;
  /** How long the settings are trusted before their versions are read again (default `SETTINGS_TTL_MS`). */
  readonly settingsTtlMs?: number | undefined;
  readonly logger: Logger;
  /** Serve the demo website and billpay.js from the same origin. */
  readonly demo?: DemoSiteOptions | undefined;
  /** Serve the billing office console's pages at /console (its API is always mounted). */
  readonly console?: ConsoleSiteOptions | undefined;
  /**
   * Key of the keyed hashes that lockouts and the audit log store instead of identifiers. Every
   * instance sharing a database must use the same one, or they would not share lockouts.
   */
  readonly secret: string;
  /** The clock: today's date, session idle expiry, lockout windows. Tests move it. */
  readonly now?: (() => Date) | undefined;
  /**
   * The payment processor port the practice API charges through, and tells the widget where to
   * tokenize (`browser`); without one, payments answer 503.
   */
  readonly processor?: ProcessorAdapter | undefined;
  /**
   * What readiness (`GET /v1/health`) checks besides the database, by name: the server adds
   * `processor` (the processor's own readiness).
   */
  readonly readinessChecks?: Readonly<Record<string, ReadinessCheck>> | undefined;
  /** How long readiness waits for each check before counting it down (default 2 000 ms). */
  readonly readinessTimeoutMs?: number | undefined;
  /** Calls one practice API key may make a minute, per instance (default 600). */
  readonly practiceApiRequestsPerMinute?: number | undefined;
  /** Development mode: webhook endpoints may be plain http to localhost. */
  readonly development?: boolean | undefined;
  /**
   * The console's origin (`BILLPAY_CONSOLE_ORIGIN`, e.g. https://billing.example.com): staff pages
   * and their requests come from it, passkeys are bound to its host name, and enrolment links
   * point at it. Default `DEFAULT_CONSOLE_ORIGIN`.
   */
  readonly consoleOrigin?: string | undefined;
  /** The cost of a staff password's argon2id hash: `PASSWORD_COST` (OWASP's), less only in tests. */
  readonly passwordCost?: PasswordCost | undefined;
  /**
   * PGlite only: the longest a request may expect to wait for the database before it is refused
   * at once with 503 `busy` and `Retry-After` (default `MAX_QUEUE_WAIT_MS`).
   */
  readonly maxQueueWaitMs?: number | undefined;
  /** Replies to texts (STOP, HELP) through the text provider's signed webhook; without it, `/messages/sms/*` answers 404. */
  readonly textReplies?: TextReplySettings | undefined;
}

/** Where the APIs are: the patient's, the practice's and the console's (pages and files are not). */
const API_PATHS = ['/v1/*', '/admin/v1/*', '/console/api/*'];

const isHealthCheck = (path: string) => path.startsWith('/v1/health');

/** Well inside the 15 s a client waits (the SDK's timeout), with room for its retry. */
export const MAX_QUEUE_WAIT_MS = 2_000;

/** The console's origin when none is configured: the server's own default address. */
export const DEFAULT_CONSOLE_ORIGIN = 'http://localhost:8787';


/** The practice API as a Hono app (no listening socket: tests call `app.request` directly). */
export function createApp(options: AppOptions): Hono<AppEnv> {
  const { practices, logger } = options;
  if (options.secret.length < MIN_SECRET_LENGTH) throw new Error(`The server secret must be at least ${MIN_SECRET_LENGTH} characters.`);
  const settings = options.settings ?? new LivePractices(options.database.db, practices as Map<string, PracticeConfig>, { logger, ttlMs: options.settingsTtlMs });
  const deps: ApiDeps = {
    database: options.database,
    practices,
    settings,
    logger,
    secret: options.secret,
    now: options.now ?? (() => new Date()),
    trustProxy: proxyTrust(options),
    processor: options.processor,
    development: options.development ?? false,
    staff: { ...staffSettings(options.consoleOrigin ?? DEFAULT_CONSOLE_ORIGIN, options.development ?? false), passwordCost: options.passwordCost ?? PASSWORD_COST },
  };
  const app = new Hono<AppEnv>();
  const allOrigins = new Set([...practices.values()].flatMap((practice) => practice.allowedOrigins));

  // Hono's request id, told not to take the client's X-Request-Id: an id in the log is always ours.
  app.use('*', assignRequestId({ headerName: '' }));
  app.use('*', async (c, next) => {
    const requestId = c.get('requestId');
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

  app.use('*', ...practiceApiHeaders(deps.trustProxy));
  app.use('*', warnOfUntrustedForwarding(deps.trustProxy, logger, 'forwarded_for_ignored'));
  app.use(
    '*',
    limitBodies(
      () => new ApiProblem(413, 'payload_too_large', 'The request body is too large.'),
      (c) => c.req.method === 'POST' && c.req.path === IMPORT_PATH,
    ),
  );
  app.use('*', refuseBadUrls(badUrlProblem));
  app.use(
    '/v1/*',
    practiceCors(
      (id) => practices.get(id)?.allowedOrigins,
      allOrigins,
      (c) => c.json(problemBody('origin_not_allowed', 'This website is not allowed to use this billing API.'), 403),
      (c, origin, practiceId) =>
        c.json(
          problemBody(
            'origin_not_allowed',
            `This page's origin (${origin}) is not in the allowedOrigins of practice ${practiceId}: add it to the practice's configuration (developmentOrigins count only with --development).`,
            [],
            c.get('requestId'),
          ),
          403,
        ),
    ),
  );
  app.use('/v1/*', async (c, next) => {
    await next();
    c.header('cache-control', 'no-store');
  });
  const expectedWaitMs = options.database.expectedWaitMs;
  if (expectedWaitMs) {
    const shed = shedWhenBusy<AppEnv>({
      expectedWaitMs,
      maxWaitMs: options.maxQueueWaitMs ?? MAX_QUEUE_WAIT_MS,
      refuse: (seconds) => new ApiProblem(503, 'busy', 'The server is busy. Send the same request again after Retry-After seconds.', [], { 'Retry-After': String(seconds) }),
      spare: isHealthCheck,
    });
    // After CORS, so a browser can read the refusal; health checks are never shed.
    for (const path of API_PATHS) app.use(path, shed);
  }
  // A practice's settings saved on another instance are in force here within the settings' TTL:
  // read before an API request (after shedding, so a refused one never waits for the database;
  // not before health checks, whose liveness must not wait for it either).
  for (const path of API_PATHS) {
    app.use(path, async (c, next) => {
      if (!isHealthCheck(c.req.path)) await settings.refresh();
      await next();
    });
  }

  // Readiness: the database answers, and so does whatever else the options name (the server adds
  // the processor). A load balancer sends traffic only while it is 200.
  const ready = readiness({ database: databaseCheck(options.database.db), ...options.readinessChecks }, options.readinessTimeoutMs);
  app.get('/v1/health', describeRoute({
    operationId: 'health',
    summary: 'Readiness: the database and the payment processor answer; which database is in use',
    responses: {
      '200': { description: 'Ready', content: json(HealthSchema) },
      '503': problem('`not_ready`: each of `issues` names what does not answer (`database`, `processor`)'),
    },
  }), async (c) => {
    const down = await ready();
    if (down.length) {
      logger.error({ event: 'not_ready', down: down.join(', ') });
      throw new ApiProblem(
        503,
        'not_ready',
        `Not ready: the ${down.join(' and the ')} ${down.length > 1 ? 'do' : 'does'} not answer.`,
        down.map((name) => ({ path: [name], code: 'unavailable', message: `The ${name} does not answer.` })),
      );
    }
    return c.json({ status: 'ok' as const, database: options.database.kind });
  });
  // Liveness: the process answers requests. Nothing else, so a restart is never asked for when a
  // dependency is what is down.
  app.get('/v1/health/live', describeRoute({
    operationId: 'liveness',
    summary: 'Liveness: the process answers (checks nothing else)',
    responses: { '200': { description: 'Alive', content: json(z.object({ status: z.literal('ok') })) } },
  }), (c) => c.json({ status: 'ok' as const }));

  app.get('/v1/openapi.json', describeRoute({
    operationId: 'openApi',
    summary: 'This document: every operation of the API, generated from the routes',
    responses: { '200': { description: 'The OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } } },
  }), serveOpenApi(app));

  app.get('/v1/practices/:practiceId', describeRoute({
    operationId: 'getPractice',
    summary: 'What the widget may show about a practice',
    responses: { '200': { description: 'The practice', content: json(PracticeSchema) }, '404': problem('`practice_not_found`') },
  }), (c) => {
    const practice = requirePractice(practices, c.req.param('practiceId'));
    // Where the widget sends card and bank details: the practice's processor's own origin, with
    // the key that names this practice to it.
    const payments = options.processor?.browser(practice.id);
    return c.json({ ...publicPractice(practice), ...(payments ? { payments } : {}) });
  });

  mountLookups(app, deps);
  mountAccount(app, deps);
  mountPreferences(app, deps);
  mountPayments(app, deps);
  mountPlans(app, deps);
  mountEstimates(app, deps);
  mountProcessorWebhooks(app, deps);
  // The practice's own servers, with its API keys: no CORS, no browsers (see http/api-key.ts);
  // or the console's pages with a staff session, same origin only (see staff/access.ts).
  mountPracticeApi(app, deps, { requestsPerMinute: options.practiceApiRequestsPerMinute });
  // The console's staff: enrolment, sign-in, sessions (staff/).
  mountConsoleApi(app, deps);

  // The unsubscribe links of the messages sent to patients, and replies to texts (messages/).
  mountMessages(app, deps, options.textReplies);

  app.all('/v1/*', (c) => {
    throw new ApiProblem(404, 'not_found', `There is no ${c.req.method} ${new URL(c.req.url).pathname} in this API.`);
  });

  if (options.console) {
    // The console's "Take a payment" dialog frames each practice's processor's hosted card page and
    // tokenizes bank accounts at it: its CSP names exactly those origins (asked each time: the
    // sandbox's address is known only once it listens).
    const processorOrigins = (): ProcessorOrigins => {
      const browsers = [...practices.keys()].map((id) => options.processor?.browser(id)).filter((b) => b !== undefined);
      return {
        frames: browsers.map((b) => new URL(b.hostedCardUrl ?? b.processorUrl).origin),
        connects: browsers.map((b) => new URL(b.processorUrl).origin),
      };
    };
    mountConsoleSite(app, { processorOrigins, ...options.console });
  }
  if (options.demo) mountDemoSite(app, options.demo);

  app.notFound((c) => c.json(problemBody('not_found', 'Not found.', [], c.get('requestId')), 404));

  app.onError((thrown, c) => {
    const requestId = c.get('requestId');
    const error = thrown instanceof DomainError ? problemOf(thrown) : thrown;
    if (error instanceof ApiProblem) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json(problemBody(error.code, error.message, error.issues, requestId, error.details), error.status);
    }
    // A database error's message can quote the values of the statement (a date of birth, a Bill
    // ID), so only its SQLSTATE is logged.
    const sqlState = (error as { code?: unknown }).code;
    logger.error({
      event: 'unhandled_error',
      requestId,
      route: routePath(c as Context),
      error: error.name,
      ...(typeof sqlState === 'string' ? { sqlState } : { message: error.message }),
    });
    return c.json(problemBody('internal', 'Something went wrong on our side. Please try again.', [], requestId), 500);
  });

  return app;
}

