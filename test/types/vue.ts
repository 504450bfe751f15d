// Vue 3's GlobalComponents with @billpay/elements/vue: the props and `@event` handlers (as Vue's
/* eslint-disable @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access -- the lines under @ts-expect-error are wrong on purpose */
// `on<Event>` props) a template may use, checked through the components' props.
import type {} from '@billpay/elements/vue';
import { createBillPayClient } from '@billpay/sdk';
import type { GlobalComponents } from 'vue';

type Props<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]>['$props'];

const client = createBillPayClient({ api: 'https://billing.example.org', practice: 'harbor-point' });

export const fine: Props<'bill-pay'> = {
  client,
  practice: 'harbor-point',
  headingLevel: 2,
  onPaymentSucceeded: (event) => event.detail.payment.confirmationNumber.toUpperCase(),
  onBillpayReady: (event) => event.detail.practice.name,
};

export const lookup: Props<'bill-lookup'> = { billId: '202511040018', onBillLookupSuccess: (event) => event.detail.account.accountNumber };

// @ts-expect-error -- headingLevel is a number
export const wrongPropertyType: Props<'bill-pay'> = { headingLevel: 'two' };

export const wrongDetail: Props<'bill-pay'> = {
  // @ts-expect-error -- payment-succeeded's detail has a payment, not an amount
  onPaymentSucceeded: (event) => event.detail.amountCents.toFixed(),
};
