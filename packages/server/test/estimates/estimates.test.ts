import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AccountSchema,
  addDays,
  checkEstimateCompleteness,
  EstimateSchema,
  npiValid,
  PriceListSchema,
  type Estimate,
  type EstimateRequest,
} from '@billpay/sdk';
import { sql } from 'kysely';
import { backends } from '../support/backends.js';
import { keyedHash } from '../../src/security/secret.js';
import { ALLOWED_ORIGIN, demo, openHarness, problem, SECRET, TODAY, type Answer, type Harness } from '../support/harness.js';

/** Chidi Okafor's bill is 20 days old; he may start a dispute until 120 days after it. */
const OKAFOR_BILLED_ON = addDays(TODAY, -20);

const request = (overrides: Partial<EstimateRequest> = {}): EstimateRequest => ({
  practice: 'harbor-point',
  patient: { firstName: 'Ana', lastName: 'Solís', dateOfBirth: '1988-04-17' },
  contact: { email: 'ana@example.com' },
  coverage: 'uninsured',
  primaryServiceId: 'mri-knee',
  services: [{ serviceId: 'mri-knee' }],
  scheduledDate: '2026-12-14',
  diagnosisCodes: ['M25.561'],
  ...overrides,
});

for (const backend of backends) {
  describe(`good-faith estimates (${backend.name})`, () => {
    let h: Harness;
    before(async () => {
      h = await openHarness(backend);
    });
    after(async () => {
      await h.close();
    });

    const post = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
      h.request('/v1/estimates', undefined, { method: 'POST', headers: { origin: ALLOWED_ORIGIN, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

    /** `POST /v1/estimate-lookups`: the estimate's number and the patient's date of birth. */
    const lookUp = (estimateId: string, dateOfBirth = '1988-04-17', address = '198.51.100.90') =>
      h.request('/v1/estimate-lookups', undefined, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ALLOWED_ORIGIN, 'x-forwarded-for': address },
        body: JSON.stringify({ practice: 'harbor-point', estimateId, dateOfBirth }),
      });

    /** The demo estimate on Chidi Okafor's account, as his dispute notice names it. */
    const okaforEstimateId = async () => {
      const account = AccountSchema.parse((await h.request('/v1/account', await h.open('Okafor'))).body);
      const id = account.disputes?.[0]?.estimateId;
      assert.match(id ?? '', /^gfe_[A-Za-z0-9_-]{20,}$/, 'a random id, not a guessable one');
      return id!;
    };

    const issued = async (body: EstimateRequest): Promise<Estimate> => {
      const answer = await post(body);
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      return EstimateSchema.parse(answer.body);
    };

    it('publishes a price list of at least 25 services with valid NPIs and the items each service brings', async () => {
      const answer = await h.request('/v1/price-list?practice=harbor-point', undefined, { origin: ALLOWED_ORIGIN });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      const list = PriceListSchema.parse(answer.body);
      assert.ok(list.services.filter((service) => !service.bundledOnly).length >= 25);
      for (const provider of list.providers) assert.ok(npiValid(provider.npi), provider.name);
      const mri = list.services.find((service) => service.id === 'mri-lumbar');
      const reading = list.services.find((service) => service.id === mri?.includes?.[0]?.serviceId);
      assert.equal(mri?.cashPriceCents, 185_000);
      assert.equal(reading?.modifier, '26');
      assert.notEqual(reading?.providerId, mri?.providerId, 'the reading is a co-provider’s');
      const visit = list.services.find((service) => service.id === 'new-patient-visit');
      assert.deepEqual(visit?.includes, [{ serviceId: 'cmp', optional: true }]);
    });

    it('answers a price list request without a known practice with a structured 4xx', async () => {
      problem(await h.request('/v1/price-list', undefined), 400, 'invalid_request');
      problem(await h.request('/v1/price-list?practice=Not%20An%20Id', undefined), 400, 'invalid_request');
      problem(await h.request('/v1/price-list?practice=nowhere', undefined), 404, 'practice_not_found');
      problem(await h.request('/v1/price-list?practice=harbor-point', undefined, { origin: 'https://evil.example' }), 403, 'origin_not_allowed');
    });

    it('issues a complete estimate, grouped by provider, and keeps it', async () => {
      const estimate = await issued(request());
      assert.match(estimate.id, /^gfe_[A-Za-z0-9_-]{22}$/);
      assert.equal(estimate.issuedOn, TODAY);
      assert.deepEqual(checkEstimateCompleteness(estimate), { complete: true, missing: [] });
      assert.deepEqual(
        estimate.providers.map((group) => [group.provider.name, group.role, group.totalCents, group.provider.npi, group.provider.location.state]),
        [
          ['Harbor Point Imaging Center', 'convening', 165_000, '1245319599', 'CT'],
          ['Shoreline Radiology Associates', 'co_provider', 26_000, '1382457616', 'CT'],
        ],
      );
      assert.equal(estimate.totalCents, 191_000);
      assert.deepEqual(estimate.primaryService, {
        serviceId: 'mri-knee',
        code: '73721',
        codeSystem: 'CPT',
        description: 'MRI of the knee, without contrast',
        descriptionEs: 'Resonancia magnética de la rodilla, sin contraste',
        scheduledDate: '2026-12-14',
      });
      // Scheduled on Sunday 22 November for 14 December, 13 business days ahead (Thanksgiving and
      // the day after are practice holidays): due 3 business days later, and given at once.
      assert.deepEqual(estimate.deadline, { rule: 'scheduled_10_days_ahead', dueBy: '2026-11-25', met: true });
      assert.deepEqual(estimate.scheduledSeparately.map((s) => s.serviceId), ['established-visit']);

      const again = await lookUp(estimate.id);
      assert.equal(again.status, 200);
      assert.deepEqual(again.body, estimate);
      const row = await h.database.db
        .$extendTables<{ estimates: { id: string; deadline_met: boolean; due_by: string | null; account_id: string | null } }>()
        .selectFrom('estimates')
        .select(['deadline_met', 'due_by', 'account_id'])
        .where('id', '=', estimate.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { deadline_met: true, due_by: '2026-11-25', account_id: null });
    });

    it('states an unscheduled request’s deadline: 3 business days, skipping the Thanksgiving holidays', async () => {
      const { scheduledDate: _none, ...unscheduled } = request({ primaryServiceId: 'new-patient-visit', services: [{ serviceId: 'new-patient-visit' }] });
      const estimate = await issued(unscheduled);
      assert.deepEqual(estimate.deadline, { rule: 'requested', dueBy: '2026-11-25', met: true });
      assert.deepEqual(estimate.providers.map((g) => g.provider.id), ['alvarez', 'lab'], 'the optional lab panel comes with the visit');
    });

    it('links an estimate to the patient’s account when the name and date of birth match', async () => {
      const rivera = demo('Rivera');
      const estimate = await issued(
        request({ patient: { firstName: 'daniela', lastName: 'RIVERA', dateOfBirth: rivera.dateOfBirth }, primaryServiceId: 'xray-chest', services: [{ serviceId: 'xray-chest' }] }),
      );
      const rows = await h.database.db
        .$extendTables<{ estimates: { id: string; account_id: string | null } }>()
        .selectFrom('estimates')
        .select(['account_id'])
        .where('id', '=', estimate.id)
        .execute();
      assert.deepEqual(rows, [{ account_id: 'acct_demo1' }]);
    });

    it('never deletes or changes an estimate', async () => {
      const estimate = await issued(request());
      const db = h.database.db;
      await assert.rejects(sql`delete from estimates where id = ${estimate.id}`.execute(db), /never deleted/);
      await assert.rejects(sql`update estimates set total_cents = 1 where id = ${estimate.id}`.execute(db), /never changed/);
      await assert.rejects(sql`truncate estimates`.execute(db), /never deleted/);
      const kept = await lookUp(estimate.id);
      assert.deepEqual(kept.body, estimate);
    });

    it('answers every kind of bad request with a structured 4xx naming the field, never a 500', async () => {
      const cases: [string, Promise<Answer>, number, string, string?][] = [
        ['not JSON', post('{"practice":'), 400, 'invalid_request'],
        ['not a JSON body', post(request(), { 'content-type': 'text/plain' }), 415, 'unsupported_media_type'],
        ['too big', post({ ...request(), padding: 'x'.repeat(20_000) }), 413, 'payload_too_large'],
        ['an array', post([request()]), 400, 'invalid_request'],
        ['no way to reach the patient', post(request({ contact: {} })), 400, 'invalid_request', 'contact.email'],
        ['insured and using insurance', post({ ...request(), coverage: 'insured' }), 400, 'invalid_request', 'coverage'],
        ['no services', post(request({ services: [] })), 400, 'invalid_request', 'services'],
        ['a fractional quantity', post(request({ services: [{ serviceId: 'mri-knee', quantity: 1.5 }] })), 400, 'invalid_request', 'services.0.quantity'],
        ['a date that does not exist', post(request({ scheduledDate: '2026-02-30' })), 400, 'invalid_request', 'scheduledDate'],
        ['a date of birth in the future', post(request({ patient: { firstName: 'Ana', lastName: 'Solís', dateOfBirth: '2030-01-01' } })), 400, 'invalid_request', 'patient.dateOfBirth'],
        ['a service not on the list', post(request({ primaryServiceId: 'heart-transplant', services: [{ serviceId: 'heart-transplant' }] })), 400, 'invalid_request', 'services.0.serviceId'],
        ['a reading asked for on its own', post(request({ primaryServiceId: 'mri-knee-reading', services: [{ serviceId: 'mri-knee-reading' }] })), 400, 'invalid_request', 'services.0.serviceId'],
        ['a primary service not chosen', post(request({ primaryServiceId: 'mri-lumbar' })), 400, 'invalid_request', 'primaryServiceId'],
        ['a required item declined', post(request({ services: [{ serviceId: 'mri-knee', declined: ['mri-knee-reading'] }] })), 400, 'invalid_request', 'services.0.declined.0'],
        ['a scheduled date in the past', post(request({ scheduledDate: '2026-11-01' })), 400, 'invalid_request', 'scheduledDate'],
        ['a scheduled date over a year ahead', post(request({ scheduledDate: '2028-01-05' })), 400, 'invalid_request', 'scheduledDate'],
        ['a bad diagnosis code', post(request({ diagnosisCodes: ['knee pain'] })), 400, 'invalid_request', 'diagnosisCodes.0'],
        ['an unknown practice', post(request({ practice: 'nowhere' })), 404, 'practice_not_found'],
        ['a foreign website', post(request(), { 'content-type': 'application/json', origin: 'https://evil.example' }), 403, 'origin_not_allowed'],
        ['an estimate that does not exist', lookUp('gfe_AAAAAAAAAAAAAAAAAAAAAA'), 401, 'estimate_lookup_failed'],
        ['an id that cannot exist', lookUp("'; drop"), 400, 'invalid_request', 'estimateId'],
        ['an estimate by its id alone', h.request('/v1/estimates/gfe_AAAAAAAAAAAAAAAAAAAAAA', undefined), 401, 'session_expired'],
      ];
      for (const [name, answer, status, code, field] of cases) {
        const error = problem(await answer, status, code);
        if (field) assert.ok(error.issues?.some((issue) => issue.path.join('.') === field), `${name}: ${JSON.stringify(error.issues)}`);
      }
    });

    it('has the Okafor estimate on file: $1,850.00 for the imaging center and $290.00 for the reading', async () => {
      const answer = await lookUp(await okaforEstimateId(), demo('Okafor').dateOfBirth);
      const estimate = EstimateSchema.parse(answer.body);
      assert.equal(estimate.patient.lastName, 'Okafor');
      assert.equal(estimate.issuedOn, addDays(TODAY, -45));
      assert.equal(estimate.primaryService.scheduledDate, addDays(TODAY, -27));
      assert.deepEqual(estimate.providers.map((g) => [g.provider.id, g.totalCents]), [['imaging', 185_000], ['radiology', 29_000]]);
      assert.equal(estimate.deadline.met, true);
      assert.equal(checkEstimateCompleteness(estimate).complete, true);
    });

    it('tells Okafor he may dispute the MRI bill, why, by when and how to start', async () => {
      const token = await h.open('Okafor');
      const answer = await h.request('/v1/account', token);
      const account = AccountSchema.parse(answer.body);
      assert.deepEqual(account.disputes, [
        {
          statementId: 'stmt_demo2_lumbar-mri',
          billedOn: OKAFOR_BILLED_ON,
          startBy: addDays(OKAFOR_BILLED_ON, 120),
          estimateId: account.disputes?.[0]?.estimateId ?? 'missing',
          estimateIssuedOn: addDays(TODAY, -45),
          providers: [{ name: 'Harbor Point Imaging Center', npi: '1245319599', expectedCents: 185_000, billedCents: 240_000, overCents: 55_000 }],
          howToStart: { url: 'https://www.cms.gov/nosurprises', phone: '1-800-985-3059', feeCents: 2_500 },
        },
      ]);
      for (const name of ['Rivera', 'Chen', 'Novak', 'Haddad'] as const) {
        const other = await h.request('/v1/account', await h.open(name));
        assert.equal('disputes' in (other.body as object), false, name);
      }
    });

    it('stops offering the dispute after day 120', async () => {
      const start = h.clock.current;
      try {
        // Day 120 after the bill (100 days from today): still open.
        h.clock.current = new Date(`${addDays(OKAFOR_BILLED_ON, 120)}T15:00:00.000Z`);
        let account = AccountSchema.parse((await h.request('/v1/account', await h.open('Okafor'))).body);
        assert.equal(account.disputes?.length, 1);
        h.clock.current = new Date(`${addDays(OKAFOR_BILLED_ON, 121)}T15:00:00.000Z`);
        account = AccountSchema.parse((await h.request('/v1/account', await h.open('Okafor'))).body);
        assert.equal(account.disputes, undefined);
      } finally {
        h.clock.current = start;
      }
    });

    it('keeps names, dates of birth and estimate ids out of the log', async () => {
      const estimate = await issued(request());
      assert.equal((await lookUp(estimate.id)).status, 200);
      const log = h.logLines.join('\n');
      for (const needle of [estimate.id, 'Solís', '1988-04-17', 'ana@example.com']) assert.equal(log.includes(needle), false, needle);
      assert.match(log, /"route":"\/v1\/estimate-lookups"/);
    });

    it('audits each estimate issued and read, by a keyed hash of the address, and issues at most 30 an hour to one address', async () => {
      const from = (address: string) => ({ 'content-type': 'application/json', 'x-forwarded-for': address });
      const start = h.clock.current;
      try {
        const first = await post(request(), from('198.51.100.23'));
        assert.equal(first.status, 201, JSON.stringify(first.body));
        const estimate = EstimateSchema.parse(first.body);
        assert.equal((await lookUp(estimate.id, '1988-04-17', '198.51.100.23')).status, 200);
        const events = await h.database.db.selectFrom('audit_events').selectAll().where('action', 'in', ['estimate_issued', 'estimate_viewed']).orderBy('at').execute();
        const mine = events.filter((e) => e.client_hash === events.at(-1)?.client_hash);
        assert.deepEqual(mine.map((e) => e.action).slice(-2), ['estimate_issued', 'estimate_viewed']);
        const trail = JSON.stringify(events);
        for (const needle of ['198.51.100.23', 'Solís', '1988-04-17', 'ana@example.com', estimate.id]) assert.equal(trail.includes(needle), false, needle);

        for (let n = 2; n <= 30; n++) assert.equal((await post(request(), from('198.51.100.23'))).status, 201, `estimate ${String(n)}`);
        const refused = await post(request(), from('198.51.100.23'));
        problem(refused, 429, 'too_many_estimates');
        const wait = Number(refused.headers.get('retry-after'));
        assert.ok(wait > 3_500 && wait <= 3_600, `Retry-After ${String(wait)}`);
        assert.equal((await post(request(), from('198.51.100.24'))).status, 201, 'another address is not held back');
        h.clock.advance(61);
        assert.equal((await post(request(), from('198.51.100.23'))).status, 201, 'an hour later');
      } finally {
        h.clock.current = start;
      }
    });

    it('reads estimates for one address at most 300 times an hour, since every read is audited', async () => {
      const estimate = await issued(request());
      const clientHash = keyedHash(SECRET, 'client_address', '198.51.100.77');
      const at = h.clock.current;
      await h.database.db
        .insertInto('audit_events')
        .values(Array.from({ length: 300 }, (_, n) => ({ id: `view-${String(n)}`, at, practice_id: 'harbor-point', action: 'estimate_viewed' as const, client_hash: clientHash, request_id: `r${String(n)}` })))
        .execute();
      const read = (address: string) => lookUp(estimate.id, '1988-04-17', address);
      problem(await read('198.51.100.77'), 429, 'too_many_requests');
      assert.equal((await read('198.51.100.78')).status, 200, 'another address reads on');
    });

    it('shows an estimate only to who gives its number with the patient\'s date of birth, or in a session of its account', async () => {
      const estimate = await issued(request());
      // A wrong date of birth is answered as a number that does not exist.
      const wrong = problem(await lookUp(estimate.id, '1988-04-18', '198.51.100.91'), 401, 'estimate_lookup_failed');
      const unknown = problem(await lookUp('gfe_BBBBBBBBBBBBBBBBBBBBBB', '1988-04-17', '198.51.100.91'), 401, 'estimate_lookup_failed');
      assert.equal(wrong.message, unknown.message);
      // Guessing dates of birth for one estimate locks it at the sixth try, as bill lookups do.
      for (let i = 1; i <= 4; i++) problem(await lookUp(estimate.id, `1988-05-0${i}`, `198.51.100.${100 + i}`), 401, 'estimate_lookup_failed');
      problem(await lookUp(estimate.id, '1988-04-17', '198.51.100.120'), 429, 'locked_out');
      h.clock.advance(15);
      assert.equal((await lookUp(estimate.id, '1988-04-17', '198.51.100.120')).status, 200);

      // Okafor's own estimate, in his own session; not in another patient's, nor without one.
      const id = await okaforEstimateId();
      const mine = await h.request(`/v1/estimates/${id}`, await h.open('Okafor'));
      assert.equal(EstimateSchema.parse(mine.body).patient.lastName, 'Okafor');
      problem(await h.request(`/v1/estimates/${id}`, await h.open('Rivera')), 404, 'estimate_not_found');
      problem(await h.request(`/v1/estimates/${id}`, undefined), 401, 'session_expired');
      const failures = await h.database.db.selectFrom('audit_events').select('action').where('action', '=', 'estimate_lookup_failed').execute();
      assert.ok(failures.length >= 6);
    });

    it('describes the estimate routes in the OpenAPI document', async () => {
      const doc = (await h.request('/v1/openapi.json', undefined)).body as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
      for (const path of ['/v1/price-list', '/v1/estimates', '/v1/estimate-lookups', '/v1/estimates/{estimateId}']) assert.ok(doc.paths[path], path);
      for (const name of ['PriceList', 'EstimateRequest', 'Estimate']) assert.ok(doc.components.schemas[name], name);
      const account = doc.components.schemas.Account as { properties: Record<string, unknown> };
      assert.ok(account.properties.disputes);
    });
  });
}
