import { centsToDecimalString, type Wallet } from '@billpay/sdk';

/**
 * Apple Pay and Google Pay through the browser's Payment Request API. A wallet is offered only
 * when the browser says it can pay with it (`canMakePayment()`); nothing is sniffed from the
 * user agent. What the wallet hands back goes to the processor, which returns a card token.
 */

interface WalletMethod {
  readonly wallet: Wallet;
  readonly data: (merchant: WalletMerchant) => PaymentMethodData;
}

export interface WalletMerchant {
  /** Shown in the wallet's sheet. */
  readonly name: string;
  /** Names the practice to the processor (its publishable key). */
  readonly key: string;
}

const METHODS: readonly WalletMethod[] = [
  {
    wallet: 'apple_pay',
    data: (merchant) => ({
      supportedMethods: 'https://apple.com/apple-pay',
      data: {
        version: 3,
        merchantIdentifier: merchant.key,
        merchantCapabilities: ['supports3DS'],
        supportedNetworks: ['visa', 'masterCard', 'amex', 'discover'],
        countryCode: 'US',
      },
    }),
  },
  {
    wallet: 'google_pay',
    data: (merchant) => ({
      supportedMethods: 'https://google.com/pay',
      data: {
        environment: 'TEST',
        apiVersion: 2,
        apiVersionMinor: 0,
        merchantInfo: { merchantName: merchant.name },
        allowedPaymentMethods: [
          {
            type: 'CARD',
            parameters: { allowedAuthMethods: ['PAN_ONLY', 'CRYPTOGRAM_3DS'], allowedCardNetworks: ['VISA', 'MASTERCARD', 'AMEX', 'DISCOVER'] },
            tokenizationSpecification: { type: 'PAYMENT_GATEWAY', parameters: { gateway: 'billpay', gatewayMerchantId: merchant.key } },
          },
        ],
      },
    }),
  },
];

const details = (merchant: WalletMerchant, amountCents: number): PaymentDetailsInit => ({
  total: { label: merchant.name, amount: { currency: 'USD', value: centsToDecimalString(amountCents) } },
});

/** The first wallet this browser says it can pay with, if any. */
export async function availableWallet(merchant: WalletMerchant): Promise<Wallet | undefined> {
  if (typeof globalThis.PaymentRequest !== 'function') return undefined;
  for (const method of METHODS) {
    // Only Safari pays with Apple Pay; asking any other browser makes it fetch apple.com.
    if (method.wallet === 'apple_pay' && !('ApplePaySession' in globalThis)) continue;
    try {
      const request = new PaymentRequest([method.data(merchant)], details(merchant, 100));
      if (await request.canMakePayment()) return method.wallet;
    } catch {
      // Unsupported method or an insecure context: not offered.
    }
  }
  return undefined;
}

export interface WalletAuthorization {
  /** In the sandbox, a test card standing in for the wallet's device token. */
  readonly sandboxCard: string | undefined;
  /** Closes the wallet's sheet, telling it whether the card was accepted. */
  complete(result: 'success' | 'fail'): Promise<void>;
}

/**
 * Opens the wallet's sheet for `amountCents`. Must be called while handling a click (the
 * browser requires a user gesture). Resolves `undefined` when the patient closes the sheet.
 */
export async function requestWallet(wallet: Wallet, merchant: WalletMerchant, amountCents: number): Promise<WalletAuthorization | undefined> {
  const method = METHODS.find((m) => m.wallet === wallet);
  if (!method) throw new Error(`Unknown wallet ${wallet}`);
  const request = new PaymentRequest([method.data(merchant)], details(merchant, amountCents));
  let response: PaymentResponse;
  try {
    response = await request.show();
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return undefined;
    throw error;
  }
  const data: unknown = response.details;
  const sandboxCard = data && typeof data === 'object' && 'sandboxCard' in data && typeof data.sandboxCard === 'string' ? data.sandboxCard : undefined;
  return { sandboxCard, complete: (result) => response.complete(result) };
}
