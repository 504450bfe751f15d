import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** `Algorithm.Argon2id` (a const enum, which this build cannot import as a value). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- the enum's own value, which cannot be imported
const ARGON2ID = 2 as Algorithm;

/** argon2id's cost: memory in KiB, iterations, lanes. */
export interface PasswordCost {
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

/**
 * argon2id with OWASP's first recommended setting (Password Storage Cheat Sheet): 19 MiB of
 * memory, 2 iterations, 1 lane. About 25 ms a hash here; the parameters travel in each stored
 * hash, so raising them later leaves existing hashes readable. The server's `passwordCost` option
 * is this unless a test asks for less.
 */
export const PASSWORD_COST: PasswordCost = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** A password's length: at least 12 characters (NIST SP 800-63B allows 8; staff move money), at most 128. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export function hashPassword(password: string, cost: PasswordCost = PASSWORD_COST): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: cost.memoryCost, timeCost: cost.timeCost, parallelism: cost.parallelism });
}

/** A hash of nothing anyone knows, at each cost, verified when there is no account, so the answer takes as long either way. */
const dummies = new Map<string, Promise<string>>();

/** Whether `password` is the one `stored` hashes; with no stored hash, a check as slow (at `cost`) that fails. */
export async function checkPassword(stored: string | null | undefined, password: string, cost: PasswordCost = PASSWORD_COST): Promise<boolean> {
  if (!stored) {
    const key = `${String(cost.memoryCost)}/${String(cost.timeCost)}/${String(cost.parallelism)}`;
    let dummy = dummies.get(key);
    if (!dummy) dummies.set(key, (dummy = hashPassword(`no account ${Math.random()}`, cost)));
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
