import { createHash } from 'node:crypto';

/**
 * A request's fingerprint for idempotency: the same Idempotency-Key sent again with another
 * request is a conflict. One module for payments, plans and the sandbox processor. The hashes are
 * stored with each payment, plan and processor key, so a form, once used, may never change
 * (test/security/request-hash.test.ts pins them): a retry across an upgrade must still match.
 */

/** JSON with every object's keys sorted, at every depth, and arrays in order: one text per value. */
export function canonicalJson(value: unknown): string {
  const canonical = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(canonical);
    if (item && typeof item === 'object') {
      return Object.fromEntries(
        Object.keys(item)
          .sort()
          .map((key) => [key, canonical((item as Record<string, unknown>)[key])]),
      );
    }
    return item;
  };
  return JSON.stringify(canonical(value));
}

/** SHA-256 (hex) of a request's canonical text. */
export function fingerprint(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The fingerprint of a request body in canonical JSON, after `prefix` (the processor's route, for one). */
export function requestHash(body: unknown, prefix = ''): string {
  return fingerprint(prefix + canonicalJson(body));
}
