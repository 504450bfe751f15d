import { createBillPayClient, type BillPayClient } from '@billpay/sdk/client';
import type { BillPayConnection } from '@billpay/sdk/connection';
import { connectionFromAttributes } from '../connection-from-attributes.js';
import { SessionElement } from './session-element.js';

/** The page's client over each shared connection, so an element sees the same client each time. */
const clients = new WeakMap<BillPayConnection, BillPayClient>();

/**
 * A client from `api`/`practice` attributes, for elements used on their own on a page: the page's
 * one for the pair (over the connection `<bill-lookup>` shares), or (`shared: false`, for
 * `<bill-pay>`, a whole flow with its own session) a new one.
 */
export function clientFromAttributes(api: string, practice: string, shared = true): BillPayClient | undefined {
  const connection = connectionFromAttributes(api, practice, shared);
  if (!connection) return undefined;
  if (!shared) return createBillPayClient(connection);
  let client = clients.get(connection);
  if (!client) {
    client = createBillPayClient(connection);
    clients.set(connection, client);
  }
  return client;
}

/**
 * The base of the elements that call the API through the SDK's client object (see
 * `SessionElement` for where the client comes from). In one module with `clientFromAttributes`,
 * which `<bill-pay>` loads first, so the class arrives with it rather than with each form.
 */
export class ConnectedElement extends SessionElement {
  /** The client to call the API with, if there is one yet. */
  protected get activeClient(): BillPayClient | undefined {
    return this.client ?? this.contextClient ?? clientFromAttributes(this.api, this.practice);
  }
}
