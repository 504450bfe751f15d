import type { Locale } from '@billpay/elements/parts.js';

/**
 * Why a single sign-on was refused, by the code the server puts in the sign-in page's address
 * (`?error=sso_...`): loaded only when a sign-on came back refused, so the first screen does not
 * carry them.
 */
export const ssoRefusals: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  en: {
    sso_not_enabled: 'Single sign-on is not set up for this practice. Check the practice ID, or sign in with a passkey or your password.',
    sso_expired: 'The sign-in with your organization took too long. Start again.',
    sso_failed: 'Your organization’s sign-in did not work. Try again, or sign in with a passkey or your password.',
    sso_cancelled: 'The sign-in with your organization was cancelled. Start again when you are ready.',
    sso_unreachable: 'Your organization’s sign-in service could not be reached. Try again in a few minutes.',
    sso_email_unverified: 'Your organization has not verified your email address, so it cannot sign you in here. Ask your IT team.',
    sso_not_staff: 'Your organization’s account is not staff of this practice. Ask an admin of your practice to add your email.',
    sso_account_mismatch: 'That organization account belongs to someone else on file. Sign in with your own account, or ask an admin.',
    sso_locked: 'Too many failed sign-ins. Wait 15 minutes, then try again.',
  },
  es: {
    sso_not_enabled: 'El inicio de sesión con su organización no está configurado para esta consulta. Revise el ID de la consulta, o inicie sesión con una llave de acceso o su contraseña.',
    sso_expired: 'El inicio de sesión con su organización tardó demasiado. Empiece de nuevo.',
    sso_failed: 'El inicio de sesión de su organización no funcionó. Inténtelo de nuevo, o inicie sesión con una llave de acceso o su contraseña.',
    sso_cancelled: 'Se canceló el inicio de sesión con su organización. Empiece de nuevo cuando esté listo.',
    sso_unreachable: 'No se pudo contactar el servicio de inicio de sesión de su organización. Inténtelo de nuevo en unos minutos.',
    sso_email_unverified: 'Su organización no ha verificado su correo electrónico, así que no puede iniciar su sesión aquí. Consulte a su equipo de informática.',
    sso_not_staff: 'Su cuenta de la organización no es del personal de esta consulta. Pida a un administrador de su consulta que agregue su correo.',
    sso_account_mismatch: 'Esa cuenta de la organización pertenece a otra persona registrada. Inicie sesión con su propia cuenta, o consulte a un administrador.',
    sso_locked: 'Demasiados intentos fallidos. Espere 15 minutos y vuelva a intentarlo.',
  },
};
