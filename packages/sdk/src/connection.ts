/**
 * `@billpay/sdk/connection`: the small client every operation takes first (the HTTP transport and
 * the session), the practice, and the API's health.
 * @module
 */
export { createBillPayConnection, getPractice } from './api/connection.js';
export type { BillPayClientOptions, BillPayConnection, CallOptions } from './api/connection.js';
export { getHealth } from './api/practice.js';
export { AA_TEXT_CONTRAST, brandColorContrast, contrastRatio, formatContrast, HEX_COLOR, relativeLuminance } from './contrast.js';
export { BrandingSchema, PostalAddressSchema } from './practice-file-schemas.js';
export type { Branding, PostalAddress } from './practice-file-schemas.js';
export {
  CheckDigitSchemeSchema,
  ClockTimeSchema,
  ContactSchema,
  HealthSchema,
  OpeningHoursSchema,
  PoliciesSchema,
  PracticeIdSchema,
  PracticeSchema,
  WeekdaySchema,
} from './schemas.js';
export type { Contact, Health, OpeningHours, Policies, Practice, Weekday } from './schemas.js';
