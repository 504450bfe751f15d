import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { EventType, WebhookDeliveriesTable, WebhookEndpointsTable } from '../db/events-migration.js';
import type { Database } from '../db/schema.js';
import { DomainError } from '../domain/errors.js';
import { addressAllowed, literalAddress } from './destination.js';
import { newSigningSecret, sealSecret } from './secret.js';

type Db = Kysely<Database>;
type EndpointRow = Selectable<WebhookEndpointsTable>;
type DeliveryRow = Selectable<WebhookDeliveriesTable>;

/** Endpoints one practice may register. */
export const MAX_ENDPOINTS = 20;

/** An endpoint as the practice API shows it: never its secret (shown once, when made). */
export interface WebhookEndpointView {
  readonly id: string;
  readonly url: string;
  readonly description: string | null;
  readonly eventTypes: readonly EventType[];
  readonly status: 'enabled' | 'disabled';
  readonly disabledReason: string | null;
  readonly failingSince: string | null;
  readonly createdAt: string;
}

export interface WebhookDeliveryView {
  readonly id: string;
  readonly eventId: string;
  readonly eventType: EventType;
  readonly status: 'pending' | 'delivered' | 'failed';
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly lastAttemptAt: string | null;
  readonly responseStatus: number | null;
  readonly lastError: string | null;
  readonly replayOf: string | null;
  readonly createdAt: string;
  readonly deliveredAt: string | null;
}

export interface EndpointInput {
  readonly url: string;
  readonly eventTypes: readonly EventType[];
  readonly description?: string | null | undefined;
}

const notFound = () => new DomainError('webhook_endpoint_not_found', 'There is no such webhook endpoint at this practice.');
const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/**
 * Where billpay may send a practice's events: https to a public host, or plain http to this
 * machine (localhost, 127.0.0.1, [::1]) in development and tests only. An address in the URL must
 * be a public one (not private, loopback, link-local such as the cloud's metadata address, or
 * reserved); a name is checked again on every delivery (see destination.ts). No credentials in
 * the URL: the signature is the receiver's proof.
 */
export function checkEndpointUrl(raw: string, development: boolean): string {
  const notAllowed = (why: string) => new DomainError('webhook_url_not_allowed', why, { details: { param: 'url' } });
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw notAllowed('The endpoint URL is not a valid URL.');
  }
  const localName = url.hostname === 'localhost' || url.hostname.endsWith('.localhost');
  const literal = literalAddress(url.hostname);
  const local = localName || (literal !== undefined && addressAllowed(literal, true) && !addressAllowed(literal, false));
  const allowed = url.protocol === 'https:' || (url.protocol === 'http:' && local && development);
  if (!allowed) throw notAllowed('The endpoint URL must use https (plain http only to localhost in development).');
  if ((local && !development) || (literal !== undefined && !addressAllowed(literal, development))) {
    throw notAllowed('The endpoint URL must name a host on the public internet, not a private, local or reserved address.');
  }
  if (url.username || url.password) throw notAllowed('The endpoint URL may not hold a user name or password.');
  return url.href;
}

export function endpointView(row: EndpointRow): WebhookEndpointView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types,
    status: row.status,
    disabledReason: row.disabled_reason,
    failingSince: iso(row.failing_since),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** Registers an endpoint; its signing secret is in the answer, and nowhere else ever again. */
export async function createEndpoint(db: Db, serverSecret: string, practiceId: string, input: EndpointInput, now: Date, development: boolean): Promise<WebhookEndpointView & { secret: string }> {
  const url = checkEndpointUrl(input.url, development);
  const secret = newSigningSecret();
  const row = await db.transaction().execute(async (trx) => {
    // Counted under a row of the practice's own, so two requests cannot both take the last place.
    const lockKey = `webhook_endpoints:${practiceId}`;
    await trx.insertInto('meta').values({ key: lockKey, value: '' }).onConflict((oc) => oc.column('key').doNothing()).execute();
    await trx.selectFrom('meta').select('key').where('key', '=', lockKey).forUpdate().execute();
    const { n } = await trx.selectFrom('webhook_endpoints').select((eb) => eb.fn.countAll<string>().as('n')).where('practice_id', '=', practiceId).executeTakeFirstOrThrow();
    if (Number(n) >= MAX_ENDPOINTS) throw new DomainError('too_many_webhook_endpoints', `A practice may register at most ${MAX_ENDPOINTS} webhook endpoints.`);
    return trx
      .insertInto('webhook_endpoints')
      .values({
        id: `we_${randomUUID().replace(/-/g, '')}`,
        practice_id: practiceId,
        url,
        description: input.description ?? null,
        event_types: [...new Set(input.eventTypes)],
        secret_sealed: sealSecret(serverSecret, secret),
        status: 'enabled',
        disabled_reason: null,
        failing_since: null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  return { ...endpointView(row), secret };
}

export async function listEndpoints(db: Db, practiceId: string): Promise<WebhookEndpointView[]> {
  const rows = await db.selectFrom('webhook_endpoints').selectAll().where('practice_id', '=', practiceId).orderBy('created_at').orderBy('id').execute();
  return rows.map(endpointView);
}

export async function getEndpoint(db: Db, practiceId: string, id: string): Promise<WebhookEndpointView> {
  const row = await db.selectFrom('webhook_endpoints').selectAll().where('practice_id', '=', practiceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return endpointView(row);
}

/** Changes an endpoint; `enabled: true` turns a disabled one back on, its failures forgotten. */
export async function updateEndpoint(
  db: Db,
  practiceId: string,
  id: string,
  input: Partial<EndpointInput> & { readonly enabled?: boolean | undefined },
  now: Date,
  development: boolean,
): Promise<WebhookEndpointView> {
  const url = input.url === undefined ? undefined : checkEndpointUrl(input.url, development);
  const row = await db
    .updateTable('webhook_endpoints')
    .set({
      ...(url === undefined ? {} : { url }),
      ...(input.eventTypes === undefined ? {} : { event_types: [...new Set(input.eventTypes)] }),
      ...(input.description === undefined ? {} : { description: input.description }),
      ...(input.enabled === true ? { status: 'enabled', disabled_reason: null, failing_since: null, failures_in_row: 0 } : {}),
      ...(input.enabled === false ? { status: 'disabled', disabled_reason: 'disabled_by_practice' } : {}),
      updated_at: now,
    })
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound();
  return endpointView(row);
}

/** Removes an endpoint and its delivery log: nothing more is sent to it. */
export async function deleteEndpoint(db: Db, practiceId: string, id: string): Promise<void> {
  const deleted = await db.deleteFrom('webhook_endpoints').where('practice_id', '=', practiceId).where('id', '=', id).executeTakeFirst();
  if (deleted.numDeletedRows === 0n) throw notFound();
}

function deliveryView(row: DeliveryRow & { event_public_id: string; event_type: EventType }): WebhookDeliveryView {
  return {
    id: row.id,
    eventId: row.event_public_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? iso(row.next_attempt_at) : null,
    lastAttemptAt: iso(row.last_attempt_at),
    responseStatus: row.response_status,
    lastError: row.last_error,
    replayOf: row.replay_of,
    createdAt: new Date(row.created_at).toISOString(),
    deliveredAt: iso(row.delivered_at),
  };
}

function deliveries(db: Db) {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('events as e', 'e.id', 'd.event_id')
    .selectAll('d')
    .select(['e.public_id as event_public_id', 'e.type as event_type']);
}

/** The delivery log of an endpoint, newest first; `before` is a delivery id from an earlier page. */
export async function listDeliveries(db: Db, practiceId: string, endpointId: string, limit: number, before: string | undefined): Promise<{ data: WebhookDeliveryView[]; hasMore: boolean }> {
  await getEndpoint(db, practiceId, endpointId);
  let query = deliveries(db).where('d.endpoint_id', '=', endpointId).where('d.practice_id', '=', practiceId);
  if (before !== undefined) {
    const mark = await db.selectFrom('webhook_deliveries').select(['created_at', 'id']).where('id', '=', before).where('endpoint_id', '=', endpointId).executeTakeFirst();
    if (!mark) throw new DomainError('webhook_delivery_not_found', 'There is no such delivery for this endpoint.', { details: { param: 'before' } });
    query = query.where((eb) => eb.or([eb('d.created_at', '<', mark.created_at), eb.and([eb('d.created_at', '=', mark.created_at), eb('d.id', '<', mark.id)])]));
  }
  const rows = await query.orderBy('d.created_at', 'desc').orderBy('d.id', 'desc').limit(limit + 1).execute();
  return { data: rows.slice(0, limit).map(deliveryView), hasMore: rows.length > limit };
}

/**
 * Sends a delivery's event again, as a new delivery due now (same `webhook-id`, so a receiver
 * that keeps the ids it acknowledged knows it; a fresh timestamp and signature).
 */
export async function replayDelivery(db: Db, practiceId: string, endpointId: string, deliveryId: string, now: Date): Promise<WebhookDeliveryView> {
  const endpoint = await getEndpoint(db, practiceId, endpointId);
  if (endpoint.status !== 'enabled') throw new DomainError('webhook_endpoint_disabled', 'This endpoint is disabled; enable it before replaying to it.');
  const original = await db.selectFrom('webhook_deliveries').select(['id', 'event_id']).where('id', '=', deliveryId).where('endpoint_id', '=', endpointId).executeTakeFirst();
  if (!original) throw new DomainError('webhook_delivery_not_found', 'There is no such delivery for this endpoint.');
  const id = `whd_${randomUUID().replace(/-/g, '')}`;
  await db
    .insertInto('webhook_deliveries')
    .values({ id, event_id: original.event_id, endpoint_id: endpointId, practice_id: practiceId, status: 'pending', next_attempt_at: now, replay_of: original.id, created_at: now, last_attempt_at: null, response_status: null, last_error: null, delivered_at: null })
    .execute();
  return deliveryView(await deliveries(db).where('d.id', '=', id).executeTakeFirstOrThrow());
}
