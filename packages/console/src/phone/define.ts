// The dialog registers itself with its decorator; the account page imports this module when "Take a payment" is first pressed.
export { ConsolePhoneDialog } from './phone-dialog.js';
