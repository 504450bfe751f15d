/**
 * The billing office console's Settings, end to end in Chromium against the real server, with
 * the keyboard: an admin opens Settings from the navigation (billing staff do not see it), types
 * a new billing phone and brand colour and sees the patient widget's preview change before
 * saving, saves, and the widget on the demo page shows the new phone and colour without a
 * restart. A brand colour without enough contrast is refused beside its field, in English and in
 * Spanish, keeping what was typed. axe on each screen; the refused colour compared with its visual
 * snapshots at 390 and 1280 px in both languages; screenshots when BILLPAY_SCREENSHOTS names a folder.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addStaff, enrolmentLink, DEMO_PRACTICE_ID } from '@billpay/server';
import { generate } from 'otplib';
import type { Locator, Page } from 'playwright-core';
import { accessible, looksAsBefore } from './console-axe.js';
import { startHarness, type Harness } from './support.js';

const PASSWORD = 'correct horse battery staple';
const SHOTS = process.env.BILLPAY_SCREENSHOTS;

/** The computed background of the widget's "Find my bill" button. */
const buttonColor = (widget: Locator) => widget.getByRole('button', { name: /^(Find my bill|Buscar mi factura)$/ }).evaluate((button) => getComputedStyle(button).backgroundColor);

describe('the billing office console: settings', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ console: true });
  });
  after(async () => {
    await harness?.close();
  });

  async function signedIn(page: Page, email: string, role: 'admin' | 'billing') {
    const { token } = await addStaff(harness.server.database.db, { practiceId: DEMO_PRACTICE_ID, email, role, now: new Date() });
    await page.goto(enrolmentLink(harness.server.url, token));
    const secret = (await page.getByTestId('totp-key').innerText()).replace(/\s/g, '');
    await page.getByLabel('New password').fill(PASSWORD);
    await page.getByLabel('Code your authenticator app shows now').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Finish setup' }).press('Enter');
    await page.getByRole('heading', { name: 'Find an account' }).waitFor();
  }

  async function shoot(page: Page, name: string) {
    if (!SHOTS) return;
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  }

  it('is not offered to billing staff, and the API refuses them', async () => {
    const { page, problems } = await harness.newPage({ width: 1280 });
    await signedIn(page, 'clerk@harbor.example', 'billing');
    const nav = page.getByRole('navigation', { name: 'Console' });
    await nav.getByRole('link', { name: 'Money in and out' }).waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Settings' }).count(), 0);
    const status = await page.evaluate(async () => (await fetch('/admin/v1/settings')).status);
    assert.equal(status, 403);
    // Its address shows the page's heading and the refusal in words, nothing else.
    await page.goto(`${harness.server.url}/console/settings`);
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'Only an admin of the practice can change its settings.' }).waitFor();
    assert.equal(await page.getByLabel('Billing phone').count(), 0);
    assert.deepEqual(problems.filter((p) => !p.includes('403')), []);
    await page.context().close();
  });

  it('changes the phone and brand colour with a live preview, and the demo page shows them without a restart', async () => {
    const { page, problems } = await harness.newPage({ width: 1280 });
    await signedIn(page, 'admin@harbor.example', 'admin');
    const link = page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Settings' });
    await link.focus();
    await link.press('Enter');
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/console/settings');

    const preview = page.getByRole('region', { name: 'Preview of the patient widget' }).locator('bill-pay');
    await preview.getByText('Call billing at (555) 010-4477').waitFor();
    assert.equal(await buttonColor(preview), 'rgb(11, 92, 173)');
    await accessible(page, 'settings');
    await shoot(page, 'settings-1280-en');

    // Typed, not saved: the preview follows.
    await page.getByLabel('Billing phone').fill('(555) 010-2020');
    await preview.getByText('Call billing at (555) 010-2020').waitFor();
    await page.getByLabel('Brand colour (buttons and links)').fill('#7a1f5c');
    await page.getByText('Contrast against white: 9.').waitFor();
    await page.waitForFunction(
      () => {
        const root = document.querySelector('billpay-console')?.shadowRoot?.querySelector('console-settings')?.shadowRoot;
        const button = root?.querySelector('bill-pay')?.shadowRoot?.querySelector('bill-lookup')?.shadowRoot?.querySelector('button[type="submit"]');
        return button && getComputedStyle(button).backgroundColor === 'rgb(122, 31, 92)';
      },
      undefined,
      { timeout: 5_000 },
    );
    // Nothing is saved yet: the patient's widget still shows the old phone.
    const patient = await page.context().newPage();
    await patient.goto(`${harness.server.url}/pay.html`);
    await patient.locator('bill-pay').getByText('Call billing at (555) 010-4477').waitFor();

    await page.getByRole('button', { name: 'Save settings' }).press('Enter');
    await page.getByRole('status').filter({ hasText: 'Settings saved. Patients see them now.' }).first().waitFor({ state: 'attached' });
    await page.getByText(/^Last saved here: /).waitFor();

    // The patient's page, reloaded: the server was not restarted.
    await patient.reload();
    const widget = patient.locator('bill-pay');
    await widget.getByText('Call billing at (555) 010-2020').waitFor();
    assert.equal(await buttonColor(widget), 'rgb(122, 31, 92)');
    await patient.close();
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  for (const width of [390, 1280]) {
    it(`refuses a colour without enough contrast beside its field, in English and Spanish, keeping what was typed (${width} px)`, async () => {
      const { page, problems } = await harness.newPage({ width });
      await signedIn(page, `admin-${width}@harbor.example`, 'admin');
      await page.goto(`${harness.server.url}/console/settings`);
      await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
      const preview = page.getByRole('region', { name: 'Preview of the patient widget' }).locator('bill-pay');
      await preview.getByText('Call billing at (555) 010-2020').waitFor();
      if (width === 390) await shoot(page, 'settings-390-en');

      const color = page.getByLabel('Brand colour (buttons and links)');
      await color.fill('#ffd23f');
      await page.getByLabel('Practice name').fill('Harbor Point Medical Group, LLC');
      await page.getByRole('button', { name: 'Save settings' }).press('Enter');
      const summary = page.locator('console-settings .error-summary');
      await summary.getByText('1 field needs your attention. It is marked below.').waitFor();
      const error = page.locator('#branding-accentColor-error');
      await error.getByText(/This colour has a contrast of 1\.\d:1 against white; buttons and links need at least 4\.5:1\. Choose a darker colour\./).waitFor();
      assert.equal(await color.getAttribute('aria-invalid'), 'true');
      assert.match((await color.getAttribute('aria-describedby')) ?? '', /branding-accentColor-error/);
      // Focus is on the summary; its link takes the keyboard to the field.
      assert.equal(await page.evaluate(() => document.querySelector('billpay-console')?.shadowRoot?.querySelector('console-settings')?.shadowRoot?.activeElement?.className), 'error-summary');
      await summary.getByRole('link').press('Enter');
      assert.equal(await page.evaluate(() => document.querySelector('billpay-console')?.shadowRoot?.querySelector('console-settings')?.shadowRoot?.activeElement?.id), 'branding-accentColor');
      // Nothing typed is lost.
      assert.equal(await color.inputValue(), '#ffd23f');
      assert.equal(await page.getByLabel('Practice name').inputValue(), 'Harbor Point Medical Group, LLC');
      await accessible(page, `settings with an error (${width} px)`);
      // Both widths are compared once, from the desk's run.
      if (width === 1280) await looksAsBefore(page, 'settings-error');
      await shoot(page, `settings-error-${width}-en`);

      await page.getByRole('button', { name: 'Ver la consola en español' }).click();
      await page.getByRole('heading', { name: 'Configuración', level: 1 }).waitFor();
      await page.locator('#branding-accentColor-error').getByText(/Este color tiene un contraste de 1\.\d:1 contra el blanco; los botones y enlaces necesitan al menos 4\.5:1\./).waitFor();
      assert.equal(await page.getByLabel('Color de la marca (botones y enlaces)').inputValue(), '#ffd23f');
      await page.locator('console-settings .error-summary').getByText('Hay 1 campo que revisar. Está marcado abajo.').waitFor();
      await accessible(page, `settings with an error in Spanish (${width} px)`);
      if (width === 1280) await looksAsBefore(page, 'settings-error');
      await shoot(page, `settings-error-${width}-es`);

      // Corrected, the error goes as it is typed; the server was never asked.
      await page.getByLabel('Color de la marca (botones y enlaces)').fill('#0b5cad');
      await page.locator('#branding-accentColor-error').waitFor({ state: 'detached' });
      assert.deepEqual(problems, []);
      await page.context().close();
    });
  }
});
