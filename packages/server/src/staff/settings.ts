import type { RelyingParty } from './passkeys.js';
import { staffCookie, type StaffCookie } from './sessions.js';

/**
 * The console's origin as staff sign-in uses it: the WebAuthn relying party (its host name is the
 * rpID, and the only origin a passkey response may come from) and the session cookie (Secure
 * unless development on http://localhost). An origin with a path, or not http(s), is refused.
 */
export function staffSettings(consoleOrigin: string, development: boolean): { rp: RelyingParty; cookie: StaffCookie } {
  let url: URL;
  try {
    url = new URL(consoleOrigin);
  } catch {
    throw new Error(`BILLPAY_CONSOLE_ORIGIN must be an origin such as https://billing.example.com, not "${consoleOrigin}".`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== consoleOrigin.replace(/\/$/, '')) {
    throw new Error(`BILLPAY_CONSOLE_ORIGIN must be an origin (scheme, host and port only) such as https://billing.example.com, not "${consoleOrigin}".`);
  }
  return { rp: { origin: url.origin, name: 'billpay console' }, cookie: staffCookie(url.origin, development) };
}
