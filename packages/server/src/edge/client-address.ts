import type { IncomingMessage } from 'node:http';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import proxyAddr from 'proxy-addr';
import type { Logger } from '../log.js';

/** Which reverse proxies stand in front of a server (see README, "Running behind a proxy"). */
export interface ProxySettings {
  /**
   * Addresses and CIDR ranges of the proxies (e.g. `10.0.0.0/8`, `127.0.0.1`), or proxy-addr's
   * names `loopback`, `linklocal`, `uniquelocal`. Only a request whose connection comes from one of
   * them has its X-Forwarded-For and X-Forwarded-Proto believed. Default: none.
   */
  readonly trustedProxies?: readonly string[] | undefined;
  /** At most how many trusted proxies a request passes, so how far X-Forwarded-For is walked. Default 1. */
  readonly proxyHops?: number | undefined;
}

export class ProxySettingsError extends Error {
  override readonly name = 'ProxySettingsError';
}

export interface ProxyTrust {
  /** Whether the connection's peer is a trusted proxy, whose X-Forwarded-* headers are believed. */
  trusts(peer: string | undefined): boolean;
  /**
   * The client's address: the socket peer when it is not a trusted proxy (its X-Forwarded-For is
   * then ignored, whatever it says); otherwise the first address of X-Forwarded-For, walked from
   * the right, that is not a trusted proxy, going at most `proxyHops` proxies deep (proxy-addr,
   * as Express uses it). Entries further left were written by the client and are never reached
   * unless every proxy between is trusted. `unknown` without a socket.
   */
  clientAddress(peer: string | undefined, forwardedFor: string | undefined): string;
}

/** Compiles the settings; a malformed address or range, or a bad hop count, is a `ProxySettingsError`. */
export function proxyTrust(settings: ProxySettings): ProxyTrust {
  const hops = settings.proxyHops ?? 1;
  if (!Number.isInteger(hops) || hops < 1 || hops > 16) {
    throw new ProxySettingsError(`The proxy hop count must be a whole number from 1 to 16, not ${String(hops)}.`);
  }
  let isProxy: (address: string, index: number) => boolean;
  try {
    isProxy = proxyAddr.compile([...(settings.trustedProxies ?? [])]);
  } catch (error) {
    throw new ProxySettingsError(`A trusted proxy is not an address, a CIDR range or loopback / linklocal / uniquelocal (${(error as Error).message}).`);
  }
  // proxy-addr asks about each address from the socket inwards: i = 0 is the peer itself.
  const withinHops = (address: string, index: number) => index < hops && isProxy(address, index);
  const trusts = (peer: string | undefined) => peer !== undefined && isProxy(peer, 0);
  return {
    trusts,
    clientAddress(peer, forwardedFor) {
      if (peer === undefined) return 'unknown';
      if (!forwardedFor || !trusts(peer)) return peer;
      const request = { headers: { 'x-forwarded-for': forwardedFor }, socket: { remoteAddress: peer } };
      return proxyAddr(request as unknown as IncomingMessage, withinHops);
    },
  };
}

/** The address of the connection's other end (a client, or a proxy); `undefined` without a socket. */
export function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

/**
 * Logs one warning, the first time a request carries X-Forwarded-For from a peer that is not a
 * trusted proxy: behind a proxy, that means the setting is missing and every client shares the
 * proxy's address. No address is logged.
 */
export function warnOfUntrustedForwarding(trust: ProxyTrust, logger: Logger, event: string): MiddlewareHandler {
  let warned = false;
  return async (c, next) => {
    if (!warned && c.req.header('x-forwarded-for') !== undefined && !trust.trusts(socketAddress(c))) {
      warned = true;
      logger.warn({
        event,
        message:
          'A request carried X-Forwarded-For from a peer that is not a trusted proxy; it was ignored. Behind a reverse proxy, set BILLPAY_TRUSTED_PROXIES (README: Running behind a proxy).',
      });
    }
    await next();
  };
}
