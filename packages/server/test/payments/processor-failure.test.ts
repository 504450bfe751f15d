/**
 * One reading of what a failed processor call means, used by the token check (payments and
 * plans), completing a payment, and refunding a late charge.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProcessorRejectedError, ProcessorUnavailableError } from '../../src/processor/port.js';
import { processorFailureOf, processorUnavailable } from '../../src/payments/processor-failure.js';
import { describeToken } from '../../src/payments/token.js';

describe('processor failures', () => {
  it('reads unreachable and refused, and throws anything else on', () => {
    assert.deepEqual(processorFailureOf(new ProcessorUnavailableError('down')), { kind: 'unavailable' });
    assert.deepEqual(processorFailureOf(new ProcessorRejectedError('no_such_token', 'No such token.')), { kind: 'rejected', code: 'no_such_token' });
    const bug = new TypeError('ours');
    assert.throws(() => processorFailureOf(bug), (error) => error === bug);
  });

  it('refuses as processor_unavailable, to be retried in 2 seconds', () => {
    const error = processorUnavailable('The payment could not be started right now. Nothing was charged; try again.');
    assert.equal(error.code, 'processor_unavailable');
    assert.equal(error.kind, 'unavailable');
    assert.equal(error.retryAfterSeconds, 2);
  });

  it('maps the token check through the same reading', async () => {
    const unavailable = await describeToken(() => Promise.reject(new ProcessorUnavailableError('down')), 'tok_1', ['payment'], 'The plan could not be set up');
    assert.ok(!unavailable.ok);
    assert.equal(unavailable.error.code, 'processor_unavailable');
    assert.equal(unavailable.error.message, 'The plan could not be set up right now. Nothing was charged; try again.');
    assert.equal(unavailable.error.retryAfterSeconds, 2);
    const unknown = await describeToken(() => Promise.reject(new ProcessorRejectedError('no_such_token', 'No such token.')), 'tok_1', ['payment'], 'The plan could not be set up');
    assert.ok(!unknown.ok);
    assert.equal(unknown.error.code, 'invalid_token');
    assert.deepEqual(unknown.error.details, { param: 'payment.token' });
    await assert.rejects(describeToken(() => Promise.reject(new RangeError('ours')), 'tok_1', [], 'The payment could not be started'), RangeError);
  });
});
