import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { findBill, OKAFOR } from './patient.js';
import { startHarness, type Harness } from './support.js';

// The browser's own Back and Forward buttons inside a payment plan and a cost estimate: on the demo
// site, against the real server (a server of its own, so no other test's patients are touched).

/** The id and text of the element that has focus, through shadow roots. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return { id: active?.id ?? '', text: active?.textContent?.trim() ?? '' };
  });

describe('Back and Forward inside a plan and an estimate', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });

  it('Back from the plan’s review returns to the plan form with the choices kept, Forward to the review, Back again to the bill', async () => {
    const { page, problems } = await harness.newPage();
    await page.goto(`${harness.server.url}/pay.html`);
    await findBill(page, OKAFOR, OKAFOR.heading);
    const address = page.url();
    await page.locator('bill-pay').getByRole('button', { name: 'Can’t pay all at once? Set up a payment plan' }).click();
    const builder = page.locator('plan-builder');
    await builder.locator('form').waitFor();
    const count = builder.getByLabel('Number of payments');
    await count.fill('8');
    await builder.getByRole('radio', { name: 'I’ll pay each one myself' }).check();
    await builder.getByRole('button', { name: 'Review plan' }).click();
    const review = builder.getByRole('heading', { name: 'Review your payment plan' });
    await review.waitFor();

    await page.goBack();
    const form = builder.getByRole('heading', { name: 'Set up a payment plan' });
    await form.waitFor();
    assert.equal(await review.count(), 0, 'the review is gone');
    assert.equal(await page.locator('bill-summary').count(), 0, 'still in the plan, not back at the bill');
    assert.deepEqual(await focused(page), { id: 'plan-heading', text: 'Set up a payment plan' }, 'focus on the form’s heading');
    assert.equal(await count.inputValue(), '8', 'what was chosen is kept');
    assert.equal(await builder.getByRole('radio', { name: 'I’ll pay each one myself' }).isChecked(), true);

    await page.goForward();
    await review.waitFor();
    assert.equal((await focused(page)).id, 'plan-review-heading');
    assert.match(await builder.locator('[part="review"]').innerText(), /8 payments/);

    await page.goBack();
    await form.waitFor();
    await page.goBack();
    await page.locator('bill-summary').getByRole('heading', { name: OKAFOR.heading }).waitFor();
    assert.equal(await page.locator('plan-builder').count(), 0);

    assert.equal(page.url(), address, 'the address never changes');
    const state = JSON.stringify(await page.evaluate(() => history.state as unknown));
    assert.doesNotMatch(state, new RegExp(`${OKAFOR.billId}|${OKAFOR.year}|tok_`));
    assert.deepEqual(problems, []);
  });

  it('Back from the estimate returns to the request form with everything typed kept; Forward shows the estimate without asking again', async () => {
    const { page, problems } = await harness.newPage();
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/v1/estimates') requests.push(request.url());
    });
    await page.goto(`${harness.server.url}/estimate.html`);
    const widget = page.locator('good-faith-estimate');
    const form = widget.getByRole('heading', { name: 'Get a cost estimate' });
    await form.waitFor();
    const address = page.url();
    const entries = await page.evaluate(() => history.length);
    await widget.getByLabel('Find a service').fill('mri');
    await widget.getByRole('checkbox', { name: 'MRI of the lower back (lumbar spine), without contrast' }).check();
    await widget.getByLabel('First name').fill('Ana');
    await widget.getByLabel('Last name').fill('Solís');
    const dob = widget.getByRole('group', { name: 'Patient’s date of birth' });
    await dob.getByLabel('Month').fill('4');
    await dob.getByLabel('Day').fill('17');
    await dob.getByLabel('Year').fill('1988');
    await widget.getByLabel('Email address').fill('ana@example.com');
    await widget.getByRole('radio', { name: 'I don’t have health insurance' }).check();
    assert.equal(await page.evaluate(() => history.length), entries, 'typing makes no history entries');
    await widget.getByRole('button', { name: 'Get my estimate' }).click();
    const estimate = widget.getByRole('heading', { name: 'Good Faith Estimate for Ana Solís' });
    await estimate.waitFor();

    await page.goBack();
    await form.waitFor();
    assert.equal(await estimate.count(), 0, 'the estimate is gone');
    assert.deepEqual(await focused(page), { id: 'gfe-heading', text: 'Get a cost estimate' }, 'focus on the form’s heading');
    assert.equal(await widget.getByLabel('First name').inputValue(), 'Ana', 'what was typed is kept');
    assert.equal(await widget.getByLabel('Last name').inputValue(), 'Solís');
    assert.equal(await dob.getByLabel('Year').inputValue(), '1988');
    assert.equal(await widget.getByLabel('Email address').inputValue(), 'ana@example.com');
    assert.equal(await widget.getByRole('radio', { name: 'I don’t have health insurance' }).isChecked(), true);
    assert.match(await widget.locator('[part="chosen"]').innerText(), /MRI of the lower back/);

    await page.goForward();
    await estimate.waitFor();
    assert.equal((await focused(page)).text, 'Good Faith Estimate for Ana Solís');
    assert.equal(requests.length, 1, 'the estimate is shown again, not asked for again');

    assert.equal(page.url(), address, 'the address never changes');
    const state = JSON.stringify(await page.evaluate(() => history.state as unknown));
    assert.doesNotMatch(state, /Ana|Solís|1988|ana@example/);
    assert.deepEqual(problems, []);
  });
});
