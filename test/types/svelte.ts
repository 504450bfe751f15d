// Svelte 5's element types with @billpay/elements/svelte, as `svelte-check` reads them for markup.
/* eslint-disable @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access -- the lines under @ts-expect-error are wrong on purpose */
import type {} from '@billpay/elements/svelte';
import { createBillPayClient } from '@billpay/sdk';
import type { SvelteHTMLElements } from 'svelte/elements';

const client = createBillPayClient({ api: 'https://billing.example.org', practice: 'harbor-point' });

export const fine: SvelteHTMLElements['bill-pay'] = {
  client,
  practice: 'harbor-point',
  'heading-level': '2',
  class: 'checkout',
  'onpayment-succeeded': (event) => event.detail.payment.confirmationNumber.toUpperCase(),
};

// @ts-expect-error -- cardCapture is 'hosted' or 'direct'
export const wrongCardCapture: SvelteHTMLElements['bill-pay'] = { cardCapture: 'iframe' };

export const wrongDetail: SvelteHTMLElements['pay-form'] = {
  // @ts-expect-error -- payment-succeeded's detail has a payment, not an amount
  'onpayment-succeeded': (event) => event.detail.amountCents.toFixed(),
};
