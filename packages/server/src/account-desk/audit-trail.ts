import type { Kysely } from 'kysely';
import type { AuditAction, Database } from '../db/schema.js';

/** The most audit rows one page answers; `before` pages on to older ones. */
export const AUDIT_PAGE = 200;

/** Who did it: a practice API key (a staff member, once staff sign in), the patient, or the server itself. */
export type AuditActor = { readonly type: 'api_key'; readonly id: string } | { readonly type: 'staff'; readonly id: string } | { readonly type: 'patient' } | { readonly type: 'system' };

/** One row of an account's audit trail: who, what, when, and from where (a keyed hash of the address, never the address). */
export interface AuditTrailEntry {
  readonly at: string;
  readonly action: AuditAction;
  readonly actor: AuditActor;
  /** For practice API calls: the route and its answer (`GET /admin/v1/accounts/:id 200`). */
  readonly detail: string | null;
  readonly clientHash: string | null;
  readonly requestId: string;
}

export interface AuditTrailPage {
  readonly data: readonly AuditTrailEntry[];
  /** Older rows exist: ask again with `before` set to the last row's `at`. */
  readonly hasMore: boolean;
}

function actorOf(row: { api_key_id: string | null; staff_id: string | null; request_id: string }): AuditActor {
  if (row.api_key_id) return { type: 'api_key', id: row.api_key_id };
  if (row.staff_id) return { type: 'staff', id: row.staff_id };
  // Background jobs (recovery, the processor's events) name what they worked on, not a request.
  if (row.request_id.startsWith('job:')) return { type: 'system' };
  return { type: 'patient' };
}

/** The account's audit trail, newest first, of the practice only. */
export async function auditTrail(db: Kysely<Database>, practiceId: string, accountId: string, before: Date | undefined): Promise<AuditTrailPage> {
  let query = db
    .selectFrom('audit_events')
    .select(['at', 'action', 'api_key_id', 'staff_id', 'detail', 'client_hash', 'request_id'])
    .where('account_id', '=', accountId)
    .where('practice_id', '=', practiceId);
  if (before) query = query.where('at', '<', before);
  const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(AUDIT_PAGE + 1).execute();
  return {
    data: rows.slice(0, AUDIT_PAGE).map((row) => ({
      at: new Date(row.at).toISOString(),
      action: row.action,
      actor: actorOf(row),
      detail: row.detail ?? null,
      clientHash: row.client_hash,
      requestId: row.request_id,
    })),
    hasMore: rows.length > AUDIT_PAGE,
  };
}
