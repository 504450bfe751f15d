import '../../../test/support/fail-on-console.js';
import { expect } from '@open-wc/testing';
import { createBillPayClient, isPlanPolicyError, planSchedule, type Plan, type PlanPolicy, type PlanRequest } from '@billpay/sdk';

const policy: PlanPolicy = {
  minBalanceCents: 5_000,
  minInstallmentCents: 2_500,
  maxMonths: 24,
  frequencies: ['weekly', 'biweekly', 'semimonthly', 'monthly'],
  firstPaymentWithinDays: 30,
  autopay: 'offered',
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'retry-after': '0' } });

const request: PlanRequest = {
  frequency: 'monthly',
  firstDate: '2026-12-01',
  payments: 3,
  payment: {
    mode: 'automatic',
    method: 'bank',
    token: 'tok_abcdefgh1234',
    authorization: { text: 'I authorize Harbor Point Medical Group to debit my account monthly, three times.', acceptedAt: '2026-11-22T15:00:00.000Z' },
  },
};

function planAnswer(): Plan {
  const result = planSchedule({ balanceCents: 30_000, frequency: 'monthly', firstDate: '2026-12-01', payments: 3 }, policy, '2026-11-22');
  if (!result.ok) throw new Error('the example plan breaks the policy');
  const { schedule } = result;
  return {
    id: 'plan_1',
    status: 'active',
    frequency: 'monthly',
    mode: 'automatic',
    current: true,
    nextPayment: { ...schedule.payments[0]!, retry: false },
    paidCents: 0,
    remainingCents: 30_000,
    paymentsLeft: 3,
    behindCents: 0,
    balanceCents: 30_000,
    downPaymentCents: 0,
    installmentCents: schedule.installmentCents,
    firstDate: schedule.firstDate,
    lastDate: schedule.lastDate,
    createdAt: '2026-11-22T15:00:00.000Z',
    method: 'bank',
    authorization: request.payment.mode === 'automatic' ? request.payment.authorization : undefined,
    installments: schedule.payments.map((p) => ({ ...p, status: 'scheduled' as const, failures: 0 })),
  };
}

/** A fake API that signs in, then answers plan requests with `answers` in turn, recording each. */
function fakeApi(answers: (() => Response)[]) {
  const calls: { path: string; method: string; key: string | null; body: unknown }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const req = new Request(input, init);
    const path = new URL(req.url).pathname;
    if (path === '/v1/lookups') {
      return json(201, {
        token: 'x'.repeat(43),
        idleTimeoutSeconds: 900,
        account: {
          id: 'acct_1', practice: 'harbor-point', accountNumber: 'A-1', patient: { firstName: 'D', lastInitial: 'R' }, coverage: 'self_pay', balanceCents: 30_000,
          aging: { currentCents: 30_000, days30Cents: 0, days60Cents: 0, days90PlusCents: 0 }, nextStep: { kind: 'due', dueDate: '2026-12-10' }, asOf: '2026-11-22',
          statements: [], fees: [], payments: [],
        },
      });
    }
    const text = await req.text();
    calls.push({ path, method: req.method, key: req.headers.get('idempotency-key'), body: text ? JSON.parse(text) : null });
    const answer = answers.shift();
    if (!answer) throw new Error('no more answers');
    return answer();
  };
  return { fetch, calls };
}

async function signedIn(fetch: typeof globalThis.fetch) {
  const client = createBillPayClient({ api: 'https://billing.fake.test', practice: 'harbor-point', fetch });
  await client.lookup({ billId: '202511040018', dateOfBirth: '1984-03-09' });
  return client;
}

describe('client plans', () => {
  it('creates a plan, retrying a 503 and a lost connection under one idempotency key', async () => {
    const api = fakeApi([
      () => json(503, { error: { code: 'unavailable', message: 'busy' } }),
      () => {
        throw new TypeError('Failed to fetch');
      },
      () => json(201, planAnswer()),
    ]);
    const client = await signedIn(api.fetch);
    const plan = await client.createPlan(request);
    expect(plan.installments.map((i) => i.dueOn)).to.deep.equal(['2026-12-01', '2027-01-01', '2027-02-01']);
    expect(api.calls).to.have.length(3);
    expect(new Set(api.calls.map((c) => c.key)).size).to.equal(1);
    expect(api.calls[0]!.key).to.match(/^[0-9a-f-]{36}$/);
    expect(api.calls[0]!.body).to.deep.equal(request);
    expect(api.calls.every((c) => c.path === '/v1/plans' && c.method === 'POST')).to.equal(true);
  });

  it('repeats an attempt under the key it is given, and makes a new key otherwise', async () => {
    const api = fakeApi([() => json(201, planAnswer()), () => json(201, planAnswer()), () => json(201, planAnswer())]);
    const client = await signedIn(api.fetch);
    await client.createPlan(request);
    await client.createPlan(request);
    await client.createPlan({ ...request, idempotencyKey: api.calls[0]!.key! });
    expect(api.calls[1]!.key).to.not.equal(api.calls[0]!.key);
    expect(api.calls[2]!.key).to.equal(api.calls[0]!.key);
    expect(api.calls[2]!.body).to.deep.equal(request);
  });

  it('turns a policy refusal into a PlanPolicyError carrying the rule and the nearest choices', async () => {
    const refused = planSchedule({ balanceCents: 30_000, frequency: 'monthly', firstDate: '2026-12-01', payments: 13 }, policy, '2026-11-22');
    if (refused.ok) throw new Error('expected a refusal');
    const api = fakeApi([() => json(422, { error: { code: refused.violations[0].code, message: refused.violations[0].message, planRules: refused.violations } })]);
    const client = await signedIn(api.fetch);
    const error: unknown = await client.createPlan({ ...request, payments: 13 }).catch((e: unknown) => e);
    expect(isPlanPolicyError(error)).to.equal(true);
    if (!isPlanPolicyError(error)) return;
    expect(error.code).to.equal('installment_too_small');
    expect(error.message).to.equal('At least $25.00 a payment: up to 12 monthly payments.');
    expect(error.violation.nearest).to.include({ maxPayments: 12, minAmountCents: 2_500 });
    expect(api.calls).to.have.length(1);
  });

  it('gets, cancels and pays off a plan at their own paths', async () => {
    const canceled = { ...planAnswer(), status: 'canceled' as const, current: false, canceledOn: '2026-11-23' };
    const receipt = {
      id: 'pay_1', confirmationNumber: 'HP-7K3M-9Q2X', status: 'succeeded', amountCents: 30_000, statementId: null,
      method: { kind: 'card', brand: 'visa', last4: '4242' }, createdAt: '2026-11-22T15:04:05.000Z', remainingBalanceCents: 0,
    };
    const api = fakeApi([
      () => json(200, planAnswer()),
      () => json(200, canceled),
      () => json(200, { plan: { ...planAnswer(), status: 'paid_off', current: false }, payment: receipt }),
    ]);
    const client = await signedIn(api.fetch);
    expect((await client.getPlan('plan_1')).id).to.equal('plan_1');
    expect((await client.cancelPlan('plan_1')).status).to.equal('canceled');
    const payoff = await client.payOffPlan('plan_1', { token: 'tok_abcdefgh5678' });
    expect(payoff.plan.status).to.equal('paid_off');
    expect(api.calls.map((c) => `${c.method} ${c.path}`)).to.deep.equal(['GET /v1/plans/plan_1', 'POST /v1/plans/plan_1/cancel', 'POST /v1/plans/plan_1/payoff']);
    expect(api.calls[2]!.key).to.match(/^[0-9a-f-]{36}$/);
    expect(api.calls[2]!.body).to.deep.equal({ token: 'tok_abcdefgh5678' });
  });
});
