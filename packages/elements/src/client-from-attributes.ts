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

/** A client from `api`/`practice` attributes, for elements used on their own on a page. */
export function clientFromAttributes(api: string, practice: string): BillPayClient | undefined {
  const base = api || defaultApi();
  return base && practice ? createBillPayClient({ api: base, practice }) : undefined;
}
