import { centsToDecimalString, type Practice, type Wallet } from '@billpay/sdk';
import type { ReactiveControllerHost } from 'lit';

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

/** A wallet's sheet, open: the patient's authorization, or `undefined` once they close it. */
export type WalletSheet = Promise<WalletAuthorization | undefined>;

/**
 * Opens the wallet's sheet for `amountCents`. Must be called while handling a click (the
 * browser requires a user gesture). Resolves `undefined` when the patient closes the sheet.
 */
export async function requestWallet(wallet: Wallet, merchant: WalletMerchant, amountCents: number): WalletSheet {
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

/** A wallet's sheet, open, and which wallet it is. */
export interface OpenWallet {
  readonly wallet: Wallet;
  readonly sheet: WalletSheet;
}

/**
 * The wallet a host offers: which one the browser can pay with for the practice (asked once per
 * practice), and its sheet opened for an amount.
 */
export class WalletOffer {
  /** The wallet the browser offers, once it has said. */
  wallet: Wallet | undefined;
  readonly #host: ReactiveControllerHost;
  #checkedFor = '';

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /** Asks the browser, the first time for this practice (one that takes payments). */
  check(practice: Practice): void {
    if (!practice.payments || this.#checkedFor === practice.id) return;
    this.#checkedFor = practice.id;
    void availableWallet(merchantOf(practice)).then((wallet) => {
      this.wallet = wallet;
      this.#host.requestUpdate();
    });
  }

  /** Opens the wallet's sheet for `amountCents`: while a click is handled, before any await. */
  open(practice: Practice, amountCents: number): OpenWallet | undefined {
    return this.wallet ? { wallet: this.wallet, sheet: requestWallet(this.wallet, merchantOf(practice), amountCents) } : undefined;
  }
}

/** The practice as the wallet's sheet names it and the processor knows it. */
function merchantOf(practice: Practice): WalletMerchant {
  return { name: practice.name, key: practice.payments?.publishableKey ?? practice.id };
}
