/**
 * Printing from the demo's pay page, in Chromium against the real server and under the page's
 * strict Content-Security-Policy: the itemized bill prints as a document of its own (the practice,
 * the patient's account, the charges), none of the website around it, and the page is as it was
 * once printing is done. `window.print` is replaced (headless Chromium would wait on its dialog);
 * `page.pdf()` prints what the browser would.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findBill, RIVERA } from './patient.js';
import { startHarness, type Harness } from './support.js';

describe('printing from the demo site', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });

  it('prints the itemized bill alone, in Letter, and leaves the page as it was', async () => {
    const { page, problems } = await harness.newPage({ width: 390 });
    await page.addInitScript(() => {
      window.print = () => document.documentElement.setAttribute('data-printed', 'yes');
    });
    await page.goto(`${harness.server.url}/pay.html`);
    await findBill(page, RIVERA, RIVERA.heading);
    const summary = page.locator('bill-summary');

    await summary.getByRole('button', { name: 'Print itemized bill' }).click();
    await page.locator('html[data-printed="yes"]').waitFor({ state: 'attached' });
    await page.emulateMedia({ media: 'print' });
    const printed = page.locator('#billpay-print-root');
    assert.equal(await printed.getByRole('heading', { level: 1 }).innerText(), 'Itemized bill');
    assert.match(await printed.locator('.whose').innerText(), /Account A-100234/);
    assert.equal(await printed.getByRole('table').count(), 2);
    // The website is not printed: its header, menu, language buttons, policies and footer.
    for (const selector of ['.site-header', '.site-footer', '.policies', '.language', 'bill-pay']) {
      assert.equal(await page.locator(selector).isVisible(), false, `${selector} is printed`);
    }
    const pdf = await page.pdf({ format: 'Letter' });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    assert.equal(pages, 2, 'one page per statement');

    // page.pdf() printed (beforeprint, afterprint): the document is gone, the page is back.
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await printed.count(), 0);
    assert.equal(await page.locator('.site-header').isVisible(), true);
    assert.deepEqual(problems, [], 'no console error and no Content-Security-Policy violation');
  });
});
