/**
 * `@billpay/sdk/connection`: the small client every operation takes first (the HTTP transport and
 * the session), the practice, and the API's health.
 * @module
 */
export { createBillPayConnection, getPractice } from './api/connection.js';
export type { BillPayClientOptions, BillPayConnection, CallOptions } from './api/connection.js';
export { getHealth } from './api/practice.js';
export { HealthSchema, PracticeSchema } from './schemas.js';
export type { Health, Practice } from './schemas.js';
