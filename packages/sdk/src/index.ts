export { createBillPayClient } from './client.js';
export type { BillPayClient, BillPayClientOptions } from './client.js';

export {
  MAX_CENTS,
  assertCents,
  centsToDecimalString,
  formatMoney,
  isCents,
  parseMoney,
  sumCents,
} from './money.js';
export type { Cents, MoneyIssueCode, ParseMoneyResult } from './money.js';

export { luhnCheckDigit, luhnValid } from './luhn.js';
export { BILL_ID_LENGTH, formatBillId, normalizeBillId } from './bill-id.js';
export type { BillIdIssueCode, CheckDigitScheme, NormalizeBillIdResult } from './bill-id.js';

export {
  ApiErrorBodySchema,
  ApiIssueSchema,
  CentsSchema,
  CheckDigitSchemeSchema,
  ClockTimeSchema,
  ContactSchema,
  HealthSchema,
  IsoDateSchema,
  NonNegativeCentsSchema,
  OpeningHoursSchema,
  PoliciesSchema,
  PracticeIdSchema,
  PracticeSchema,
  WeekdaySchema,
} from './schemas.js';
export type {
  ApiErrorBody,
  ApiIssue,
  Contact,
  Health,
  OpeningHours,
  Policies,
  Practice,
  Weekday,
} from './schemas.js';

export { BillPayError, isBillPayError } from './errors/billpay-error.js';
export { ApiError, isApiError } from './errors/api-error.js';
export { InvalidResponseError, isInvalidResponseError } from './errors/invalid-response-error.js';
export { NetworkError, isNetworkError } from './errors/network-error.js';
