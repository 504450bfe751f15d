import '../../../test/support/fail-on-console.js';
import { elementUpdated, expect, fixture } from '@open-wc/testing';
import { waitUntil } from '../../../test/support/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import type { BillSummary } from '@billpay/elements';
import { loadDemoAccount, renderBillSummary, type BillSummaryArgs } from '../../../stories/bill-summary.stories.js';

const text = (node: Element | ShadowRoot | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function render(args: BillSummaryArgs) {
  const el = await fixture<BillSummary>(renderBillSummary(args, await loadDemoAccount(args)));
  await elementUpdated(el);
  return el;
}

describe('<bill-summary>', () => {
  it('shows the balance, when it is due, and the statements', async () => {
    const el = await render({ lang: 'en', patient: 'Rivera' });
    const root = el.shadowRoot!;
    expect(text(root.querySelector('[part="heading"]'))).to.equal('Bill for Daniela R.');
    expect(text(root.querySelector('[part="balance"]'))).to.match(/Balance \$142\.50 Due by \w+ \d{1,2}, \d{4}/);
    expect(root.querySelectorAll('[part="statement"]')).to.have.length(2);
    expect(text(root)).to.contain('Invoicing fee: the copay was not paid at the visit');
    await expect(el).to.be.accessible();
  });

  it('opens a statement to its itemized charges and the insurer’s notes, with the keyboard', async () => {
    const el = await render({ lang: 'en', patient: 'Rivera' });
    const root = el.shadowRoot!;
    const buttons = root.querySelectorAll<HTMLButtonElement>('[part="details-button"]');
    const officeVisit = buttons[1]!;
    officeVisit.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root.querySelector('table caption'), 'no itemized table');
    expect(officeVisit.getAttribute('aria-expanded')).to.equal('true');
    const table = root.querySelector('table')!;
    const headers = [...table.querySelectorAll('thead th')].map((th) => text(th));
    expect(headers).to.deep.equal(['Date of service', 'Service', 'Charge', 'Insurance paid', 'Adjustment', 'Your part']);
    expect(text(table.querySelector('tbody tr'))).to.contain('Office visit, established patient');
    expect(text(table.querySelector('tbody tr'))).to.contain('99213');
    expect(text(table.querySelector('tbody tr'))).to.contain('$180.00 $115.00 $25.00 $40.00');
    expect(text(root)).to.contain('$40.00 is your copay. It was not paid at the visit.');
    await expect(el).to.be.accessible();
  });

  it('tells a past-due patient when the letter went out and when collections begin', async () => {
    const el = await render({ lang: 'en', patient: 'Chen' });
    const notice = text(el.shadowRoot!.querySelector('[part="notice"]'));
    expect(notice).to.match(/A letter was mailed on .+\. The account will be referred to collections on .+ unless you pay or call us\./);
    expect(text(el.shadowRoot!.querySelector('[part="balance"]'))).to.match(/\$310\.00 Past due since \w+ \d{1,2}, \d{4}$/);
    const oldest = [...el.shadowRoot!.querySelectorAll('dt')].find((dt) => text(dt) === '90 days or more')!;
    expect(text(oldest.nextElementSibling)).to.equal('$310.00');
    await expect(el).to.be.accessible();
  });

  it('thanks a patient who has paid in full and lists the payments', async () => {
    const el = await render({ lang: 'en', patient: 'Novak' });
    const root = el.shadowRoot!;
    expect(text(root.querySelector('[part="notice"]'))).to.equal('You have no balance due. Thank you!');
    expect(text(root)).to.contain('Payments received');
    expect(text(root)).to.contain('Card $25.00');
    expect(text(root)).to.contain('Bank account $55.00');
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish: amounts, dates and the insurer’s notes', async () => {
    const el = await render({ lang: 'es', patient: 'Okafor' });
    const root = el.shadowRoot!;
    expect(text(root.querySelector('[part="heading"]'))).to.equal('Factura de Chidi O.');
    expect(text(root.querySelector('[part="balance"]'))).to.match(/Saldo \$2,400\.00 Vence el \d{1,2} de \w+ de \d{4}/);
    root.querySelector<HTMLButtonElement>('[part="details-button"]')!.click();
    await waitUntil(() => root.querySelector('table caption'));
    expect(text(root)).to.contain('no lo cubre el seguro');
    await expect(el).to.be.accessible();
  });

  it('shows the payment plan: its next payment, what is paid and left, and that the bill is not past due', async () => {
    const el = await render({ lang: 'en', patient: 'Okafor', plan: 'current' });
    const plan = el.shadowRoot!.querySelector('[part="plan"]')!;
    expect(text(plan.querySelector('[role="heading"]'))).to.equal('Your payment plan');
    expect(plan.querySelector('[role="heading"]')!.getAttribute('aria-level')).to.equal('3');
    expect(text(plan)).to.contain('Monthly, paid automatically');
    expect(text(plan)).to.match(/Next payment: \$200\.00 on \w+ \d{1,2}, \d{4}/);
    expect(text(plan)).to.contain('Paid so far: $200.00. Left: $2,200.00 in 11 payments.');
    expect(plan.classList.contains('warning')).to.equal(false);
    expect(text(el.shadowRoot!.querySelector('[part="notice"]'))).to.match(/^Please pay by /);
    await expect(el).to.be.accessible();
  });

  it('says when a failed payment is tried again', async () => {
    const el = await render({ lang: 'en', patient: 'Okafor', plan: 'retry' });
    const plan = el.shadowRoot!.querySelector('[part="plan"]')!;
    expect(plan.classList.contains('warning')).to.equal(false);
    expect(text(plan)).to.match(/A payment of \$200\.00 didn’t go through\. It will be tried again on \w+ \d{1,2}, \d{4}\./);
    expect(text(plan)).not.to.contain('fell behind');
    await expect(el).to.be.accessible();
  });

  it('says when a payment plan fell behind and what brings it up to date, promising no retry', async () => {
    const el = await render({ lang: 'en', patient: 'Okafor', plan: 'behind' });
    const plan = el.shadowRoot!.querySelector('[part="plan"]')!;
    expect(plan.classList.contains('warning')).to.equal(true);
    expect(text(plan)).to.match(/Your payment plan fell behind on \w+ \d{1,2}, \d{4}: two payments in a row didn’t go through\./);
    expect(text(plan)).to.contain('To keep the plan, pay $200.00 with Make a payment, or call billing. Automatic payments start again once the plan is up to date.');
    // A delinquent plan is not charged again, so the bill must not say it will be.
    expect(text(plan)).not.to.contain('tried again');
    await expect(el).to.be.accessible();
    const spanish = await render({ lang: 'es', patient: 'Okafor', plan: 'behind' });
    expect(text(spanish.shadowRoot!.querySelector('[part="plan"]'))).to.contain('Su plan de pagos se atrasó el');
    expect(text(spanish.shadowRoot!.querySelector('[part="plan"]'))).to.contain('Para mantener el plan, pague $200.00 con Hacer un pago');
  });

  it('cancels the payment plan only after asking, with the keyboard, and says it was canceled', async () => {
    const el = await render({ lang: 'en', patient: 'Okafor', plan: 'current' });
    const root = el.shadowRoot!;
    expect(text(root.querySelector('[part="plan"]'))).to.contain('To pay it off early, use Make a payment and pay the whole balance.');
    const ask = root.querySelector<HTMLButtonElement>('[part="cancel-plan-button"]')!;
    expect(text(ask)).to.equal('Cancel this plan');
    ask.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root.querySelector('[part="keep-plan-button"]'), 'no question asked');
    expect(text(root.querySelector('#plan-cancel-question'))).to.contain('Cancel your payment plan? Payments already made stay on your account.');
    expect(text(root.querySelector('#plan-cancel-question'))).to.contain('the $2,200.00 left will be due as your statements say');
    // Focus lands on the safe choice; keeping the plan changes nothing.
    expect(root.activeElement?.getAttribute('part')).to.equal('keep-plan-button');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root.querySelector('[part="cancel-plan-button"]'), 'the question did not close');
    expect(root.activeElement?.getAttribute('part')).to.equal('cancel-plan-button');
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root.querySelector('[part="cancel-plan-confirm"]'));
    const canceled = new Promise<GlobalEventHandlersEventMap['plan-canceled']>((resolve) => el.addEventListener('plan-canceled', resolve, { once: true }));
    root.querySelector<HTMLButtonElement>('[part="cancel-plan-confirm"]')!.click();
    const { detail } = await canceled;
    expect(detail.account.plan === undefined, 'the account no longer has a plan').to.equal(true);
    await waitUntil(() => root.querySelector('[part="plan-canceled"]'), 'no word that the plan was canceled');
    expect(text(root.querySelector('[part="plan-canceled"]'))).to.equal('Your payment plan was canceled. No more plan payments will be taken.');
    expect(root.activeElement?.id).to.equal('plan-canceled');
    expect(root.querySelector('[part="plan"]') === null, 'the plan is gone from the bill').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('prints an itemized bill with every statement opened', async () => {
    const el = await render({ lang: 'en', patient: 'Rivera' });
    const original = window.print;
    let printed = 0;
    window.print = () => {
      printed++;
    };
    try {
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part="print-button"]')!.click();
      await waitUntil(() => printed === 1, 'print was not called');
      expect(el.shadowRoot!.querySelectorAll('table caption')).to.have.length(2);
    } finally {
      window.print = original;
    }
  });
});
