import { waitUntil as openWcWaitUntil } from '@open-wc/testing';

/**
 * `waitUntil` from @open-wc/testing, with time for a loaded CI machine: its default of one second
 * is less than a fake API round trip and a render can take there. Polls every 50 ms for up to 8 s
 * (as the stories' `until` does); a test that passes still passes as soon as the condition holds.
 */
export function waitUntil(predicate: () => unknown, message?: string, options: { interval?: number; timeout?: number } = {}): Promise<void> {
  return openWcWaitUntil(predicate, message, { interval: 50, timeout: 8_000, ...options });
}
