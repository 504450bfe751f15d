import { HealthSchema, type Health } from '../schemas.js';
import { stateOf, type BillPayConnection, type CallOptions } from './connection.js';
import { request } from './request.js';

/** Liveness of the API and which database it runs on. */
export function getHealth(connection: BillPayConnection, { signal }: CallOptions = {}): Promise<Health> {
  return request(stateOf(connection).http, 'v1/health', HealthSchema, { signal });
}
