/**
 * `@billpay/elements/payment-parts.js`: the widget's way of capturing a payment method, lent to
 * other billpay pages (the billing office console's "Take a payment" dialog): the processor's card
 * fields (the hosted card frame from the processor's origin, so the card number never enters the
 * page), the bank account's checks and tokenization at the processor, what a refusal concerns, and
 * the types of the payment form's words for them, and the styles a printed document uses. No element is defined here.
 * @module
 */
export { CardFieldsChoice } from './payment-method/card-fields-choice.js';
export { CardFieldsError, isCardFieldsError } from './payment-method/card-fields.js';
export type { CardFields, CardFieldsChange } from './payment-method/card-fields.js';
export { BANK_SLOTS, captureProblem, captureSlots, CAPTURE_INPUT, checkAsTyped, checkBankSlot, checkCaptureSlot, EMPTY_CAPTURE, tokenizeCapture } from './payment-method/capture.js';
export type { BankSlot, CaptureMethod, CaptureProblem, CaptureSlot, CaptureValues, CapturedMethod } from './payment-method/capture.js';
// The words' types only: a page brings its own (the payment form's `payWords` carry the whole widget's dictionary).
export type { PayIssueCode, PayWords } from './i18n/pay.js';
export { plainField, renderBankFields } from './payment-method/payment-method-fields.js';
export type { FieldOptions } from './payment-method/payment-method-fields.js';
export { flowStyles } from './styles/flow.js';
export { pageWhilePrinting, printDocumentStyles, printReset, PRINT_ROOT_ID } from './print/print-document.styles.js';
