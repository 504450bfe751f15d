/**
 * `@billpay/sdk`: everything a browser or a server of the billing API uses, in one entry. Pages that
 * care about size import by capability instead (`@billpay/sdk/lookup`, `/payments`, `/plans`,
 * `/estimates`, `/money`, `/errors`, `/client`); the processor's server-to-server contract is in
 * `@billpay/sdk/processor` only.
 * @module
 */
export * from './connection.js';
export * from './client.js';
export * from './lookup.js';
export * from './payments.js';
export * from './plans.js';
export * from './estimates.js';
export * from './preferences.js';
export * from './money.js';
export * from './errors.js';

// What no capability entry lists: the wire contract's building blocks.
export { CentsSchema, IsoDateSchema, NonNegativeCentsSchema } from './schemas.js';
