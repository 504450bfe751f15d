/* global document, window, ResizeObserver */
/**
 * The hosted card fields' script: plain browser JavaScript. It checks what is typed with the
 * SDK's card rules (./card-rules.js, built from packages/sdk/src/card.ts), and when the parent
 * page asks (`billpay:tokenize`) sends the card to this origin's processor and hands the parent
 * only the token. It listens only to the origin it was opened for, and posts only to it; the
 * card number and security code never leave this frame but to the processor.
 */
import { cardBrand, cardDigits, checkCardCvc, checkCardExpiry, checkCardNumber, formatCardNumber } from './card-rules.js';

const root = document.documentElement;
const parentOrigin = root.dataset.parentOrigin;
const publishableKey = root.dataset.key;
const ALL_MESSAGES = {
  en: {
    required: { number: 'Enter the card number.', expiry: 'Enter the expiration date.', cvc: 'Enter the security code.', name: 'Enter the name on the card.', postalCode: 'Enter the ZIP code.' },
    invalid_number: 'Check the card number; it is not a valid card number.',
    invalid_expiry: 'Enter the expiration date as MM/YY.',
    expired_card: 'This card has expired.',
    invalid_cvc: 'Enter the 3 or 4 digits of the security code.',
    invalid_postal_code: 'Enter a 5-digit ZIP code.',
    network: 'The card could not be sent. Check your connection and try again.',
    summary: (n) => (n === 1 ? '1 field needs attention.' : `${n} fields need attention.`),
  },
  es: {
    required: { number: 'Escriba el número de la tarjeta.', expiry: 'Escriba la fecha de vencimiento.', cvc: 'Escriba el código de seguridad.', name: 'Escriba el nombre que aparece en la tarjeta.', postalCode: 'Escriba el código postal.' },
    invalid_number: 'Revise el número; no es un número de tarjeta válido.',
    invalid_expiry: 'Escriba la fecha de vencimiento como MM/AA.',
    expired_card: 'Esta tarjeta está vencida.',
    invalid_cvc: 'Escriba los 3 o 4 dígitos del código de seguridad.',
    invalid_postal_code: 'Escriba un código postal de 5 dígitos.',
    network: 'No se pudo enviar la tarjeta. Revise su conexión e intente de nuevo.',
    summary: (n) => (n === 1 ? '1 campo necesita atención.' : `${n} campos necesitan atención.`),
  },
};
const langOf = (value) => (value === 'es' ? 'es' : 'en');
let MESSAGES = ALL_MESSAGES[langOf(root.lang)];

const FIELDS = ['number', 'expiry', 'cvc', 'name', 'postalCode'];
const input = (name) => document.getElementById(name);

function post(message) {
  window.parent.postMessage(message, parentOrigin);
}

/** The SDK's issue codes, as the codes this page shows and sends to the parent. */
const NUMBER_ISSUE = 'invalid_number';
const EXPIRY_ISSUES = { 'card.expired': 'expired_card' };

function today() {
  const now = new Date();
  return { year: now.getFullYear(), month: now.getMonth() + 1 };
}

function readExpiry() {
  const expiry = checkCardExpiry(input('expiry').value, today());
  return expiry.ok ? expiry : undefined;
}

/** The first problem with a field, as a code, or undefined. */
function problemWith(name) {
  const value = input(name).value.trim();
  if (!value) return 'required';
  if (name === 'number') return checkCardNumber(value).ok ? undefined : NUMBER_ISSUE;
  if (name === 'expiry') {
    const expiry = checkCardExpiry(value, today());
    return expiry.ok ? undefined : (EXPIRY_ISSUES[expiry.issue] ?? 'invalid_expiry');
  }
  if (name === 'cvc') return checkCardCvc(value, cardBrand(input('number').value)).ok ? undefined : 'invalid_cvc';
  if (name === 'postalCode') return /^\d{5}(-\d{4})?$/.test(value) ? undefined : 'invalid_postal_code';
  return undefined;
}

function messageFor(name, code) {
  const message = code === 'required' ? MESSAGES.required[name] : MESSAGES[code];
  return typeof message === 'string' ? message : MESSAGES.network;
}

/** The problem shown at each field, so a change of language can say it again in the new words. */
const shown = new Map();

function showError(name, code) {
  const field = input(name);
  if (code) shown.set(name, code);
  else shown.delete(name);
  const error = document.getElementById(`${name}-error`);
  const hint = document.getElementById(`${name}-hint`);
  const describedBy = hint ? [hint.id] : [];
  if (code) {
    error.textContent = messageFor(name, code);
    error.hidden = false;
    field.setAttribute('aria-invalid', 'true');
    describedBy.push(error.id);
  } else {
    error.textContent = '';
    error.hidden = true;
    field.removeAttribute('aria-invalid');
  }
  if (describedBy.length) field.setAttribute('aria-describedby', describedBy.join(' '));
  else field.removeAttribute('aria-describedby');
}

function announce(text) {
  const announcer = document.getElementById('announcer');
  // Cleared first so the same words are announced again.
  announcer.textContent = '';
  window.setTimeout(() => (announcer.textContent = text), 50);
}

/** Card number in groups as typed: 4-4-4-4, Amex 4-6-5. */
function formatNumber() {
  const field = input('number');
  const formatted = formatCardNumber(field.value);
  if (formatted !== field.value) field.value = formatted;
}

let lastChange = '';
function reportChange() {
  const brand = cardBrand(input('number').value);
  const complete = FIELDS.every((name) => !problemWith(name));
  const message = { type: 'billpay:change', complete, ...(brand ? { brand } : {}) };
  const text = JSON.stringify(message);
  if (text !== lastChange) {
    lastChange = text;
    post(message);
  }
}

const touched = new Set();
for (const name of FIELDS) {
  const field = input(name);
  field.addEventListener('input', () => {
    if (name === 'number') formatNumber();
    // An error already shown is re-checked as the person fixes it; a new one waits for blur.
    if (field.getAttribute('aria-invalid') === 'true') showError(name, problemWith(name));
    reportChange();
  });
  field.addEventListener('blur', () => {
    if (field.value.trim()) touched.add(name);
    if (touched.has(name)) showError(name, problemWith(name));
  });
}

const SERVER_FIELDS = { number: 'number', expMonth: 'expiry', expYear: 'expiry', cvc: 'cvc', name: 'name', postalCode: 'postalCode' };

function fail(errors) {
  for (const { field, code } of errors) if (FIELDS.includes(field)) showError(field, code);
  const first = errors.find((error) => FIELDS.includes(error.field));
  if (first) input(first.field).focus();
  announce(errors.length === 1 ? messageFor(errors[0].field, errors[0].code) || MESSAGES.network : MESSAGES.summary(errors.length));
  post({ type: 'billpay:error', errors });
}

/**
 * How long the processor may take to answer with a token. Under the parent's own limit (30 s in
 * the elements' HostedCardController), so the patient is told here that the card was not sent,
 * and a second try is not ignored as if the first were still under way.
 */
const TOKEN_TIMEOUT_MS = 20_000;

let busy = false;
/** `reusable`: the parent asks to save the card for later charges (the patient agreed to autopay). */
async function tokenize(reusable) {
  if (busy) return;
  const errors = [];
  for (const name of FIELDS) {
    const code = problemWith(name);
    touched.add(name);
    showError(name, code);
    if (code) errors.push({ field: name, code });
  }
  if (errors.length) return fail(errors);
  const expiry = readExpiry();
  busy = true;
  const request = new AbortController();
  const timer = window.setTimeout(() => request.abort(), TOKEN_TIMEOUT_MS);
  try {
    const response = await fetch('/v1/tokens/card', {
      method: 'POST',
      signal: request.signal,
      headers: { 'content-type': 'application/json', 'x-billpay-key': publishableKey },
      body: JSON.stringify({
        number: cardDigits(input('number').value),
        expMonth: expiry.month,
        expYear: expiry.year,
        cvc: input('cvc').value.trim(),
        name: input('name').value.trim(),
        postalCode: input('postalCode').value.trim(),
        ...(reusable ? { reusable: true } : {}),
      }),
    });
    const body = await response.json();
    if (response.status === 201) {
      post({ type: 'billpay:token', token: { id: body.id, kind: body.kind, card: body.card, ...(body.reusable ? { reusable: true } : {}) } });
      announce('');
    } else {
      const param = body && body.error && body.error.param;
      const code = body && body.error && body.error.code;
      fail([{ field: SERVER_FIELDS[param] || 'form', code: code || 'network' }]);
    }
  } catch {
    fail([{ field: 'form', code: 'network' }]);
  } finally {
    window.clearTimeout(timer);
    busy = false;
  }
}

const COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
const THEME = {
  accent: ['--accent', (v) => COLOR.test(v)],
  text: ['--text', (v) => COLOR.test(v)],
  background: ['--background', (v) => COLOR.test(v)],
  radius: ['--radius', (v) => /^\d{1,2}px$/.test(v)],
  fontFamily: ['--font-family', (v) => /^[\w\s,"'-]{1,120}$/.test(v)],
};

/**
 * The parent page changed language: the labels, hints and any messages shown change in place.
 * Nothing typed is touched (a reload would empty the fields).
 */
function setLang(next) {
  const lang = langOf(next);
  let labels;
  try {
    labels = JSON.parse(root.dataset.labels)[lang];
  } catch {
    return;
  }
  if (!labels) return;
  root.lang = lang;
  MESSAGES = ALL_MESSAGES[lang];
  document.title = labels.title;
  document.getElementById('card-form').setAttribute('aria-label', labels.title);
  for (const name of FIELDS) {
    const label = document.querySelector(`label[for="${name}"]`);
    if (label && typeof labels[name] === 'string') label.textContent = labels[name];
  }
  const hint = document.getElementById('expiry-hint');
  if (hint) hint.textContent = labels.expiryHint;
  for (const [name, code] of shown) showError(name, code);
}

function applyTheme(values) {
  if (!values || typeof values !== 'object') return;
  for (const [name, [property, valid]] of Object.entries(THEME)) {
    const value = values[name];
    if (typeof value === 'string' && valid(value)) root.style.setProperty(property, value);
  }
}

window.addEventListener('message', (event) => {
  if (event.origin !== parentOrigin || event.source !== window.parent) return;
  const data = event.data;
  if (!data || typeof data !== 'object') return;
  if (data.type === 'billpay:tokenize') void tokenize(data.reusable === true);
  else if (data.type === 'billpay:theme') applyTheme(data.values);
  else if (data.type === 'billpay:lang' && typeof data.lang === 'string') setLang(data.lang);
});

document.getElementById('card-form').addEventListener('submit', (event) => event.preventDefault());

let lastHeight = 0;
new ResizeObserver(() => {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height !== lastHeight) {
    lastHeight = height;
    post({ type: 'billpay:resize', height });
  }
}).observe(document.documentElement);

post({ type: 'billpay:ready' });
// What was typed before this script ran (a module, it can run after the fields show) is grouped
// and reported now, as if typed after.
if (FIELDS.some((name) => input(name).value)) {
  formatNumber();
  reportChange();
}
