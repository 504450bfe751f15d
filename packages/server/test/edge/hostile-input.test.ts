/**
 * Input no person types and no column can keep (a NUL character, an unpaired surrogate) and
 * addresses that do not decode (`%ZZ`, a lone `%E0`, `%00`), on both servers: each is a 400 with
 * the app's structured error, refused at the edge before a route, CORS or the database sees it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/log.js';
import { defaults } from '../../src/server.js';
import { backends } from '../support/backends.js';
import { ALLOWED_ORIGIN, demo, openHarness, practices, problem, SECRET, type Answer, type Harness } from '../support/harness.js';
import { openProcessorHarness, PK, refusal, SK, type ProcessorHarness } from '../support/processor.js';

const NUL = '\u0000';
const LONE_SURROGATE = '\uD800';

for (const backend of backends) {
  describe(`hostile input to the practice API (${backend.name})`, () => {
    let h: Harness;
    let token: string;
    let site: ReturnType<typeof createApp>;
    before(async () => {
      h = await openHarness(backend);
      token = await h.open('Rivera');
      // The same API with the demo website mounted, whose file handler decodes the path itself.
      site = createApp({
        database: h.database,
        practices,
        logger: createLogger((line) => h.logLines.push(line)),
        secret: SECRET,
        demo: { demoDir: defaults.demoDir, bundlePath: defaults.bundlePath, publicUrl: 'http://localhost:8787', processorUrl: 'http://localhost:8788' },
      });
    });
    after(async () => {
      await h.close();
    });

    it('refuses a path or query string that does not decode to text, on every route and before CORS', async () => {
      const siteAnswer = async (path: string): Promise<Answer> => {
        const response = await site.request(path);
        return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
      };
      problem(await siteAnswer('/foo%ZZ'), 400, 'invalid_request');
      problem(await siteAnswer('/assets/%E0.svg'), 400, 'invalid_request');
      problem(await siteAnswer('/%00'), 400, 'invalid_request');
      for (const path of [
        '/v1/practices/%E0',
        '/v1/practices/%00',
        '/v1/practices/harbor%ED%A0%80point', // an encoded surrogate: not UTF-8
        '/v1/statements/%00',
        '/v1/payments/%00',
        '/v1/plans/%00',
        '/v1/plans/%00/cancel',
        '/v1/estimates/%00?practice=harbor-point',
        '/v1/price-list?practice=%00',
        '/v1/price-list?practice=%E0',
        '/v1/price-list?practice=harbor-point&x=%ZZ',
        '/v1/price-list?%00=harbor-point',
        '/v1/foo%ZZ',
      ]) {
        for (const origin of [undefined, ALLOWED_ORIGIN]) {
          const method = path.endsWith('/cancel') ? 'POST' : 'GET';
          const answer = await h.request(path, token, { method, ...(origin ? { origin } : {}) });
          const error = problem(answer, 400, 'invalid_request');
          assert.deepEqual(error.issues?.map((issue) => issue.code), ['invalid_url'], path);
        }
      }
      // A preflight too: the refusal comes before CORS decodes the practice id.
      const preflight = await h.request('/v1/practices/%E0', undefined, { method: 'OPTIONS', origin: ALLOWED_ORIGIN });
      problem(preflight, 400, 'invalid_request');
    });

    it('refuses NUL characters and unpaired surrogates anywhere in a JSON body, naming the field', async () => {
      const rivera = demo('Rivera');
      for (const [bad, field] of [
        [{ practice: 'harbor-point', billId: rivera.billId, dateOfBirth: `1984-03-09${NUL}` }, ['dateOfBirth']],
        [{ practice: `harbor-point${NUL}`, billId: rivera.billId, dateOfBirth: rivera.dateOfBirth }, ['practice']],
        [{ practice: 'harbor-point', accountNumber: `A-100234${NUL}`, lastName: 'Rivera' }, ['accountNumber']],
        [{ practice: 'harbor-point', accountNumber: 'A-100234', lastName: `Rivera${LONE_SURROGATE}` }, ['lastName']],
        [{ practice: 'harbor-point', accountNumber: 'A-100234', lastName: `\uDC00Rivera` }, ['lastName']],
        [{ practice: 'harbor-point', accountNumber: 'A-100234', lastName: 'Rivera', extra: [{ deep: [NUL] }] }, ['extra', 0, 'deep', 0]],
        // A key is not echoed: the path stops at its object.
        [{ practice: 'harbor-point', accountNumber: 'A-100234', lastName: 'Rivera', nested: { [`k${NUL}`]: 1 } }, ['nested']],
      ] as const) {
        const answer = await h.lookup(bad, { address: '192.0.2.77' });
        const error = problem(answer, 400, 'invalid_request');
        assert.deepEqual(error.issues, [{ path: field, code: 'invalid_characters', message: 'Remove NUL characters and unpaired surrogates.' }]);
      }
      // A surrogate pair is one character (an emoji), not a fault: the lookup just fails.
      const pair = await h.lookup({ practice: 'harbor-point', accountNumber: 'A-100234', lastName: 'Rivera😀' }, { address: '192.0.2.77' });
      problem(pair, 401, 'lookup_failed');

      const json = (body: unknown, headers: Record<string, string> = {}) => ({
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      const key = { 'idempotency-key': 'hostile-input-test-0001' };
      for (const [path, body, headers, field] of [
        ['/v1/payments', { amountCents: 100, token: `tok_${NUL}` }, key, ['token']],
        ['/v1/plans', { frequency: 'monthly', firstDate: '2026-12-01', payments: 3, payment: { token: `tok${LONE_SURROGATE}` } }, key, ['payment', 'token']],
        ['/v1/estimates', { practice: 'harbor-point', patient: { firstName: `Ana${NUL}` } }, {}, ['patient', 'firstName']],
      ] as const) {
        const answer = await h.request(path, token, json(body, headers));
        const error = problem(answer, 400, 'invalid_request');
        assert.deepEqual(error.issues?.[0]?.path, field, path);
      }
      // As escapes in the raw JSON text, the way a script would send them.
      const raw = await h.request('/v1/lookups', undefined, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"practice":"harbor-point","accountNumber":"A-100234","lastName":"Riv\\u0000era"}',
      });
      assert.deepEqual(problem(raw, 400, 'invalid_request').issues?.[0]?.path, ['lastName']);
    });

    it('answers a body nested as deep as the size limit allows with a 400, not a crash', async () => {
      const depth = 8_000;
      const answer = await h.request('/v1/lookups', undefined, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `${'['.repeat(depth)}"${NUL}"${']'.repeat(depth)}`.replace(NUL, '\\u0000'),
      });
      const error = problem(answer, 400, 'invalid_request');
      assert.equal(error.issues?.[0]?.path.length, 16, 'the path told back is bounded');
    });

    it('keeps the refused input out of the log', () => {
      const log = h.logLines.join('\n');
      assert.doesNotMatch(log, /\\u0000|%00|%E0|%ZZ|\\ud800/i);
      assert.doesNotMatch(log, /"status":5\d\d/);
    });
  });

  describe(`hostile input to the processor (${backend.name})`, () => {
    let p: ProcessorHarness;
    before(async () => {
      p = await openProcessorHarness(backend);
    });
    after(async () => {
      await p.close();
    });

    it('refuses a path or query string that does not decode to text, on every route', async () => {
      const secret = { authorization: `Bearer ${SK}` };
      for (const path of [
        '/v1/charges/%00',
        '/v1/charges/%E0',
        '/v1/charges?idempotency_key=%00',
        '/v1/charges?idempotency_key=%ZZ',
        '/v1/tokens/%00',
        '/v1/events?since=%E0',
        '/hosted/card?key=%E0',
        `/hosted/card?key=${PK}&origin=%00`,
        '/hosted/%00',
        '/foo%ZZ',
      ]) {
        refusal(await p.send(path, { headers: secret }), 400, 'invalid_request');
      }
    });

    it('refuses NUL characters and unpaired surrogates anywhere in a JSON body, naming the field', async () => {
      const card = { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123', name: 'Ana Rivera', postalCode: '06510' };
      refusal(await p.tokenize('card', { ...card, name: `Ana${NUL}` }), 400, 'invalid_request', 'name');
      refusal(await p.tokenize('card', { ...card, name: `Ana${LONE_SURROGATE}` }), 400, 'invalid_request', 'name');
      refusal(await p.tokenize('card', { ...card, postalCode: `0651${NUL}` }), 400, 'invalid_request', 'postalCode');
      refusal(await p.tokenize('bank', { routingNumber: '021000021', accountNumber: '000123456789', accountType: 'checking', holderName: `A${NUL}` }), 400, 'invalid_request', 'holderName');
      const charge = await p.send('/v1/charges', {
        body: { token: `tok_${NUL}`, amountCents: 100, metadata: { note: `x${LONE_SURROGATE}` } },
        headers: { authorization: `Bearer ${SK}`, 'idempotency-key': 'hostile-input-test' },
      });
      refusal(charge, 400, 'invalid_request');
      assert.equal(p.logLines.some((line) => /"status":5\d\d/.test(line)), false);
    });
  });
}
