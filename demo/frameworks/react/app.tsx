/**
 * `<bill-pay>` in React 19, which knows custom elements: `client` is set as a property (an object
 * no attribute could carry), `onpayment-succeeded` adds a listener for that event, and React
 * renders the confirmation from the event's detail. The tags' props are typed by
 * `@billpay/elements/react`.
 */
import { useMemo, useState } from 'react';
import type {} from '@billpay/elements/react';
import type { Payment } from '@billpay/sdk';
import { demoClient, language, paidMessage, t } from '../shared/demo.js';

export function App() {
  const client = useMemo(demoClient, []);
  const [payment, setPayment] = useState<Payment>();
  return (
    <main id="main">
      <h1>{t.title('React')}</h1>
      <p className="framework-note">{t.intro('React')}</p>
      <p className="paid" role="status">
        {payment ? paidMessage(payment) : ''}
      </p>
      <bill-pay client={client} locale={language} headingLevel={2} onpayment-succeeded={(event) => setPayment(event.detail.payment)} />
      <p>
        <a href="/frameworks/">{t.back}</a>
      </p>
    </main>
  );
}
