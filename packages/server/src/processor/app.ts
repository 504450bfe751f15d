import { routePath } from 'hono/route';
import { Hono, type Context } from 'hono';
import type { Logger } from '../log.js';

export interface ProcessorOptions {
  readonly logger: Logger;
}

/**
 * The sandbox payment processor, served on its own origin like a real processor. Card and bank
 * data go from the browser to it and never to the practice API. This is its skeleton: it answers
 * health checks; tokenization, the hosted card page and charges come with the payments work.
 */
export function createProcessorApp({ logger }: ProcessorOptions): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    logger.info({
      event: 'processor_request',
      method: c.req.method,
      route: routePath(c as Context),
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });
  app.get('/v1/health', (c) => c.json({ status: 'ok', processor: 'sandbox' }));
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'Not found.' } }, 404));
  return app;
}
