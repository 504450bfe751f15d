import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.js';
import type { StaffTable } from '../db/staff-migration.js';
import { tokenHash } from '../security/secret.js';
import type { StaffRole } from './roles.js';

type Db = Kysely<Database>;
export type StaffRow = Selectable<StaffTable>;

/** How long an enrolment link works: 72 hours, once. */
export const ENROLMENT_TTL_MS = 72 * 3_600_000;

/** Where the console takes an enrolment link: the token travels in the fragment, never sent to a server or logged. */
export const ENROLMENT_PATH = '/console/enrol';

/** A member of staff as lists show them: never a secret. */
export interface StaffView {
  readonly id: string;
  readonly practiceId: string;
  readonly email: string;
  readonly role: StaffRole;
  readonly createdAt: string;
  readonly enrolledAt: string | null;
  readonly disabledAt: string | null;
  /** What they sign in with. */
  readonly password: boolean;
  readonly passkeys: number;
  /** Has signed in through the practice's identity provider (its subject is recorded). */
  readonly sso: boolean;
}

export class StaffError extends Error {
  constructor(
    readonly code: 'staff_exists' | 'staff_not_found' | 'invalid_email',
    message: string,
  ) {
    super(message);
    this.name = 'StaffError';
  }
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}\.[^\s@]{2,}$/;

/** An email as staff are known by: trimmed, lower case; `undefined` when it is not one. */
export function normalEmail(email: string): string | undefined {
  const normal = email.trim().toLowerCase();
  return normal.length <= 254 && EMAIL.test(normal) ? normal : undefined;
}

function viewOf(row: StaffRow, passkeys: number): StaffView {
  const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
  return {
    id: row.id,
    practiceId: row.practice_id,
    email: row.email,
    role: row.role,
    createdAt: new Date(row.created_at).toISOString(),
    enrolledAt: iso(row.enrolled_at),
    disabledAt: iso(row.disabled_at),
    password: row.password_hash !== null,
    passkeys,
    sso: row.sso_subject !== null,
  };
}

/** A new enrolment token for a member of staff (the only time it is seen), stored as its hash. */
export async function issueEnrolment(db: Db, staffId: string, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ENROLMENT_TTL_MS);
  await db
    .insertInto('staff_enrolments')
    .values({ token_hash: tokenHash(token), staff_id: staffId, pending_totp_secret: null, created_at: now, expires_at: expiresAt, used_at: null })
    .execute();
  return { token, expiresAt };
}

/** The link an enrolment token is given as, on the console's origin. */
export function enrolmentLink(origin: string, token: string): string {
  return `${origin}${ENROLMENT_PATH}#token=${token}`;
}

/** Adds a member of staff and issues their enrolment token. */
export async function addStaff(db: Db, request: { practiceId: string; email: string; role: StaffRole; now: Date }): Promise<{ staff: StaffView; token: string; expiresAt: Date }> {
  const email = normalEmail(request.email);
  if (!email) throw new StaffError('invalid_email', `"${request.email}" is not an email address.`);
  const existing = await db.selectFrom('staff').select('id').where('practice_id', '=', request.practiceId).where('email', '=', email).executeTakeFirst();
  if (existing) throw new StaffError('staff_exists', `${email} is already staff of ${request.practiceId} (${existing.id}).`);
  const row = await db
    .insertInto('staff')
    .values({
      id: `stf_${randomBytes(16).toString('hex').slice(0, 26)}`,
      practice_id: request.practiceId,
      email,
      role: request.role,
      password_hash: null,
      totp_secret: null,
      totp_last_step: null,
      created_at: request.now,
      enrolled_at: null,
      disabled_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const { token, expiresAt } = await issueEnrolment(db, row.id, request.now);
  return { staff: viewOf(row, 0), token, expiresAt };
}

/** The practice's staff, in the order they were added. */
export async function listStaff(db: Db, practiceId: string): Promise<StaffView[]> {
  const rows = await db.selectFrom('staff').selectAll().where('practice_id', '=', practiceId).orderBy('created_at').orderBy('id').execute();
  const counts = await db
    .selectFrom('staff_passkeys')
    .select(['staff_id', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('staff_id', 'in', rows.length ? rows.map((row) => row.id) : [''])
    .groupBy('staff_id')
    .execute();
  const byStaff = new Map(counts.map((count) => [count.staff_id, Number(count.n)]));
  return rows.map((row) => viewOf(row, byStaff.get(row.id) ?? 0));
}

/** One member of staff by id (of `practiceId` only, when given). */
export async function findStaff(db: Db, id: string, practiceId?: string): Promise<StaffRow | undefined> {
  let query = db.selectFrom('staff').selectAll().where('id', '=', id);
  if (practiceId !== undefined) query = query.where('practice_id', '=', practiceId);
  return query.executeTakeFirst();
}

/**
 * Disables a member of staff: their sessions end and their unused enrolment links stop working
 * now; they can no longer sign in. Disabling again changes nothing. `undefined` when not found.
 */
export async function disableStaff(db: Db, id: string, now: Date, practiceId?: string): Promise<StaffView | undefined> {
  const row = await findStaff(db, id, practiceId);
  if (!row) return undefined;
  return db.transaction().execute(async (trx) => {
    const disabled = await trx.updateTable('staff').set({ disabled_at: row.disabled_at ?? now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await trx.updateTable('staff_sessions').set({ revoked_at: now }).where('staff_id', '=', id).where('revoked_at', 'is', null).execute();
    await trx.updateTable('staff_enrolments').set({ used_at: now }).where('staff_id', '=', id).where('used_at', 'is', null).execute();
    return viewOf(disabled, 0);
  });
}

export { viewOf as staffView };
