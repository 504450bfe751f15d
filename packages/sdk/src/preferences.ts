/**
 * `@billpay/sdk/preferences`: the patient's message preferences (paperless statements, email and
 * text messages turned on by a code), the consent's words, and the checks of an address and a code.
 * @module
 */
export { changeMessagePreferences, confirmVerification, getMessagePreferences, startVerification } from './api/preferences.js';
export type { StartVerificationInput } from './api/preferences.js';
export {
  MAX_MESSAGE_EMAIL_LENGTH,
  MESSAGE_CONSENT_VERSION,
  VERIFICATION_CODE_LENGTH,
  checkMessageAddress,
  checkVerificationCode,
  consentText,
  revocationText,
  staffRevocationText,
} from './message-consent.js';
export type { ConsentChannel, ConsentLanguage, MessageAddressCheck, VerificationCodeCheck } from './message-consent.js';
export {
  ChannelPreferenceSchema,
  MessageChannelSchema,
  MessagePreferencesSchema,
  PreferencesChangeSchema,
  StoppedBySchema,
  VerificationCodeRequestSchema,
  VerificationRequestSchema,
  VerificationSchema,
} from './message-preference-schemas.js';
export type {
  ChannelPreference,
  MessageChannel,
  MessagePreferences,
  PreferencesChange,
  StoppedBy,
  Verification,
  VerificationCodeRequest,
  VerificationRequest,
} from './message-preference-schemas.js';
