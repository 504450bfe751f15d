/**
 * `@billpay/sdk/processor`: the sandbox payment processor's whole wire contract, for servers: the
 * tokenization a browser does (also in `@billpay/sdk/payments`) and the server-to-server part
 * (token details, charges, refunds, events, payouts, the sandbox clock) that browsers never need.
 * @module
 */
export * from './token-schemas.js';
export {
  ChargeListSchema,
  ChargeMethodSchema,
  ChargeRequestSchema,
  ChargeSchema,
  ChargeStatusSchema,
  DeclineCodeSchema,
  PayoutLineSchema,
  PayoutSchema,
  ProcessorErrorBodySchema,
  ProcessorEventListSchema,
  ProcessorEventSchema,
  ProcessorTokenSchema,
  RefundRequestSchema,
  RefundSchema,
  SandboxClockRequestSchema,
  TokenDetailsSchema,
} from './processor-schemas.js';
export type {
  Charge,
  ChargeMethod,
  ChargeRequest,
  ChargeStatus,
  DeclineCode,
  Payout,
  PayoutLine,
  ProcessorErrorBody,
  ProcessorEvent,
  ProcessorEventList,
  ProcessorToken,
  Refund,
  RefundRequest,
  TokenDetails,
} from './processor-schemas.js';
