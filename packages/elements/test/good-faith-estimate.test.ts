import '../../../test/support/fail-on-console.js';
import { elementUpdated, expect, fixture, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../../test/support/wait-until.js';
import { spokenTextOf } from '../../../test/support/spoken-text.js';
import { layoutProblems as measuredProblems } from '../../../test/support/layout.js';
import { printCount } from '../../../test/support/printing.js';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { localToday, type Estimate } from '@billpay/sdk';
import type { BillSummary, GoodFaithEstimate } from '@billpay/elements';
import * as stories from '../../../stories/good-faith-estimate.stories.js';
import { renderGoodFaithEstimate, type GoodFaithEstimateArgs } from '../../../stories/good-faith-estimate.stories.js';
import { loadDemoAccount, renderBillSummary } from '../../../stories/bill-summary.stories.js';

const args: GoodFaithEstimateArgs = { lang: 'en', estimateId: '', delayMs: 0, requestMode: 'issue', withoutPriceList: false, offline: false };

const root = (el: GoodFaithEstimate) => el.shadowRoot!;
/** Where what the element shows is: the estimate document's shadow root once an estimate is shown, else the element's own. */
const shown = (el: GoodFaithEstimate) => root(el).querySelector('billpay-estimate-document')?.shadowRoot ?? root(el);
const input = (el: GoodFaithEstimate, id: string) => root(el).querySelector<HTMLInputElement>(`#${id}`)!;
const text = (node: Element | ShadowRoot | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const longDate = (iso: string, locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

/** The element once its price list (or estimate) has loaded. */
async function render(overrides: Partial<GoodFaithEstimateArgs> = {}) {
  const el = await fixture<GoodFaithEstimate>(renderGoodFaithEstimate({ ...args, ...overrides }));
  await waitUntil(() => !root(el).querySelector('.status'), 'still loading');
  await elementUpdated(el);
  return el;
}

/** Focuses a field and types into it with the keyboard, over whatever it held. */
async function type(el: GoodFaithEstimate, id: string, value: string) {
  input(el, id).focus();
  input(el, id).select();
  await sendKeys({ type: value });
  await elementUpdated(el);
}

/** Empties a field with the keyboard. */
async function clear(el: GoodFaithEstimate, id: string) {
  input(el, id).focus();
  input(el, id).select();
  await sendKeys({ press: 'Backspace' });
  await elementUpdated(el);
}

/** Ticks a checkbox or chooses a radio button with the space bar. */
async function press(el: GoodFaithEstimate, id: string) {
  input(el, id).focus();
  await sendKeys({ press: 'Space' });
  await elementUpdated(el);
}

async function submitWithKeyboard(el: GoodFaithEstimate) {
  root(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.focus();
  await sendKeys({ press: 'Enter' });
  await elementUpdated(el);
}

/** Chidi Okafor asks for an estimate of a lumbar MRI, found by a word, without insurance. */
async function requestOkaforMri(el: GoodFaithEstimate) {
  await type(el, 'service-search', 'back');
  await press(el, 'service-mri-lumbar');
  await type(el, 'first-name', 'Chidi');
  await type(el, 'last-name', 'Okafor');
  await type(el, 'dob-month', '11');
  await type(el, 'dob-day', '23');
  await type(el, 'dob-year', '1971');
  await type(el, 'email', 'chidi.okafor@example.com');
  await press(el, 'coverage-uninsured');
}

async function issue(el: GoodFaithEstimate): Promise<Estimate> {
  const issued = oneEvent<CustomEvent<{ estimate: Estimate }>>(el, 'estimate-issued');
  await submitWithKeyboard(el);
  const { detail } = await issued;
  await waitUntil(() => shown(el).querySelector('[part="document"]'), 'no estimate shown');
  return detail.estimate;
}

describe('<good-faith-estimate>', () => {
  it('shows the request form with every field labelled, accessible', async () => {
    const el = await render();
    await expect(el).to.be.accessible();
    expect(text(root(el).querySelector('[part="heading"]'))).to.equal('Get a cost estimate');
    expect(text(root(el).querySelector('label[for="service-search"]'))).to.equal('Find a service');
    expect(input(el, 'first-name').getAttribute('autocomplete')).to.equal('given-name');
    expect(input(el, 'dob-month').getAttribute('autocomplete')).to.equal('bday-month');
    expect(input(el, 'email').getAttribute('type')).to.equal('email');
    expect(text(root(el).querySelector('#service-count'))).to.equal('30 services match.');
    expect(text(root(el).querySelector('label[for="coverage-uninsured"]'))).to.equal('I don’t have health insurance');
  });

  it('finds services by name, code or category from the keyboard, and shows what each brings', async () => {
    const el = await render();
    await type(el, 'service-search', 'mri');
    expect([...root(el).querySelectorAll('#service-list label')].map(text)).to.deep.equal([
      'MRI of the lower back (lumbar spine), without contrast',
      'MRI of the knee, without contrast',
    ]);
    expect(text(root(el).querySelector('#service-count'))).to.equal('2 services match.');
    const meta = text(root(el).querySelector('#service-mri-lumbar-meta'));
    expect(meta).to.contain('Code 72148 · $1,850.00 · Harbor Point Imaging Center');
    expect(meta).to.contain('Comes with: Radiologist’s reading of an MRI of the lower back, Shoreline Radiology Associates, $290.00');

    input(el, 'service-search').select();
    await sendKeys({ type: '80061' });
    await elementUpdated(el);
    expect([...root(el).querySelectorAll('#service-list label')].map(text)).to.deep.equal(['Lipid panel (cholesterol)']);

    input(el, 'service-search').select();
    await sendKeys({ press: 'Backspace' });
    root(el).querySelector<HTMLSelectElement>('#service-category')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await elementUpdated(el);
    const categories = [...root(el).querySelectorAll('#service-list label')].map(text);
    expect(categories).to.include('Preventive checkup, new patient, 18 to 39 years');
    expect(categories).not.to.include('Office visit, new patient (30 to 44 minutes)');
    await expect(el).to.be.accessible();
  });

  it('lists the chosen services with the co-provider’s items they bring, and a running total', async () => {
    const el = await render();
    await type(el, 'service-search', '72148');
    await press(el, 'service-mri-lumbar');
    const chosen = root(el).querySelector('[part="chosen"]')!;
    expect(text(chosen)).to.contain('Comes with: Radiologist’s reading of an MRI of the lower back, Shoreline Radiology Associates, $290.00');
    expect(text(chosen)).to.contain('Expected total so far: $2,140.00');
    await type(el, 'service-search', 'new patient 30');
    await press(el, 'service-new-patient-visit');
    // The optional lab panel is in until the patient leaves it out.
    expect(text(chosen)).to.contain('Expected total so far: $2,350.00');
    await press(el, 'include-new-patient-visit-cmp');
    expect(text(chosen)).to.contain('Expected total so far: $2,305.00');
    expect(root(el).querySelectorAll('input[name="primary"]')).to.have.length(2);
    await expect(el).to.be.accessible();
  });

  it('names every missing answer in a focused summary and by its field', async () => {
    const el = await render();
    await submitWithKeyboard(el);
    const summary = root(el).querySelector('.error-summary')!;
    expect(root(el).activeElement).to.equal(summary);
    expect([...summary.querySelectorAll('li')].map(text)).to.deep.equal([
      'Choose at least one service.',
      'Enter the patient’s first name.',
      'Enter the patient’s last name.',
      'Enter the patient’s date of birth.',
      'Enter an email address or a phone number so we can reach you.',
      'Tell us whether you have health insurance.',
    ]);
    expect(input(el, 'first-name').getAttribute('aria-invalid')).to.equal('true');
    expect(input(el, 'first-name').getAttribute('aria-describedby')).to.contain('firstName-error');
    await expect(el).to.be.accessible();

    summary.querySelector<HTMLAnchorElement>('a[href="#email"]')!.click();
    expect(root(el).activeElement).to.equal(input(el, 'email'));
  });

  it('says exactly what is wrong with a date, an email or a code, keeping what was typed', async () => {
    const el = await render();
    await press(el, 'is-scheduled');
    await type(el, 'scheduled-month', '2');
    await type(el, 'scheduled-day', '30');
    await type(el, 'scheduled-year', '2027');
    await type(el, 'email', 'chidi@');
    await type(el, 'diagnosis', 'M54.50, back pain');
    await submitWithKeyboard(el);
    const summary = text(root(el).querySelector('.error-summary'));
    expect(summary).to.contain('That date doesn’t exist. Check the day and month.');
    expect(summary).to.contain('Enter an email address like name@example.com.');
    expect(summary).to.contain('“BACK” is not an ICD-10 code.');
    expect(input(el, 'scheduled-day').value).to.equal('30');
    expect(input(el, 'email').value).to.equal('chidi@');
    expect(input(el, 'diagnosis').value).to.equal('M54.50, back pain');
    await expect(el).to.be.accessible();
  });

  it('issues the estimate and shows it as a document: providers with NPI, TIN and location, codes, charges, totals, disclaimers', async () => {
    const el = await render();
    await requestOkaforMri(el);
    const estimate = await issue(el);
    expect(estimate.totalCents).to.equal(214_000);
    expect(shown(el).activeElement).to.equal(shown(el).querySelector('#gfe-heading'));
    const doc = shown(el).querySelector('[part="document"]')!;
    expect(text(doc.querySelector('[part="heading"]'))).to.equal('Good Faith Estimate for Chidi Okafor');
    const facts = text(doc.querySelector('.facts'));
    expect(facts).to.contain('Date of birth November 23, 1971');
    expect(facts).to.contain('Main service MRI of the lower back (lumbar spine), without contrast (CPT 72148)');
    expect(facts).to.contain('Scheduled for Not scheduled yet');
    expect(facts).to.contain(`Date of this estimate ${longDate(localToday(), 'en-US')}`);
    expect(facts).to.contain(`Estimate number ${estimate.id}`);
    expect(text(doc.querySelector('[part="total"]'))).to.equal('Total expected charges $2,140.00');
    const providers = [...doc.querySelectorAll('[part="provider"]')];
    expect(providers).to.have.length(2);
    expect(text(providers[0])).to.contain('Harbor Point Imaging Center Scheduling provider NPI 1245319599 Tax ID (TIN) 12-3456789 Location 410 Harbor Point Drive, New Haven, CT 06510');
    expect(spokenTextOf(providers[0]!.querySelector('tbody tr'))).to.equal('MRI of the lower back (lumbar spine), without contrast CPT 72148 1 $1,850.00');
    expect(text(providers[1])).to.contain('Shoreline Radiology Associates Also provides care (co-provider) NPI 1382457616 Tax ID (TIN) 45-6789012');
    expect(spokenTextOf(providers[1]!.querySelector('tbody tr'))).to.contain('CPT 72148-26 1 $290.00');
    expect(spokenTextOf(providers[1]!.querySelector('tbody tr'))).to.contain('With: MRI of the lower back');
    expect(spokenTextOf(providers[1]!.querySelector('tfoot'))).to.equal('Total, Shoreline Radiology Associates $290.00');
    const disclaimers = text(doc.querySelector('[part="disclaimers"]'));
    for (const phrase of ['not part of this estimate', 'recommend other items or services', 'It is only an estimate', 'at least $400 more', 'will not affect the quality of the care', 'is not a contract']) {
      expect(disclaimers).to.contain(phrase);
    }
    expect(text(doc)).to.contain('Services to schedule separately Office visit, established patient (20 to 29 minutes) (CPT 99213), Dr. Marisol Alvarez, MD');
    await expect(el).to.be.accessible();
  });

  it('leaves out an optional item the patient unticks, and uses the main service they choose', async () => {
    const el = await render();
    await type(el, 'service-search', '99203');
    await press(el, 'service-new-patient-visit');
    await press(el, 'include-new-patient-visit-cmp');
    input(el, 'service-search').select();
    await sendKeys({ type: 'flu' });
    await elementUpdated(el);
    await press(el, 'service-flu-vaccine');
    await press(el, 'primary-flu-vaccine');
    await type(el, 'first-name', 'Ana');
    await type(el, 'last-name', 'Solís');
    await type(el, 'dob-month', '4');
    await type(el, 'dob-day', '17');
    await type(el, 'dob-year', '1988');
    await type(el, 'phone', '(555) 010-2000');
    await press(el, 'coverage-not-using');
    const estimate = await issue(el);
    expect(estimate.primaryService.serviceId).to.equal('flu-vaccine');
    expect(estimate.coverage).to.equal('not_using_insurance');
    expect(estimate.providers.map((g) => g.provider.id)).to.deep.equal(['alvarez']);
    expect(text(shown(el).querySelector('[part="total"]'))).to.contain('$225.00');
  });

  it('prints the estimate and saves it as a file of its own', async () => {
    const el = await render();
    await requestOkaforMri(el);
    await issue(el);
    const original = { createObjectURL: URL.createObjectURL };
    const printedBefore = printCount();
    const saved: Blob[] = [];
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      saved.push(blob as Blob);
      return 'blob:estimate';
    };
    const clicks: string[] = [];
    const onClick = (event: Event) => {
      const link = event.composedPath()[0];
      if (link instanceof HTMLAnchorElement && link.download) {
        clicks.push(link.download);
        event.preventDefault();
      }
    };
    root(el).addEventListener('click', onClick, true);
    try {
      root(el).querySelector<HTMLButtonElement>('[part="print-button"]')!.focus();
      await sendKeys({ press: 'Enter' });
      // Print loads its mechanism on demand, then prints the document on its own.
      await waitUntil(() => printCount() === printedBefore + 1, 'never printed');
      expect(document.querySelector('#billpay-print-root')?.shadowRoot?.textContent).to.contain('$2,140.00');
      window.dispatchEvent(new Event('afterprint'));
      expect(document.querySelector('#billpay-print-root')).to.equal(null);
      root(el).querySelector<HTMLButtonElement>('[part="save-button"]')!.focus();
      await sendKeys({ press: 'Enter' });
      await elementUpdated(el);
    } finally {
      URL.createObjectURL = original.createObjectURL;
      root(el).removeEventListener('click', onClick, true);
    }
    expect(clicks).to.have.length(1);
    expect(clicks[0]).to.match(/^good-faith-estimate-\d{4}-\d{2}-\d{2}-gfe_fake\w+\.html$/);
    const file = await saved[0]!.text();
    expect(file).to.match(/^<!doctype html>\n<html lang="en">/);
    expect(file).to.contain('<title>Good Faith Estimate for Chidi Okafor</title>');
    expect(file).to.contain('1382457616');
    expect(file).to.contain('$2,140.00');
    expect(file).not.to.contain('<button');
    expect(file).not.to.contain('<!--');
    expect(text(root(el).querySelector('.saved'))).to.equal('Saved. Look for the file in your downloads.');
  });

  it('shows an estimate issued earlier to whoever gives its number and the patient’s date of birth, without firing estimate-issued', async () => {
    let fired = 0;
    const listener = () => fired++;
    document.addEventListener('estimate-issued', listener);
    try {
      const el = await render({ estimateId: 'gfe_demo1' });
      expect(text(root(el).querySelector('[part="heading"]'))).to.equal('See your estimate again');
      expect(input(el, 'access-number').value).to.equal('gfe_demo1');
      await expect(el).to.be.accessible();
      // Nothing but the number: the date of birth is asked for, and focus can go to it.
      await submitWithKeyboard(el);
      await waitUntil(() => text(root(el).querySelector('.error-summary')).includes('Enter the patient’s date of birth.'));
      // A wrong date of birth: the same answer as a number that does not exist; the answers stay.
      await type(el, 'access-dob-month', '11');
      await type(el, 'access-dob-day', '24');
      await type(el, 'access-dob-year', '1971');
      await submitWithKeyboard(el);
      await waitUntil(() => text(root(el).querySelector('.error-summary')).includes('We couldn’t find an estimate with that number and date of birth.'));
      expect(input(el, 'access-dob-day').value).to.equal('24');
      await expect(el).to.be.accessible();
      input(el, 'access-dob-day').select();
      await sendKeys({ type: '23' });
      await submitWithKeyboard(el);
      await waitUntil(() => text(shown(el).querySelector('[part="heading"]')) === 'Good Faith Estimate for Chidi Okafor');
      expect(shown(el).activeElement?.id).to.equal('gfe-heading');
      expect(text(shown(el).querySelector('[part="total"]'))).to.equal('Total expected charges $2,140.00');
      expect(text(shown(el).querySelector('.facts'))).to.contain('Diagnosis codes M54.50');
      await expect(el).to.be.accessible();
    } finally {
      document.removeEventListener('estimate-issued', listener);
    }
    expect(fired).to.equal(0);
  });

  it('goes from the request form to “see it again” and back, with the keyboard', async () => {
    const el = await render();
    const seeAgain = [...root(el).querySelectorAll<HTMLButtonElement>('button.link')].find((b) => text(b) === 'Already have an estimate? See it again')!;
    seeAgain.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(root(el).querySelector('[part="heading"]')) === 'See your estimate again');
    expect(root(el).activeElement?.id).to.equal('gfe-heading');
    await type(el, 'access-number', 'not an id');
    await submitWithKeyboard(el);
    await waitUntil(() => text(root(el).querySelector('.error-summary')).includes('An estimate number begins with gfe_'));
    const back = [...root(el).querySelectorAll<HTMLButtonElement>('button.link')].find((b) => text(b) === 'Ask for a new estimate instead')!;
    back.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(root(el).querySelector('[part="heading"]')) === 'Get a cost estimate');
  });

  it('says so when prices are not published, or cannot load', async () => {
    const unpublished = await render({ withoutPriceList: true });
    expect(text(root(unpublished).querySelector('[role="alert"]'))).to.contain('doesn’t give estimates online');
    const offline = await render({ offline: true });
    expect(text(root(offline).querySelector('[role="alert"]'))).to.contain('We couldn’t load the price list.');
    expect(text(root(offline).querySelector('button'))).to.equal('Try again');
    await expect(offline).to.be.accessible();
  });

  it('keeps every answer when the billing system cannot be reached, and says so', async () => {
    const el = await render({ requestMode: 'offline' });
    await requestOkaforMri(el);
    await submitWithKeyboard(el);
    await waitUntil(() => root(el).querySelector('.error-summary'), 'no summary');
    expect(root(el).activeElement).to.equal(root(el).querySelector('.error-summary'));
    expect(text(root(el).querySelector('.error-summary'))).to.contain('We couldn’t reach the billing system. Your answers are still here; try again.');
    expect(input(el, 'last-name').value).to.equal('Okafor');
    expect(input(el, 'service-mri-lumbar').checked).to.equal(true);
    expect(input(el, 'coverage-uninsured').checked).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('says when it may ask again after too many estimates from one connection, keeping every answer', async () => {
    const el = await render({ requestMode: 'too-many' });
    await requestOkaforMri(el);
    await submitWithKeyboard(el);
    await waitUntil(() => root(el).querySelector('.error-summary'), 'no summary');
    expect(root(el).activeElement === root(el).querySelector('.error-summary'), 'the summary has focus').to.equal(true);
    expect(text(root(el).querySelector('.error-summary'))).to.contain('Your answers are still here; try again in 25 minutes, or call billing.');
    expect(input(el, 'last-name').value).to.equal('Okafor');
    expect(input(el, 'service-mri-lumbar').checked).to.equal(true);
    await expect(el).to.be.accessible();
    const spanish = await render({ requestMode: 'too-many', lang: 'es' });
    await requestOkaforMri(spanish);
    await submitWithKeyboard(spanish);
    await waitUntil(() => root(spanish).querySelector('.error-summary'), 'no summary in Spanish');
    expect(text(root(spanish).querySelector('.error-summary'))).to.contain('intente de nuevo en 25 minutos');
  });

  it('shows that it is working while the estimate is prepared', async () => {
    const el = await render({ requestMode: 'hold' });
    await requestOkaforMri(el);
    await submitWithKeyboard(el);
    const button = root(el).querySelector('[part="submit-button"]')!;
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(text(root(el).querySelector('form > [role="status"]'))).to.equal('Preparing your estimate…');
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish: the form, its errors and the estimate', async () => {
    const el = await render({ lang: 'es' });
    expect(text(root(el).querySelector('[part="heading"]'))).to.equal('Obtenga un estimado de costos');
    await type(el, 'service-search', 'espalda');
    expect([...root(el).querySelectorAll('#service-list label')].map(text)).to.deep.equal(['Resonancia magnética de la zona lumbar, sin contraste']);
    await submitWithKeyboard(el);
    expect(text(root(el).querySelector('.error-summary'))).to.contain('Elija por lo menos un servicio.');
    expect(text(root(el).querySelector('.error-summary'))).to.contain('Díganos si tiene seguro médico.');
    await expect(el).to.be.accessible();
    await requestOkaforMri(el);
    await issue(el);
    const doc = shown(el).querySelector('[part="document"]')!;
    expect(text(doc.querySelector('[part="heading"]'))).to.equal('Estimado de Buena Fe para Chidi Okafor');
    expect(text(doc.querySelector('.facts'))).to.contain('Fecha de nacimiento 23 de noviembre de 1971');
    expect(text(doc.querySelector('[part="total"]'))).to.match(/^Total de cargos estimados \$2,140\.00$/);
    expect(text(doc.querySelector('[part="provider"] tbody tr'))).to.contain('Resonancia magnética de la zona lumbar, sin contraste');
    expect(text(doc.querySelector('[part="disclaimers"]'))).to.contain('no es un contrato');
    await expect(el).to.be.accessible();
    // The language changes at run time, without a remount.
    el.setAttribute('lang', 'en');
    await elementUpdated(el);
    await elementUpdated(root(el).querySelector('billpay-estimate-document')!);
    expect(text(doc.querySelector('[part="heading"]'))).to.equal('Good Faith Estimate for Chidi Okafor');
  });
});

/** A story rendered as its play leaves it, once its price list (or estimate) has loaded. */
async function renderStory(name: keyof typeof stories) {
  const story = stories[name] as { args?: Partial<GoodFaithEstimateArgs>; play?: (context: { canvasElement: HTMLElement }) => Promise<void> };
  const el = await render(story.args);
  await story.play?.({ canvasElement: el.parentElement! });
  await elementUpdated(el);
  if (name.startsWith('Issued') || name.startsWith('Existing')) await waitUntil(() => shown(el).querySelector('[part="document"]'), 'no estimate');
  return el;
}

/**
 * What a person would find broken at this width (the shared checks of test/support/layout.ts:
 * nothing wider than the screen, nothing cut, no word broken, tap targets), and a closed list
 * whose chosen name does not fit its box.
 */
function layoutProblems(el: GoodFaithEstimate): string[] {
  const width = document.documentElement.clientWidth;
  const problems = measuredProblems({ width }).map((problem) => `${problem.where}: ${problem.detail}`);
  // A closed list shows its chosen name whole: every name must fit its box.
  for (const select of root(el).querySelectorAll('select')) {
    const style = getComputedStyle(select);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
    for (const option of select.options) if (context.measureText(option.text).width > room) problems.push(`“${option.text}” is cut in its list (${Math.round(room)} px)`);
  }
  return problems;
}

describe('<good-faith-estimate> on a phone and a desktop', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  const states = ['Form', 'FieldErrors', 'ErrorsFixedWhileTyping', 'IssuedSeveralProviders', 'SeeAgain', 'EstimateNotFound', 'ExistingEstimate'] as const;
  for (const width of [320, 390, 1280]) {
    for (const state of states) {
      for (const spanish of [false, true]) {
        const name = `${state}${spanish ? 'Spanish' : ''}` as keyof typeof stories;
        it(`${name} fits ${width} px: nothing wider than the screen, nothing cut`, async () => {
          await setViewport({ width, height: 800 });
          const el = await renderStory(name);
          const box = (shown(el).querySelector('[part="form"], [part="document"]') as HTMLElement).getBoundingClientRect();
          expect(box.width, 'the form or the document').to.be.at.most(width);
          expect(box.right).to.be.at.most(width);
          expect(layoutProblems(el)).to.deep.equal([]);
        });
      }
    }
  }

  it('shows a fact’s name above its value on a phone and beside it on a desktop, the estimate number whole', async () => {
    await setViewport({ width: 320, height: 800 });
    const phone = await renderStory('IssuedSeveralProvidersSpanish');
    const pair = (el: GoodFaithEstimate, i: number) => {
      const row = shown(el).querySelectorAll('.facts > div')[i]!;
      return [row.querySelector('dt')!.getBoundingClientRect(), row.querySelector('dd')!.getBoundingClientRect()] as const;
    };
    const [name, value] = pair(phone, 2);
    expect(value.top, 'under its name').to.be.at.least(name.bottom - 1);
    const number = shown(phone).querySelector('.estimate-number')!;
    expect(text(number)).to.match(/^gfe_\w+/);
    expect(number.scrollWidth).to.be.at.most(number.clientWidth);
    await setViewport({ width: 1280, height: 800 });
    await elementUpdated(phone);
    const [wideName, wideValue] = pair(phone, 2);
    expect(wideValue.top, 'beside its name').to.equal(wideName.top);
    expect(wideValue.left).to.be.greaterThan(wideName.right);
  });

  it('keeps the radio buttons’ size beside long answers, and the services list in its column', async () => {
    await setViewport({ width: 320, height: 800 });
    const el = await render({ lang: 'es' });
    for (const id of ['coverage-uninsured', 'coverage-not-using', 'not-scheduled', 'is-scheduled']) {
      const box = input(el, id).getBoundingClientRect();
      expect([Math.round(box.width), Math.round(box.height)], id).to.deep.equal([24, 24]);
    }
    const list = root(el).querySelector('[part="service-list"]')!.getBoundingClientRect();
    expect(list.right).to.be.at.most(320);
  });
});

describe('<good-faith-estimate> errors follow the answers', () => {
  const summaryLines = (el: GoodFaithEstimate) => [...root(el).querySelectorAll('.error-summary li')].map(text);

  it('clears a field’s error, and its line in the summary, as soon as the person fixes it', async () => {
    const el = await render();
    await submitWithKeyboard(el);
    expect(summaryLines(el)).to.include('Enter the patient’s first name.');
    await type(el, 'first-name', 'Chidi');
    expect(root(el).querySelector('#firstName-error')).to.equal(null);
    expect(input(el, 'first-name').getAttribute('aria-invalid')).to.equal('false');
    expect(input(el, 'first-name').getAttribute('aria-describedby') ?? '').not.to.contain('firstName-error');
    expect(summaryLines(el)).not.to.include('Enter the patient’s first name.');
    expect(summaryLines(el)).to.include('Enter the patient’s last name.');
    await expect(el).to.be.accessible();
  });

  it('clears “an email or a phone” when the person gives a phone instead, and the service and insurance errors when chosen', async () => {
    const el = await render();
    await submitWithKeyboard(el);
    await type(el, 'phone', '(555) 010-2000');
    expect(root(el).querySelector('#email-error')).to.equal(null);
    expect(summaryLines(el)).not.to.include('Enter an email address or a phone number so we can reach you.');
    await type(el, 'service-search', 'flu');
    await press(el, 'service-flu-vaccine');
    await press(el, 'coverage-uninsured');
    expect(root(el).querySelector('#services-error')).to.equal(null);
    expect(root(el).querySelector('#coverage-error')).to.equal(null);
    expect(summaryLines(el)).to.deep.equal(['Enter the patient’s first name.', 'Enter the patient’s last name.', 'Enter the patient’s date of birth.']);
  });

  it('rewords a date’s error when the person leaves the date, not at every key, and drops the summary once all is fixed', async () => {
    const el = await render();
    await type(el, 'service-search', 'flu');
    await press(el, 'service-flu-vaccine');
    await type(el, 'first-name', 'Ana');
    await type(el, 'last-name', 'Solís');
    await type(el, 'email', 'ana@example.com');
    await press(el, 'coverage-uninsured');
    await type(el, 'dob-month', '2');
    await type(el, 'dob-day', '30');
    await type(el, 'dob-year', '1988');
    await submitWithKeyboard(el);
    const error = () => text(root(el).querySelector('#dob-error'));
    expect(error()).to.contain('That date doesn’t exist.');
    await clear(el, 'dob-day');
    await clear(el, 'dob-month');
    expect(error(), 'unchanged while the date is being typed').to.contain('That date doesn’t exist.');
    // Tab on from the month box to the day box: still inside the date.
    await sendKeys({ press: 'Tab' });
    expect(error()).to.contain('That date doesn’t exist.');
    input(el, 'email').focus();
    await elementUpdated(el);
    expect(error(), 'reworded on leaving the date').to.contain('The date of birth needs a month.');
    expect(summaryLines(el)).to.deep.equal(['The date of birth needs a month.']);
    await type(el, 'dob-month', '2');
    await type(el, 'dob-day', '28');
    expect(root(el).querySelector('#dob-error')).to.equal(null);
    expect(root(el).querySelector('.error-summary'), 'nothing left to say').to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('gives no new error while typing in an answer that had none', async () => {
    const el = await render();
    await type(el, 'email', 'ana@example.com');
    await submitWithKeyboard(el);
    expect(root(el).querySelector('#email-error')).to.equal(null);
    await type(el, 'email', 'ana@');
    input(el, 'first-name').focus();
    await elementUpdated(el);
    expect(root(el).querySelector('#email-error')).to.equal(null);
    await submitWithKeyboard(el);
    expect(text(root(el).querySelector('#email-error'))).to.contain('Enter an email address like name@example.com.');
  });

  it('does the same for “see your estimate again”, keeping the lookup’s own answer until the next try', async () => {
    const el = await render({ estimateId: 'gfe_demo1' });
    await clear(el, 'access-number');
    await submitWithKeyboard(el);
    expect(summaryLines(el)).to.deep.equal(['Enter the estimate number.', 'Enter the patient’s date of birth.']);
    await type(el, 'access-number', 'gfe_demo1');
    expect(root(el).querySelector('#accessNumber-error')).to.equal(null);
    expect(summaryLines(el)).to.deep.equal(['Enter the patient’s date of birth.']);
    await type(el, 'access-dob-month', '1');
    await type(el, 'access-dob-day', '2');
    await type(el, 'access-dob-year', '1970');
    expect(root(el).querySelector('.error-summary')).to.equal(null);
    await submitWithKeyboard(el);
    await waitUntil(() => text(root(el).querySelector('.error-summary')).includes('We couldn’t find an estimate'));
    await type(el, 'access-dob-day', '3');
    expect(text(root(el).querySelector('.error-summary')), 'the lookup answered about both: only another try can tell').to.contain('We couldn’t find an estimate');
  });

  it('keeps a problem only the server could see until its own answer changes', async () => {
    const el = await render();
    await requestOkaforMri(el);
    // The server refuses the scheduled date it alone knows is past (its clock, or the price list changed).
    const shown = el as unknown as { errors: Record<string, { code: string; fromServer?: boolean }>; issues: { show(): Promise<void> } };
    shown.errors = { services: { code: 'estimate.service_unknown', fromServer: true } };
    await shown.issues.show();
    await elementUpdated(el);
    await type(el, 'first-name', 'Chid');
    expect(text(root(el).querySelector('#services-error'))).to.contain('no longer on the price list');
    await press(el, 'service-mri-lumbar');
    expect(root(el).querySelector('#services-error')).to.equal(null);
  });

  it('has Spanish words for the same', async () => {
    const el = await render({ lang: 'es' });
    await submitWithKeyboard(el);
    expect(summaryLines(el)).to.include('Escriba el nombre del paciente.');
    await type(el, 'first-name', 'Lucía');
    expect(summaryLines(el)).not.to.include('Escriba el nombre del paciente.');
    expect(summaryLines(el)).to.include('Escriba el apellido del paciente.');
  });
});

describe('<good-faith-estimate> phone numbers', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  for (const lang of ['en', 'es'] as const) {
    it(`makes the No Surprises Help Desk a tappable number that does not wrap, at 320 px (${lang})`, async () => {
      await setViewport({ width: 320, height: 800 });
      const el = await renderStory(lang === 'es' ? 'IssuedSpanish' : 'Issued');
      const link = shown(el).querySelector<HTMLAnchorElement>('[part="disclaimers"] a[href^="tel:"]')!;
      expect(link.getAttribute('href')).to.equal('tel:+18009853059');
      expect(text(link)).to.equal('1-800-985-3059');
      expect(link.getClientRects(), 'on one line').to.have.length(1);
      await expect(el).to.be.accessible();
    });
  }

  it('keeps billing’s number whole in “Call billing”', async () => {
    await setViewport({ width: 320, height: 800 });
    const el = await render({ withoutPriceList: true });
    await waitUntil(() => root(el).querySelector('.contact a'), 'no contact');
    const link = root(el).querySelector<HTMLAnchorElement>('.contact a')!;
    expect(link.getAttribute('href')).to.equal('tel:+15550104477');
    expect(link.querySelector('.phone')!.getClientRects()).to.have.length(1);
  });
});

describe('<good-faith-estimate> printed and saved', () => {
  afterEach(async () => {
    await emulateMedia({ media: 'screen' });
    await setViewport({ width: 800, height: 600 });
  });

  it('hands over the estimate as a document of its own, for the page’s print mechanism', async () => {
    const form = await render();
    expect(form.printableDocument(), 'nothing to print before an estimate').to.equal(undefined);
    const el = await renderStory('IssuedSeveralProvidersSpanish');
    const printable = el.printableDocument()!;
    expect(printable.title).to.equal('Estimado de Buena Fe para Maximiliana Fernández-Castellanos');
    expect(printable.lang).to.equal('es');
    expect(printable.content.isConnected).to.equal(false);
    expect(printable.content.querySelectorAll('[part="provider"]')).to.have.length(4);
    expect(printable.content.querySelector('button, [role="status"], .actions')).to.equal(null);
    expect(text(printable.content)).to.contain('Total de cargos estimados $2,350.00');
    // In a print container of its own, as the print mechanism will place it: under a strict CSP, adopted styles only.
    const container = document.createElement('div');
    document.body.prepend(container);
    try {
      const shadow = container.attachShadow({ mode: 'open' });
      shadow.adoptedStyleSheets = printable.styles.map((style) => (style instanceof CSSStyleSheet ? style : style.styleSheet!));
      shadow.append(printable.content);
      await setViewport({ width: 720, height: 900 });
      await emulateMedia({ media: 'print' });
      const total = shadow.querySelector('[part="total"]')!;
      expect(getComputedStyle(total).breakInside).to.equal('avoid');
      // A provider may go on to the next page between its numbers and its charges, each kept whole,
      // rather than leave half a page empty; its box is drawn on both pages.
      for (const provider of shadow.querySelectorAll('[part="provider"]')) {
        expect(getComputedStyle(provider).boxDecorationBreak).to.equal('clone');
        expect(getComputedStyle(provider.querySelector('.provider-heading')!).breakAfter).to.equal('avoid');
        expect(getComputedStyle(provider.querySelector('.facts')!).breakInside).to.equal('avoid');
        expect(getComputedStyle(provider.querySelector('table')!).breakInside).to.equal('avoid');
      }
      expect(getComputedStyle(shadow.querySelector('.subheading')!).breakAfter).to.equal('avoid');
      expect(getComputedStyle(container).color).to.equal('rgb(0, 0, 0)');
      for (const node of shadow.querySelectorAll('*')) expect(node.getBoundingClientRect().right, `<${node.localName}> on Letter paper`).to.be.at.most(720);
    } finally {
      container.remove();
    }
  });

  it('prints the estimate on its own in the page: no buttons, every column whole on Letter paper', async () => {
    const el = await renderStory('IssuedSeveralProviders');
    await setViewport({ width: 720, height: 900 });
    await emulateMedia({ media: 'print' });
    for (const selector of ['[part="print-button"]', '[part="save-button"]', '.actions']) expect(getComputedStyle(root(el).querySelector(selector)!).display, selector).to.equal('none');
    // Each provider's charges: a table whose every column is within its box, the box within the
    // paper (and, with the shared checks below, no box that scrolls or cuts anything off).
    const charges = shown(el).querySelectorAll<HTMLElement>('[part="charges"]');
    expect(charges.length, 'one table of charges per provider').to.be.at.least(2);
    for (const box of charges) {
      const { left, right } = box.getBoundingClientRect();
      expect(right, 'the charges within the paper').to.be.at.most(720);
      expect(box.scrollWidth, 'no column sticks out of its box').to.be.at.most(box.clientWidth);
      for (const cell of box.querySelectorAll('th, td')) {
        const edges = cell.getBoundingClientRect();
        if (edges.width > 1) expect(edges.left >= left - 1 && edges.right <= right + 1, `${cell.textContent} within the table's box`).to.equal(true);
      }
    }
    expect(layoutProblems(el)).to.deep.equal([]);
  });

  for (const width of [320, 390, 1280]) {
    it(`saves a file that reads on a ${width} px screen`, async () => {
      const el = await renderStory('IssuedSeveralProvidersSpanish');
      const original = URL.createObjectURL;
      const saved: Blob[] = [];
      URL.createObjectURL = (blob: Blob | MediaSource) => {
        saved.push(blob as Blob);
        return 'blob:estimate';
      };
      const stopDownload = (event: Event) => event.preventDefault();
      root(el).addEventListener('click', stopDownload, true);
      try {
        root(el).querySelector<HTMLButtonElement>('[part="save-button"]')!.click();
      } finally {
        URL.createObjectURL = original;
        root(el).removeEventListener('click', stopDownload, true);
      }
      const file = await saved[0]!.text();
      expect(file).to.contain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(file).not.to.contain(':host');
      const frame = document.createElement('iframe');
      frame.title = 'saved estimate';
      frame.width = String(width);
      frame.height = '800';
      frame.srcdoc = file;
      const loaded = oneEvent(frame, 'load');
      document.body.append(frame);
      await loaded;
      try {
        const page = frame.contentDocument!;
        expect(page.documentElement.scrollWidth, 'the file is no wider than the screen').to.be.at.most(width);
        for (const node of page.body.querySelectorAll('*')) {
          if (node.closest('.visually-hidden') || node.parentElement?.closest('.table-scroll')) continue;
          expect(node.getBoundingClientRect().right, `<${node.localName}>`).to.be.at.most(width);
        }
        expect(text(page.querySelector('.phone'))).to.equal('1-800-985-3059');
        expect(page.querySelector('.phone')!.getClientRects()).to.have.length(1);
        expect(page.defaultView!.getComputedStyle(page.querySelector('.facts dt')!).color, 'the element’s own styles came along').to.equal('rgb(74, 85, 101)');
      } finally {
        frame.remove();
      }
    });
  }
});

describe('<bill-summary> dispute notice', () => {
  it('tells Chidi Okafor he may dispute the MRI bill, why, by when, how, and that his care is not affected', async () => {
    const loaded = await loadDemoAccount({ lang: 'en', patient: 'Okafor' });
    const el = await fixture<BillSummary>(renderBillSummary({ lang: 'en', patient: 'Okafor' }, loaded));
    await elementUpdated(el);
    const notice = el.shadowRoot!.querySelector('[part="dispute"]')!;
    const dispute = loaded.account.disputes![0]!;
    expect(text(notice)).to.contain('You may dispute this bill');
    expect(text(notice)).to.contain('Harbor Point Imaging Center billed $2,400.00. That is $550.00 more than the $1,850.00 on your Good Faith Estimate.');
    expect(text(notice)).to.contain(`Start the dispute by ${longDate(dispute.startBy, 'en-US')}.`);
    expect(text(notice)).to.contain('There is a $25.00 fee.');
    expect(notice.querySelector('a')!.getAttribute('href')).to.equal('https://www.cms.gov/nosurprises');
    expect(text(notice)).to.contain('Starting a dispute does not affect the care you receive.');
    const helpDesk = notice.querySelector<HTMLAnchorElement>('a[href^="tel:"]')!;
    expect(helpDesk.getAttribute('href')).to.equal('tel:+18009853059');
    expect(text(helpDesk)).to.equal('1-800-985-3059');
    expect(getComputedStyle(helpDesk).whiteSpace).to.equal('nowrap');
    await expect(el).to.be.accessible();
  });

  it('shows no notice on a bill that cannot be disputed, and the notice in Spanish', async () => {
    const rivera = await loadDemoAccount({ lang: 'en', patient: 'Rivera' });
    const plain = await fixture<BillSummary>(renderBillSummary({ lang: 'en', patient: 'Rivera' }, rivera));
    expect(plain.shadowRoot!.querySelector('[part="dispute"]')).to.equal(null);
    const okafor = await loadDemoAccount({ lang: 'es', patient: 'Okafor' });
    const es = await fixture<BillSummary>(renderBillSummary({ lang: 'es', patient: 'Okafor' }, okafor));
    await elementUpdated(es);
    const notice = text(es.shadowRoot!.querySelector('[part="dispute"]'));
    expect(notice).to.contain('Puede disputar esta factura');
    expect(notice).to.contain('Iniciar una disputa no afecta la atención que recibe.');
    await expect(es).to.be.accessible();
  });
});

describe('<good-faith-estimate> stories', () => {
  const { default: meta, renderGoodFaithEstimate: _render, fillAndSubmit: _fill, okaforAnswers: _answers, ...named } = stories;
  for (const [name, story] of Object.entries(named)) {
    it(`${name} is accessible`, async () => {
      const storyArgs: GoodFaithEstimateArgs = { ...meta.args, ...story.args };
      const el = await fixture<GoodFaithEstimate>(renderGoodFaithEstimate(storyArgs));
      if (storyArgs.delayMs !== Infinity) await waitUntil(() => !root(el).querySelector('.status'), 'still loading');
      const play = 'play' in story ? story.play : undefined;
      if (play) await play({ canvasElement: el.parentElement! } as Parameters<typeof play>[0]);
      await elementUpdated(el);
      if (name.startsWith('Issued')) await waitUntil(() => shown(el).querySelector('[part="document"]'), 'no estimate');
      await expect(el).to.be.accessible();
      expect(el.getAttribute('lang')).to.equal(name.endsWith('Spanish') ? 'es' : 'en');
    });
  }
});

describe('<good-faith-estimate>: email me a copy', () => {
  const copyField = (el: GoodFaithEstimate) => input(el, 'copy-email');
  const copySent = (el: GoodFaithEstimate) => root(el).querySelector('[part="copy-sent"]');

  it('asks for an optional address, says what is wrong with it keeping what was typed, then announces where the copy goes', async () => {
    const el = await render();
    expect(text(root(el).querySelector('label[for="copy-email"]'))).to.equal('Email me a copy (optional)');
    expect(copyField(el).getAttribute('type')).to.equal('email');
    expect(copyField(el).getAttribute('autocomplete')).to.equal('email');
    expect(text(root(el).querySelector('#copy-email-hint'))).to.equal('We’ll email a copy of your estimate to this address, in the language of this page.');
    await requestOkaforMri(el);
    await type(el, 'copy-email', 'chidi@');
    await submitWithKeyboard(el);
    const summary = root(el).querySelector('.error-summary')!;
    expect(root(el).activeElement).to.equal(summary);
    expect([...summary.querySelectorAll('li')].map(text)).to.deep.equal(['Enter the email address for your copy like name@example.com, or leave it empty.']);
    expect(copyField(el).getAttribute('aria-invalid')).to.equal('true');
    expect(copyField(el).getAttribute('aria-describedby')).to.contain('copyEmail-error');
    expect(text(root(el).querySelector('#copyEmail-error'))).to.contain('Enter the email address for your copy like name@example.com, or leave it empty.');
    expect(copyField(el).value).to.equal('chidi@');
    await expect(el).to.be.accessible();

    summary.querySelector<HTMLAnchorElement>('a[href="#copy-email"]')!.click();
    expect(root(el).activeElement).to.equal(copyField(el));
    await sendKeys({ type: 'example.com' });
    await elementUpdated(el);
    await issue(el);
    await waitUntil(() => text(copySent(el)), 'the copy is not announced');
    expect(copySent(el)!.getAttribute('role')).to.equal('status');
    expect(text(copySent(el))).to.equal('A copy of this estimate is on its way to chidi@example.com.');
    await expect(el).to.be.accessible();
  });

  it('says by the field when the address was sent too many copies this hour, in both languages, keeping every answer', async () => {
    for (const [lang, words] of [
      ['en', 'Too many copies were sent to this address in the last hour. Leave it empty, or try again later.'],
      ['es', 'Se enviaron demasiadas copias a este correo en la última hora. Déjelo vacío o inténtelo más tarde.'],
    ] as const) {
      const el = await render({ lang, requestMode: 'too-many-copies' });
      await requestOkaforMri(el);
      await type(el, 'copy-email', 'chidi@example.com');
      await submitWithKeyboard(el);
      await waitUntil(() => root(el).querySelector('.error-summary'), `no summary (${lang})`);
      expect([...root(el).querySelectorAll('.error-summary li')].map(text)).to.deep.equal([words]);
      expect(text(root(el).querySelector('#copyEmail-error'))).to.contain(words);
      expect(copyField(el).value).to.equal('chidi@example.com');
      expect(input(el, 'first-name').value).to.equal('Chidi');
    }
  });

  it('says nothing of a copy when none was asked for, and speaks Spanish', async () => {
    const el = await render();
    await requestOkaforMri(el);
    await issue(el);
    expect(text(copySent(el))).to.equal('');

    const spanish = await render({ lang: 'es' });
    expect(text(root(spanish).querySelector('label[for="copy-email"]'))).to.equal('Envíenme una copia por correo (opcional)');
    await requestOkaforMri(spanish);
    await type(spanish, 'copy-email', 'chidi@ejemplo');
    await submitWithKeyboard(spanish);
    expect(text(root(spanish).querySelector('.error-summary'))).to.contain('Escriba el correo para su copia como nombre@ejemplo.com, o déjelo vacío.');
    expect(input(spanish, 'copy-email').value).to.equal('chidi@ejemplo');
    await clear(spanish, 'copy-email');
    await type(spanish, 'copy-email', 'chidi@ejemplo.com');
    await issue(spanish);
    await waitUntil(() => text(copySent(spanish)), 'the copy is not announced in Spanish');
    expect(text(copySent(spanish))).to.equal('Una copia de este estimado va en camino a chidi@ejemplo.com.');
  });
});
