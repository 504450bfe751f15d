import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@billpay/elements/bill-lookup/define.js';
import type { BillLookup } from '@billpay/elements';
import { createFakeApi } from './support/fake-api.js';

export interface BillLookupArgs {
  lang: 'en' | 'es';
  billId: string;
  /** Milliseconds the fake API takes; Infinity keeps it busy. */
  delayMs: number;
  /** Start locked out for this many minutes (0: not locked). */
  lockedMinutes: number;
}

/** Renders `<bill-lookup>` against the in-memory API; element tests render these same stories. */
export function renderBillLookup({ lang, billId, delayMs, lockedMinutes }: BillLookupArgs) {
  const api = createFakeApi({ delayMs, ...(lockedMinutes ? { lockedUntil: new Date(Date.now() + lockedMinutes * 60_000) } : {}) });
  return html`<bill-lookup lang=${lang} bill-id=${billId} .client=${api.client()}></bill-lookup>`;
}

/** Types into the story's fields and submits, as a person would, for the states after a submit. */
async function fillAndSubmit(canvas: HTMLElement, values: Record<string, string>, submit = true) {
  const el = canvas.querySelector<BillLookup>('bill-lookup')!;
  await el.updateComplete;
  const root = el.shadowRoot!;
  for (const [id, value] of Object.entries(values)) {
    const input = root.querySelector<HTMLInputElement>(`#${id}`)!;
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  }
  if (submit) root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await el.updateComplete;
}

const rivera = { 'bill-id': '2025 1104 0018', 'dob-month': '3', 'dob-day': '9', 'dob-year': '1984' };

const meta = {
  // Helpers exported for the tests (lowercase) are not stories.
  excludeStories: /^[a-z]/,
  title: 'Elements/bill-lookup',
  component: 'bill-lookup',
  tags: ['autodocs'],
  render: renderBillLookup,
  args: { lang: 'en', billId: '', delayMs: 300, lockedMinutes: 0 },
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'es'] },
    billId: { control: 'text' },
    delayMs: { control: { type: 'number', min: 0, step: 250 } },
    lockedMinutes: { control: { type: 'number', min: 0, max: 15 } },
  },
  parameters: {
    docs: {
      description: {
        component: `Find a bill. Demo: Bill ID ${rivera['bill-id']}, date of birth 3 9 1984 (Rivera). Account A-100234 / Rivera.`,
      },
    },
  },
} satisfies Meta<BillLookupArgs>;

export default meta;
type Story = StoryObj<BillLookupArgs>;

export const Empty: Story = {};
export const EmptySpanish: Story = { args: { lang: 'es' } };

export const PrefilledFromLink: Story = { args: { billId: '202511040018' } };

export const FieldErrors: Story = {
  play: ({ canvasElement }) => fillAndSubmit(canvasElement, { 'bill-id': '2025 1104 001', 'dob-month': '2', 'dob-day': '31', 'dob-year': '1984' }),
};
export const FieldErrorsSpanish: Story = { ...FieldErrors, args: { lang: 'es' } };

export const NotFound: Story = {
  args: { delayMs: 0 },
  play: ({ canvasElement }) => fillAndSubmit(canvasElement, { ...rivera, 'dob-day': '10' }),
};
export const NotFoundSpanish: Story = { ...NotFound, args: { lang: 'es', delayMs: 0 } };

export const Busy: Story = {
  args: { delayMs: Infinity },
  play: ({ canvasElement }) => fillAndSubmit(canvasElement, rivera),
};
export const BusySpanish: Story = { ...Busy, args: { lang: 'es', delayMs: Infinity } };

export const LockedOut: Story = {
  args: { lockedMinutes: 15, delayMs: 0 },
  play: ({ canvasElement }) => fillAndSubmit(canvasElement, rivera),
};
export const LockedOutSpanish: Story = { ...LockedOut, args: { lang: 'es', lockedMinutes: 15, delayMs: 0 } };

export const AccountNumberAndLastName: Story = {
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector<BillLookup>('bill-lookup')!;
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="mode-button"]')!.click();
    await el.updateComplete;
  },
};
export const AccountNumberAndLastNameSpanish: Story = { ...AccountNumberAndLastName, args: { lang: 'es' } };

export const Found: Story = {
  args: { delayMs: 0 },
  render: (args) => html`${renderBillLookup(args)}<p>The element fires <code>bill-lookup-success</code>; <code>&lt;bill-pay&gt;</code> then shows the account.</p>`,
  play: ({ canvasElement }) => fillAndSubmit(canvasElement, rivera),
};
