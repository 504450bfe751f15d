/**
 * The script staff read to a patient who pays from a bank account by phone: Nacha's telephone
 * (TEL) entry, a single debit the patient authorizes orally. The rule asks that the patient hear,
 * before the debit, that it is an authorization, the amount, the date it is taken, the payer's
 * name, the account debited, the date of the call, a telephone number to call with questions in
 * business hours, and how to cancel; and that the practice keep proof (here: who read it, the
 * words and their version, and when the patient agreed) and send the patient a copy (the receipt).
 *
 * One pure function, in English and Spanish: the console shows it and sends the exact words read;
 * the server keeps them with `TELEPHONE_AUTHORIZATION_VERSION`. A change of wording is a new version.
 */

/** The version of the wording below; kept with each bank payment taken by phone. */
export const TELEPHONE_AUTHORIZATION_VERSION = 'tel-2026-11';

export type TelephoneScriptLanguage = 'en' | 'es';

/** What the script says, already formatted in the language read (amounts and dates as spoken). */
export interface TelephoneAuthorizationFacts {
  /** The practice taking the payment. */
  readonly practiceName: string;
  /** The account holder's name, as the patient gave it. */
  readonly payerName: string;
  /** "$125.00". */
  readonly amount: string;
  /** The account as read back: "checking account ending in 6789". */
  readonly account: string;
  /** The date of the call, which is the date the debit is taken: "November 27, 2026". */
  readonly date: string;
  /** The practice's billing telephone number, for questions and to cancel. */
  readonly phone: string;
}

/** The words staff read, exactly; the patient's "yes" to the last question is the authorization. */
export function telephoneAuthorizationScript(language: TelephoneScriptLanguage, f: TelephoneAuthorizationFacts): string {
  if (language === 'es') {
    return (
      `Hoy, ${f.date}, usted, ${f.payerName}, autoriza a ${f.practiceName} a cobrar una sola vez ${f.amount} ` +
      `de su ${f.account}, mediante un débito electrónico (ACH) que se hará hoy o en el siguiente día hábil. ` +
      `Esta es una autorización de un solo pago; no se harán otros cargos. ` +
      `Si tiene preguntas o quiere cancelar este pago antes de que se procese, llame a ${f.practiceName} al ${f.phone} en horario de oficina. ` +
      `Le enviaremos un recibo de este pago. ` +
      `¿Autoriza este pago?`
    );
  }
  return (
    `Today, ${f.date}, you, ${f.payerName}, authorize ${f.practiceName} to debit ${f.amount} one time ` +
    `from your ${f.account}, by an electronic (ACH) debit made today or on the next business day. ` +
    `This authorizes a single payment only; no other debits will be made. ` +
    `If you have questions, or to cancel this payment before it is processed, call ${f.practiceName} at ${f.phone} during business hours. ` +
    `We will send you a receipt of this payment. ` +
    `Do you authorize this payment?`
  );
}
