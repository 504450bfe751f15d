import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@billpay/elements/bill-summary/define.js';
import type { Account, BillPayClient } from '@billpay/sdk';
import type { BillSummary } from '@billpay/elements';
import { addDemoBankPayment, addDemoPlan, demoSession, type DemoPlanState } from './support/fake-api.js';

export interface BillSummaryArgs {
  lang: 'en' | 'es';
  patient: 'Rivera' | 'Okafor' | 'Chen' | 'Novak' | 'Haddad';
  /**
   * A payment plan on the account: none, current (paid automatically from a bank account), a
   * payment that failed and will be tried again, or fallen behind (two failures in a row).
   */
  plan?: 'none' | Exclude<DemoPlanState, 'manual'>;
  /** A payment made just now: a bank payment still processing (it settles in days). */
  payment?: 'none' | 'bank';
  /** Every statement opened to its itemized charges. */
  itemized?: boolean;
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
  let account = session.account;
  if (args.plan && args.plan !== 'none') account = await addDemoPlan(session, args.plan);
  if (args.payment === 'bank') account = await addDemoBankPayment(session);
  return { client: session.client, account };
};

/** Opens every statement of a rendered `<bill-summary>` to its itemized charges, as a patient would. */
export async function openItemized(el: BillSummary): Promise<void> {
  await el.updateComplete;
  for (const button of el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="details-button"]')) {
    if (button.getAttribute('aria-expanded') !== 'true') button.click();
  }
  for (let i = 0; i < 50 && el.shadowRoot!.querySelectorAll('[part="charges"]').length < el.account!.statements.length; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const meta = {
  title: 'Elements/bill-summary',
  component: 'bill-summary',
  tags: ['autodocs'],
  // The helpers tests import are not stories.
  excludeStories: /^[a-z]/,
  args: { lang: 'en', patient: 'Rivera' },
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'es'] },
    patient: { control: 'select', options: ['Rivera', 'Okafor', 'Chen', 'Novak', 'Haddad'] },
  },
  loaders: [async ({ args }) => loadDemoAccount(args)],
  render: (args, { loaded }) => renderBillSummary(args, loaded as Loaded),
  play: async ({ canvasElement, args }) => {
    if (args.itemized) await openItemized(canvasElement.querySelector<BillSummary>('bill-summary')!);
  },
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

/**
 * Every statement opened to its itemized charges and the insurer's notes; the invoicing fee is
 * among the charges of the statement it was added to, so its total is what that statement billed.
 * On a phone each charge is a card; on a wide screen, a table.
 */
export const Itemized: Story = { args: { patient: 'Rivera', itemized: true } };
export const ItemizedSpanish: Story = { args: { patient: 'Rivera', lang: 'es', itemized: true } };

/** A self-pay bill opened: no insurance column, and notes about the charges rather than an insurer's decisions. */
export const ItemizedSelfPay: Story = { args: { patient: 'Okafor', itemized: true } };
export const ItemizedSelfPaySpanish: Story = { args: { patient: 'Okafor', lang: 'es', itemized: true } };

/** Paid in full, opened: each statement's charges, and the payments with where each stands. */
export const ItemizedPaidInFull: Story = { args: { patient: 'Novak', itemized: true } };
export const ItemizedPaidInFullSpanish: Story = { args: { patient: 'Novak', lang: 'es', itemized: true } };

/** A bank payment made just now: listed with its status, processing for a few business days. */
export const BankPaymentProcessing: Story = { args: { patient: 'Haddad', payment: 'bank' } };
export const BankPaymentProcessingSpanish: Story = { args: { patient: 'Haddad', payment: 'bank', lang: 'es' } };

/** A payment plan paid automatically: its next payment, what is paid and what is left. */
export const WithPlan: Story = { args: { patient: 'Okafor', plan: 'current' } };
export const WithPlanSpanish: Story = { args: { patient: 'Okafor', plan: 'current', lang: 'es' } };

/** A plan payment that did not go through: it will be tried again in 3 days. */
export const PlanRetry: Story = { args: { patient: 'Okafor', plan: 'retry' } };
export const PlanRetrySpanish: Story = { args: { patient: 'Okafor', plan: 'retry', lang: 'es' } };

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
