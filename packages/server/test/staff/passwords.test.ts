import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPassword, hashPassword, PASSWORD_COST } from '../../src/staff/passwords.js';
import { CHEAP_PASSWORD_COST } from '../support/admin.js';

describe('staff passwords (argon2id)', () => {
  it('hashes at OWASP\'s first recommended cost unless told otherwise: 19 MiB, 2 iterations, 1 lane', async () => {
    assert.deepEqual(PASSWORD_COST, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    const stored = await hashPassword('correct horse battery staple');
    assert.match(stored, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await checkPassword(stored, 'correct horse battery staple'), true);
    assert.equal(await checkPassword(stored, 'correct horse battery stapler'), false);
  });

  it('takes the cost it is given (the tests\' cheap one), which travels in the hash it checks', async () => {
    const stored = await hashPassword('correct horse battery staple', CHEAP_PASSWORD_COST);
    assert.match(stored, new RegExp(`^\\$argon2id\\$v=19\\$m=${String(CHEAP_PASSWORD_COST.memoryCost)},t=${String(CHEAP_PASSWORD_COST.timeCost)},p=1\\$`));
    assert.equal(await checkPassword(stored, 'correct horse battery staple'), true);
    assert.equal(await checkPassword(stored, 'wrong horse battery staple'), false);
  });

  it('fails a check with no stored hash, after the same work as one with', async () => {
    assert.equal(await checkPassword(null, 'correct horse battery staple'), false);
    assert.equal(await checkPassword(undefined, 'anything at all', CHEAP_PASSWORD_COST), false);
  });
});
