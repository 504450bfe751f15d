import { createBillPayConnection, type BillPayConnection } from '@billpay/sdk/connection';

/** The origin this module was served from, when that is a web origin (the script-tag embed). */
export function defaultApi(): string {
  try {
    const url = new URL(import.meta.url);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : '';
  } catch {
    return '';
  }
}

/** One connection per API and practice on the page: elements used on their own share its session. */
const connections = new Map<string, BillPayConnection>();

/**
 * A connection from `api`/`practice` attributes, for elements used on their own on a page: the
 * page's one for the pair, or (`shared: false`, for `<bill-pay>`, a whole flow with its own
 * session) a new one.
 */
export function connectionFromAttributes(api: string, practice: string, shared = true): BillPayConnection | undefined {
  const base = api || defaultApi();
  if (!base || !practice) return undefined;
  if (!shared) return createBillPayConnection({ api: base, practice });
  const key = `${base}\n${practice}`;
  let connection = connections.get(key);
  if (!connection) {
    connection = createBillPayConnection({ api: base, practice });
    connections.set(key, connection);
  }
  return connection;
}
