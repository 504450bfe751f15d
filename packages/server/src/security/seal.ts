import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * A value sealed under the server secret (AES-256-GCM, a key derived per purpose): what must be
 * read back, unlike a password, yet must not be usable from a copy of the database alone (a TOTP
 * key, an identity provider's client secret), or must come back unread and unchanged (a single
 * sign-on flow's cookie). Opening fails on anything not sealed for that purpose with that secret.
 */
export function seal(serverSecret: string, purpose: string, value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(serverSecret, purpose), iv);
  const sealed = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.');
}

export function unseal(serverSecret: string, purpose: string, stored: string): string {
  const [version, iv, tag, sealed, ...rest] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || sealed === undefined || rest.length) throw new Error('Not a sealed secret.');
  const decipher = createDecipheriv('aes-256-gcm', sealKey(serverSecret, purpose), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
}

const sealKey = (serverSecret: string, purpose: string) => createHmac('sha256', serverSecret).update(purpose).digest();
