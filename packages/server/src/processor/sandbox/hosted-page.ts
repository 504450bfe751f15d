/**
 * The hosted card page's markup and Content-Security-Policy, as pure functions with no Node
 * imports, so the offline Storybook and element tests can show the very same page.
 */
export type Lang = 'en' | 'es';

export const TEXT: Record<Lang, { title: string; number: string; expiry: string; expiryHint: string; cvc: string; name: string; postalCode: string }> = {
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

/**
 * Every language's labels ride along in `data-labels` (data, never run), so the script can relabel
 * the fields in place when the parent page changes language: a reload would lose what was typed.
 */
export function hostedCardHtml(options: { key: string; parentOrigin: string; lang: Lang }): string {
  const t = TEXT[options.lang];
  return `<!doctype html>
<html lang="${options.lang}" data-parent-origin="${escape(options.parentOrigin)}" data-key="${escape(options.key)}" data-labels="${escape(JSON.stringify(TEXT))}">
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
