import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@billpay/elements/pay-form/define.js';
import type { Account, BillPayClient } from '@billpay/sdk';
import type { PayForm } from '@billpay/elements';
import { choose, click, find, typeInto, until } from './support/drive.js';
import { addDemoPlan, demoSession, type FakeApi } from './support/fake-api.js';

export interface PayFormArgs {
  lang: 'en' | 'es';
  patient: 'Rivera' | 'Okafor' | 'Chen' | 'Novak' | 'Haddad';
  cardCapture: 'hosted' | 'direct';
  /** Pretend the browser has Google Pay (a stand-in Payment Request API). */
  wallet: boolean;
  /** A payment plan on the account: fallen behind (delinquent), or paid by hand. */
  plan?: 'none' | 'behind' | 'manual';
}

export interface LoadedPayForm {
  api: FakeApi;
  client: BillPayClient;
  account: Account;
}

/** Renders `<pay-form>` for a demo patient, signed in through the in-memory API. */
export function renderPayForm({ lang, cardCapture, wallet }: PayFormArgs, { client, account }: LoadedPayForm) {
  return html`<pay-form
    lang=${lang}
    card-capture=${cardCapture}
    methods=${wallet ? 'card bank wallet' : 'card bank'}
    .client=${client}
    .account=${account}
  ></pay-form>`;
}

export async function loadPayForm(args: PayFormArgs): Promise<LoadedPayForm> {
  installFakeWallet(args.wallet);
  const session = await demoSession(args.patient);
  if (!args.plan || args.plan === 'none') return session;
  return { ...session, account: await addDemoPlan(session, args.plan) };
}

const realPaymentRequest = globalThis.PaymentRequest as typeof PaymentRequest | undefined;

/**
 * A stand-in for the browser's Payment Request API that says it can pay with Google Pay and
 * answers with the sandbox's approved test card, so the wallet path can be shown and tested.
 */
export function installFakeWallet(on: boolean, sandboxCard = '4242424242424242', canPay = true): void {
  if (!on) {
    if (realPaymentRequest) globalThis.PaymentRequest = realPaymentRequest;
    else Reflect.deleteProperty(globalThis, 'PaymentRequest');
    return;
  }
  class FakePaymentRequest {
    readonly #method: string;
    constructor(methods: PaymentMethodData[]) {
      this.#method = methods[0]?.supportedMethods ?? '';
    }
    canMakePayment(): Promise<boolean> {
      return Promise.resolve(canPay && this.#method === 'https://google.com/pay');
    }
    show(): Promise<unknown> {
      return Promise.resolve({ methodName: this.#method, details: { sandboxCard }, complete: () => Promise.resolve() });
    }
  }
  globalThis.PaymentRequest = FakePaymentRequest as unknown as typeof PaymentRequest;
}

// --- Drivers for <pay-form> (the general ones are in support/drive.ts).

export async function fillDirectCard(el: PayForm, number = '4242 4242 4242 4242'): Promise<void> {
  await typeInto(el, 'card-number', number);
  await typeInto(el, 'card-expiry', '12/30');
  await typeInto(el, 'card-cvc', number.replace(/\D/g, '').length === 15 ? '1234' : '123');
  await typeInto(el, 'card-name', 'Daniela Rivera');
  await typeInto(el, 'card-zip', '06510');
}

export async function fillBank(el: PayForm, account = '000123456789'): Promise<void> {
  await choose(el, 'method', 'bank');
  await typeInto(el, 'bank-holder', 'Daniela Rivera');
  await typeInto(el, 'bank-routing', '021000021');
  await typeInto(el, 'bank-account', account);
  await typeInto(el, 'bank-account-confirm', account);
}

export async function toReview(el: PayForm): Promise<void> {
  await click(el, 'review-button');
  await until(el, () => el.shadowRoot?.querySelector('[part="review"]'));
}

export async function payNow(el: PayForm): Promise<void> {
  await click(el, 'pay-button');
}

const formOf = (canvas: HTMLElement) => {
  const el = canvas.querySelector('pay-form');
  if (!el) throw new Error('No <pay-form> in the story');
  return el;
};

const meta = {
  // Helpers exported for the tests (lowercase) are not stories.
  excludeStories: /^[a-z]/,
  title: 'Elements/pay-form',
  component: 'pay-form',
  tags: ['autodocs'],
  args: { lang: 'en', patient: 'Rivera', cardCapture: 'hosted', wallet: false },
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'es'] },
    patient: { control: 'select', options: ['Rivera', 'Okafor', 'Chen', 'Novak', 'Haddad'] },
    cardCapture: { control: 'inline-radio', options: ['hosted', 'direct'] },
    wallet: { control: 'boolean' },
  },
  loaders: [async ({ args }) => loadPayForm(args)],
  render: (args, { loaded }) => renderPayForm(args, loaded as LoadedPayForm),
} satisfies Meta<PayFormArgs>;

export default meta;
type Story = StoryObj<PayFormArgs>;

/** The amount and a card in the processor's hosted fields (an iframe): the default. */
export const CardHosted: Story = {};
export const CardHostedSpanish: Story = { args: { lang: 'es' } };

/** Card fields inside the element, sent straight to the processor (`card-capture="direct"`). */
export const CardDirect: Story = { args: { cardCapture: 'direct' } };

/** A bank account: routing number checked as typed, the account number twice, its type. */
export const BankAccount: Story = {
  play: async ({ canvasElement }) => {
    await choose(formOf(canvasElement), 'method', 'bank');
  },
};

/** Google Pay offered because the browser says it can pay with it. */
export const WalletOffered: Story = { args: { wallet: true } };

/** Another amount, more than is owed: the message says what is allowed and keeps what was typed. */
export const AmountTooLarge: Story = {
  play: async ({ canvasElement }) => {
    const el = formOf(canvasElement);
    await choose(el, 'amount', 'other');
    await typeInto(el, 'amount-other', '5000');
    await click(el, 'review-button');
  },
};

/** Review: exactly what will be charged, and Pay. */
export const ReviewCard: Story = {
  args: { cardCapture: 'direct' },
  play: async ({ canvasElement }) => {
    const el = formOf(canvasElement);
    await fillDirectCard(el);
    await toReview(el);
  },
};

/** Review of part of the balance: the statement it goes to, and what will remain on it. */
export const ReviewPartial: Story = {
  args: { cardCapture: 'direct' },
  play: async ({ canvasElement }) => {
    const el = formOf(canvasElement);
    await choose(el, 'amount', 'other');
    await typeInto(el, 'amount-other', '5');
    await fillDirectCard(el);
    await toReview(el);
  },
};

/** Review of a payment that covers one statement and part of the next: each listed, the oldest first. */
export const ReviewSeveralStatements: Story = {
  args: { cardCapture: 'direct' },
  play: async ({ canvasElement }) => {
    const el = formOf(canvasElement);
    await choose(el, 'amount', 'other');
    await typeInto(el, 'amount-other', '60');
    await fillDirectCard(el);
    await toReview(el);
  },
};
export const ReviewSeveralStatementsSpanish: Story = { ...ReviewSeveralStatements, args: { cardCapture: 'direct', lang: 'es' } };

/** Review of a bank payment, with the Nacha one-time debit authorization to accept. */
export const ReviewBank: Story = {
  play: async ({ canvasElement }) => {
    const el = formOf(canvasElement);
    await fillBank(el);
    await toReview(el);
  },
};
export const ReviewBankSpanish: Story = { ...ReviewBank, args: { lang: 'es' } };

/** Paying: a busy button that ignores further clicks. */
export const Paying: Story = {
  args: { cardCapture: 'direct' },
  loaders: [
    async ({ args }) => {
      const loaded = await loadPayForm(args);
      loaded.api.holdPayments();
      return loaded;
    },
  ],
  play: async ({ canvasElement }) => {
    const el = formOf(canvasElement);
    await fillDirectCard(el);
    await toReview(el);
    await payNow(el);
  },
};

/** The receipt, with Print and Save. */
export const Receipt: Story = {
  args: { cardCapture: 'direct' },
  play: async ({ canvasElement }) => {
    const el = formOf(canvasElement);
    await fillDirectCard(el);
    await toReview(el);
    await payNow(el);
    await until(el, () => find(el, '[part="receipt"]'));
  },
};
export const ReceiptSpanish: Story = { ...Receipt, args: { lang: 'es', cardCapture: 'direct' } };

/** A bank payment's receipt: processing, settles in 2 to 3 business days. */
export const ReceiptBank: Story = {
  play: async ({ canvasElement }) => {
    const el = formOf(canvasElement);
    await fillBank(el);
    await toReview(el);
    el.shadowRoot?.querySelector<HTMLInputElement>('#authorization-accept')?.click();
    await payNow(el);
    await until(el, () => find(el, '[part="receipt"]'));
  },
};

/** Declined: why, in plain words; the card cleared, everything else kept. */
export const Declined: Story = {
  args: { cardCapture: 'direct' },
  play: async ({ canvasElement }) => {
    const el = formOf(canvasElement);
    await fillDirectCard(el, '4000 0000 0000 0002');
    await toReview(el);
    await payNow(el);
    await until(el, () => el.shadowRoot?.querySelector('[part="error-summary"]'));
  },
};

/** No answer from the billing system: Pay again repeats the same attempt, never a second charge. */
export const NoAnswer: Story = {
  args: { cardCapture: 'direct' },
  loaders: [
    async ({ args }) => {
      const loaded = await loadPayForm(args);
      loaded.api.dropPaymentResponses(100);
      return loaded;
    },
  ],
  play: async ({ canvasElement }) => {
    const el = formOf(canvasElement);
    await fillDirectCard(el);
    await toReview(el);
    await payNow(el);
    await until(el, () => el.shadowRoot?.querySelector('[part="error-summary"]'), 30_000);
  },
};

/** Nothing owed: nothing to pay. */
/** A plan that fell behind: the amount that brings it up to date comes first, and is chosen. */
export const PlanBehind: Story = { args: { patient: 'Okafor', plan: 'behind' } };
export const PlanBehindSpanish: Story = { args: { patient: 'Okafor', plan: 'behind', lang: 'es' } };

/** A plan paid by hand: its next payment comes first, and is chosen. */
export const PlanPaidByHand: Story = { args: { patient: 'Okafor', plan: 'manual' } };

export const NothingDue: Story = { args: { patient: 'Novak' } };
