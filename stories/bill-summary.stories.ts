import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@billpay/elements/bill-summary/define.js';
import type { Account, BillPayClient } from '@billpay/sdk';
import type { BillSummary } from '@billpay/elements';
import { addDemoPlan, demoSession, type DemoPlanState } from './support/fake-api.js';

export interface BillSummaryArgs {
  lang: 'en' | 'es';
  patient: 'Rivera' | 'Okafor' | 'Chen' | 'Novak' | 'Haddad';
  /**
   * A payment plan on the account: none, current (paid automatically from a bank account), a
   * payment that failed and will be tried again, or fallen behind (two failures in a row).
   */
  plan?: 'none' | Exclude<DemoPlanState, 'manual'>;
}

interface Loaded {
  client: BillPayClient;
  account: Account;
}

/** Renders `<bill-summary>` for a demo patient, signed in through the in-memory API. */
export function renderBillSummary({ lang }: BillSummaryArgs, { client, account }: Loaded) {
  return html`<bill-summary lang=${lang} .client=${client} .account=${account}></bill-summary>`;
}

export const loadDemoAccount = async (args: BillSummaryArgs): Promise<Loaded> => {
  const session = await demoSession(args.patient);
  if (!args.plan || args.plan === 'none') return session;
  return { client: session.client, account: await addDemoPlan(session, args.plan) };
};

const meta = {
  // Helpers exported for the tests (lowercase) are not stories.
  excludeStories: /^[a-z]/,
  title: 'Elements/bill-summary',
  component: 'bill-summary',
  args: { lang: 'en', patient: 'Rivera' },
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'es'] },
    patient: { control: 'select', options: ['Rivera', 'Okafor', 'Chen', 'Novak', 'Haddad'] },
  },
  loaders: [async ({ args }) => loadDemoAccount(args)],
  render: (args, { loaded }) => renderBillSummary(args, loaded as Loaded),
} satisfies Meta<BillSummaryArgs>;

export default meta;
type Story = StoryObj<BillSummaryArgs>;

/** Insured: copay not paid at the visit plus the invoicing fee, and lab coinsurance. */
export const InsuredWithFee: Story = { args: { patient: 'Rivera' } };
export const InsuredWithFeeSpanish: Story = { args: { patient: 'Rivera', lang: 'es' } };

/** Self-pay: a lumbar MRI billed 20 days ago. */
export const SelfPay: Story = { args: { patient: 'Okafor' } };
export const SelfPaySpanish: Story = { args: { patient: 'Okafor', lang: 'es' } };

/** Past due: the 90-day letter went out; collections date shown. */
export const LetterSent: Story = { args: { patient: 'Chen' } };
export const LetterSentSpanish: Story = { args: { patient: 'Chen', lang: 'es' } };

/** Paid in full, with past statements and payments. */
export const PaidInFull: Story = { args: { patient: 'Novak' } };
export const PaidInFullSpanish: Story = { args: { patient: 'Novak', lang: 'es' } };

export const Haddad: Story = { args: { patient: 'Haddad' } };

/** A statement opened to its itemized charges and the insurer's notes. */
export const Itemized: Story = {
  args: { patient: 'Rivera' },
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector<BillSummary>('bill-summary')!;
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="details-button"]')!.click();
  },
};
export const ItemizedSpanish: Story = { ...Itemized, args: { patient: 'Rivera', lang: 'es' } };

/** A payment plan paid automatically: its next payment, what is paid and what is left. */
export const WithPlan: Story = { args: { patient: 'Okafor', plan: 'current' } };
export const WithPlanSpanish: Story = { args: { patient: 'Okafor', plan: 'current', lang: 'es' } };

/** A plan payment that did not go through: it will be tried again in 3 days. */
export const PlanRetry: Story = { args: { patient: 'Okafor', plan: 'retry' } };

/** A plan that fell behind: two payments in a row did not go through; what brings it up to date. */
export const PlanBehind: Story = { args: { patient: 'Okafor', plan: 'behind' } };
export const PlanBehindSpanish: Story = { args: { patient: 'Okafor', plan: 'behind', lang: 'es' } };

/** "Cancel this plan" asks first; focus waits on "Keep the plan". */
export const PlanCancelQuestion: Story = {
  args: { patient: 'Okafor', plan: 'current' },
  play: async ({ canvasElement }) => {
    const summary = canvasElement.querySelector('bill-summary');
    await summary?.updateComplete;
    summary?.shadowRoot?.querySelector<HTMLButtonElement>('[part="cancel-plan-button"]')?.click();
    await summary?.updateComplete;
  },
};
