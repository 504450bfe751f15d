import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CHEN, fillLookup, findBill, HADDAD, NOVAK, OKAFOR, RIVERA } from './patient.js';
import { startHarness, type Harness } from './support.js';

const accounts = [RIVERA, OKAFOR, CHEN, NOVAK, HADDAD];

async function openPayPage(harness: Harness, query = '') {
  const opened = await harness.newPage();
  await opened.page.goto(`${harness.server.url}/pay.html${query}`);
  await opened.page.locator('bill-lookup').getByRole('heading', { name: 'Find your bill' }).waitFor();
  return opened;
}

describe('finding a bill on the demo site', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });

  for (const account of accounts) {
    it(`finds ${account.heading} and shows ${account.balance}`, async () => {
      const { page, problems } = await openPayPage(harness);
      await findBill(page, account, account.heading);
      assert.match(await page.locator('bill-summary').locator('[part="balance"]').innerText(), new RegExp(account.balance.replace(/[$.]/g, '\\$&')));
      assert.deepEqual(problems, []);
    });
  }

  it('works with the keyboard alone, from the first field to the itemized charges', async () => {
    const { page, problems } = await openPayPage(harness);
    await page.locator('bill-lookup').getByLabel('Bill ID').focus();
    await page.keyboard.type('2025 1104 0018');
    await page.keyboard.press('Tab'); // "Where is my Bill ID?"
    await page.keyboard.press('Tab');
    await page.keyboard.type('3');
    await page.keyboard.press('Tab');
    await page.keyboard.type('9');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1984');
    await page.keyboard.press('Enter');
    const summary = page.locator('bill-summary');
    await summary.getByRole('heading', { name: 'Bill for Daniela R.' }).waitFor();
    // Focus moved to the account's heading; Tab reaches "Make a payment", the payment plan offer
    // ($142.50 qualifies), then the first statement's details button.
    const focused = () =>
      page.evaluate(() => {
        let active = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        return active?.textContent?.trim();
      });
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'Make a payment');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'Can’t pay all at once? Set up a payment plan');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'Show itemized charges');
    await page.keyboard.press('Enter');
    // The account's fees table is already on screen, so wait for the statement's own row: its
    // itemized charges arrive from the server after the button is pressed.
    const coinsurance = summary.getByRole('cell', { name: '$92.50' }).first();
    await coinsurance.waitFor();
    assert.ok(await coinsurance.isVisible());
    assert.deepEqual(problems, []);
  });

  it('pre-fills the Bill ID from a ?bill= link and takes it out of the address bar', async () => {
    const { page } = await openPayPage(harness, '?bill=202511040026');
    assert.equal(await page.locator('bill-lookup').getByLabel('Bill ID').inputValue(), '2025 1104 0026');
    assert.equal(new URL(page.url()).search, '');
  });

  it('locks the bill after five wrong dates of birth, and lets the patient in with the amount due on the statement', async () => {
    const { page } = await openPayPage(harness);
    await fillLookup(page, { ...HADDAD, day: '3' });
    const form = page.locator('bill-lookup');
    for (let attempt = 1; attempt <= 5; attempt++) {
      const answered = page.waitForResponse((response) => response.url().endsWith('/v1/lookups'));
      await form.getByRole('button', { name: 'Find my bill' }).click();
      assert.equal((await answered).status(), 401);
      await form.getByText('We couldn’t find a bill with that Bill ID and date of birth').waitFor();
    }
    await form.getByLabel('Day').fill('2');
    await form.getByRole('button', { name: 'Find my bill' }).click();
    await form.getByText(/this bill is locked after too many tries\. You can try again after/).waitFor();
    // The patient holding the statement need not wait: its amount due gets them through.
    await form.getByLabel('Amount due on your statement').fill('65.00');
    await form.getByRole('button', { name: 'Find my bill' }).click();
    await page.locator('bill-summary').getByRole('heading', { name: 'Bill for Samir H.' }).waitFor();
  });
});
