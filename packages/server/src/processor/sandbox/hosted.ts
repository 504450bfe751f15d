import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { PracticeConfig } from '../../practices/practices.js';
import { ProcessorError } from './errors.js';
import { hostedCardCsp, hostedCardHtml } from './hosted-page.js';
import { merchantOfPublishableKey } from './keys.js';

/**
 * The hosted card-capture page, served from the processor's origin inside the practice's page,
 * so card fields are the processor's and the practice's page stays in PCI DSS SAQ A. Its script
 * and style are files of their own (no inline code), and it talks to the page that framed it
 * only by postMessage, to the one origin it was opened for.
 */
const assets = fileURLToPath(new URL('../../../hosted/', import.meta.url));

/** Where the page is served: the one path of the processor that other sites may frame. */
export const HOSTED_CARD_PATH = '/hosted/card';

/**
 * Mounts `GET /hosted/card` and its assets. The parent origin must be one the practice allows or
 * the practice API's own (`apiPublicUrl`) or the billing office console's (`consoleOrigin`), since
 * the page will answer only that origin.
 */
export function mountHostedCard(
  app: Hono<{ Variables: { merchantId: string } }>,
  practices: ReadonlyMap<string, PracticeConfig>,
  apiPublicUrl: () => string | undefined,
  consoleOrigin?: string,
): void {
  const cache = new Map<string, Promise<string>>();
  const asset = (name: string) => {
    let text = cache.get(name);
    if (!text) cache.set(name, (text = readFile(`${assets}${name}`, 'utf8')));
    return text;
  };

  app.get(HOSTED_CARD_PATH, (c) => {
    const key = c.req.query('key') ?? '';
    const merchantId = merchantOfPublishableKey(key);
    const practice = merchantId ? practices.get(merchantId) : undefined;
    if (!practice) throw new ProcessorError(400, 'invalid_publishable_key', 'Name a valid publishable key in `key`.', 'key');
    const parentOrigin = c.req.query('origin') ?? '';
    const api = apiPublicUrl();
    const allowed = [...practice.allowedOrigins, ...(api ? [new URL(api).origin] : []), ...(consoleOrigin ? [new URL(consoleOrigin).origin] : [])];
    if (!allowed.includes(parentOrigin)) {
      throw new ProcessorError(400, 'origin_not_allowed', 'This page may only be embedded by the practice’s own websites.', 'origin');
    }
    const lang = c.req.query('lang') === 'es' ? 'es' : 'en';
    return c.body(hostedCardHtml({ key, parentOrigin, lang }), 200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': hostedCardCsp(parentOrigin),
      'referrer-policy': 'no-referrer',
    });
  });

  // card-rules.js is the SDK's card checks, bundled by scripts/bundle-hosted.mjs in the build.
  for (const name of ['card.js', 'card-rules.js']) {
    app.get(`/hosted/${name}`, async (c) =>
      c.body(await asset(name), 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }),
    );
  }
  app.get('/hosted/card.css', async (c) =>
    c.body(await asset('card.css'), 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache' }),
  );
}
