import '../../../test/support/fail-on-console.js';
import { elementUpdated, expect, fixture } from '@open-wc/testing';
import { waitUntil } from '../../../test/support/wait-until.js';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { BillSummary } from '@billpay/elements';
import { accessibilityTree, findNodes, spokenText } from '../../../test/support/accessibility-tree.js';
import { finishPrinting, printWith } from '../../../test/support/printing.js';
import { loadDemoAccount, openItemized, renderBillSummary, type BillSummaryArgs } from '../../../stories/bill-summary.stories.js';
import { addDemoPlan, demoSession } from '../../../stories/support/fake-api.js';

const text = (node: Element | ShadowRoot | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function render(args: BillSummaryArgs) {
  const el = await fixture<BillSummary>(renderBillSummary(args, await loadDemoAccount(args)));
  await elementUpdated(el);
  if (args.itemized) await openItemized(el);
  return el;
}

/** What a screen reader gets for one table: its name, its column headers, and each row's cells as "header: value". */
async function spokenTable(part: string, index = 0) {
  const tree = await accessibilityTree();
  const table = findNodes(tree, (n) => n.role === 'table').filter((n) => findNodes(n, (c) => c.role === 'columnheader').length)[index];
  if (!table) throw new Error(`no table ${part} #${index} in the accessibility tree`);
  const headers = findNodes(table, (n) => n.role === 'columnheader').map((n) => n.name ?? '');
  const rows = findNodes(table, (n) => n.role === 'row')
    .slice(1)
    .map((row) => findNodes(row, (n) => n.role === 'cell' || n.role === 'rowheader').map((cell) => spokenText(cell)));
  return { name: table.name, headers, rows };
}

describe('<bill-summary>', () => {
  it('shows the balance, when it is due, and the statements', async () => {
    const el = await render({ lang: 'en', patient: 'Rivera' });
    const root = el.shadowRoot!;
    expect(text(root.querySelector('[part="heading"]'))).to.equal('Bill for Daniela R.');
    expect(text(root.querySelector('[part="balance"]'))).to.match(/Balance \$142\.50 Due by \w+ \d{1,2}, \d{4}/);
    expect(root.querySelectorAll('[part="statement"]')).to.have.length(2);
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
    const table = await spokenTable('charges');
    expect(table.name).to.match(/^Itemized charges, statement of \w+ \d{1,2}, \d{4}$/);
    expect(table.headers).to.deep.equal(['Date of service', 'Service', 'Charge', 'Insurance paid', 'Adjustment', 'Your part']);
    const [visit] = table.rows;
    expect(visit![0]).to.match(/^\w+ \d{1,2}, \d{4}$/);
    expect(visit![1]).to.equal('Office visit, established patient Dr. Marisol Alvarez, MD Code 99213');
    expect(visit!.slice(2)).to.deep.equal(['$180.00', '$115.00', '$25.00', '$40.00']);
    expect(text(root)).to.contain('Office visit, established patient: $40.00 is your copay. It was not paid at the visit.');
    await expect(el).to.be.accessible();
  });

  it('shows a fee among the charges of the statement it was added to, so the table comes to what the statement billed', async () => {
    const el = await render({ lang: 'en', patient: 'Rivera', itemized: true });
    const root = el.shadowRoot!;
    const [, officeVisit] = [...root.querySelectorAll('[part="statement"]')];
    const billed = [...officeVisit!.querySelectorAll('dt')].find((dt) => text(dt) === 'Amount billed')!;
    expect(text(billed.nextElementSibling)).to.equal('$50.00');
    const table = await spokenTable('charges', 1);
    const [visit, fee, total] = table.rows;
    expect(visit![1]).to.equal('Office visit, established patient Dr. Marisol Alvarez, MD Code 99213');
    expect(fee![1]).to.equal('Invoicing fee: the copay was not paid at the visit');
    expect(fee!.slice(2)).to.deep.equal(['$10.00', '$0.00', '$0.00', '$10.00']);
    expect(total).to.deep.equal(['Total', '$190.00', '$115.00', '$25.00', '$50.00']);
    // Nowhere else: the account lists only fees that belong to no statement.
    expect(root.querySelector('[part="fees"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('reads each charge as a card on a phone, with its labels, "Your part" last and in view; a table on a wide screen', async () => {
    await setViewport({ width: 320, height: 800 });
    try {
      const el = await render({ lang: 'en', patient: 'Rivera', itemized: true });
      const charges = el.shadowRoot!.querySelector('[part="charges"]')!;
      const row = charges.querySelector('tbody tr')!;
      expect(getComputedStyle(row).display).to.equal('grid');
      // The date and the service on one line; then the amounts, each with its label.
      const [date, service] = [...row.children] as HTMLElement[];
      expect(Math.abs(date!.getBoundingClientRect().top - service!.getBoundingClientRect().top)).to.be.below(2);
      const lines = [...row.querySelectorAll('td:not(.lead)')].map((cell) => (cell as HTMLElement).innerText.replace(/\s+/g, ' ').trim());
      expect(lines).to.deep.equal(['Charge $310.00', 'Insurance paid $148.00', 'Adjustment $69.50', 'Your part $92.50']);
      const yourPart = row.querySelector('.emphasis')!.getBoundingClientRect();
      expect(yourPart.right).to.be.at.most(window.innerWidth);
      expect(charges.scrollWidth).to.be.at.most(charges.clientWidth);
      // Still a table to a screen reader, with its column headers.
      expect((await spokenTable('charges')).headers).to.deep.equal(['Date of service', 'Service', 'Charge', 'Insurance paid', 'Adjustment', 'Your part']);
      await expect(el).to.be.accessible();

      await setViewport({ width: 1280, height: 800 });
      await el.updateComplete;
      expect(getComputedStyle(row).display).to.equal('table-row');
      const headers = [...charges.querySelectorAll('thead th')].map((th) => th.getBoundingClientRect());
      expect(new Set(headers.map((box) => Math.round(box.bottom))).size, 'the column headers side by side').to.equal(1);
      expect(charges.scrollWidth).to.be.at.most(charges.clientWidth);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
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
    const payments = await spokenTable('payments');
    expect(payments.name).to.equal('Payments');
    expect(payments.headers).to.deep.equal(['Date', 'Description', 'Amount', 'Status']);
    expect(payments.rows.map((row) => row.slice(1))).to.deep.equal([
      ['Card', '$25.00', 'Received'],
      ['Bank account', '$55.00', 'Received'],
    ]);
    await expect(el).to.be.accessible();
  });

  it('lists a bank payment made just now with its status: processing, not received', async () => {
    for (const [lang, processing] of [
      ['en', 'Processing: bank payments take 2 to 3 business days'],
      ['es', 'En proceso: los pagos bancarios tardan de 2 a 3 días hábiles'],
    ] as const) {
      const el = await render({ lang, patient: 'Haddad', payment: 'bank' });
      const payments = await spokenTable('payments');
      expect(payments.rows).to.have.length(1);
      expect(payments.rows[0]!.slice(1)).to.deep.equal([lang === 'en' ? 'Bank account' : 'Cuenta bancaria', '$25.00', processing]);
      await expect(el).to.be.accessible();
      el.remove();
    }
  });

  it('says how much of a payment the practice refunded, in English and Spanish', async () => {
    for (const [lang, status] of [
      ['en', 'Received. Refunded $10.00'],
      ['es', 'Recibido. Reembolsado: $10.00'],
    ] as const) {
      const loaded = await loadDemoAccount({ lang, patient: 'Novak' });
      const payments = loaded.account.payments.map((payment, i) => (i === 0 ? { ...payment, refundedCents: 1_000 } : payment));
      const el = await fixture<BillSummary>(renderBillSummary({ lang, patient: 'Novak' }, { ...loaded, account: { ...loaded.account, payments } }));
      await elementUpdated(el);
      const table = await spokenTable('payments');
      expect(table.rows.map((row) => row.slice(2))).to.deep.equal([
        ['$25.00', status],
        ['$55.00', lang === 'en' ? 'Received' : 'Recibido'],
      ]);
      await expect(el).to.be.accessible();
      el.remove();
    }
  });

  it('speaks Spanish: amounts, dates, and each service by its code, never the practice’s English', async () => {
    const el = await render({ lang: 'es', patient: 'Rivera', itemized: true });
    const root = el.shadowRoot!;
    expect(text(root.querySelector('[part="heading"]'))).to.equal('Factura de Daniela R.');
    expect(text(root.querySelector('[part="balance"]'))).to.match(/Saldo \$142\.50 Vence el \d{1,2} de \w+ de \d{4}/);
    const lab = await spokenTable('charges', 0);
    expect(lab.headers).to.deep.equal(['Fecha del servicio', 'Servicio', 'Cargo', 'Pagó el seguro', 'Ajuste', 'Su parte']);
    expect(lab.rows[0]![0]).to.match(/^\d{1,2} de \w+ de \d{4}$/);
    expect(lab.rows[0]![1]).to.equal('Panel metabólico completo (análisis de sangre) Harbor Point Laboratory Código 80053');
    const visit = await spokenTable('charges', 1);
    expect(visit.rows[0]![1]).to.contain('Consulta, paciente establecido (20 a 29 minutos)');
    expect(visit.rows[1]![1]).to.equal('Cargo de facturación: el copago no se pagó en la visita');
    const notes = text(root.querySelector('.notes'));
    expect(notes).to.equal('Panel metabólico completo (análisis de sangre): $92.50 es su coseguro: su parte del costo después del deducible.');
    expect(text(root)).not.to.match(/Office visit|metabolic panel/);
    await expect(el).to.be.accessible();
  });

  it('tells a self-pay patient nothing about insurance: no insurance column, notes about the charges', async () => {
    const el = await render({ lang: 'en', patient: 'Okafor', itemized: true });
    const root = el.shadowRoot!;
    const charges = await spokenTable('charges');
    expect(charges.headers).to.deep.equal(['Date of service', 'Service', 'Charge', 'Adjustment', 'Your part']);
    expect(text(root)).not.to.match(/insurance decided|Insurance paid/);
    expect(text(root)).to.contain('About these charges');
    expect(text(root)).to.contain('MRI lumbar spine without contrast: $2,400.00 was billed to you directly, without insurance.');
    await expect(el).to.be.accessible();
    const spanish = await render({ lang: 'es', patient: 'Okafor', itemized: true });
    expect(text(spanish.shadowRoot)).to.contain('Sobre estos cargos');
    expect(text(spanish.shadowRoot)).to.contain('Resonancia magnética de la zona lumbar, sin contraste: $2,400.00 se le facturó directamente, sin seguro.');
    expect(text(spanish.shadowRoot)).not.to.match(/seguro decidió|Pagó el seguro|MRI lumbar/);
  });

  it('makes the No Surprises help desk number a link a phone can call', async () => {
    const el = await render({ lang: 'en', patient: 'Okafor' });
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('[part="dispute"] a[href^="tel:"]')!;
    expect(link.getAttribute('href')).to.equal('tel:+18009853059');
    expect(text(link)).to.equal('1-800-985-3059');
    expect(getComputedStyle(link).whiteSpace).to.equal('nowrap');
    expect(text(link.parentElement)).to.equal('Questions about disputes: call the No Surprises Help Desk at 1-800-985-3059.');
  });

  it('shows the payment plan: what is paid and left, and that the bill is not past due', async () => {
    const el = await render({ lang: 'en', patient: 'Okafor', plan: 'current' });
    const plan = el.shadowRoot!.querySelector('[part="plan"]')!;
    expect(text(plan.querySelector('[role="heading"]'))).to.equal('Your payment plan');
    expect(plan.querySelector('[role="heading"]')!.getAttribute('aria-level')).to.equal('3');
    expect(text(plan)).to.contain('Monthly, paid automatically');
    expect(text(plan)).to.contain('Paid so far: $200.00. Left: $2,200.00 in 11 payments.');
    expect(plan.classList.contains('warning')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('with a payment plan, says the plan’s next payment is due, never the whole balance by that date', async () => {
    const el = await render({ lang: 'en', patient: 'Okafor', plan: 'current' });
    const root = el.shadowRoot!;
    expect(text(root.querySelector('[part="balance"]'))).to.match(/^Balance \$2,400\.00 Paid by your payment plan\. Next payment: \$200\.00 on \w+ \d{1,2}, \d{4}\.$/);
    const notice = root.querySelector('[part="notice"]')!;
    expect(text(notice)).to.match(/^You’re on a payment plan: your next payment of \$200\.00 is due [A-Z][a-z]+ \d{1,2}, \d{4}\. It will be paid automatically\.$/);
    expect(notice.classList.contains('warning')).to.equal(false);
    expect(text(root)).not.to.match(/Please pay by|Due by/);
    const due = [...root.querySelectorAll('[part="statement"] dt')].find((dt) => text(dt) === 'Due date')!;
    expect(text(due.nextElementSibling)).to.equal('In your payment plan');
    await expect(el).to.be.accessible();
    const spanish = await render({ lang: 'es', patient: 'Okafor', plan: 'current' });
    const spanishRoot = spanish.shadowRoot!;
    expect(text(spanishRoot.querySelector('[part="balance"]'))).to.match(/Se paga con su plan de pagos\. Próximo pago: \$200\.00 el \d{1,2} de \w+ de \d{4}\.$/);
    expect(text(spanishRoot.querySelector('[part="notice"]'))).to.match(/^Usted tiene un plan de pagos: su próximo pago de \$200\.00 vence el \d{1,2} de [a-z]+ de \d{4}\. Se cobrará automáticamente\.$/);
    expect(text(spanishRoot)).not.to.contain('Por favor, pague a más tardar');
  });

  it('with a plan paid by hand, says to pay the next payment here', async () => {
    // A plan paid by hand is no story of the bill's own: set up here through the same fake API.
    const renderManual = async (lang: 'en' | 'es') => {
      const session = await demoSession('Okafor');
      const account = await addDemoPlan(session, 'manual');
      return fixture<BillSummary>(renderBillSummary({ lang, patient: 'Okafor' }, { client: session.client, account }));
    };
    const el = await renderManual('en');
    expect(text(el.shadowRoot!.querySelector('[part="notice"]'))).to.match(/your next payment of \$200\.00 is due [A-Z][a-z]+ \d{1,2}, \d{4}\. Pay it with Make a payment\.$/);
    await expect(el).to.be.accessible();
    const spanish = await renderManual('es');
    expect(text(spanish.shadowRoot!.querySelector('[part="notice"]'))).to.match(/vence el \d{1,2} de [a-z]+ de \d{4}\. Páguelo con Hacer un pago\.$/);
  });

  it('says what a kept plan is behind by and when it is tried again, not the balance', async () => {
    const el = await render({ lang: 'en', patient: 'Okafor', plan: 'retry' });
    const root = el.shadowRoot!;
    const notice = root.querySelector('[part="notice"]')!;
    expect(notice.classList.contains('warning')).to.equal(true);
    expect(text(notice)).to.match(/^A payment of \$200\.00 didn’t go through\. It will be tried again on [A-Z][a-z]+ \d{1,2}, \d{4}\.$/);
    expect(root.querySelector('[part="plan"]')!.classList.contains('warning')).to.equal(false);
    expect(text(root)).not.to.contain('fell behind');
    expect(text(root)).not.to.match(/Please pay by/);
    await expect(el).to.be.accessible();
    const spanish = await render({ lang: 'es', patient: 'Okafor', plan: 'retry' });
    expect(text(spanish.shadowRoot!.querySelector('[part="notice"]'))).to.match(/^Un pago de \$200\.00 no se pudo cobrar\. Se intentará de nuevo el \d{1,2} de [a-z]+ de \d{4}\.$/);
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

  it('prints the itemized bill as a document of its own: the practice, the patient’s account, every statement itemized, none of the page', async () => {
    const site = document.createElement('header');
    site.textContent = 'Harbor Point Medical Group: Home, Pay your bill';
    document.body.prepend(site);
    const title = document.title;
    try {
      const el = await render({ lang: 'en', patient: 'Rivera' });
      const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="print-button"]')!;
      const printed = await printWith(async () => {
        button.focus();
        await sendKeys({ press: 'Enter' });
      });
      const doc = printed.document;
      expect(printed.container.id).to.equal('billpay-print-root');
      expect(printed.printedChildren.filter((child) => child.shown).map((child) => child.element)).to.deep.equal([printed.container]);
      expect(printed.shownOnScreen, 'the printed document stays off the screen').to.equal(false);
      expect(document.title).to.equal('Itemized bill · Harbor Point Medical Group');
      expect(text(doc.querySelector('.practice'))).to.equal('Harbor Point Medical Group');
      expect(text(doc.querySelector('.contact'))).to.contain('Billing: (555) 010-4477');
      expect(text(doc.querySelector('.contact'))).to.contain('billing@harborpoint.example');
      expect(text(doc.querySelector('h1'))).to.equal('Itemized bill');
      expect(text(doc.querySelector('.whose'))).to.match(/^Patient: Daniela R\. Account A-100234 Printed on \w+ \d{1,2}, \d{4}$/);
      expect(text(doc.querySelector('.balance'))).to.match(/^Balance \$142\.50 Due by \w+ \d{1,2}, \d{4}$/);
      expect([...doc.querySelectorAll('h2')].map((h) => text(h))).to.have.length(2);
      const totals = [...doc.querySelectorAll('[part="charges"] tfoot .emphasis .cell-value')].map((cell) => text(cell));
      expect(totals).to.deep.equal(['$92.50', '$50.00']);
      expect(text(doc)).to.contain('Invoicing fee: the copay was not paid at the visit');
      expect(doc.querySelectorAll('button')).to.have.length(0);
      // Nothing inline for a strict Content-Security-Policy: styles are adopted, never written in.
      expect(doc.querySelectorAll('style, [style]')).to.have.length(0);
      expect(document.querySelectorAll('style[data-billpay], body > [style]')).to.have.length(0);

      finishPrinting();
      expect(document.getElementById('billpay-print-root')).to.equal(null);
      expect(document.title).to.equal(title);
      expect(document.adoptedStyleSheets).to.have.length(0);
      await expect(el).to.be.accessible();
    } finally {
      site.remove();
      finishPrinting();
    }
  });

  it('prints the itemized bill in Spanish, and a self-pay bill without insurance', async () => {
    const el = await render({ lang: 'es', patient: 'Okafor' });
    const printed = await printWith(() => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="print-button"]')!.click());
    try {
      const doc = printed.document;
      expect(doc.querySelector('article')!.getAttribute('lang')).to.equal('es');
      expect(text(doc.querySelector('h1'))).to.equal('Factura detallada');
      expect(text(doc.querySelector('.whose'))).to.match(/^Paciente: Chidi O\. Cuenta A-100451 Impreso el \d{1,2} de \w+ de \d{4}$/);
      expect(text(doc)).to.contain('Resonancia magnética de la zona lumbar, sin contraste');
      expect(text(doc)).to.contain('Sobre estos cargos');
      expect(text(doc)).not.to.match(/Pagó el seguro|MRI lumbar/);
    } finally {
      finishPrinting();
    }
  });
});
