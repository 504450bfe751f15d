import { luhnValid } from './luhn.js';

/**
 * A National Provider Identifier: 10 digits whose last is a Luhn check digit computed over the
 * prefix 80840 (the card issuer number for US health) and the first nine. 1234567893 passes.
 */
export function npiValid(npi: string): boolean {
  return /^\d{10}$/.test(npi) && luhnValid(`80840${npi}`);
}
