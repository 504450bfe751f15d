import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@billpay/elements/bill-pay/define.js';
import { createFakeApi, type FakeFailure } from './support/fake-api.js';

interface BillPayArgs {
  lang: 'en' | 'es';
  headingLevel: number;
  failure: FakeFailure | 'none';
  delayMs: number;
}

/** Renders `<bill-pay>` against the in-memory API; tests render these same stories. */
export function renderBillPay({ lang, headingLevel, failure, delayMs }: BillPayArgs) {
  const api = createFakeApi({ delayMs, failure: failure === 'none' ? undefined : failure });
  return html`<bill-pay lang=${lang} heading-level=${headingLevel} .client=${api.client()}></bill-pay>`;
}

const meta = {
  // Helpers exported for the tests (lowercase) are not stories.
  excludeStories: /^[a-z]/,
  title: 'Flow/bill-pay',
  component: 'bill-pay',
  tags: ['autodocs'],
  render: renderBillPay,
  args: { lang: 'en', headingLevel: 2, failure: 'none', delayMs: 0 },
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'es'] },
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
    failure: { control: 'select', options: ['none', 'network', 'server-error', 'not-found', 'invalid-response'] },
    delayMs: { control: { type: 'number', min: 0, step: 250 } },
  },
  parameters: {
    docs: { description: { component: 'The whole bill-payment flow for one practice.' } },
  },
} satisfies Meta<BillPayArgs>;

export default meta;
type Story = StoryObj<BillPayArgs>;

export const Ready: Story = {};

export const ReadySpanish: Story = { args: { lang: 'es' } };

/** While the practice is on its way: the lookup is there at once, its name and contact fill in when it arrives. */
export const Loading: Story = { args: { delayMs: Infinity } };

export const NetworkError: Story = { args: { failure: 'network' } };

export const PracticeNotFound: Story = { args: { failure: 'not-found' } };

export const DarkScheme: Story = {
  globals: { backgrounds: { value: 'dark' } },
  decorators: [(story) => html`<div style="color-scheme: dark; background: #0d131b; padding: 1rem">${story()}</div>`],
};

export const NarrowPhone: Story = {
  decorators: [(story) => html`<div style="max-width: 320px">${story()}</div>`],
};

/** After the patient has found the bill: the account view inside the flow. */
export const AccountFound: Story = {
  play: async ({ canvasElement }) => {
    const flow = canvasElement.querySelector('bill-pay')!;
    const lookup = await new Promise<HTMLElement>((resolve) => {
      const poll = () => {
        const found = flow.shadowRoot?.querySelector('bill-lookup');
        if (found) resolve(found);
        else setTimeout(poll, 50);
      };
      poll();
    });
    await (lookup as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    const root = lookup.shadowRoot!;
    for (const [id, value] of [['bill-id', '202511040034'], ['dob-month', '6'], ['dob-day', '30'], ['dob-year', '1958']] as const) {
      const input = root.querySelector<HTMLInputElement>(`#${id}`)!;
      input.value = value;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    }
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  },
};
export const AccountFoundSpanish: Story = { ...AccountFound, args: { lang: 'es' } };
