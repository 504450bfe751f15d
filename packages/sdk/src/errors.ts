/**
 * `@billpay/sdk/errors`: every error the SDK throws, each with a literal `name` and a guard that
 * also compares it (an error may come from another realm, e.g. an iframe).
 * @module
 */
export * from './errors/billpay-error.js';
export * from './errors/api-error.js';
export * from './errors/invalid-response-error.js';
export * from './errors/network-error.js';
export * from './errors/lookup-failed-error.js';
export * from './errors/locked-out-error.js';
export * from './errors/session-expired-error.js';
export * from './errors/tokenization-error.js';
export * from './errors/authorization-error.js';
export * from './errors/plan-errors.js';
export * from './errors/payment-errors.js';
export { ApiErrorBodySchema, ApiIssueSchema } from './schemas.js';
export type { ApiErrorBody, ApiIssue } from './schemas.js';
