import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import ipaddr from 'ipaddr.js';
import { Agent, fetch as undiciFetch } from 'undici';

/**
 * Where webhooks may go: addresses on the public internet only. A practice's endpoint URL is
 * chosen by whoever holds a `webhooks` key; without this, it could point billpay at the machine's
 * own services, the cloud's metadata address (169.254.169.254) or the practice network behind it
 * and use the delivery log to read their answers' statuses (server-side request forgery).
 *
 * The check is made twice: when an endpoint is registered (an address written in the URL), and on
 * every connection (each address its name resolves to, at the moment of connecting, so a name
 * that resolves to a public address at registration and a private one later, DNS rebinding, is
 * refused too). Loopback is allowed in development only, for a receiver on the same machine.
 */

/** The error code a refused connection carries (its `cause`, in fetch's error). */
export const ADDRESS_NOT_ALLOWED = 'EADDRNOTALLOWED';

/** Whether a webhook may be sent to `address` (an IPv4 or IPv6 literal, without brackets). */
export function addressAllowed(address: string, allowLoopback: boolean): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  return range === 'unicast' || (allowLoopback && range === 'loopback');
}

/** The address a URL's host names literally (`10.0.0.1`, `[::1]` without brackets), if it is one. */
export function literalAddress(hostname: string): string | undefined {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : undefined;
}

function refused(host: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${host} is not an address webhooks may be sent to`), { code: ADDRESS_NOT_ALLOWED });
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** `dns.lookup` for connections: every address the name resolves to must be allowed. */
function guardedLookup(allowLoopback: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      if (addresses.length === 0 || addresses.some((a) => !addressAllowed(a.address, allowLoopback))) return callback(refused(hostname), []);
      if (options.all) return callback(null, addresses);
      const [first] = addresses as [LookupAddress];
      callback(null, first.address, first.family);
    });
  };
}

/**
 * `fetch` that connects only to allowed addresses: a name through the guarded lookup, an address
 * written in the URL checked before anything is sent. Refusals fail like an unreachable host,
 * with `ADDRESS_NOT_ALLOWED` as the error's cause code.
 */
export function guardedFetch(allowLoopback: boolean): typeof fetch {
  const made = guardedFetches.get(allowLoopback);
  if (made) return made;
  const dispatcher = new Agent({ connect: { lookup: guardedLookup(allowLoopback) } });
  const guarded = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const literal = literalAddress(url.hostname);
    if (literal !== undefined && !addressAllowed(literal, allowLoopback)) throw new TypeError('fetch failed', { cause: refused(url.hostname) });
    return undiciFetch(url, { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher });
  }) as typeof fetch;
  guardedFetches.set(allowLoopback, guarded);
  return guarded;
}

/** One connection pool for each setting, kept for the process. */
const guardedFetches = new Map<boolean, typeof fetch>();

/** Whether a fetch error is a refusal of the destination's address. */
export function isAddressRefusal(error: unknown): boolean {
  return (error as { cause?: { code?: unknown } } | undefined)?.cause?.code === ADDRESS_NOT_ALLOWED;
}
