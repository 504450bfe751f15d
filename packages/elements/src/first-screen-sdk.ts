/**
 * The SDK's operations the first screen calls (the practice, the lookup, the bill and the plan
 * offer, signing out) and the connection that carries them, with ky and zod under them. The
 * lookup form is drawn without them; they are fetched beside it (see `loadFirstScreenSdk`).
 */
export { findBill, getAccount, getPlanOptions, getPractice, MIN_PAYMENT_CENTS, signOut } from '@billpay/sdk/core';
export { connectionFromAttributes } from './connection-from-attributes.js';
