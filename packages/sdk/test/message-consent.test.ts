import '../../../test/support/fail-on-console.js';
import { expect } from '@open-wc/testing';
import { checkMessageAddress, checkVerificationCode, consentText, revocationText, staffRevocationText } from '@billpay/sdk';

describe('message consent', () => {
  it('takes a US mobile number however it is typed, as +1 and ten digits', () => {
    for (const typed of ['(203) 555-0123', '203.555.0123', '+1 203 555 0123', '1-203-555-0123', ' 2035550123 ']) {
      expect(checkMessageAddress('sms', typed), typed).to.deep.equal({ ok: true, address: '+12035550123' });
    }
  });

  it('refuses what cannot be a US mobile number, and says when nothing was typed', () => {
    for (const typed of ['555-12', '203-555-01234', '(103) 555-0123', '203-155-0123', 'call me', '+44 20 7946 0958']) {
      expect(checkMessageAddress('sms', typed), typed).to.deep.equal({ ok: false, issue: 'invalid_mobile' });
    }
    expect(checkMessageAddress('sms', '   ')).to.deep.equal({ ok: false, issue: 'missing' });
  });

  it('takes an email address trimmed, up to 254 characters', () => {
    expect(checkMessageAddress('email', ' Ana.Lopez@Example.org ')).to.deep.equal({ ok: true, address: 'Ana.Lopez@Example.org' });
    for (const typed of ['ana', 'ana@example', 'ana lopez@example.org', `${'a'.repeat(250)}@example.org`]) {
      expect(checkMessageAddress('email', typed), typed).to.deep.equal({ ok: false, issue: 'invalid_email' });
    }
  });

  it('reads a 6-digit code with spaces or a dash in it', () => {
    expect(checkVerificationCode('123 456')).to.deep.equal({ ok: true, code: '123456' });
    expect(checkVerificationCode('123-456')).to.deep.equal({ ok: true, code: '123456' });
    expect(checkVerificationCode('')).to.deep.equal({ ok: false, issue: 'missing' });
    for (const typed of ['12345', '1234567', '12a456']) expect(checkVerificationCode(typed), typed).to.deep.equal({ ok: false, issue: 'invalid_format' });
  });

  it('words the consent and its revocation in English and Spanish, naming the practice, with how to stop texts', () => {
    expect(consentText('sms', 'en', 'Harbor Point')).to.contain('Reply STOP to stop, HELP for help.').and.contain('Harbor Point');
    expect(consentText('sms', 'es', 'Harbor Point')).to.contain('Responda STOP').and.contain('Harbor Point');
    expect(consentText('email', 'es', 'Harbor Point')).to.match(/^Acepto recibir correos electrónicos de Harbor Point/);
    expect(revocationText('sms', 'en', 'Harbor Point')).to.equal('Stop text messages from Harbor Point.');
    // A revocation staff record at the patient's request says so, in each language and for each channel.
    expect(staffRevocationText('sms', 'en', 'Harbor Point')).to.equal("At the patient's request, the billing office of Harbor Point stops text messages to this number.");
    expect(staffRevocationText('email', 'es', 'Harbor Point')).to.match(/^A petición del paciente, la oficina de facturación de Harbor Point deja de enviar correos electrónicos/);
  });
});
