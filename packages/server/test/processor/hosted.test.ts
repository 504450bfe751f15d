import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../../src/log.js';
import { createProcessorApp } from '../../src/processor/sandbox/app.js';
import { openProcessorDatabase, type ProcessorDatabase } from '../../src/processor/sandbox/database.js';
import { migratedPgliteDataDir } from '../support/pglite-template.js';
import { practices, SECRET } from '../support/harness.js';
import { PK } from '../support/processor.js';

const API = 'http://api.example.test:8787';
const ALLOWED = 'http://localhost:8787';

describe('hosted card page', () => {
  let database: ProcessorDatabase;
  let app: ReturnType<typeof createProcessorApp>;
  const logLines: string[] = [];
  before(async () => {
    database = await openProcessorDatabase({ initialDataDir: await migratedPgliteDataDir('processor') });
    app = createProcessorApp({ logger: createLogger((line) => logLines.push(line)), database, practices, secret: SECRET, apiPublicUrl: () => API });
  });
  after(async () => {
    await database.close();
  });

  const page = (query: Record<string, string>) => app.request(`/hosted/card?${new URLSearchParams(query).toString()}`);

  it('is framed only by the origin it was opened for, under a CSP with nothing inline', async () => {
    const response = await page({ key: PK, origin: ALLOWED, lang: 'en' });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(
      response.headers.get('content-security-policy'),
      `default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; frame-ancestors ${ALLOWED}; form-action 'none'; base-uri 'none'`,
    );
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    const html = await response.text();
    assert.match(html, /<script type="module" src="\/hosted\/card\.js"><\/script>/);
    assert.match(html, /<link rel="stylesheet" href="\/hosted\/card\.css">/);
    assert.equal((html.match(/<script/g) ?? []).length, 1, 'one script, from a file');
    assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i);
    assert.match(html, new RegExp(`data-parent-origin="${ALLOWED}"`));
    // The practice API's own origin may embed it too.
    const fromApi = await page({ key: PK, origin: API });
    assert.equal(fromApi.status, 200);
    assert.match(fromApi.headers.get('content-security-policy') ?? '', new RegExp(`frame-ancestors ${API};`));
  });

  it('labels every field, with the autocomplete tokens and numeric keyboards, in English and Spanish', async () => {
    const en = await (await page({ key: PK, origin: ALLOWED })).text();
    for (const [id, label, autocomplete] of [
      ['number', 'Card number', 'cc-number'],
      ['expiry', 'Expiration date', 'cc-exp'],
      ['cvc', 'Security code', 'cc-csc'],
      ['name', 'Name on card', 'cc-name'],
      ['postalCode', 'ZIP code', 'postal-code'],
    ] as const) {
      assert.match(en, new RegExp(`<label for="${id}">${label}</label>`));
      assert.match(en, new RegExp(`<input id="${id}"[^>]*autocomplete="${autocomplete}"`));
      assert.match(en, new RegExp(`<p class="error" id="${id}-error" hidden></p>`));
    }
    for (const id of ['number', 'expiry', 'cvc', 'postalCode']) assert.match(en, new RegExp(`<input id="${id}"[^>]*inputmode="numeric"`));
    assert.equal((en.match(/aria-live=/g) ?? []).length, 1, 'one live region');
    assert.match(en, /<html lang="en"/);
    const es = await (await page({ key: PK, origin: ALLOWED, lang: 'es' })).text();
    assert.match(es, /<html lang="es"/);
    assert.match(es, /<label for="number">Número de tarjeta<\/label>/);
    assert.match(es, /<label for="postalCode">Código postal<\/label>/);
  });

  it('refuses an origin the practice does not allow, and an unknown key', async () => {
    for (const origin of ['https://evil.example', `${ALLOWED}/`, '', "http://localhost:8787 'unsafe-inline'"]) {
      const response = await page({ key: PK, origin });
      assert.equal(response.status, 400, origin);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'origin_not_allowed');
      assert.equal(response.headers.get('content-security-policy'), null);
    }
    const unknown = await page({ key: 'pk_test_nobody', origin: ALLOWED });
    assert.equal(unknown.status, 400);
    assert.deepEqual(await unknown.json(), { error: { code: 'invalid_publishable_key', message: 'Name a valid publishable key in `key`.', param: 'key' } });
  });

  it('serves its script and style from its own origin', async () => {
    const js = await app.request('/hosted/card.js');
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/);
    const script = await js.text();
    assert.match(script, /event\.origin !== parentOrigin/);
    assert.match(script, /postMessage\(message, parentOrigin\)/);
    assert.doesNotMatch(script, /postMessage\([^)]*'\*'/);
    // The card checks are the SDK's, served beside the script, not a copy of their own.
    assert.match(script, /from '\.\/card-rules\.js'/);
    assert.doesNotMatch(script, /function luhn|function brandOf/);
    const rules = await app.request('/hosted/card-rules.js');
    assert.equal(rules.status, 200);
    assert.match(rules.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.match(await rules.text(), /function checkCardNumber/);
    const css = await app.request('/hosted/card.css');
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
    assert.ok(logLines.every((line) => !line.includes('pk_test')), 'the query string is not logged');
  });
});
