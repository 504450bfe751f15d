/**
 * The patient's consent to messages (TCPA: billing texts need the patient's prior express consent,
 * kept with its exact words, time and source; revocation by any reasonable means, at once). The
 * words are here, as pure functions in English and Spanish: `<message-preferences>` shows them and
 * the server records the same words, in the language shown, with `MESSAGE_CONSENT_VERSION`. A
 * change of wording is a new version. Also the checks of an address and a code as typed.
 */

/** The version of the wording below; the server records the words of this version only. */
export const MESSAGE_CONSENT_VERSION = 'messages-2026-11';

export type ConsentLanguage = 'en' | 'es';
export type ConsentChannel = 'email' | 'sms';

/** How many digits a verification code has. */
export const VERIFICATION_CODE_LENGTH = 6;
/** The longest email address a message goes to (RFC 5321's limit on a path). */
export const MAX_MESSAGE_EMAIL_LENGTH = 254;

/** The words the patient agrees to by turning a channel on (shown beside the button, recorded on verification). */
export function consentText(channel: ConsentChannel, language: ConsentLanguage, practiceName: string): string {
  if (language === 'es') {
    return channel === 'sms'
      ? `Acepto recibir mensajes de texto de ${practiceName} sobre mis estados de cuenta y pagos en este número. Máximo 1 mensaje al día y 3 por semana. Pueden aplicarse tarifas de mensajes y datos. Responda STOP para dejar de recibirlos o HELP para obtener ayuda. No es una condición para recibir atención.`
      : `Acepto recibir correos electrónicos de ${practiceName} sobre mis estados de cuenta y pagos en esta dirección. Puedo dejar de recibirlos en cualquier momento.`;
  }
  return channel === 'sms'
    ? `I agree to receive text messages from ${practiceName} about my statements and payments at this number. At most 1 message a day and 3 a week. Message and data rates may apply. Reply STOP to stop, HELP for help. Consent is not a condition of care.`
    : `I agree to receive email from ${practiceName} about my statements and payments at this address. I can stop them at any time.`;
}

/** The words of a revocation made in the preferences (recorded as consent is). */
export function revocationText(channel: ConsentChannel, language: ConsentLanguage, practiceName: string): string {
  if (language === 'es') return channel === 'sms' ? `Dejar de recibir mensajes de texto de ${practiceName}.` : `Dejar de recibir correos electrónicos de ${practiceName}.`;
  return channel === 'sms' ? `Stop text messages from ${practiceName}.` : `Stop email from ${practiceName}.`;
}

/**
 * The words of a revocation the billing office makes at the patient's request (recorded with the
 * member of staff's id, in the language of the console that showed them): staff only ever turn
 * messages off.
 */
export function staffRevocationText(channel: ConsentChannel, language: ConsentLanguage, practiceName: string): string {
  if (language === 'es') {
    return channel === 'sms'
      ? `A petición del paciente, la oficina de facturación de ${practiceName} deja de enviar mensajes de texto a este número.`
      : `A petición del paciente, la oficina de facturación de ${practiceName} deja de enviar correos electrónicos a esta dirección.`;
  }
  return channel === 'sms'
    ? `At the patient's request, the billing office of ${practiceName} stops text messages to this number.`
    : `At the patient's request, the billing office of ${practiceName} stops email to this address.`;
}

export type MessageAddressCheck = { readonly ok: true; readonly address: string } | { readonly ok: false; readonly issue: 'missing' | 'invalid_email' | 'invalid_mobile' };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * An address as typed, as the server takes it: an email address trimmed (at most 254
 * characters); a US mobile number in any usual form (`(203) 555-0123`, `203.555.0123`, `+1 203
 * 555 0123`) as `+12035550123`.
 */
export function checkMessageAddress(channel: ConsentChannel, typed: string): MessageAddressCheck {
  const trimmed = typed.trim();
  if (trimmed === '') return { ok: false, issue: 'missing' };
  if (channel === 'email') {
    return EMAIL.test(trimmed) && trimmed.length <= MAX_MESSAGE_EMAIL_LENGTH ? { ok: true, address: trimmed } : { ok: false, issue: 'invalid_email' };
  }
  if (/[^\d\s()+.-]/.test(trimmed)) return { ok: false, issue: 'invalid_mobile' };
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length === 10 && /^[2-9]\d{2}[2-9]/.test(digits)) return { ok: true, address: `+1${digits}` };
  if (digits.length === 11 && digits.startsWith('1') && /^1[2-9]\d{2}[2-9]/.test(digits)) return { ok: true, address: `+${digits}` };
  return { ok: false, issue: 'invalid_mobile' };
}

export type VerificationCodeCheck = { readonly ok: true; readonly code: string } | { readonly ok: false; readonly issue: 'missing' | 'invalid_format' };

/** A code as typed: its six digits, spaces and dashes between them allowed. */
export function checkVerificationCode(typed: string): VerificationCodeCheck {
  const compact = typed.replace(/[\s-]/g, '');
  if (compact === '') return { ok: false, issue: 'missing' };
  return new RegExp(`^\\d{${VERIFICATION_CODE_LENGTH}}$`).test(compact) ? { ok: true, code: compact } : { ok: false, issue: 'invalid_format' };
}
