/**
 * "Email me a copy" of a good-faith estimate (issue 16): queued with the estimate, once, to the
 * address given even without an account and even one that unsubscribed from notices; rendered in
 * the patient's language with the estimate's figures, the required disclaimers and the dispute
 * right; no date of birth, absolute links only. A malformed address is refused with a 400 that
 * names it, and nothing is issued.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DISPUTE_HELP, ESTIMATE_DISCLAIMER_WORDS, EstimateSchema, formatMoney, type Estimate, type EstimateRequest } from '@billpay/sdk';
import { deliverDueMessages } from '../../src/messages/delivery.js';
import { queueEstimateCopy } from '../../src/messages/outbox.js';
import type { OutgoingEmail } from '../../src/messages/port.js';
import { backends } from '../support/backends.js';
import { ALLOWED_ORIGIN, openHarness, practices, problem, SECRET, type Harness } from '../support/harness.js';

const request = (copy: EstimateRequest['copy'], overrides: Partial<EstimateRequest> = {}): EstimateRequest => ({
  practice: 'harbor-point',
  patient: { firstName: 'Ana', lastName: 'Solís', dateOfBirth: '1988-04-17' },
  contact: { phone: '(203) 555-0144' },
  coverage: 'uninsured',
  primaryServiceId: 'mri-knee',
  services: [{ serviceId: 'mri-knee' }],
  scheduledDate: '2026-12-14',
  ...(copy ? { copy } : {}),
  ...overrides,
});

for (const backend of backends) {
  describe(`an estimate's copy by email (${backend.name})`, () => {
    let h: Harness;
    const emails: OutgoingEmail[] = [];
    const email = { kind: 'test', send: (m: OutgoingEmail) => (emails.push(m), Promise.resolve({ ok: true as const, providerId: null })) };
    before(async () => {
      h = await openHarness(backend);
    });
    after(async () => {
      await h.close();
    });

    const db = () => h.database.db;
    const post = (body: unknown, address = '198.51.100.70') =>
      h.request('/v1/estimates', undefined, { method: 'POST', headers: { 'content-type': 'application/json', origin: ALLOWED_ORIGIN, 'x-forwarded-for': address }, body: JSON.stringify(body) });
    const issued = async (body: EstimateRequest): Promise<Estimate> => {
      const answer = await post(body);
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      return EstimateSchema.parse(answer.body);
    };
    const copies = (estimateId: string) => db().selectFrom('messages').selectAll().where('dedupe_key', '=', `estimate_copy:${estimateId}`).execute();
    const deliver = () =>
      deliverDueMessages({ db: db(), secret: SECRET, practices, channels: { email }, now: h.clock.now, publicUrl: () => 'https://billing.harborpoint.example', payPageUrl: () => 'https://harborpoint.example/pay' });

    /** No date of birth in any form; every link absolute; the page in the message's language. */
    const assertSafe = (m: OutgoingEmail, language: 'en' | 'es') => {
      const all = `${m.subject}\n${m.text}\n${m.html}`;
      for (const form of ['1988-04-17', '04/17/1988', '4/17/1988', '17/04/1988']) assert.equal(all.includes(form), false, `no date of birth (${form})`);
      const links = [...m.html.matchAll(/href="([^"]*)"/g)].map(([, href]) => href);
      assert.ok(links.length > 0);
      for (const href of links) assert.match(href ?? '', /^https:\/\/[^/]+\//, `absolute link ${href}`);
      assert.match(m.html, new RegExp(`^<!doctype html>\\n<html lang="${language}">`));
      assert.deepEqual(m.headers, {}, 'no unsubscribe: a copy asked for cannot be declined');
    };

    it('queues one copy with the estimate, without an account, and sends it in Spanish with its figures, disclaimers and dispute right', async () => {
      const estimate = await issued(request({ email: 'ana.copia@example.com', language: 'es' }));
      const rows = await copies(estimate.id);
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.account_id, null, 'Ana Solís has no account: the copy goes just the same');
      assert.deepEqual([rows[0]?.practice_id, rows[0]?.recipient, rows[0]?.language, rows[0]?.channel], ['harbor-point', 'ana.copia@example.com', 'es', 'email']);
      // Queued again for the same estimate (a retried write path): still one.
      await queueEstimateCopy(db(), { practiceId: 'harbor-point', accountId: null, estimateId: estimate.id, recipient: 'ana.copia@example.com', language: 'es' }, h.clock.now());
      assert.equal((await copies(estimate.id)).length, 1);
      // The address had unsubscribed from the practice's notices: the estimate still goes.
      await db().insertInto('message_suppressions').values({ practice_id: 'harbor-point', channel: 'email', address: 'ana.copia@example.com', reason: 'unsubscribed', message_id: null, created_at: h.clock.now() }).execute();

      emails.length = 0;
      await deliver();
      await deliver();
      const sent = emails.filter((m) => m.to === 'ana.copia@example.com');
      assert.equal(sent.length, 1, 'sent once');
      const m = sent[0]!;
      assertSafe(m, 'es');
      assert.equal(m.subject, 'Su Estimado de Buena Fe de Harbor Point Medical Group');
      const es = (cents: number) => formatMoney(cents, 'es-US');
      for (const part of [m.text, m.html]) {
        assert.ok(part.includes(estimate.id), 'the estimate number');
        assert.ok(part.includes('22 de noviembre de 2026'), 'the date of the estimate');
        assert.ok(part.includes(`Costo total estimado`) && part.includes(es(estimate.totalCents)), 'the total');
        for (const group of estimate.providers) {
          assert.ok(part.includes(group.provider.name) && part.includes(group.provider.npi), 'each provider');
          assert.ok(part.includes(es(group.totalCents)), 'each provider’s total');
          for (const item of group.items) assert.ok(part.includes(es(item.expectedCents)) && part.includes(item.code), `item ${item.code}`);
        }
      }
      for (const code of estimate.disclaimers) assert.ok(m.text.includes(ESTIMATE_DISCLAIMER_WORDS.es[code]), `disclaimer ${code}, word for word`);
      assert.ok(estimate.disclaimers.includes('dispute_rights'));
      assert.ok(m.text.includes('$400') && m.text.includes(`${DISPUTE_HELP.url} o llame al ${DISPUTE_HELP.phone}`), 'the $400 dispute right and how to start one');
      assert.ok(m.html.includes(`<a href="${DISPUTE_HELP.url}">`));
      const row = (await copies(estimate.id))[0];
      assert.equal(row?.status, 'sent');
    });

    it('in English, each provider’s items in a table', async () => {
      const estimate = await issued(request({ email: 'copy@example.com', language: 'en' }, { services: [{ serviceId: 'mri-knee' }, { serviceId: 'new-patient-visit' }] }));
      emails.length = 0;
      await deliver();
      const m = emails.find((e) => e.to === 'copy@example.com');
      assert.ok(m);
      assertSafe(m, 'en');
      assert.equal(m.subject, 'Your Good Faith Estimate from Harbor Point Medical Group');
      assert.ok(m.text.includes(`Total estimated cost: ${formatMoney(estimate.totalCents, 'en-US')}`), m.text);
      assert.ok(m.text.includes('Date of this estimate: November 22, 2026'));
      for (const code of estimate.disclaimers) assert.ok(m.text.includes(ESTIMATE_DISCLAIMER_WORDS.en[code]), `disclaimer ${code}`);
      assert.ok(m.html.includes('<caption'), 'each provider’s items are a table with a caption');
    });

    it('queues nothing without a copy asked for', async () => {
      const estimate = await issued(request(undefined));
      assert.equal((await copies(estimate.id)).length, 0);
    });

    it('sends one address at most 5 copies an hour: the sixth is a 429 naming the field, nothing issued', async () => {
      const to = 'Flooded@Example.com';
      for (let i = 0; i < 5; i++) assert.equal((await post(request({ email: i % 2 ? to.toLowerCase() : to, language: 'en' }), `198.51.100.${100 + i}`)).status, 201);
      const answer = await post(request({ email: 'flooded@example.COM', language: 'en' }), '198.51.100.120');
      const error = problem(answer, 429, 'too_many_copies');
      assert.deepEqual(error.issues?.map((issue) => [issue.path, issue.code]), [[['copy', 'email'], 'copy.too_many']]);
      assert.ok(Number(answer.headers.get('retry-after')) > 0);
      const sent = await db().selectFrom('messages').select('id').where('kind', '=', 'estimate_copy').where('recipient', 'in', [to, to.toLowerCase()]).execute();
      assert.equal(sent.length, 5);
      // An hour on, it may be sent another.
      h.clock.advance(61);
      assert.equal((await post(request({ email: to, language: 'en' }), '198.51.100.121')).status, 201);
    });

    it('holds to 5 copies an hour when many are asked for at once, from different addresses', async () => {
      const to = 'burst@example.com';
      const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => post(request({ email: i % 2 ? to.toUpperCase() : to, language: 'en' }), `198.51.100.${130 + i}`)));
      assert.deepEqual(answers.map((a) => a.status).sort(), [201, 201, 201, 201, 201, 429, 429, 429]);
      const sent = await db().selectFrom('messages').select('id').where('kind', '=', 'estimate_copy').where('recipient', 'in', [to, to.toUpperCase()]).execute();
      assert.equal(sent.length, 5);
    });

    it('refuses a malformed or overlong address with a 400 naming it, and issues nothing', async () => {
      const before = await db().selectFrom('messages').select(db().fn.countAll<string>().as('n')).where('kind', '=', 'estimate_copy').executeTakeFirstOrThrow();
      for (const copy of [{ email: 'ana@', language: 'en' }, { email: `${'a'.repeat(250)}@example.com`, language: 'es' }, { email: 'ana@example.com', language: 'fr' }]) {
        const error = problem(await post(request(copy as EstimateRequest['copy'])), 400, 'invalid_request');
        assert.ok(error.issues?.some((issue) => issue.path[0] === 'copy'), JSON.stringify(error.issues));
      }
      const afterwards = await db().selectFrom('messages').select(db().fn.countAll<string>().as('n')).where('kind', '=', 'estimate_copy').executeTakeFirstOrThrow();
      assert.equal(Number(afterwards.n), Number(before.n));
    });
  });
}
