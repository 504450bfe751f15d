/**
 * The demo's patients, as the end-to-end tests use them, and the steps a patient takes on the pay
 * page that many tests repeat: finding the bill in `<bill-lookup>` and typing a card into the
 * processor's hosted fields. The words are the ones a person reads on screen (labels, buttons).
 */
import assert from 'node:assert/strict';
import type { Frame, FrameLocator, Locator, Page } from 'playwright-core';

/** What a patient types to find their bill: the Bill ID on the statement and a date of birth. */
export interface Login {
  readonly billId: string;
  readonly month: string;
  readonly day: string;
  readonly year: string;
}

/** A patient of the demo practice (packages/server/src/demo/demo-data.ts) and what their bill shows. */
export interface DemoPatient extends Login {
  readonly name: string;
  /** The bill's heading once found. */
  readonly heading: string;
  /** The balance before any test pays. */
  readonly balance: string;
}

export const RIVERA: DemoPatient = { billId: '202511040018', month: '3', day: '9', year: '1984', name: 'Daniela Rivera', heading: 'Bill for Daniela R.', balance: '$142.50' };
export const OKAFOR: DemoPatient = { billId: '202511040026', month: '11', day: '23', year: '1971', name: 'Chidi Okafor', heading: 'Bill for Chidi O.', balance: '$2,400.00' };
export const CHEN: DemoPatient = { billId: '202511040034', month: '6', day: '30', year: '1958', name: 'Wei Chen', heading: 'Bill for Wei C.', balance: '$310.00' };
export const NOVAK: DemoPatient = { billId: '202511040042', month: '1', day: '15', year: '1990', name: 'Petra Novak', heading: 'Bill for Petra N.', balance: '$0.00' };
export const HADDAD: DemoPatient = { billId: '202511040059', month: '8', day: '2', year: '2001', name: 'Samir Haddad', heading: 'Bill for Samir H.', balance: '$65.00' };

/** `<bill-lookup>`'s labels and button, per language. */
export const LOOKUP_WORDS = {
  en: { billId: 'Bill ID', month: 'Month', day: 'Day', year: 'Year', findBill: 'Find my bill' },
  es: { billId: 'Número de factura (Bill ID)', month: 'Mes', day: 'Día', year: 'Año', findBill: 'Buscar mi factura' },
} as const;
export type LookupWords = (typeof LOOKUP_WORDS)[keyof typeof LOOKUP_WORDS];

/** The labels of the processor's hosted card fields, per language. */
export const CARD_WORDS = {
  en: { cardNumber: 'Card number', expiry: 'Expiration date', cvc: 'Security code', name: 'Name on card', zip: 'ZIP code' },
  es: { cardNumber: 'Número de tarjeta', expiry: 'Fecha de vencimiento', cvc: 'Código de seguridad', name: 'Nombre en la tarjeta', zip: 'Código postal' },
} as const;
export type CardWords = (typeof CARD_WORDS)[keyof typeof CARD_WORDS];

/** Types the Bill ID and date of birth into `<bill-lookup>`, each in the field its label names. */
export async function fillLookup(page: Page, login: Login, t: LookupWords = LOOKUP_WORDS.en): Promise<void> {
  const form = page.locator('bill-lookup');
  await form.getByLabel(t.billId).fill(login.billId);
  await form.getByLabel(t.month).fill(login.month);
  await form.getByLabel(t.day).fill(login.day);
  await form.getByLabel(t.year).fill(login.year);
}

/** Fills in `<bill-lookup>`, presses "Find my bill" and waits for the bill headed `heading`. */
export async function findBill(page: Page, login: Login, heading: string, t: LookupWords = LOOKUP_WORDS.en): Promise<void> {
  await fillLookup(page, login, t);
  await page.locator('bill-lookup').getByRole('button', { name: t.findBill }).click();
  await page.locator('bill-summary').getByRole('heading', { name: heading }).waitFor();
}

/** The processor's hosted card fields in `host`'s iframe. */
export const hostedCardFrame = (page: Page, host: 'pay-form' | 'plan-builder' = 'pay-form'): FrameLocator =>
  page.frameLocator(`${host} iframe[part="card-frame"]`);

export interface TypedCard {
  readonly number: string;
  readonly holder: string;
  readonly expiry?: string;
  readonly cvc?: string;
  readonly zip?: string;
}

/** The hosted card page's frame in `host` (its window, not a locator), once it is there. */
async function hostedFrameOf(page: Page, host: 'pay-form' | 'plan-builder'): Promise<Frame | null> {
  const iframe = page.locator(`${host} iframe[part="card-frame"]`).first();
  if ((await iframe.count()) === 0) return null;
  return (await (await iframe.elementHandle())?.contentFrame()) ?? null;
}

/** Marks the hosted card page's window, so `whatThePatientSees` can tell whether it was loaded again since. */
async function markHostedFrame(page: Page, host: 'pay-form' | 'plan-builder'): Promise<void> {
  const frame = await hostedFrameOf(page, host);
  await frame?.evaluate(() => {
    (window as { __typedHere?: boolean }).__typedHere = true;
  });
}

/**
 * What a patient sees in `host` when the step they asked for did not come: its messages (alerts,
 * statuses, errors, the error summary), the fields marked invalid, and the hosted card page's own
 * (its field messages, what it announced, which fields hold something, and whether it is still
 * the page the card was typed in).
 */
export async function whatThePatientSees(page: Page, host: 'pay-form' | 'plan-builder' = 'pay-form'): Promise<string> {
  const form = await page
    .locator(host)
    .first()
    .evaluate((element) => {
      // No named functions in here: the page has no `__name` that tsx's build would call.
      const root = element.shadowRoot ?? element;
      const messages = [...root.querySelectorAll('[role="alert"], [role="status"], .error, .problem, [part~="error-summary"]')]
        .filter((node) => !node.closest('[hidden]') && getComputedStyle(node).display !== 'none')
        .map((node) => (node.textContent ?? '').replace(/\s+/g, ' ').trim())
        .filter(Boolean);
      const invalid = [...root.querySelectorAll('[aria-invalid="true"]')].map((node) => node.id || node.getAttribute('name') || node.tagName.toLowerCase());
      const frames = root.querySelectorAll('iframe[part="card-frame"]').length;
      return `${[...new Set(messages)].join(' | ') || 'no message'}; fields marked invalid: ${invalid.join(', ') || 'none'}; card frames: ${String(frames)}`;
    })
    .catch((error: unknown) => `(could not read ${host}: ${(error as Error).message})`);
  const frame = await hostedFrameOf(page, host);
  const card = frame
    ? await frame
        .evaluate(() => {
          const errors = [...document.querySelectorAll('[id$="-error"]:not([hidden])')].map((node) => `${node.id}: ${(node.textContent ?? '').trim()}`);
          const filled = [...document.querySelectorAll('input')].map((input) => `${input.id} ${input.value ? 'filled' : 'empty'}`);
          const announced = document.getElementById('announcer')?.textContent?.trim();
          const same = (window as { __typedHere?: boolean }).__typedHere === true;
          return `${errors.join(' | ') || 'no field message'}; announced: ${announced || 'nothing'}; ${filled.join(', ')}; ${same ? 'the page the card was typed in' : 'NOT the page the card was typed in (loaded again since)'}`;
        })
        .catch((error: unknown) => `(could not read the hosted card page: ${(error as Error).message})`)
    : 'no hosted card page';
  return `${host}: ${form}\nhosted card page: ${card}`;
}

/**
 * Presses `host`'s review button and waits for its review; when none comes, fails with what the
 * patient sees instead (`whatThePatientSees`). Waits longer than the card fields' own 30 s limit
 * on a tokenization, so a slow processor shows as the message the patient then reads.
 */
export async function pressReview(page: Page, host: 'pay-form' | 'plan-builder' = 'pay-form', timeout = 40_000): Promise<Locator> {
  const element = page.locator(host);
  await markHostedFrame(page, host);
  await element.locator('[part~="review-button"]').first().click();
  const review = element.locator('[part="review"]');
  try {
    await review.waitFor({ timeout });
  } catch (error) {
    assert.fail(`No review ${String(timeout / 1000)} s after pressing review (${(error as Error).message.split('\n')[0]}). What the patient sees:\n${await whatThePatientSees(page, host)}`);
  }
  return review;
}

/** Fills in every hosted card field (expiry 12/34, security code 123 and ZIP 06510 unless given). */
export async function fillHostedCard(frame: FrameLocator, card: TypedCard, t: CardWords = CARD_WORDS.en): Promise<void> {
  await frame.getByLabel(t.cardNumber).fill(card.number);
  await frame.getByLabel(t.expiry).fill(card.expiry ?? '12/34');
  await frame.getByLabel(t.cvc).fill(card.cvc ?? '123');
  await frame.getByLabel(t.name).fill(card.holder);
  await frame.getByLabel(t.zip).fill(card.zip ?? '06510');
}

/** The terms and values of a step's list of facts (its first `<dl>`), as shown. */
export async function facts(section: Locator): Promise<Record<string, string>> {
  return section
    .locator('dl')
    .first()
    .evaluate((list) => {
      const shown: Record<string, string> = {};
      let term = '';
      for (const child of Array.from(list.children)) {
        const text = (child.textContent ?? '').replace(/\s+/g, ' ').trim();
        if (child.tagName === 'DT') term = text;
        else if (child.tagName === 'DD' && term) shown[term] = text;
      }
      return shown;
    });
}
