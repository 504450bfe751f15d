// What a patient found paying a bill (issue 11), each driven as a person does it: keyboard and typing.
import '../../../test/support/fail-on-console.js';
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { PayForm } from '@billpay/elements';
import { fillDirectCard, payNow, toReview } from '../../../stories/pay-form.stories.js';
import { choose, click, typeInto, until } from '../../../stories/support/drive.js';
import { longDate, part, root, text } from './support/dom.js';
import { renderPayFormStory as render } from './support/pay-form.js';

async function reviewOther(el: PayForm, amount: string) {
  await choose(el, 'amount', 'other');
  await typeInto(el, 'amount-other', amount);
  await fillDirectCard(el);
  await toReview(el);
  return text(part(el, 'review'));
}

describe('<pay-form> as a patient found it', () => {
  it('says which statement part of the balance goes to, and what will remain on it', async () => {
    const { el, account } = await render();
    const [older, newer] = [...account.statements].sort((a, b) => a.statementDate.localeCompare(b.statementDate));
    expect(older!.openCents).to.equal(5_000);
    const review = await reviewOther(el, '5');
    expect(review).to.contain(`Applied to Your statement of ${longDate(older!.statementDate)} ($5.00 of $50.00; $45.00 will remain)`);
    expect(review).not.to.contain('The whole balance');
    expect(newer).to.not.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('lists every statement a payment covers, the oldest first, in English and Spanish', async () => {
    for (const lang of ['en', 'es'] as const) {
      const { el, account } = await render({ lang });
      const [older, newer] = [...account.statements].sort((a, b) => a.statementDate.localeCompare(b.statementDate));
      await reviewOther(el, '60');
      const items = [...root(el).querySelectorAll('.applied-to li')].map((li) => text(li));
      if (lang === 'en') {
        expect(items).to.deep.equal([
          `Your statement of ${longDate(older!.statementDate)} ($50.00, paid in full)`,
          `Your statement of ${longDate(newer!.statementDate)} ($10.00 of $92.50; $82.50 will remain)`,
        ]);
      } else {
        expect(items).to.have.length(2);
        expect(items[0]).to.contain(`Su estado de cuenta del ${longDate(older!.statementDate, 'es-US')}`).and.to.contain('pagado por completo');
        expect(items[1]).to.contain('quedarán').and.to.contain('82.50');
      }
      await expect(el).to.be.accessible();
    }
  });

  it('puts a chosen statement’s amount on that statement', async () => {
    const { el, account } = await render();
    const newer = [...account.statements].sort((a, b) => b.statementDate.localeCompare(a.statementDate))[0]!;
    await choose(el, 'amount', `statement:${newer.id}`);
    await fillDirectCard(el);
    await toReview(el);
    expect(text(part(el, 'review'))).to.contain(`Applied to Your statement of ${longDate(newer.statementDate)} ($92.50, paid in full)`);
  });

  it('asks for the account number again in the confirmation field’s own words, not the first field’s', async () => {
    for (const [lang, first, again] of [
      ['en', 'Enter the account number.', 'Enter the account number again to confirm it.'],
      ['es', 'Escriba el número de cuenta.', 'Escriba el número de cuenta otra vez para confirmarlo.'],
    ] as const) {
      const { el } = await render({ lang });
      await choose(el, 'method', 'bank');
      await click(el, 'review-button');
      const items = [...part(el, 'error-summary')!.querySelectorAll('li')].map((li) => text(li));
      expect(items).to.include(first);
      expect(items).to.include(again);
      expect(items.filter((item) => item === first)).to.have.length(1);
      expect(text(root(el).querySelector('#bankAccountConfirm-error'))).to.contain(again);
    }
  });

  it('moves between the amount choices with the arrow keys, focus staying on the radios', async () => {
    const { el } = await render();
    const radios = [...root(el).querySelectorAll<HTMLInputElement>('input[name="amount"]')];
    expect(radios.map((r) => r.value)).to.have.length(4);
    radios[0]!.focus();
    for (let step = 1; step <= radios.length; step++) {
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 50));
      const focused = root(el).activeElement as HTMLInputElement | null;
      expect(focused?.name, `focus after ${step} ArrowDown`).to.equal('amount');
      expect(focused?.checked, 'selection follows focus').to.equal(true);
    }
    // Round again to "Another amount": its field shows, but the patient Tabs into it.
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((root(el).activeElement as HTMLInputElement).value).to.equal('other');
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement?.id).to.equal('amount-other');
    await sendKeys({ type: '20' });
    await fillDirectCard(el);
    await toReview(el);
    expect(text(part(el, 'review'))).to.contain('Amount $20.00');
  });

  it('keeps the card number typed in the hosted fields when the language changes, and relabels them', async () => {
    const { el, api } = await render({ cardCapture: 'hosted' });
    const frame = root(el).querySelector<HTMLIFrameElement>('iframe')!;
    await until(el, () => frame.contentDocument?.querySelector('#number') && !root(el).textContent?.includes('Loading the secure card fields'));
    const inFrame = (selector: string) => frame.contentDocument!.querySelector<HTMLInputElement>(selector)!;
    inFrame('#number').focus();
    await sendKeys({ type: '4242424242424242' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '13/30' });
    await sendKeys({ press: 'Tab' });
    expect(text(inFrame('#expiry-error'))).to.equal('Enter the expiration date as MM/YY.');

    el.lang = 'es';
    await until(el, () => frame.contentDocument?.documentElement.lang === 'es');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(root(el).querySelector('iframe')).to.equal(frame);
    expect(inFrame('#number').value).to.equal('4242 4242 4242 4242');
    expect(text(inFrame('label[for="number"]'))).to.equal('Número de tarjeta');
    expect(text(inFrame('#expiry-hint'))).to.equal('MM/AA');
    expect(text(inFrame('#expiry-error'))).to.equal('Escriba la fecha de vencimiento como MM/AA.');
    expect(frame.title).to.contain('tarjeta');
    expect(api.apiBodies.join('')).not.to.contain('4242424242424242');
  });

  it('prints the time of payment with its time zone, and the account number, on the receipt', async () => {
    const { el, account } = await render();
    await fillDirectCard(el);
    await toReview(el);
    await payNow(el);
    await until(el, () => part(el, 'receipt'));
    const receipt = text(part(el, 'receipt'));
    expect(receipt).to.contain(`Account ${account.accountNumber}`);
    expect(account.accountNumber).to.equal('A-100234');
    const zone = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')!.value;
    expect(receipt).to.match(new RegExp(`Date and time \\w+ \\d{1,2}, \\d{4},? (at )?\\d{1,2}:\\d{2}\\s?[AP]M ${zone}`));
    await expect(el).to.be.accessible();
  });
});
