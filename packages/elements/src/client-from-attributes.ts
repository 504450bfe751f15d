import { createBillPayClient } from '@billpay/sdk/core';
import type { BillPayClient } from '@billpay/sdk';

/** The origin this module was served from, when that is a web origin (the script-tag embed). */
export function defaultApi(): string {
  try {
    const url = new URL(import.meta.url);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : '';
  } catch {
    return '';
  }
}

/** One client per API and practice on the page: elements used on their own share its session. */
const clients = new Map<string, BillPayClient>();

/**
 * A client from `api`/`practice` attributes, for elements used on their own on a page: the page's
 * one for the pair, or (`shared: false`, for `<bill-pay>`, a whole flow with its own session) a new one.
 */
export function clientFromAttributes(api: string, practice: string, shared = true): BillPayClient | undefined {
  const base = api || defaultApi();
  if (!base || !practice) return undefined;
  if (!shared) return createBillPayClient({ api: base, practice });
  const key = `${base}\n${practice}`;
  let client = clients.get(key);
  if (!client) {
    client = createBillPayClient({ api: base, practice });
    clients.set(key, client);
  }
  return client;
}
