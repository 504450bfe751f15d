/**
 * Every screen a patient goes through on the demo site, in English and in Spanish, checked as a
 * person would see it: at each step the layout checks of test/support/layout.ts run at 390, 320
 * and 1280 px (nothing wider than the screen, no text cut off, no word broken across lines in a
 * cell, label or heading, tap targets of at least 24 by 24 px). The steps: finding a bill, the bill
 * with its itemized charges, paying by card in the processor's hosted fields, the review, the
 * receipt; a payment plan, its review and its confirmation; a good-faith estimate's request and the
 * estimate itself.
 *
 * `SCREENSHOTS=dir` also saves the widget at each step at phone width (390 px) there, in English
 * (`SCREENSHOTS_ES=1` adds Spanish): the README's pictures are made this way
 * (`SCREENSHOTS=demo/screenshots node --import tsx --test test/e2e/screens.test.ts`).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { layoutProblems } from '../support/layout.js';
import { CARD_WORDS, CHEN, fillHostedCard, HADDAD, hostedCardFrame, OKAFOR, pressReview, RIVERA, type Login } from './patient.js';
import { startHarness, type Harness } from './support.js';

const WIDTHS = [390, 320, 1280] as const;
const PHONE = 390;

/** The few words the flow needs are the hosted card fields' labels (CARD_WORDS); the rest are ids and parts. */
type Language = keyof typeof CARD_WORDS;

describe('every screen of the demo, at 390, 320 and 1280 px, in English and Spanish', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });

  /** Lays the page out at each width and collects what a person would find broken; saves the phone's picture. */
  async function look(page: Page, language: Language, step: string, problems: string[]) {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const found = await page.evaluate(layoutProblems, { width });
      problems.push(...found.map((p) => `${step} at ${width}px: ${p.kind}: ${p.where}: ${p.detail}`));
      if (width === PHONE && process.env.SCREENSHOTS && (language === 'en' || process.env.SCREENSHOTS_ES)) {
        mkdirSync(process.env.SCREENSHOTS, { recursive: true });
        // The widget, as the patient sees it on the practice's page (not the page around it).
        const widget = page.locator('bill-pay, good-faith-estimate').first();
        await widget.screenshot({ path: join(process.env.SCREENSHOTS, `${step}${language === 'en' ? '' : '-es'}.png`), animations: 'disabled' });
      }
    }
    await page.setViewportSize({ width: PHONE, height: 900 });
  }

  async function open(path: string, language: Language) {
    const { page, problems } = await harness.newPage({ width: PHONE });
    await page.addInitScript(() => {
      (globalThis as { __name?: unknown }).__name = (fn: unknown) => fn;
    });
    await page.goto(`${harness.server.url}${path}`);
    if (language === 'es') await page.locator('.language button[data-lang="es"]').click();
    return { page, problems };
  }

  /** Finds the bill by the fields' ids, so in either language. */
  async function findBill(page: Page, login: Login) {
    const lookup = page.locator('bill-lookup');
    await lookup.locator('#bill-id').fill(login.billId);
    await lookup.locator('#dob-month').fill(login.month);
    await lookup.locator('#dob-day').fill(login.day);
    await lookup.locator('#dob-year').fill(login.year);
    await lookup.locator('[part="submit-button"], button[type="submit"]').first().click();
    await page.locator('bill-summary #account-heading').waitFor();
  }

  const part = (scope: Locator, name: string) => scope.locator(`[part~="${name}"]`).first();

  /** The tests share one server: each language pays, and sets up a plan for, a patient of its own. */
  const PATIENTS = { en: { pays: RIVERA, plans: CHEN }, es: { pays: HADDAD, plans: OKAFOR } } as const;

  for (const language of ['en', 'es'] as const) {
    it(`paying a bill, ${language === 'en' ? 'in English' : 'in Spanish'}: lookup, bill, card, review, receipt`, async () => {
      const { page, problems } = await open('/pay.html', language);
      const layout: string[] = [];
      await page.locator('bill-lookup #bill-id').waitFor();
      await look(page, language, 'lookup', layout);

      const patient = PATIENTS[language].pays;
      await findBill(page, patient);
      const summary = page.locator('bill-summary');
      for (const details of await summary.locator('[part="details-button"]').all()) await details.click();
      await summary.locator('table').first().waitFor();
      await look(page, language, 'bill', layout);

      await part(page.locator('bill-pay'), 'pay-button').click();
      const form = page.locator('pay-form');
      await fillHostedCard(hostedCardFrame(page), { number: '4242424242424242', holder: patient.name }, CARD_WORDS[language]);
      await look(page, language, 'pay', layout);

      await pressReview(page);
      await look(page, language, 'review', layout);

      await part(form, 'pay-button').click();
      await form.locator('[part="receipt"]').waitFor();
      await look(page, language, 'receipt', layout);

      assert.deepEqual(layout, [], 'layout');
      assert.deepEqual(problems, [], 'no console error and no Content-Security-Policy violation');
    });

    it(`setting up a payment plan, ${language === 'en' ? 'in English' : 'in Spanish'}: choices, review, confirmation`, async () => {
      const { page, problems } = await open('/pay.html', language);
      const layout: string[] = [];
      const patient = PATIENTS[language].plans;
      await findBill(page, patient);
      await part(page.locator('bill-pay'), 'plan-button').click();
      const builder = page.locator('plan-builder');
      await builder.locator('form').waitFor();
      await builder.locator('#mode-bank').check();
      await builder.locator('#bank-holder').fill(patient.name);
      await builder.locator('#bank-routing').fill('021000021');
      await builder.locator('#bank-account').fill('000123456789');
      await builder.locator('#bank-account-confirm').fill('000123456789');
      await look(page, language, 'plan', layout);

      await pressReview(page, 'plan-builder');
      await builder.locator('#authorization-accept').check();
      await look(page, language, 'plan-review', layout);

      await part(builder, 'submit-button').click();
      await part(builder, 'print-button').waitFor();
      await look(page, language, 'plan-confirmation', layout);

      assert.deepEqual(layout, [], 'layout');
      assert.deepEqual(problems, [], 'no console error and no Content-Security-Policy violation');
    });

    it(`getting a good-faith estimate, ${language === 'en' ? 'in English' : 'in Spanish'}: the request and the estimate`, async () => {
      const { page, problems } = await open('/estimate.html', language);
      const layout: string[] = [];
      const widget = page.locator('good-faith-estimate');
      await widget.locator('#service-search').fill(language === 'en' ? 'back' : 'espalda');
      await widget.locator('#service-mri-lumbar').check();
      await widget.locator('#first-name').fill('Ana');
      await widget.locator('#last-name').fill('Solís');
      await widget.locator('#dob-month').fill('4');
      await widget.locator('#dob-day').fill('17');
      await widget.locator('#dob-year').fill('1988');
      await widget.locator('#email').fill('ana@example.com');
      await widget.locator('#coverage-uninsured').check();
      await look(page, language, 'estimate-request', layout);

      await widget.locator('button[type="submit"]').click();
      await widget.locator('[part="document"]').waitFor();
      await look(page, language, 'estimate', layout);

      assert.deepEqual(layout, [], 'layout');
      assert.deepEqual(problems, [], 'no console error and no Content-Security-Policy violation');
    });
  }
});
