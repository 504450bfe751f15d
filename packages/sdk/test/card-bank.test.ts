import '../../../test/support/fail-on-console.js';
import { expect } from '@open-wc/testing';
import {
  cardBrand,
  checkBankAccountNumber,
  checkCardCvc,
  checkCardExpiry,
  checkCardNumber,
  checkRoutingNumber,
  formatCardNumber,
  routingNumberValid,
} from '@billpay/sdk';

const today = { year: 2026, month: 11 };

describe('cards', () => {
  it('recognises the sandbox test cards and their brands', () => {
    const cards: [string, string][] = [
      ['4242 4242 4242 4242', 'visa'],
      ['4000 0000 0000 0002', 'visa'],
      ['2223 0031 2200 3222', 'mastercard'],
      ['5555 5555 5555 4444', 'mastercard'],
      ['3782 822463 10005', 'amex'],
      ['6011 1111 1111 1117', 'discover'],
      ['3056 9309 0259 04', 'diners'],
      ['3530 1113 3330 0000', 'jcb'],
    ];
    for (const [number, brand] of cards) expect(checkCardNumber(number), number).to.deep.include({ ok: true, brand });
  });

  it('names what is wrong with a number', () => {
    expect(checkCardNumber('')).to.deep.equal({ ok: false, issue: 'card.number_empty' });
    expect(checkCardNumber('4242 4242 4242 424x')).to.deep.equal({ ok: false, issue: 'card.number_invalid_characters' });
    expect(checkCardNumber('4242 4242 4242 424')).to.deep.equal({ ok: false, issue: 'card.number_length' });
    expect(checkCardNumber('4242 4242 4242 4241')).to.deep.equal({ ok: false, issue: 'card.number_luhn' });
    expect(checkCardNumber('9999 9999 9999 9995')).to.deep.equal({ ok: false, issue: 'card.brand_unknown' });
  });

  it('knows the brand from the first digits, for the icon and the code length', () => {
    expect(cardBrand('4')).to.equal('visa');
    expect(cardBrand('37')).to.equal('amex');
    expect(cardBrand('2720')).to.equal('mastercard');
    expect(cardBrand('2721')).to.equal(undefined);
    expect(checkCardCvc('123', 'amex')).to.deep.equal({ ok: false, issue: 'card.cvc_length' });
    expect(checkCardCvc('1234', 'amex')).to.deep.equal({ ok: true });
    expect(checkCardCvc('', 'visa')).to.deep.equal({ ok: false, issue: 'card.cvc_empty' });
  });

  it('treats a card as valid through the last day of its expiry month', () => {
    expect(checkCardExpiry('11/26', today)).to.deep.equal({ ok: true, month: 11, year: 2026 });
    expect(checkCardExpiry('10 / 2026', today)).to.deep.equal({ ok: false, issue: 'card.expired' });
    expect(checkCardExpiry('13/27', today)).to.deep.equal({ ok: false, issue: 'card.expiry_invalid' });
    expect(checkCardExpiry('0128', today)).to.deep.equal({ ok: true, month: 1, year: 2028 });
  });

  it('groups digits as printed on the card', () => {
    expect(formatCardNumber('4242424242424242')).to.equal('4242 4242 4242 4242');
    expect(formatCardNumber('378282246310005')).to.equal('3782 822463 10005');
  });
});

describe('bank accounts', () => {
  it('checks the ABA routing number checksum', () => {
    expect(routingNumberValid('021000021')).to.equal(true);
    expect(routingNumberValid('011000015')).to.equal(true);
    expect(routingNumberValid('123456789')).to.equal(false);
    expect(checkRoutingNumber('12345678')).to.deep.equal({ ok: false, issue: 'bank.routing_length' });
    expect(checkRoutingNumber('123456789')).to.deep.equal({ ok: false, issue: 'bank.routing_checksum' });
  });

  it('checks the account number and that it was typed the same twice', () => {
    expect(checkBankAccountNumber('000123456789', '000123456789')).to.deep.equal({ ok: true, digits: '000123456789' });
    expect(checkBankAccountNumber('000123456789', '000123456798')).to.deep.equal({ ok: false, issue: 'bank.account_mismatch' });
    expect(checkBankAccountNumber('12a')).to.deep.equal({ ok: false, issue: 'bank.account_format' });
  });
});
