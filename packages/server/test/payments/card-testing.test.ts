/**
 * Card testing: a script running stolen card numbers through a patient's bill is stopped within
 * a handful of attempts, learns no more than a patient needs, and is audited; a patient who
 * mistypes twice is not stopped.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiErrorBodySchema, PaymentSchema } from '@billpay/sdk';
import { createLogger } from '../../src/log.js';
import type { ProcessorAdapter } from '../../src/processor/port.js';
import { CARD_TESTING_LIMITS } from '../../src/payments/velocity.js';
import { createProcessorApp } from '../../src/processor/sandbox/app.js';
import { TOKEN_REQUESTS_PER_ADDRESS_PER_HOUR } from '../../src/processor/sandbox/velocity.js';
import { backends } from '../support/backends.js';
import { FROM_TEST_PROXY, openHarness, practices, SECRET, TEST_PROXIES, type DemoName, type Harness } from '../support/harness.js';
import { newKey, paymentsApi, type PaymentsApi } from '../support/payments.js';
import { CARDS, openProcessorHarness, PK, type ProcessorHarness } from '../support/processor.js';

for (const backend of backends) {
  describe(`card testing (${backend.name})`, () => {
    let harness: Harness;
    let processor: ProcessorHarness;
    let api: PaymentsApi;
    /** Charges wait until released, so payments stay in flight (see the in-flight test). */
    let hold: Promise<void> | undefined;

    before(async () => {
      harness = await openHarness(backend);
      processor = await openProcessorHarness(backend);
      api = paymentsApi(harness, processor, {
        gateway: (inner): ProcessorAdapter => ({
          ...inner,
          charge: async (...args) => {
            await hold;
            return inner.charge(...args);
          },
        }),
      });
    });
    after(async () => {
      await harness.close();
      await processor.close();
    });

    const attempt = async (session: string, card: string, address: string, amountCents = 500) =>
      api.pay(session, { amountCents, token: await processor.cardToken(card) }, newKey(), { 'x-forwarded-for': address });
    const errorOf = (answer: { body: unknown }) => ApiErrorBodySchema.parse(answer.body).error;
    const chargesAt = async () => Number((await processor.database.db.selectFrom('charges').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const pendingOf = async (accountId: string) =>
      Number((await harness.database.db.selectFrom('payments').select((eb) => eb.fn.countAll<string>().as('n')).where('account_id', '=', accountId).where('status', '=', 'pending').executeTakeFirstOrThrow()).n);
    const waitFor = async (done: () => Promise<boolean>) => {
      for (let waited = 0; !(await done()) && waited < 20_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    const plans = async (session: string, address: string, body: unknown) => {
      const response = await api.app.request(
        '/v1/plans',
        { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${session}`, 'idempotency-key': newKey(), 'x-forwarded-for': address }, body: JSON.stringify(body) },
        FROM_TEST_PROXY,
      );
      return { status: response.status, body: (await response.json()) as unknown };
    };
    const refusals = async () =>
      (await harness.database.db.selectFrom('audit_events').select('action').where('action', '=', 'payment_refused').execute()).length;

    it('lets a patient who mistypes the security code twice pay on the third try', async () => {
      const session = await harness.open('Rivera', { address: '198.51.100.10' });
      for (let i = 0; i < 2; i++) {
        const declined = await attempt(session, CARDS.wrongCvc, '198.51.100.10');
        assert.equal(declined.status, 402);
        // Told why, so they can fix it.
        assert.equal(errorOf(declined).declineCode, 'incorrect_cvc');
      }
      const paid = await attempt(session, CARDS.visa, '198.51.100.10');
      assert.equal(paid.status, 201, JSON.stringify(paid.body));
      assert.equal(PaymentSchema.parse(paid.body).status, 'succeeded');
    });

    it('stops a scripted tester within a handful of attempts, tells it nothing past the first two, and audits the refusals', async () => {
      const address = '203.0.113.66';
      const session = await harness.open('Okafor', { address });
      const before = await refusals();
      const answers = [];
      const tries: { key: string; body: Record<string, unknown> }[] = [];
      for (let i = 0; i < 8; i++) {
        const body = { amountCents: 500, token: await processor.cardToken(i % 2 ? CARDS.expired : CARDS.wrongCvc) };
        const key = newKey();
        tries.push({ key, body });
        answers.push(await api.pay(session, body, key, { 'x-forwarded-for': address }));
      }
      const statuses = answers.map((a) => a.status);
      assert.deepEqual(statuses.slice(0, CARD_TESTING_LIMITS.session.declines), [402, 402, 402]);
      assert.ok(statuses.slice(CARD_TESTING_LIMITS.session.declines).every((s) => s === 429), statuses.join());
      // The first two declines say why; the third says only "declined".
      assert.deepEqual(answers.slice(0, 3).map((a) => errorOf(a).declineCode), ['incorrect_cvc', 'expired_card', 'card_declined']);
      const refused = errorOf(answers[3]!);
      assert.equal(refused.code, 'too_many_declines');
      assert.ok(Number(answers[3]!.headers.get('retry-after')) > 60);
      assert.ok(refused.retryAt && new Date(refused.retryAt) > harness.clock.current);
      // A good card is refused too: the pause is on the session, not the card.
      assert.equal((await attempt(session, CARDS.visa, address)).status, 429);
      assert.equal((await refusals()) - before, 6);
      // Nothing was charged for any of it.
      assert.equal((await api.account(session)).balanceCents, 240_000);
      // The third decline, asked again from a new session of the account, says no more than it did.
      const elsewhere = '203.0.113.67';
      const again = await api.pay(await harness.open('Okafor', { address: elsewhere }), tries[2]!.body, tries[2]!.key, { 'x-forwarded-for': elsewhere });
      assert.deepEqual([again.status, errorOf(again).declineCode], [402, 'card_declined']);
    });

    it('counts declines per account across sessions, and lifts the pause when they leave the window', async () => {
      const name: DemoName = 'Chen';
      let declines = 0;
      let refusedAt = -1;
      for (let s = 0; s < 3 && refusedAt < 0; s++) {
        // A new session from a new address each time: only the account ties them together.
        const address = `192.0.2.${100 + s}`;
        const session = await harness.open(name, { address });
        for (let i = 0; i < 2; i++) {
          const answer = await attempt(session, CARDS.declined, address);
          if (answer.status === 429) {
            refusedAt = declines;
            break;
          }
          declines++;
        }
      }
      assert.equal(refusedAt, CARD_TESTING_LIMITS.account.declines);
      harness.clock.advance(CARD_TESTING_LIMITS.account.windowMs / 60_000 + 1);
      const later = await harness.open(name, { address: '192.0.2.200' });
      assert.equal((await attempt(later, CARDS.visa, '192.0.2.200')).status, 201);
    });

    it('counts declines per address across accounts', async () => {
      const address = '203.0.113.99';
      const names: DemoName[] = ['Novak', 'Haddad', 'Rivera', 'Okafor', 'Chen'];
      let declines = 0;
      let refused = false;
      for (const name of names) {
        if (refused) break;
        const session = await harness.open(name, { address });
        for (let i = 0; i < 2; i++) {
          const answer = await attempt(session, CARDS.declined, address, 100);
          if (answer.status === 429) {
            assert.equal(errorOf(answer).code, 'too_many_declines');
            refused = true;
            break;
          }
          declines++;
        }
      }
      assert.equal(declines, CARD_TESTING_LIMITS.address.declines);
      // Another address is not held back by this one.
      const elsewhere = await harness.open('Rivera', { address: '198.51.100.77' });
      assert.equal((await attempt(elsewhere, CARDS.visa, '198.51.100.77', 100)).status, 201);
    });

    it('lets a session have two payments in flight, not a burst', async () => {
      // A day on: the declines of the tests above have left their windows.
      harness.clock.advance(CARD_TESTING_LIMITS.account.windowMs / 60_000 + 1);
      const address = '198.51.100.150';
      const session = await harness.open('Okafor', { address });
      let release!: () => void;
      hold = new Promise((resolve) => (release = resolve));
      const tokens = await Promise.all(Array.from({ length: 6 }, () => processor.cardToken(CARDS.visa)));
      const answered: { status: number; body: unknown }[] = [];
      const all = tokens.map((token) => api.pay(session, { amountCents: 100, token }, newKey(), { 'x-forwarded-for': address }).then((a) => (answered.push(a), a)));
      // Two are let through and wait at the processor; the rest are answered at once.
      for (let waited = 0; answered.length < 4 && waited < 20_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.deepEqual(answered.map((a) => [a.status, errorOf(a).code]), Array.from({ length: 4 }, () => [429, 'payment_in_progress']));
      release();
      hold = undefined;
      const statuses = (await Promise.all(all)).map((a) => a.status).sort();
      assert.deepEqual(statuses, [201, 201, 429, 429, 429, 429]);
    });

    it('judges a burst on one account, sent at once from many sessions, as if one after another', async () => {
      const address = '198.51.100.160';
      const sessions = await Promise.all(Array.from({ length: 8 }, () => harness.open('Haddad', { address })));
      const tokens = await Promise.all(Array.from({ length: 16 }, () => processor.cardToken(CARDS.declined)));
      const before = await chargesAt();
      let release!: () => void;
      hold = new Promise((resolve) => (release = resolve));
      const all = tokens.map((token, i) => api.pay(sessions[i % 8]!, { amountCents: 100, token }, newKey(), { 'x-forwarded-for': address }));
      await waitFor(async () => (await pendingOf('acct_demo5')) >= CARD_TESTING_LIMITS.account.declines);
      release();
      hold = undefined;
      const statuses = (await Promise.all(all)).map((a) => a.status);
      // As many reached the processor as the account's limit allows, and no more.
      assert.equal((await chargesAt()) - before, CARD_TESTING_LIMITS.account.declines);
      assert.equal(statuses.filter((s) => s === 402).length, CARD_TESTING_LIMITS.account.declines);
      assert.ok(statuses.every((s) => s === 402 || s === 429), statuses.join());
    });

    it('lets no payment plan around the limits: none while payments are paused, and a few a day', async () => {
      const address = '198.51.100.170';
      const session = await harness.open('Haddad', { address });
      const plan = { frequency: 'biweekly', firstDate: '2026-12-01', amountCents: 3_250, payment: { mode: 'manual' } };
      // Haddad's bill is paused after the burst above.
      const paused = await plans(session, address, plan);
      assert.deepEqual([paused.status, errorOf(paused).code], [429, 'too_many_declines']);
      harness.clock.advance(CARD_TESTING_LIMITS.account.windowMs / 60_000 + 1);
      const fresh = await harness.open('Haddad', { address });
      for (let i = 0; i < CARD_TESTING_LIMITS.plansPerDay; i++) {
        const made = await plans(fresh, address, plan);
        assert.equal(made.status, 201, JSON.stringify(made.body));
        const { id } = made.body as { id: string };
        assert.equal((await api.app.request(`/v1/plans/${id}/cancel`, { method: 'POST', headers: { authorization: `Bearer ${fresh}` } }, FROM_TEST_PROXY)).status, 200);
      }
      const refused = await plans(fresh, address, plan);
      assert.deepEqual([refused.status, errorOf(refused).code], [429, 'too_many_plans']);
    });

    it('at the processor: tokenizes a few cards from an address, refuses a script, and keeps other addresses apart', async () => {
      const app = createProcessorApp({
        logger: createLogger(() => {}),
        database: processor.database,
        practices,
        secret: SECRET,
        clock: processor.clock,
        trustedProxies: TEST_PROXIES,
      });
      const tokenize = async (address: string) =>
        app.request(
          '/v1/tokens/card',
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-billpay-key': PK, 'x-forwarded-for': address },
            body: JSON.stringify({ number: CARDS.visa, expMonth: 12, expYear: 2030, cvc: '731', name: 'Ana Rivera', postalCode: '06510' }),
          },
          FROM_TEST_PROXY,
        );
      const statuses: number[] = [];
      for (let i = 0; i < TOKEN_REQUESTS_PER_ADDRESS_PER_HOUR + 3; i++) statuses.push((await tokenize('203.0.113.5')).status);
      assert.deepEqual(statuses.slice(0, TOKEN_REQUESTS_PER_ADDRESS_PER_HOUR), Array.from({ length: TOKEN_REQUESTS_PER_ADDRESS_PER_HOUR }, () => 201));
      const refused = await tokenize('203.0.113.5');
      assert.equal(refused.status, 429);
      assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'rate_limited');
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      assert.equal((await tokenize('203.0.113.6')).status, 201);
      // A burst sent all at once is counted one by one too.
      const burst = await Promise.all(Array.from({ length: TOKEN_REQUESTS_PER_ADDRESS_PER_HOUR + 10 }, () => tokenize('203.0.113.7')));
      assert.equal(burst.filter((answer) => answer.status === 201).length, TOKEN_REQUESTS_PER_ADDRESS_PER_HOUR);
      // An IPv6 client counts by its /64: a fresh address from the same block is no fresh start.
      for (let i = 0; i < TOKEN_REQUESTS_PER_ADDRESS_PER_HOUR; i++) assert.equal((await tokenize(`2001:db8:5:6::${(i + 1).toString(16)}`)).status, 201);
      assert.equal((await tokenize('2001:db8:5:6:ffff::1')).status, 429);
      assert.equal((await tokenize('2001:db8:5:7::1')).status, 201);
    });
  });
}
