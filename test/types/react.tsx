// React 19's JSX with @billpay/elements/react: what a page may write compiles, what it may not does not.
/* eslint-disable @typescript-eslint/no-unsafe-return -- the lines under @ts-expect-error are wrong on purpose */
import type {} from '@billpay/elements/react';
import { createBillPayClient } from '@billpay/sdk';

const client = createBillPayClient({ api: 'https://billing.example.org', practice: 'harbor-point' });

export const fine = (
  <bill-pay
    client={client}
    practice="harbor-point"
    heading-level="2"
    headingLevel={2}
    card-capture="hosted"
    className="checkout"
    onbillpay-ready={(event) => event.detail.practice.name.toUpperCase()}
    onpayment-succeeded={(event) => {
      const confirmation: string = event.detail.payment.confirmationNumber;
      const element: HTMLElement = event.currentTarget;
      return [confirmation, element];
    }}
  >
    <p>Under the flow</p>
  </bill-pay>
);

export const alone = <pay-form statementId="st_1" onpay-form-step={(event) => event.detail.step === 'review'} />;

export const wrongPropertyType = (
  // @ts-expect-error -- headingLevel is a number
  <bill-pay headingLevel="two" />
);

export const wrongAttributeText = (
  // @ts-expect-error -- heading-level is a number's text
  <bill-pay heading-level="two" />
);

export const wrongClient = (
  // @ts-expect-error -- client is an SDK client, not a URL
  <bill-pay client="https://billing.example.org" />
);

export const unknownAttribute = (
  // @ts-expect-error -- <bill-pay> has no such attribute
  <bill-pay practise="harbor-point" />
);

export const wrongDetail = (
  // @ts-expect-error -- payment-succeeded's detail has a payment, not an amount
  <bill-pay onpayment-succeeded={(event) => event.detail.amountCents} />
);

export const wrongCardCapture = (
  // @ts-expect-error -- cardCapture is 'hosted' or 'direct'
  <bill-pay cardCapture="iframe" />
);
