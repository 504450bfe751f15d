import type { Kysely } from 'kysely';
import type { AuditAction, Database } from '../db/schema.js';

/** The most audit rows one page answers; `before` pages on to older ones. */
export const AUDIT_PAGE = 200;

/**
 * Who did it: a practice API key (with its name, or its prefix when unnamed), a member of staff
 * (with their email, as the staff list shows them), the patient, or the server itself.
 */
export type AuditActor =
  | { readonly type: 'api_key'; readonly id: string; readonly label: string | null }
  | { readonly type: 'staff'; readonly id: string; readonly label: string | null }
  | { readonly type: 'patient' }
  | { readonly type: 'system' };

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

interface ActorRow {
  api_key_id: string | null;
  key_label: string | null;
  staff_id: string | null;
  staff_email: string | null;
  request_id: string;
}

function actorOf(row: ActorRow): AuditActor {
  if (row.api_key_id) return { type: 'api_key', id: row.api_key_id, label: row.key_label };
  if (row.staff_id) return { type: 'staff', id: row.staff_id, label: row.staff_email };
  // Background jobs (recovery, the processor's events) name what they worked on, not a request;
  // the command line (`cli:`) is the server's operator.
  if (row.request_id.startsWith('job:') || row.request_id.startsWith('cli:')) return { type: 'system' };
  return { type: 'patient' };
}

/** The account's audit trail, newest first, of the practice only. */
export async function auditTrail(db: Kysely<Database>, practiceId: string, accountId: string, before: Date | undefined): Promise<AuditTrailPage> {
  // The actor's name from the practice's own staff and keys only.
  let query = db
    .selectFrom('audit_events')
    .leftJoin('staff', (join) => join.onRef('staff.id', '=', 'audit_events.staff_id').on('staff.practice_id', '=', practiceId))
    .leftJoin('api_keys', (join) => join.onRef('api_keys.id', '=', 'audit_events.api_key_id').on('api_keys.practice_id', '=', practiceId))
    .select(['audit_events.at', 'audit_events.action', 'audit_events.api_key_id', 'audit_events.staff_id', 'audit_events.detail', 'audit_events.client_hash', 'audit_events.request_id'])
    .select((eb) => [eb.ref('staff.email').as('staff_email'), eb.fn.coalesce('api_keys.name', 'api_keys.prefix').as('key_label')])
    .where('audit_events.account_id', '=', accountId)
    .where('audit_events.practice_id', '=', practiceId);
  if (before) query = query.where('audit_events.at', '<', before);
  const rows = await query.orderBy('audit_events.at', 'desc').orderBy('audit_events.id', 'desc').limit(AUDIT_PAGE + 1).execute();
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
