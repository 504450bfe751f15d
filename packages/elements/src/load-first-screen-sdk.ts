/**
 * The first screen's SDK operations, fetched once, when first asked for: `<bill-pay>` asks as it
 * connects (for the practice), `<bill-lookup>` when the patient submits. billpay.js fetches them
 * beside the elements' own code, so they are usually there before either asks.
 */
import type * as FirstScreen from './first-screen-sdk.js';

type FirstScreenSdk = typeof FirstScreen;

let loading: Promise<FirstScreenSdk> | undefined;

export function loadFirstScreenSdk(): Promise<FirstScreenSdk> {
  loading ??= import('./first-screen-sdk.js').catch((error: unknown) => {
    // A later call tries again (the connection may be back).
    loading = undefined;
    throw error;
  });
  return loading;
}
