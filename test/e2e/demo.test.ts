import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHarness, type Harness } from './support.js';

describe('demo practice website', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });

  it('shows <bill-pay> with the practice and its billing contact, under a strict CSP', async () => {
    const { page, problems } = await harness.newPage();
    await page.goto(`${harness.server.url}/pay.html`);
    const widget = page.locator('bill-pay');
    await widget.getByRole('heading', { name: 'Pay your bill' }).waitFor();
    await widget.getByText('Harbor Point Medical Group').waitFor();
    const phone = widget.getByRole('link', { name: 'Call billing at (555) 010-4477' });
    assert.equal(await phone.getAttribute('href'), 'tel:+15550104477');
    assert.ok(await widget.getByRole('link', { name: /Email the billing office/ }).isVisible());
    assert.ok(await widget.getByText(/Monday–Friday, 8:00\sAM to 4:30\sPM/).isVisible());
    assert.deepEqual(problems, []);
  });

  it('offers the same menu on every page, the pay page too: Home, Pay your bill, Get a cost estimate', async () => {
    const { page, problems } = await harness.newPage();
    for (const path of ['/', '/pay.html', '/estimate.html']) {
      await page.goto(`${harness.server.url}${path}`);
      const menu = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
      assert.deepEqual(await menu.allInnerTexts(), ['Home', 'Pay your bill', 'Get a cost estimate'], path);
    }
    await page.goto(`${harness.server.url}/pay.html`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Get a cost estimate' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/estimate\.html$/);
    assert.deepEqual(problems, []);
  });

  it('switches the widget to Spanish from the page, with the keyboard', async () => {
    const { page, problems } = await harness.newPage();
    await page.goto(`${harness.server.url}/pay.html`);
    const widget = page.locator('bill-pay');
    await widget.getByText('Harbor Point Medical Group').waitFor();
    await page.getByRole('button', { name: 'Español' }).focus();
    await page.keyboard.press('Enter');
    await widget.getByRole('heading', { name: 'Pague su factura' }).waitFor();
    assert.ok(await widget.getByRole('link', { name: 'Llame a facturación al (555) 010-4477' }).isVisible());
    assert.equal(await page.getByRole('button', { name: 'Español' }).getAttribute('aria-pressed'), 'true');
    assert.deepEqual(problems, []);
  });

  it('loads each element’s code only on pages that use it, cached by content hash', async () => {
    /** The parts a page loaded once its element is on screen (its heading comes from the element's own code). */
    const partsLoadedBy = async (path: string, element: string, heading: string) => {
      const { page, problems } = await harness.newPage();
      const parts = new Map<string, Record<string, string>>();
      page.on('response', (response) => {
        if (new URL(response.url()).pathname.startsWith('/billpay/')) parts.set(new URL(response.url()).pathname, response.headers());
      });
      await page.goto(`${harness.server.url}${path}`);
      await page.locator(element).getByRole('heading', { name: heading }).waitFor();
      assert.deepEqual(problems, []);
      return parts;
    };
    const pay = await partsLoadedBy('/pay.html', 'bill-lookup', 'Find your bill');
    const estimate = await partsLoadedBy('/estimate.html', 'good-faith-estimate', 'Get a cost estimate');
    assert.ok(pay.size > 0, 'the pay page loaded no parts of billpay.js');
    const onlyForEstimates = [...estimate.keys()].filter((part) => !pay.has(part));
    assert.ok(onlyForEstimates.length > 0, 'the pay page downloaded the estimate form');
    for (const headers of [...pay.values(), ...estimate.values()]) {
      assert.match(headers['cache-control'] ?? '', /immutable/);
      assert.equal(headers['access-control-allow-origin'], '*');
    }
  });

  it('draws the lookup before the practice answers, compressed, with only the patient’s language', async () => {
    const { page, problems } = await harness.newPage();
    const parts: { path: string; encoding: string | undefined }[] = [];
    page.on('response', (response) => {
      const { pathname } = new URL(response.url());
      if (pathname.startsWith('/billpay')) parts.push({ path: pathname, encoding: response.headers()['content-encoding'] });
    });
    // The practice's answer is held back until the form has been typed in.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/v1/practices/**', async (route) => {
      await released;
      await route.continue();
    });
    await page.goto(`${harness.server.url}/pay.html`);
    const widget = page.locator('bill-pay');
    const billId = widget.getByRole('textbox', { name: 'Bill ID' });
    await billId.fill('202511040059');
    assert.equal(await billId.inputValue(), '2025 1104 0059');
    assert.equal(await widget.getByText('Harbor Point Medical Group').count(), 0, 'the practice arrived before it was released');
    release();
    await widget.getByText('Harbor Point Medical Group').waitFor();
    assert.equal(await billId.inputValue(), '2025 1104 0059');

    // Every part came brotli-compressed; the Spanish words only once the patient chose Spanish.
    assert.ok(parts.length > 1);
    for (const part of parts) assert.equal(part.encoding, 'br', part.path);
    const spanish = () => parts.filter((part) => /\/es-[\w]+\.js$/.test(part.path));
    assert.deepEqual(spanish(), []);
    await page.getByRole('button', { name: 'Español' }).click();
    await widget.getByRole('heading', { name: 'Pague su factura' }).waitFor();
    assert.equal(spanish().length, 1);
    assert.equal(await widget.getByRole('textbox', { name: 'Número de factura (Bill ID)' }).inputValue(), '2025 1104 0059');
    assert.deepEqual(problems, []);
  });

  it('preloads the Spanish words of each part with it on a Spanish page, and none on an English page', async () => {
    const spanishFetchedOn = async (lang: 'en' | 'es') => {
      const { page, problems } = await harness.newPage();
      const fetched: string[] = [];
      page.on('response', (response) => {
        const { pathname } = new URL(response.url());
        if (pathname.startsWith('/billpay/')) fetched.push(pathname);
      });
      await page.route('**/pay.html', async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, body: (await response.text()).replace('<html lang="en">', `<html lang="${lang}">`) });
      });
      await page.goto(`${harness.server.url}/pay.html`);
      await page.locator('bill-pay').getByText('Harbor Point Medical Group').waitFor();
      // What <bill-pay> asks for beside its first paint (the bill, the plan offer) has been asked for, and has arrived.
      await page.locator('link[rel="modulepreload"][href*="/plan-account-"]').first().waitFor({ state: 'attached' });
      await page.waitForLoadState('networkidle');
      assert.deepEqual(problems, []);
      return fetched.flatMap((path) => /\/billpay\/((?:[a-z-]+-)?es)-\w+\.js$/.exec(path)?.[1] ?? []).sort();
    };
    assert.deepEqual(await spanishFetchedOn('en'), []);
    // The main dictionary with the first part; the bill's and the plan offer's books with theirs; not the forms' (not on screen).
    assert.deepEqual(await spanishFetchedOn('es'), ['bill-es', 'es', 'plan-account-es']);
  });

  it('reflows on a 320 px wide phone without sideways scrolling', async () => {
    const { page, problems } = await harness.newPage({ width: 320 });
    await page.goto(`${harness.server.url}/pay.html`);
    await page.locator('bill-pay').getByText('Harbor Point Medical Group').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0);
    assert.deepEqual(problems, []);
  });

  it('lets the keyboard reach the billing contact links in order, after the form', async () => {
    const { page } = await harness.newPage();
    await page.goto(`${harness.server.url}/pay.html`);
    const widget = page.locator('bill-pay');
    await widget.getByText('Harbor Point Medical Group').waitFor();
    await widget.getByRole('button', { name: 'Use account number and last name instead' }).focus();
    const reached: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      reached.push(
        await page.evaluate(() => {
          let active: Element | null = document.activeElement;
          while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
          return active?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
        }),
      );
    }
    assert.deepEqual(reached, ['Call billing at (555) 010-4477', 'Email the billing office', 'Financial assistance (opens in a new tab)']);
  });
});
