import type { Context, MiddlewareHandler } from 'hono';
import { except } from 'hono/combine';
import { secureHeaders } from 'hono/secure-headers';
import { socketAddress, type ProxyTrust } from './client-address.js';

type SecureHeadersOptions = NonNullable<Parameters<typeof secureHeaders>[0]>;

/**
 * Browser features no billpay page uses, refused to every page either server sends (and to
 * anything those pages frame). `payment` stays with the practice API's own pages, whose widget
 * may offer Google Pay or Apple Pay through the Payment Request API.
 */
const DENIED_FEATURES = [
  'camera',
  'microphone',
  'geolocation',
  'displayCapture',
  'usb',
  'serial',
  'hid',
  'bluetooth',
  'midi',
  'publickeyCredentialsGet',
  'browsingTopics',
] as const;

const denied = Object.fromEntries(DENIED_FEATURES.map((feature) => [feature, [] as string[]]));

/**
 * Hono's secure-headers defaults (nosniff, Referrer-Policy no-referrer,
 * Cross-Origin-Opener-Policy and -Resource-Policy same-origin, X-Frame-Options, ...), on every
 * response including 404s and 500s, with `overwrite: false` so a header a handler set itself
 * stays: the demo pages' and the hosted card page's Content-Security-Policy, and
 * Cross-Origin-Resource-Policy: cross-origin on what other sites load (see static.ts, hosted.ts).
 * Strict-Transport-Security is `strictTransportSecurity` below, since it depends on the request.
 */
const common: SecureHeadersOptions = {
  overwrite: false,
  strictTransportSecurity: false,
  xFrameOptions: 'DENY',
};

/** The practice API's and its demo website's headers, for `app.use('*', ...)`. */
export function practiceApiHeaders(trust: ProxyTrust): MiddlewareHandler[] {
  return [secureHeaders({ ...common, permissionsPolicy: { ...denied, payment: ['self'] } }), strictTransportSecurity(trust)];
}

/**
 * The processor's headers, for `app.use('*', ...)`. Its hosted card page (`framedPath`) is framed
 * by the practices' pages, so it has no X-Frame-Options (its Content-Security-Policy's
 * frame-ancestors names the one origin that may frame it, which X-Frame-Options cannot) and may
 * be embedded cross-origin.
 */
export function processorHeaders(trust: ProxyTrust, framedPath: string): MiddlewareHandler[] {
  const options: SecureHeadersOptions = { ...common, permissionsPolicy: { ...denied, payment: [] } };
  return [
    except(framedPath, secureHeaders(options)),
    except((c) => c.req.path !== framedPath, secureHeaders({ ...options, xFrameOptions: false, crossOriginResourcePolicy: 'cross-origin' })),
    strictTransportSecurity(trust),
  ];
}

/**
 * The console's pages' Permissions-Policy (set by http/console-site.ts, kept by `overwrite:
 * false`): everything above denied as on every page, except that staff sign in with passkeys
 * here, so `publickey-credentials-get` and `-create` are allowed to the console's own origin.
 */
export const CONSOLE_PERMISSIONS_POLICY = [
  ...DENIED_FEATURES.filter((feature) => feature !== 'publickeyCredentialsGet').map((feature) => `${feature.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}=()`),
  'payment=()',
  'publickey-credentials-get=(self)',
  'publickey-credentials-create=(self)',
].join(', ');

/** One year, and subdomains too, once the browser has reached the server over TLS. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Strict-Transport-Security, only on answers to requests that came over TLS: on a TLS socket of
 * this server, or through a trusted proxy that says so in X-Forwarded-Proto (its first entry, as
 * Express reads it). Browsers ignore the header over plain HTTP anyway, and a development server
 * on http://localhost must not pin localhost to HTTPS.
 */
export function strictTransportSecurity(trust: ProxyTrust): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (arrivedOverTls(c, trust)) c.header('strict-transport-security', HSTS);
  };
}

function arrivedOverTls(c: Context, trust: ProxyTrust): boolean {
  const bindings = c.env as { incoming?: { socket?: { encrypted?: boolean } } } | undefined;
  if (bindings?.incoming?.socket?.encrypted === true) return true;
  const forwarded = c.req.header('x-forwarded-proto');
  return forwarded !== undefined && forwarded.split(',')[0]?.trim().toLowerCase() === 'https' && trust.trusts(socketAddress(c));
}
