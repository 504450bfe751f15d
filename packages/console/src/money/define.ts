// The dialog registers itself with its decorator; this module is what pages import for that side effect.
export { ConsoleMoneyDialog } from './money-dialog.js';
