/**
 * Request fingerprints are stored with every payment, plan and processor idempotency key: a
 * request retried after an upgrade must hash as it did, or it is refused as a conflict. These
 * hashes were computed by the code before the three forms shared one module.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paymentRequestHash } from '../../src/payments/payments.js';
import { planRequestHash } from '../../src/plans/plans.js';
import { processorRequestHash } from '../../src/processor/sandbox/charges.js';
import { canonicalJson } from '../../src/security/request-hash.js';

const authorization = { text: 'I authorize Harbor Point to debit my account once for this amount.', acceptedAt: '2026-11-26T17:00:00-05:00' };

describe('request fingerprints', () => {
  it('writes objects with sorted keys at every depth and arrays in order', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } }), '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
  });

  it('keeps the payment hashes stored before', () => {
    assert.equal(paymentRequestHash({ amountCents: 12345, token: 'tok_abcdefgh12', statementId: 'st_1' }), '0e8d49a028e076333d1bd9d015856ac009f4444e435f7a8cc860340ddff210d2');
    assert.equal(paymentRequestHash({ amountCents: 12345, token: 'tok_abcdefgh12', authorization }), '2af194d6c104937999ae2b044d967120eb00f2cfdf2c8b8962f50df874fcd8dd');
  });

  it('keeps the plan hashes stored before, whatever order the keys came in', () => {
    const request = { frequency: 'monthly', firstDate: '2026-12-15', payments: 6, downPaymentCents: 5000, payment: { mode: 'automatic', method: 'bank', token: 'tok_abcdefgh12', authorization: { text: 'I authorize Harbor Point to debit my account monthly for this plan.', acceptedAt: '2026-11-26T17:00:00-05:00' } } } as const;
    assert.equal(planRequestHash(request), '7f27547decb87981d17736ad8efaf81ef2d6ba1e5beea310ee16564c1e812c7c');
    const reordered = { payment: { authorization: { acceptedAt: request.payment.authorization.acceptedAt, text: request.payment.authorization.text }, token: 'tok_abcdefgh12', method: 'bank', mode: 'automatic' }, downPaymentCents: 5000, payments: 6, firstDate: '2026-12-15', frequency: 'monthly' } as const;
    assert.equal(planRequestHash(reordered), '7f27547decb87981d17736ad8efaf81ef2d6ba1e5beea310ee16564c1e812c7c');
  });

  it('keeps the sandbox processor\'s key hashes stored before: the route, then the body', () => {
    assert.equal(processorRequestHash('POST /v1/charges', { b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } }), '0e3473f6c77b9c85d5e65fe0d5fa8a17fc8a142219fcf19a7b4295ef0e2fbde1');
  });
});
