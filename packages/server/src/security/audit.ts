import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditAction, Database } from '../db/schema.js';

export interface AuditEvent {
  readonly at: Date;
  /** None only for a practice API call refused before a key named its practice. */
  readonly practiceId: string | null;
  readonly accountId?: string | null | undefined;
  readonly action: AuditAction;
  /** Keyed hash of the identifier a lookup named (never the identifier itself). */
  readonly subjectHash?: string | null | undefined;
  /** Keyed hash of the client address. */
  readonly clientHash?: string | null | undefined;
  readonly requestId: string;
  /** The practice API key that made the call. */
  readonly apiKeyId?: string | null | undefined;
  /** The member of staff who acted (signed in, or through the practice API with a session). */
  readonly staffId?: string | null | undefined;
  /** For practice API calls: the route and status, or the refusal's code (never an identifier of a person). */
  readonly detail?: string | null | undefined;
}

/**
 * Appends one event to the audit trail. Callers pass a transaction when the event belongs with
 * other writes (a failed lookup and its count are recorded together or not at all).
 */
export async function recordAudit(db: Kysely<Database>, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      id: randomUUID(),
      at: event.at,
      practice_id: event.practiceId,
      account_id: event.accountId ?? null,
      action: event.action,
      subject_hash: event.subjectHash ?? null,
      client_hash: event.clientHash ?? null,
      request_id: event.requestId,
      api_key_id: event.apiKeyId ?? null,
      staff_id: event.staffId ?? null,
      detail: event.detail ?? null,
    })
    .execute();
}
