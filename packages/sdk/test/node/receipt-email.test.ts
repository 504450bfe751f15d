import '../../../../test/support/fail-on-console.js';
import { expect } from 'chai';
import { checkReceiptEmail, ReceiptEmailRequestSchema } from '../../src/phone-payment-schemas.js';

describe('the address a receipt is emailed to', () => {
  it('takes an email address as typed, trimmed', () => {
    expect(checkReceiptEmail(' pat.rivera@example.org ')).to.deep.equal({ ok: true, email: 'pat.rivera@example.org' });
  });

  it('says when it is missing, and when it is no email address or too long for one', () => {
    expect(checkReceiptEmail('   ')).to.deep.equal({ ok: false, issue: 'missing' });
    for (const typed of ['pat.rivera', 'pat.rivera@example', 'pat rivera@example.org', '@example.org', `${'a'.repeat(250)}@example.org`]) {
      expect(checkReceiptEmail(typed), typed).to.deep.equal({ ok: false, issue: 'invalid' });
    }
  });

  it('is what the server takes: an address or none (the account’s own)', () => {
    expect(ReceiptEmailRequestSchema.safeParse({}).success).to.equal(true);
    expect(ReceiptEmailRequestSchema.safeParse({ email: 'not an address' }).success).to.equal(false);
  });
});
