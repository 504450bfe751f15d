// The peer in bench/first-paint.mjs: Adyen Web 6's Card component, as a practice would mount it
// (AdyenCheckout, then Card), with the payment methods inline so it needs no call to Adyen. Its
// secure card-number iframes come from Adyen's servers, which this machine cannot reach, so what
// is timed is its container's fields being drawn; a real load waits for the iframes as well.
import { AdyenCheckout, Card } from '@adyen/adyen-web';
import '@adyen/adyen-web/styles/adyen.css';

const checkout = await AdyenCheckout({
  environment: 'test',
  clientKey: 'test_BENCHMARKBENCHMARKBENCHMARK0001',
  countryCode: 'US',
  locale: 'en-US',
  amount: { value: 6500, currency: 'USD' },
  analytics: { enabled: false },
  paymentMethodsResponse: {
    paymentMethods: [{ name: 'Cards', type: 'scheme', brands: ['visa', 'mc', 'amex', 'discover'] }],
  },
  onSubmit: () => {},
});
new Card(checkout, { hasHolderName: true }).mount('#card');
