import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@billpay/elements/plan-builder/define.js';
import type { Account, BillPayClient, PlanPolicy } from '@billpay/sdk';
import type { PlanBuilder } from '@billpay/elements';
import harborPoint from '../packages/server/practices/harbor-point.json' with { type: 'json' };
import { choose, click, settle, typeInto, until } from './support/drive.js';
import { demoSession, type FakeApi, type FakeApiOptions } from './support/fake-api.js';

export type PolicyVariant = 'demo' | 'downPayment' | 'autopayRequired' | 'autopayNotOffered';

export interface PlanBuilderArgs {
  lang: 'en' | 'es';
  patient: 'Rivera' | 'Okafor' | 'Chen' | 'Novak' | 'Haddad';
  cardCapture: 'hosted' | 'direct';
  /** Ways automatic payments may be made (`autopay-methods`). */
  autopayMethods: 'bank' | 'bank card';
  /** The practice's plan rules. */
  policy: PolicyVariant;
  /** Whether the (fake) server takes automatic payments by a saved card, as the reference server does. */
  cardAutopay: boolean;
}

export interface LoadedPlanBuilder {
  api: FakeApi;
  client: BillPayClient;
  account: Account;
  /** The fake API's options: a story may change them after the lookup (a slow or failing API). */
  options: FakeApiOptions;
}

const demoPolicy = harborPoint.planPolicy as PlanPolicy;

/** The demo practice's rules, or a variant of them. */
export function policyOf(variant: PolicyVariant): PlanPolicy {
  switch (variant) {
    case 'demo':
      return demoPolicy;
    case 'downPayment':
      return { ...demoPolicy, downPaymentCents: 10_000 };
    case 'autopayRequired':
      return { ...demoPolicy, autopay: 'required_over_months', autopayRequiredOverMonths: 12 };
    case 'autopayNotOffered':
      return { ...demoPolicy, autopay: 'not_offered' };
  }
}

/** Renders `<plan-builder>` for a demo patient, signed in through the in-memory API. */
export function renderPlanBuilder({ lang, cardCapture, autopayMethods }: PlanBuilderArgs, { client }: LoadedPlanBuilder) {
  return html`<plan-builder lang=${lang} card-capture=${cardCapture} autopay-methods=${autopayMethods} .client=${client}></plan-builder>`;
}

export async function loadPlanBuilder(args: PlanBuilderArgs, extra: FakeApiOptions = {}): Promise<LoadedPlanBuilder> {
  const options: FakeApiOptions = { planPolicy: policyOf(args.policy), cardAutopay: args.cardAutopay, ...extra };
  const loaded = await demoSession(args.patient, options);
  return { ...loaded, options };
}

// --- Drivers for <plan-builder> (the general ones are in support/drive.ts).

/** Waits for the form (the policy and the practice loaded). */
export async function formReady(el: PlanBuilder): Promise<void> {
  await until(el, () => el.shadowRoot?.querySelector('form'));
}

export async function fillBank(el: PlanBuilder, account = '000123456789'): Promise<void> {
  await choose(el, 'mode', 'bank');
  await typeInto(el, 'bank-holder', 'Chidi Okafor');
  await typeInto(el, 'bank-routing', '021000021');
  await typeInto(el, 'bank-account', account);
  await typeInto(el, 'bank-account-confirm', account);
}

export async function fillDirectCard(el: PlanBuilder, number = '4242 4242 4242 4242'): Promise<void> {
  await choose(el, 'mode', 'card');
  await typeInto(el, 'card-number', number);
  await typeInto(el, 'card-expiry', '12/30');
  await typeInto(el, 'card-cvc', '123');
  await typeInto(el, 'card-name', 'Chidi Okafor');
  await typeInto(el, 'card-zip', '06510');
}

export async function toReview(el: PlanBuilder): Promise<void> {
  await click(el, 'review-button');
  await until(el, () => el.shadowRoot?.querySelector('[part="review"]'));
}

export async function accept(el: PlanBuilder): Promise<void> {
  el.shadowRoot?.querySelector<HTMLInputElement>('#authorization-accept')?.click();
  await settle(el);
}

export async function submit(el: PlanBuilder): Promise<void> {
  await click(el, 'submit-button');
}

export async function toConfirmation(el: PlanBuilder): Promise<void> {
  await submit(el);
  await until(el, () => el.shadowRoot?.querySelector('[part="confirmation"]'));
}

const builderOf = (canvas: HTMLElement) => {
  const el = canvas.querySelector('plan-builder');
  if (!el) throw new Error('No <plan-builder> in the story');
  return el;
};

const meta = {
  // Helpers exported for the tests (lowercase) are not stories.
  excludeStories: /^[a-z]/,
  title: 'Elements/plan-builder',
  component: 'plan-builder',
  tags: ['autodocs'],
  args: { lang: 'en', patient: 'Okafor', cardCapture: 'hosted', autopayMethods: 'bank card', policy: 'demo', cardAutopay: true },
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'es'] },
    patient: { control: 'select', options: ['Rivera', 'Okafor', 'Chen', 'Novak', 'Haddad'] },
    cardCapture: { control: 'inline-radio', options: ['hosted', 'direct'] },
    autopayMethods: { control: 'inline-radio', options: ['bank', 'bank card'] },
    policy: { control: 'select', options: ['demo', 'downPayment', 'autopayRequired', 'autopayNotOffered'] },
    cardAutopay: { control: 'boolean' },
  },
  loaders: [async ({ args }) => loadPlanBuilder(args)],
  render: (args, { loaded }) => renderPlanBuilder(args, loaded as LoadedPlanBuilder),
} satisfies Meta<PlanBuilderArgs>;

export default meta;
type Story = StoryObj<PlanBuilderArgs>;

/** The $2,400.00 balance: monthly, 12 payments of $200.00 from the earliest date, and the schedule. */
export const Monthly: Story = {};
export const MonthlySpanish: Story = { args: { lang: 'es' } };

/** Asking for the policy: a polite loading message. */
export const Loading: Story = {
  loaders: [
    async ({ args }) => {
      const loaded = await loadPlanBuilder(args);
      loaded.options.delayMs = Infinity;
      return loaded;
    },
  ],
};

/** The policy could not be loaded: why, and Try again. */
export const LoadFailed: Story = {
  loaders: [
    async ({ args }) => {
      const loaded = await loadPlanBuilder(args);
      loaded.api.fail('network');
      return loaded;
    },
  ],
};

/** A practice that does not set up plans online. */
export const NotOffered: Story = { loaders: [async ({ args }) => loadPlanBuilder(args, { withoutPlans: true })] };

/** Nothing owed: no plan to make. */
export const BalanceTooSmall: Story = { args: { patient: 'Novak' } };

/** The account already has a plan. */
export const AlreadyHasPlan: Story = {
  loaders: [
    async ({ args }) => {
      const loaded = await loadPlanBuilder(args);
      await loaded.client.createPlan({ frequency: 'monthly', firstDate: (await loaded.client.getPlanOptions()).earliestFirstDate, payments: 6, payment: { mode: 'manual' } });
      return loaded;
    },
  ],
};

/** The amount per payment typed: the number of payments follows ($300.00 makes 8). */
export const ByAmount: Story = {
  play: async ({ canvasElement }) => {
    const el = builderOf(canvasElement);
    await formReady(el);
    await typeInto(el, 'plan-amount', '300');
  },
};

/** Every two weeks: the same number of payments, dates 14 days apart. */
export const EveryTwoWeeks: Story = {
  play: async ({ canvasElement }) => {
    const el = builderOf(canvasElement);
    await formReady(el);
    await choose(el, 'frequency', 'biweekly');
  },
};

/** More payments than the rules allow: the rule and the nearest choices that work. */
export const TooManyPayments: Story = {
  play: async ({ canvasElement }) => {
    const el = builderOf(canvasElement);
    await formReady(el);
    await typeInto(el, 'plan-count', '30');
  },
};
export const TooManyPaymentsSpanish: Story = { ...TooManyPayments, args: { lang: 'es' } };

/** A small balance ($142.50) with too small payments: "At least $25.00 a payment: up to 5 monthly payments." */
export const PaymentTooSmall: Story = {
  args: { patient: 'Rivera' },
  play: async ({ canvasElement }) => {
    const el = builderOf(canvasElement);
    await formReady(el);
    await typeInto(el, 'plan-amount', '20');
  },
};

/** A practice that asks for a down payment: paid today, the first payment from tomorrow. */
export const DownPayment: Story = { args: { policy: 'downPayment' } };

/** Plans over 12 months need automatic payment: paying by hand says what works. */
export const AutopayRequired: Story = {
  args: { policy: 'autopayRequired' },
  play: async ({ canvasElement }) => {
    const el = builderOf(canvasElement);
    await formReady(el);
    await typeInto(el, 'plan-count', '18');
    await choose(el, 'mode', 'manual');
  },
};

/** A page that offers automatic payment from a bank account only (`autopay-methods="bank"`). */
export const BankAutopayOnly: Story = { args: { autopayMethods: 'bank' } };

/** A practice without automatic payment: every plan is paid by hand. */
export const AutopayNotOffered: Story = { args: { policy: 'autopayNotOffered' } };

/** Automatic payment from a bank account: routing checked as typed, the account number twice. */
export const BankAutopay: Story = {
  play: async ({ canvasElement }) => {
    const el = builderOf(canvasElement);
    await formReady(el);
    await choose(el, 'mode', 'bank');
  },
};

/** Automatic payment by card in the processor's hosted fields: the card is saved at the processor for the payments. */
export const CardAutopayHosted: Story = {
  play: async ({ canvasElement }) => {
    const el = builderOf(canvasElement);
    await formReady(el);
    await choose(el, 'mode', 'card');
  },
};

/** Review plan with a missing choice: the summary, each message linked to its field. */
export const Problems: Story = {
  play: async ({ canvasElement }) => {
    const el = builderOf(canvasElement);
    await formReady(el);
    await typeInto(el, 'plan-count', '');
    await click(el, 'review-button');
  },
};

/** The review of a bank plan: the schedule and the recurring-debit authorization to read, print and accept. */
export const ReviewBank: Story = {
  play: async ({ canvasElement }) => {
    const el = builderOf(canvasElement);
    await formReady(el);
    await fillBank(el);
    await toReview(el);
  },
};
export const ReviewBankSpanish: Story = { ...ReviewBank, args: { lang: 'es' } };

/** The review of a card plan, with the recurring card authorization. */
export const ReviewCard: Story = {
  args: { cardCapture: 'direct' },
  play: async ({ canvasElement }) => {
    const el = builderOf(canvasElement);
    await formReady(el);
    await fillDirectCard(el);
    await toReview(el);
  },
};

/** The review of a plan paid by hand. */
export const ReviewManual: Story = {
  play: async ({ canvasElement }) => {
    const el = builderOf(canvasElement);
    await formReady(el);
    await choose(el, 'mode', 'manual');
    await toReview(el);
  },
};

/** Setting up: a busy button that ignores further clicks. */
export const Submitting: Story = {
  loaders: [
    async ({ args }) => {
      const loaded = await loadPlanBuilder(args);
      loaded.api.holdPlans();
      return loaded;
    },
  ],
  play: async ({ canvasElement }) => {
    const el = builderOf(canvasElement);
    await formReady(el);
    await choose(el, 'mode', 'manual');
    await toReview(el);
    await submit(el);
  },
};

/** Set up: the next payment, the whole schedule, the authorization, Print. */
export const CreatedBank: Story = {
  play: async ({ canvasElement }) => {
    const el = builderOf(canvasElement);
    await formReady(el);
    await fillBank(el);
    await toReview(el);
    await accept(el);
    await toConfirmation(el);
  },
};
export const CreatedBankSpanish: Story = { ...CreatedBank, args: { lang: 'es' } };

/** Set up, paid by hand: reminders for the calendar. */
export const CreatedManual: Story = {
  play: async ({ canvasElement }) => {
    const el = builderOf(canvasElement);
    await formReady(el);
    await choose(el, 'mode', 'manual');
    await toReview(el);
    await toConfirmation(el);
  },
};

/**
 * The balance went down between the review and Set up plan ($42.50 paid elsewhere): the server
 * applies the rules to the new balance and the form says what works now.
 */
export const ServerRules: Story = {
  args: { patient: 'Rivera' },
  play: async ({ canvasElement }) => {
    const el = builderOf(canvasElement);
    await formReady(el);
    await choose(el, 'mode', 'manual');
    await toReview(el);
    const client = el.client!;
    const card = await client.tokenizeCard({ number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123', name: 'Daniela Rivera', postalCode: '06510' });
    await client.pay({ amountCents: 4250, token: card.id });
    await submit(el);
    await until(el, () => el.shadowRoot?.querySelector('[part="error-summary"]'));
  },
};

/** A card for automatic payments where the server takes only bank accounts: it says so, and what to do. */
export const CardRefused: Story = {
  args: { cardAutopay: false, cardCapture: 'direct' },
  play: async ({ canvasElement }) => {
    const el = builderOf(canvasElement);
    await formReady(el);
    await fillDirectCard(el);
    await toReview(el);
    await accept(el);
    await submit(el);
    await until(el, () => el.shadowRoot?.querySelector('[part="error-summary"]'));
  },
};

/** No answer from the billing system: Set up plan again repeats the same request, never a second plan. */
export const NoAnswer: Story = {
  loaders: [
    async ({ args }) => {
      const loaded = await loadPlanBuilder(args);
      loaded.api.dropPlanResponses(100);
      return loaded;
    },
  ],
  play: async ({ canvasElement }) => {
    const el = builderOf(canvasElement);
    await formReady(el);
    await choose(el, 'mode', 'manual');
    await toReview(el);
    await submit(el);
    await until(el, () => el.shadowRoot?.querySelector('[part="error-summary"]'), 30_000);
  },
};
