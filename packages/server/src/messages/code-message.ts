import { escapeHtml, page, type Language, type Rendered, type RenderedText } from './render.js';

/**
 * The message that carries a verification code (`verification_code`): the patient asked for it in
 * their message preferences and types it back there. The code alone, who sends it, how long it
 * works, and what to do if they did not ask; nothing about the bill. The code is kept in the
 * outbox's row sealed under the server secret (`VERIFICATION_CODE_SEAL`) and in the verification
 * as a keyed hash only.
 */

/** The purpose a code is sealed for in a message's data (see security/seal.ts). */
export const VERIFICATION_CODE_SEAL = 'verification_code';

const WORDS = {
  en: {
    subject: (practice: string) => `Your ${practice} verification code`,
    heading: 'Your verification code',
    lead: (practice: string) => `Enter this code on ${practice}'s billing page to turn on statement emails:`,
    expires: 'The code works for 10 minutes.',
    notYou: 'If you did not ask for it, ignore this email: nothing changes.',
    text: (practice: string, code: string) => `${practice}: your verification code is ${code}. It works for 10 minutes. If you did not ask for it, ignore this text.`,
  },
  es: {
    subject: (practice: string) => `Su código de verificación de ${practice}`,
    heading: 'Su código de verificación',
    lead: (practice: string) => `Ingrese este código en la página de facturación de ${practice} para activar los correos de estados de cuenta:`,
    expires: 'El código funciona durante 10 minutos.',
    notYou: 'Si no lo pidió, ignore este correo: nada cambia.',
    text: (practice: string, code: string) => `${practice}: su código de verificación es ${code}. Funciona durante 10 minutos. Si no lo pidió, ignore este mensaje.`,
  },
} satisfies Record<Language, unknown>;

export interface VerificationCodeFacts {
  readonly language: Language;
  readonly practiceName: string;
  readonly code: string;
}

export function renderVerificationEmail(facts: VerificationCodeFacts): Rendered {
  const w = WORDS[facts.language];
  const text = [w.lead(facts.practiceName), '', facts.code, '', w.expires, w.notYou].join('\n');
  const html = page(
    facts.language,
    w.subject(facts.practiceName),
    `<h1 style="font-size:22px;margin:0 0 12px">${escapeHtml(w.heading)}</h1>
<p>${escapeHtml(w.lead(facts.practiceName))}</p>
<p style="font-size:28px;font-weight:bold;letter-spacing:4px">${escapeHtml(facts.code)}</p>
<p>${escapeHtml(w.expires)}</p>
<p>${escapeHtml(w.notYou)}</p>`,
  );
  return { subject: w.subject(facts.practiceName), text, html };
}

export function renderVerificationText(facts: VerificationCodeFacts): RenderedText {
  return { text: WORDS[facts.language].text(facts.practiceName, facts.code) };
}
