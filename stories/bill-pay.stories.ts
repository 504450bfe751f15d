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
  title: 'Flow/bill-pay',
  component: 'bill-pay',
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

export const Spanish: Story = { args: { lang: 'es' } };

export const Loading: Story = { args: { delayMs: Infinity } };

export const NetworkError: Story = { args: { failure: 'network' } };

export const PracticeNotFound: Story = { args: { failure: 'not-found' } };

export const DarkScheme: Story = {
  globals: { backgrounds: { value: 'dark' } },
  decorators: [(story) => html`<div style="color-scheme: dark; background: #0d131b; padding: 1rem">${story()}</div>`],
};

export const NarrowPhone: Story = {
  decorators: [(story) => html`<div style="width: 320px">${story()}</div>`],
};
