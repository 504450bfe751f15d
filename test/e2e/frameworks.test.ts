/**
 * billpay from React 19, Vue 3, Svelte 5 and plain HTML (demo/frameworks, served at /frameworks/
 * under the demo pages' strict CSP): in each, a patient types the Bill ID and date of birth, pays
 * the balance by card in the processor's hosted fields, and the page's own framework shows the
 * confirmation number. That it does proves both directions: the framework set `<bill-pay>`'s
 * `client` property (the flow talks to the API through it) and heard its `payment-succeeded`.
 * Each page then passes axe (WCAG 2.1 AA). One server and one browser for the four; each pays a
 * different demo patient’s bill.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { accessible } from './console-axe.js';
import { CARD_WORDS, CHEN, facts, fillHostedCard, findBill, HADDAD, hostedCardFrame, LOOKUP_WORDS, OKAFOR, pressReview, RIVERA, type DemoPatient } from './patient.js';
import { startHarness, type Harness } from './support.js';

const CONFIRMATION = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;

const words = {
  en: {
    ...LOOKUP_WORDS.en,
    ...CARD_WORDS.en,
    locale: 'en-US',
    title: (framework: string) => `Pay your bill · ${framework}`,
    makePayment: 'Make a payment',
    pay: (amount: string) => `Pay ${amount}`,
    receiptTitle: 'Thank you. Your payment was received.',
    confirmationTerm: 'Confirmation number',
    paid: (amount: string, confirmation: string) => `${amount} paid. Confirmation number: ${confirmation}.`,
  },
  es: {
    ...LOOKUP_WORDS.es,
    ...CARD_WORDS.es,
    locale: 'es-US',
    title: (framework: string) => `Pague su factura · ${framework}`,
    makePayment: 'Hacer un pago',
    pay: (amount: string) => `Pagar ${amount}`,
    receiptTitle: 'Gracias. Recibimos su pago.',
    confirmationTerm: 'Número de confirmación',
    paid: (amount: string, confirmation: string) => `Pagó ${amount}. Número de confirmación: ${confirmation}.`,
  },
} as const;
type Words = (typeof words)[keyof typeof words];

const demos: readonly { path: string; framework: string; patient: DemoPatient; t: Words }[] = [
  { path: 'react', framework: 'React', patient: RIVERA, t: words.en },
  { path: 'vue', framework: 'Vue', patient: OKAFOR, t: words.es },
  { path: 'svelte', framework: 'Svelte', patient: CHEN, t: words.en },
  { path: 'html', framework: 'HTML', patient: HADDAD, t: words.en },
];

describe('billpay in React, Vue, Svelte and plain HTML (demo/frameworks)', () => {
  let harness: Harness;

  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });

  /** Find the bill, Make a payment, the card in the hosted fields, Review, Pay: the receipt's confirmation number. */
  async function payBalance(page: Page, patient: DemoPatient, t: Words): Promise<string> {
    await findBill(page, patient, t === words.en ? patient.heading : patient.heading.replace('Bill for', 'Factura de'), t);
    await page.locator('bill-pay').getByRole('button', { name: t.makePayment }).click();
    const frame = hostedCardFrame(page);
    await frame.getByLabel(t.cardNumber).waitFor();
    await fillHostedCard(frame, { number: '4242424242424242', holder: patient.name }, t);
    await pressReview(page);
    await page.locator('pay-form').getByRole('button', { name: t.pay(patient.balance) }).click();
    await page.locator('pay-form').getByRole('heading', { name: t.receiptTitle }).waitFor();
    const confirmation = (await facts(page.locator('pay-form [part="receipt"]')))[t.confirmationTerm] ?? '';
    assert.match(confirmation, CONFIRMATION);
    return confirmation;
  }

  for (const { path, framework, patient, t } of demos) {
    it(`${framework}: sets the client property, pays by card, and renders the confirmation from payment-succeeded${t === words.es ? ' (in Spanish)' : ''}`, async () => {
      const { page, problems } = await harness.newPage({ width: 390, locale: t.locale });
      await page.goto(`${harness.server.url}/frameworks/${path}/`);
      await page.getByRole('heading', { level: 1, name: t.title(framework) }).waitFor();
      // The framework's own status line, outside <bill-pay>, says nothing until the event comes.
      const status = page.locator('main > p.paid[role="status"]');
      assert.equal(await status.innerText(), '');

      const confirmation = await payBalance(page, patient, t);

      await status.filter({ hasText: confirmation }).waitFor();
      // What the framework rendered from the event's detail: the amount (as the bill showed it) and the number.
      assert.equal((await status.innerText()).trim(), t.paid(patient.balance, confirmation));
      await accessible(page, `the ${framework} demo after paying`);
      assert.deepEqual(problems, []);
    });
  }

  it('serves the demos’ built pages, not their sources, under the demo pages’ CSP', async () => {
    const index = await fetch(`${harness.server.url}/frameworks/`);
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-security-policy') ?? '', /script-src 'self';/);
    const html = await index.text();
    for (const { path } of demos) assert.match(html, new RegExp(`href="/frameworks/${path}/"`));
    assert.equal((await fetch(`${harness.server.url}/frameworks/react/app.tsx`)).status, 404);
    assert.equal((await fetch(`${harness.server.url}/frameworks/vite.config.mjs`)).status, 404);
    assert.equal((await fetch(`${harness.server.url}/frameworks/..%2F..%2Fpackage.json`)).status, 404);
    assert.equal((await fetch(`${harness.server.url}/frameworks/%E0%A4%A/`)).status, 400);
  });
});
