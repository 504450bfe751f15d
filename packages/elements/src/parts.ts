/**
 * `@billpay/elements/parts.js`: the shared parts other billpay pages build with (the billing
 * office console): the design tokens, form and table styles, the table that reads as cards when
 * narrow, the labelled text field, and money and date formatting. No element is defined here.
 * @module
 */
export { dataTable } from './data-table/data-table.js';
export type { DataCell, DataColumn, DataColumnKind, DataTableSpec, StackBelow } from './data-table/data-table.js';
export { dataTableStyles } from './data-table/data-table.styles.js';
export { describedBy, fieldError } from './form/field.js';
export { textField } from './form/text-field.js';
export type { TextFieldSpec } from './form/text-field.js';
export { formatDate, formatMoment, money } from './i18n/format.js';
export { intlLocales, matchLocale } from './i18n/locales.js';
export type { Locale } from './i18n/locales.js';
export { formStyles } from './styles/form.js';
export { tokens } from './styles/shared.js';
