import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The sandbox's API keys and vault key, all derived from the server secret, so every instance
 * sharing a secret agrees on them and nothing extra has to be stored or configured.
 *
 * - publishable key `pk_test_<practiceId>`: names the merchant to browsers; not a secret.
 * - secret key `sk_test_<practiceId>_<HMAC>`: authenticates the practice's server.
 * - webhook signing secret `whsec_<HMAC>`: signs the events the sandbox pushes to the practice.
 */
export const PUBLISHABLE_PREFIX = 'pk_test_';
export const SECRET_PREFIX = 'sk_test_';

export function publishableKeyFor(practiceId: string): string {
  return `${PUBLISHABLE_PREFIX}${practiceId}`;
}

/** The practice's secret key for the sandbox processor (what the practice API charges with). */
export function processorSecretKey(secret: string, practiceId: string): string {
  const mac = createHmac('sha256', secret).update(`processor_secret_key\u0000${practiceId}`).digest('base64url');
  return `${SECRET_PREFIX}${practiceId}_${mac}`;
}

/** The secret the sandbox signs a practice's webhooks with, and the practice's server checks them with. */
export function webhookSigningSecret(secret: string, practiceId: string): string {
  return `whsec_${createHmac('sha256', secret).update(`processor_webhook_secret\u0000${practiceId}`).digest('base64url')}`;
}

/** The practice a secret key belongs to, or undefined when it is not one of ours. */
export function merchantOfSecretKey(secret: string, key: string): string | undefined {
  const match = /^sk_test_([a-z0-9-]{1,64})_[A-Za-z0-9_-]{43}$/.exec(key);
  if (!match) return undefined;
  const practiceId = match[1]!;
  const expected = Buffer.from(processorSecretKey(secret, practiceId));
  const given = Buffer.from(key);
  return expected.length === given.length && timingSafeEqual(expected, given) ? practiceId : undefined;
}

export function merchantOfPublishableKey(key: string): string | undefined {
  return /^pk_test_([a-z0-9-]{1,64})$/.exec(key)?.[1];
}

/** Version of the vault key in use; stored beside each ciphertext so the key can be rotated. */
export const VAULT_KEY_VERSION = 1;

/** The vault key: HKDF-SHA256 of the server secret, for this purpose and version only. */
export function vaultKey(secret: string, version = VAULT_KEY_VERSION): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'billpay-processor-vault', `vault-key-v${version}`, 32));
}

/**
 * AES-256-GCM with a random 96-bit IV. The token id is the associated data, so a ciphertext moved
 * to another row does not decrypt.
 */
export function sealNumber(key: Buffer, tokenId: string, number: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(tokenId));
  const body = Buffer.concat([cipher.update(number, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

export function openNumber(key: Buffer, tokenId: string, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(tokenId));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
}

/** An id with a type prefix and 128 random bits. */
export function newId(prefix: 'tok' | 'ch' | 're' | 'evt' | 'treq'): string {
  return `${prefix}_${randomBytes(16).toString('base64url')}`;
}
