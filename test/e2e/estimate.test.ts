import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { startHarness, type Harness } from './support.js';

declare global {
  interface Window {
    printed?: number;
  }
}

async function openEstimatePage(harness: Harness) {
  const opened = await harness.newPage();
  // Count print requests instead of opening the print dialog.
  await opened.page.addInitScript(() => {
    window.printed = 0;
    window.print = () => {
      window.printed = (window.printed ?? 0) + 1;
    };
  });
  await opened.page.goto(`${harness.server.url}/estimate.html`);
  await opened.page.locator('good-faith-estimate').getByRole('heading', { name: 'Get a cost estimate' }).waitFor();
  return opened;
}

/** Focuses a control without the mouse, the way Tab would reach it, then types or presses keys. */
async function typeInto(page: Page, field: Locator, text: string) {
  await field.focus();
  await page.keyboard.type(text);
}

async function pressOn(page: Page, control: Locator, key: string) {
  await control.focus();
  await page.keyboard.press(key);
}

/** The text of the element that has focus, through shadow roots. */
const focusedText = (page: Page) =>
  page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active?.textContent?.replace(/\s+/g, ' ').replace(/\.(?=\S)/g, '. ').trim() ?? '';
  });

describe('getting a cost estimate on the demo site', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });

  it('is linked from the home page', async () => {
    const { page, problems } = await harness.newPage();
    await page.goto(`${harness.server.url}/`);
    await page.getByRole('link', { name: 'Get a cost estimate' }).first().focus();
    await page.keyboard.press('Enter');
    await page.locator('good-faith-estimate').getByRole('heading', { name: 'Get a cost estimate' }).waitFor();
    assert.deepEqual(problems, []);
  });

  it('requests an estimate with the keyboard alone, reads it, prints it and saves it, under a strict CSP', async () => {
    const { page, problems } = await openEstimatePage(harness);
    const widget = page.locator('good-faith-estimate');
    await typeInto(page, widget.getByLabel('Find a service'), 'mri');
    await widget.getByText('2 services match.').waitFor();
    await pressOn(page, widget.getByRole('checkbox', { name: 'MRI of the lower back (lumbar spine), without contrast' }), 'Space');
    await widget.getByText('Expected total so far: $2,140.00').waitFor();
    await pressOn(page, widget.getByRole('radio', { name: 'Yes, it is scheduled' }), 'Space');
    const scheduled = new Date(Date.now() + 21 * 86_400_000);
    const scheduledDate = widget.getByRole('group', { name: 'Scheduled date' });
    await typeInto(page, scheduledDate.getByLabel('Month'), String(scheduled.getMonth() + 1));
    await typeInto(page, scheduledDate.getByLabel('Day'), String(scheduled.getDate()));
    await typeInto(page, scheduledDate.getByLabel('Year'), String(scheduled.getFullYear()));
    await typeInto(page, widget.getByLabel('First name'), 'Ana');
    await typeInto(page, widget.getByLabel('Last name'), 'Solís');
    const dob = widget.getByRole('group', { name: 'Patient’s date of birth' });
    await typeInto(page, dob.getByLabel('Month'), '4');
    await typeInto(page, dob.getByLabel('Day'), '17');
    await typeInto(page, dob.getByLabel('Year'), '1988');
    await typeInto(page, widget.getByLabel('Email address'), 'ana@example.com');
    await pressOn(page, widget.getByRole('radio', { name: 'I don’t have health insurance' }), 'Space');
    await pressOn(page, widget.getByRole('button', { name: 'Get my estimate' }), 'Enter');

    const heading = widget.getByRole('heading', { name: 'Good Faith Estimate for Ana Solís' });
    await heading.waitFor();
    assert.equal(await focusedText(page), 'Good Faith Estimate for Ana Solís', 'focus moves to the estimate');
    const doc = widget.locator('[part="document"]');
    const text = (await doc.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Total expected charges \$2,140\.00/);
    assert.match(text, /Harbor Point Imaging Center Scheduling provider NPI 1245319599 Tax ID \(TIN\) 12-3456789 Location 410 Harbor Point Drive, New Haven, CT 06510/);
    assert.match(text, /Shoreline Radiology Associates .*NPI 1382457616/);
    assert.match(text, /CPT 72148-26 1 \$290\.00/);
    assert.match(text, /is not a contract/);
    assert.match(text, /at least \$400 more/);
    const id = (await doc.locator('dd.code').first().innerText()).trim();
    assert.match(id, /^gfe_/);

    // The API keeps it, as issued, for whoever gives its number with the patient's date of birth.
    const kept = await fetch(`${harness.server.url}/v1/estimate-lookups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ practice: 'harbor-point', estimateId: id, dateOfBirth: '1988-04-17' }),
    });
    const body = (await kept.json()) as { totalCents: number; deadline: { met: boolean } };
    assert.equal(body.totalCents, 214_000);
    assert.equal(body.deadline.met, true);
    assert.equal((await fetch(`${harness.server.url}/v1/estimates/${id}`)).status, 401, 'its id alone shows nothing');

    await pressOn(page, widget.getByRole('button', { name: 'Print' }), 'Enter');
    // Print loads its mechanism on demand, then prints the estimate as a document of its own.
    await page.waitForFunction(() => window.printed === 1);
    await page.emulateMedia({ media: 'print' });
    const printed = page.locator('#billpay-print-root');
    assert.equal(await page.locator('.site-header').isVisible(), false, 'the website around it is not printed');
    assert.equal(await widget.getByRole('button', { name: 'Print' }).isVisible(), false, 'nor are the buttons');
    assert.equal(await printed.getByText('Total expected charges').isVisible(), true);
    assert.equal(await printed.getByRole('button').count(), 0, 'nothing to press on paper');
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    assert.equal(await printed.count(), 0, 'and afterwards the page is as it was');
    await page.emulateMedia({ media: 'screen' });

    const downloading = page.waitForEvent('download');
    await pressOn(page, widget.getByRole('button', { name: 'Save as a file' }), 'Enter');
    const download = await downloading;
    assert.match(download.suggestedFilename(), new RegExp(`^good-faith-estimate-\\d{4}-\\d{2}-\\d{2}-${id}\\.html$`));
    const saved = await readFile(await download.path(), 'utf8');
    assert.match(saved, /<title>Good Faith Estimate for Ana Solís<\/title>/);
    assert.match(saved, /1382457616/);
    await widget.getByText('Saved. Look for the file in your downloads.').waitFor();

    // Days later, on a new visit: the estimate again, with its number and the date of birth.
    const again = await openEstimatePage(harness);
    const later = again.page.locator('good-faith-estimate');
    await pressOn(again.page, later.getByRole('button', { name: 'Already have an estimate? See it again' }), 'Enter');
    await later.getByRole('heading', { name: 'See your estimate again' }).waitFor();
    await typeInto(again.page, later.getByLabel('Estimate number'), id);
    const born = later.getByRole('group', { name: 'Patient’s date of birth' });
    await typeInto(again.page, born.getByLabel('Month'), '4');
    await typeInto(again.page, born.getByLabel('Day'), '17');
    await typeInto(again.page, born.getByLabel('Year'), '1988');
    await pressOn(again.page, later.getByRole('button', { name: 'Show my estimate' }), 'Enter');
    await later.getByRole('heading', { name: 'Good Faith Estimate for Ana Solís' }).waitFor();
    assert.deepEqual([...problems, ...again.problems], []);
  });

  it('says what is wrong without losing what was typed', async () => {
    const { page, problems } = await openEstimatePage(harness);
    const widget = page.locator('good-faith-estimate');
    await typeInto(page, widget.getByLabel('First name'), 'Ana');
    await typeInto(page, widget.getByLabel('Email address'), 'ana@');
    await pressOn(page, widget.getByRole('button', { name: 'Get my estimate' }), 'Enter');
    const summary = widget.getByRole('alert');
    await summary.getByText('Choose at least one service.').waitFor();
    assert.match(await focusedText(page), /^There is a problem Choose at least one service\./, 'focus moves to the summary');
    assert.ok(await summary.getByRole('link', { name: 'Enter an email address like name@example.com.' }).isVisible());
    assert.equal(await widget.getByLabel('First name').inputValue(), 'Ana');
    assert.equal(await widget.getByLabel('Email address').inputValue(), 'ana@');
    assert.deepEqual(problems, []);
  });

  it('speaks Spanish, from the page’s language button to the estimate', async () => {
    const { page, problems } = await openEstimatePage(harness);
    const widget = page.locator('good-faith-estimate');
    await pressOn(page, page.getByRole('button', { name: 'Español' }), 'Enter');
    await widget.getByRole('heading', { name: 'Obtenga un estimado de costos' }).waitFor();
    await typeInto(page, widget.getByLabel('Buscar un servicio'), '99203');
    await pressOn(page, widget.getByRole('checkbox', { name: 'Consulta, paciente nuevo (30 a 44 minutos)' }), 'Space');
    await typeInto(page, widget.getByLabel('Nombre', { exact: true }), 'Lucía');
    await typeInto(page, widget.getByLabel('Apellido'), 'Fernández');
    const dob = widget.getByRole('group', { name: 'Fecha de nacimiento del paciente' });
    await typeInto(page, dob.getByLabel('Mes'), '2');
    await typeInto(page, dob.getByLabel('Día'), '5');
    await typeInto(page, dob.getByLabel('Año'), '1990');
    await typeInto(page, widget.getByLabel('Número de teléfono'), '(555) 010-2000');
    await pressOn(page, widget.getByRole('radio', { name: 'Tengo seguro médico, pero no lo usaré para esta atención' }), 'Space');
    await pressOn(page, widget.getByRole('button', { name: 'Obtener mi estimado' }), 'Enter');
    await widget.getByRole('heading', { name: 'Estimado de Buena Fe para Lucía Fernández' }).waitFor();
    const text = (await widget.locator('[part="document"]').innerText()).replace(/\s+/g, ' ');
    // The visit brings its optional lab panel from the laboratory, a co-provider.
    assert.match(text, /Total de cargos estimados \$210\.00/);
    assert.match(text, /Harbor Point Laboratory También da atención \(coproveedor\)/);
    assert.match(text, /Panel metabólico completo \(análisis de sangre\)/);
    assert.match(text, /no es un contrato/);
    assert.deepEqual(problems, []);
  });

  it('fits a 320 px phone in Spanish, from the form to the estimate, with the help desk a number to tap', async () => {
    const { page, problems } = await harness.newPage({ width: 320 });
    await page.goto(`${harness.server.url}/estimate.html`);
    const widget = page.locator('good-faith-estimate');
    await pressOn(page, page.getByRole('button', { name: 'Español' }), 'Enter');
    await widget.getByRole('heading', { name: 'Obtenga un estimado de costos' }).waitFor();
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    assert.equal(await pageWidth(), 320, 'the form');
    await pressOn(page, widget.getByRole('button', { name: 'Obtener mi estimado' }), 'Enter');
    await widget.getByRole('alert').getByText('Elija por lo menos un servicio.').waitFor();
    assert.equal(await pageWidth(), 320, 'the form with its errors');
    await typeInto(page, widget.getByLabel('Buscar un servicio'), '72148');
    await pressOn(page, widget.getByRole('checkbox', { name: 'Resonancia magnética de la zona lumbar, sin contraste' }), 'Space');
    await typeInto(page, widget.getByLabel('Nombre', { exact: true }), 'Maximiliana');
    await typeInto(page, widget.getByLabel('Apellido'), 'Fernández-Castellanos');
    const dob = widget.getByRole('group', { name: 'Fecha de nacimiento del paciente' });
    await typeInto(page, dob.getByLabel('Mes'), '2');
    await typeInto(page, dob.getByLabel('Día'), '5');
    await typeInto(page, dob.getByLabel('Año'), '1990');
    await typeInto(page, widget.getByLabel('Correo electrónico'), 'maximiliana@example.com');
    await pressOn(page, widget.getByRole('radio', { name: 'No tengo seguro médico' }), 'Space');
    assert.equal(await widget.getByRole('alert').count(), 0, 'every error gone as it was fixed');
    await pressOn(page, widget.getByRole('button', { name: 'Obtener mi estimado' }), 'Enter');
    await widget.getByRole('heading', { name: 'Estimado de Buena Fe para Maximiliana Fernández-Castellanos' }).waitFor();
    assert.equal(await pageWidth(), 320, 'the estimate');
    const helpDesk = widget.getByRole('link', { name: '1-800-985-3059' });
    assert.equal(await helpDesk.getAttribute('href'), 'tel:+18009853059');
    assert.equal((await helpDesk.evaluate((link) => link.getClientRects().length)), 1, 'on one line');
    assert.deepEqual(problems, []);
  });

  it('tells Chidi Okafor, after he finds his bill, that he may dispute it and by when', async () => {
    const { page, problems } = await harness.newPage();
    await page.goto(`${harness.server.url}/pay.html`);
    const form = page.locator('bill-lookup');
    await typeInto(page, form.getByLabel('Bill ID'), '202511040026');
    await typeInto(page, form.getByLabel('Month'), '11');
    await typeInto(page, form.getByLabel('Day'), '23');
    await typeInto(page, form.getByLabel('Year'), '1971');
    await pressOn(page, form.getByRole('button', { name: 'Find my bill' }), 'Enter');
    const notice = page.locator('bill-summary [part="dispute"]');
    await notice.getByRole('heading', { name: 'You may dispute this bill' }).waitFor();
    const text = (await notice.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Harbor Point Imaging Center billed \$2,400\.00\. That is \$550\.00 more than the \$1,850\.00 on your Good Faith Estimate\./);
    assert.match(text, /Start the dispute by \w+ \d{1,2}, \d{4}\./);
    assert.match(text, /Starting a dispute does not affect the care you receive\./);
    assert.deepEqual(problems, []);
  });
});
