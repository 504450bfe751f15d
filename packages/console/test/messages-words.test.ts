import '../../../test/support/fail-on-console.js';
import { expect } from '@open-wc/testing';
import { formatMoment } from '@billpay/elements/parts.js';
import { messagesEn } from '../src/i18n/messages-en.js';
import { messagesEs } from '../src/i18n/messages-es.js';

describe('the words of an account’s messages', () => {
  it('end a consent line with one full stop, also after a Spanish time, which brings its own (“3:54 p.m.”)', () => {
    const now = new Date();
    const es = formatMoment(now, 'es', now);
    expect(es).to.match(/m\.$/);
    expect(messagesEs.consentLine('Consentimiento retirado', 'por la oficina de facturación', es)).to.equal(`Consentimiento retirado por la oficina de facturación, ${es}`);
    const en = formatMoment(now, 'en', now);
    expect(messagesEn.consentLine('Consent taken back', 'by the billing office', en)).to.equal(`Consent taken back by the billing office, ${en}.`);
  });
});
