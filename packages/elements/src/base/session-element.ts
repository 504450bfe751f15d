import type { BillPayConnection } from '@billpay/sdk/connection';
import { connectionFromAttributes } from '../connection-from-attributes.js';
import { SessionBase } from './session-base.js';

/**
 * The base of the elements that talk to the billing API: inside `<bill-pay>` they use the
 * connection and practice it provides; on their own, `practice` and `api` make a connection (shared
 * by every element of the page with the same two, so a bill found by `<bill-lookup>` is the session
 * `<pay-form>` pays with); a `client` overrides both with its connection. Each element calls the
 * operations it needs as functions over `activeConnection`, so its bundle leaves out the rest of
 * the SDK.
 */
export class SessionElement extends SessionBase {
  /** The connection to call the API over, if there is one yet: the client's, `<bill-pay>`'s, or the page's for `api` and `practice`. */
  protected get activeConnection(): BillPayConnection | undefined {
    return this.client?.connection ?? this.contextConnection ?? connectionFromAttributes(this.api, this.practice);
  }
}
