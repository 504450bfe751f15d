import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@billpay/elements/bill-summary/define.js';
import type { Account, BillPayClient } from '@billpay/sdk';
import type { BillSummary } from '@billpay/elements';
import { demoSession } from './support/fake-api.js';

export interface BillSummaryArgs {
  lang: 'en' | 'es';
  patient: 'Rivera' | 'Okafor' | 'Chen' | 'Novak' | 'Haddad';
  /** A payment plan on the account: none, current (paid automatically from a bank account), or fallen behind. */
  plan?: 'none' | 'current' | 'behind';
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
  const { api, client, account } = await demoSession(args.patient);
  if (!args.plan || args.plan === 'none') return { client, account };
  // A monthly plan from a bank account set up through the API, then (for "behind") two
  // payments in a row that did not go through, as the installment runner would record them.
  const options = await client.getPlanOptions();
  const bank = await client.tokenizeBank({ routingNumber: '021000021', accountNumber: '000123456789', accountType: 'checking', holderName: 'Chidi Okafor' });
  const plan = await client.createPlan({
    frequency: 'monthly',
    firstDate: options.earliestFirstDate,
    payments: 12,
    payment: {
      mode: 'automatic',
      method: 'bank',
      token: bank.id,
      authorization: { text: 'I authorize Harbor Point Medical Group to debit my checking account ending in 6789 monthly.', acceptedAt: new Date().toISOString() },
    },
  });
  if (args.plan === 'behind') api.advancePlan(plan.id, { failed: 2 });
  else api.advancePlan(plan.id, { paid: 1 });
  return { client, account: await client.getAccount() };
};

const meta = {
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

/** A plan that fell behind: two payments in a row did not go through. */
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
