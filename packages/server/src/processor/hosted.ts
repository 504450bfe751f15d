import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { PracticeConfig } from '../practices.js';
import { ProcessorError } from './errors.js';
import { merchantOfPublishableKey } from './keys.js';

/**
 * The hosted card-capture page, served from the processor's origin inside the practice's page,
 * so card fields are the processor's and the practice's page stays in PCI DSS SAQ A. Its script
 * and style are files of their own (no inline code), and it talks to the page that framed it
 * only by postMessage, to the one origin it was opened for.
 */
const assets = fileURLToPath(new URL('../../hosted/', import.meta.url));

type Lang = 'en' | 'es';

const TEXT: Record<Lang, { title: string; number: string; expiry: string; expiryHint: string; cvc: string; name: string; postalCode: string }> = {
  en: {
    title: 'Card details',
    number: 'Card number',
    expiry: 'Expiration date',
    expiryHint: 'MM/YY',
    cvc: 'Security code',
    name: 'Name on card',
    postalCode: 'ZIP code',
  },
  es: {
    title: 'Datos de la tarjeta',
    number: 'Número de tarjeta',
    expiry: 'Fecha de vencimiento',
    expiryHint: 'MM/AA',
    cvc: 'Código de seguridad',
    name: 'Nombre en la tarjeta',
    postalCode: 'Código postal',
  },
};

export function hostedCardCsp(parentOrigin: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    `frame-ancestors ${parentOrigin}`,
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

function field(id: string, label: string, attributes: string, hint?: string): string {
  const hintHtml = hint ? `<span class="hint" id="${id}-hint">${escape(hint)}</span>` : '';
  const describedBy = hint ? ` aria-describedby="${id}-hint"` : '';
  return `<div class="field" data-field="${id}">
  <label for="${id}">${escape(label)}</label>${hintHtml}
  <input id="${id}" name="${id}" ${attributes}${describedBy}>
  <p class="error" id="${id}-error" hidden></p>
</div>`;
}

export function hostedCardHtml(options: { key: string; parentOrigin: string; lang: Lang }): string {
  const t = TEXT[options.lang];
  return `<!doctype html>
<html lang="${options.lang}" data-parent-origin="${escape(options.parentOrigin)}" data-key="${escape(options.key)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escape(t.title)}</title>
<link rel="stylesheet" href="/hosted/card.css">
<script type="module" src="/hosted/card.js"></script>
</head>
<body>
<form id="card-form" novalidate aria-label="${escape(t.title)}">
${field('number', t.number, 'type="text" inputmode="numeric" autocomplete="cc-number" autocorrect="off" spellcheck="false" maxlength="23" required')}
<div class="row">
${field('expiry', t.expiry, 'type="text" inputmode="numeric" autocomplete="cc-exp" maxlength="7" required', t.expiryHint)}
${field('cvc', t.cvc, 'type="text" inputmode="numeric" autocomplete="cc-csc" maxlength="4" required')}
</div>
${field('name', t.name, 'type="text" autocomplete="cc-name" maxlength="100" required')}
${field('postalCode', t.postalCode, 'type="text" inputmode="numeric" autocomplete="postal-code" maxlength="10" required')}
<div id="announcer" class="visually-hidden" aria-live="polite" aria-atomic="true"></div>
</form>
</body>
</html>
`;
}

/**
 * Mounts `GET /hosted/card` and its assets. The parent origin must be one the practice allows or
 * the practice API's own (`apiPublicUrl`), since the page will answer only that origin.
 */
export function mountHostedCard(
  app: Hono<{ Variables: { merchantId: string } }>,
  practices: ReadonlyMap<string, PracticeConfig>,
  apiPublicUrl: () => string | undefined,
): void {
  const cache = new Map<string, Promise<string>>();
  const asset = (name: string) => {
    let text = cache.get(name);
    if (!text) cache.set(name, (text = readFile(`${assets}${name}`, 'utf8')));
    return text;
  };

  app.get('/hosted/card', (c) => {
    const key = c.req.query('key') ?? '';
    const merchantId = merchantOfPublishableKey(key);
    const practice = merchantId ? practices.get(merchantId) : undefined;
    if (!practice) throw new ProcessorError(400, 'invalid_publishable_key', 'Name a valid publishable key in `key`.', 'key');
    const parentOrigin = c.req.query('origin') ?? '';
    const api = apiPublicUrl();
    const allowed = [...practice.allowedOrigins, ...(api ? [new URL(api).origin] : [])];
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

  app.get('/hosted/card.js', async (c) =>
    c.body(await asset('card.js'), 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }),
  );
  app.get('/hosted/card.css', async (c) =>
    c.body(await asset('card.css'), 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache' }),
  );
}
