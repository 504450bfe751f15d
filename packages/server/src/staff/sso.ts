import type { Kysely } from 'kysely';
import * as oidc from 'openid-client';
import type { Database } from '../db/schema.js';
import { guardedFetch } from '../webhooks/destination.js';
import { normalEmail, type StaffRow } from './accounts.js';
import { seal, unseal } from '../security/seal.js';
import { clientSecretOf, findSso, plainHttpIssuer, type SsoRow } from './sso-config.js';

/** Where the identity provider sends staff back: register `<console origin>/console/sso/callback` with it. */
export const SSO_CALLBACK_PATH = '/console/sso/callback';
/** How long a sign-in at the identity provider may take, from leaving the console to coming back. */
export const SSO_FLOW_TTL_MS = 10 * 60_000;
/** How long a provider's discovery document (endpoints, keys' location) is used before it is read again. */
const DISCOVERY_TTL_MS = 60 * 60_000;
/** Every call to the identity provider (discovery, token, keys, user info) gives up after this. */
const IDP_TIMEOUT_SECONDS = 10;
const FLOW_SEAL = 'staff_sso_flow';
const UNIQUE_VIOLATION = '23505';

/** Why a single sign-on did not sign anyone in: the code the console is sent back with (`?error=`). */
export type SsoFailure =
  /** The practice has no single sign-on, or it is turned off. */
  | 'sso_not_enabled'
  /** The browser came back without a live sign-in of ours (none started, another browser, too late, or tampered with). */
  | 'sso_expired'
  /** The provider's answer did not hold up: wrong state, code, issuer, signature, nonce... */
  | 'sso_failed'
  /** The person stopped at the provider, or it refused them. */
  | 'sso_cancelled'
  /** The provider did not answer in time, or not as a provider. */
  | 'sso_unreachable'
  /** The provider did not say the email address is verified. */
  | 'sso_email_unverified'
  /** No enabled member of the practice's staff has that email (or its domain is not allowed). */
  | 'sso_not_staff'
  /** The email is staff's, but their account is bound to another identity at the provider. */
  | 'sso_account_mismatch'
  /** Too many failed sign-ins from this address. */
  | 'sso_locked';

export class SsoError extends Error {
  constructor(
    readonly code: SsoFailure,
    /** The member of staff concerned, when known (for the audit trail only). */
    readonly staffId?: string,
    /** What went wrong, for the log: an error's name and code, never a token or an email. */
    readonly reason?: string,
  ) {
    super(code);
    this.name = 'SsoError';
  }
}

/** A sign-in in progress, kept sealed in the browser's short-lived cookie: the checks its return must pass. */
export interface SsoFlow {
  readonly practiceId: string;
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  readonly expiresAt: number;
}

export function sealFlow(serverSecret: string, flow: SsoFlow): string {
  return seal(serverSecret, FLOW_SEAL, JSON.stringify(flow));
}

/** The flow a cookie holds, if it is ours, whole and live. */
export function openFlow(serverSecret: string, sealed: string | undefined, now: Date): SsoFlow | undefined {
  if (!sealed || sealed.length > 2_000) return undefined;
  try {
    const flow = JSON.parse(unseal(serverSecret, FLOW_SEAL, sealed)) as SsoFlow;
    return typeof flow.expiresAt === 'number' && flow.expiresAt > now.getTime() ? flow : undefined;
  } catch {
    return undefined;
  }
}

export interface SsoEnvironment {
  readonly db: Kysely<Database>;
  readonly secret: string;
  /** The console's origin: the redirect URI is on it. */
  readonly consoleOrigin: string;
  /** Development mode: an issuer on plain http to this machine's loopback is allowed. */
  readonly development: boolean;
}

/**
 * Staff single sign-on with OpenID Connect (openid-client): the authorization code flow with
 * PKCE, state and nonce, against the practice's own identity provider. Each provider's discovery
 * is kept for an hour (per settings: a changed client or issuer is discovered anew); its keys are
 * openid-client's to fetch and refresh. Calls to providers are bounded by a timeout and may not
 * reach private addresses (loopback in development only), like webhooks.
 */
export function ssoClient(env: SsoEnvironment) {
  const discovered = new Map<string, { version: string; expiresAt: number; config: Promise<oidc.Configuration> }>();
  const redirectUri = `${env.consoleOrigin}${SSO_CALLBACK_PATH}`;

  async function enabledSso(practiceId: string): Promise<SsoRow> {
    const sso = await findSso(env.db, practiceId);
    if (!sso?.enabled || (plainHttpIssuer(sso.issuer) && !env.development)) throw new SsoError('sso_not_enabled');
    return sso;
  }

  function configuration(sso: SsoRow): Promise<oidc.Configuration> {
    const version = `${sso.issuer}\u0000${sso.client_id}\u0000${sso.client_secret}`;
    const cached = discovered.get(sso.practice_id);
    if (cached && cached.version === version && cached.expiresAt > Date.now()) return cached.config;
    const config = oidc.discovery(new URL(sso.issuer), sso.client_id, undefined, oidc.ClientSecretBasic(clientSecretOf(env.secret, sso)), {
      timeout: IDP_TIMEOUT_SECONDS,
      [oidc.customFetch]: guardedFetch(env.development) as oidc.CustomFetch,
      // Deprecated only to stand out: a loopback issuer, in development only (see enabledSso).
      // eslint-disable-next-line @typescript-eslint/no-deprecated
      ...(plainHttpIssuer(sso.issuer) ? { execute: [oidc.allowInsecureRequests] } : {}),
    });
    const entry = { version, expiresAt: Date.now() + DISCOVERY_TTL_MS, config };
    discovered.set(sso.practice_id, entry);
    // A failed discovery is not kept: the next sign-in tries again.
    config.catch(() => {
      if (discovered.get(sso.practice_id) === entry) discovered.delete(sso.practice_id);
    });
    return config.catch((error: unknown) => {
      throw new SsoError('sso_unreachable', undefined, describe(error));
    });
  }

  /** Where to send the browser to sign in at the practice's provider, and the flow to keep in its cookie. */
  async function begin(practiceId: string, now: Date): Promise<{ url: URL; flow: SsoFlow }> {
    const sso = await enabledSso(practiceId);
    const config = await configuration(sso);
    const flow: SsoFlow = {
      practiceId,
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      expiresAt: now.getTime() + SSO_FLOW_TTL_MS,
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email',
      response_type: 'code',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, flow };
  }

  /**
   * The member of staff the provider's answer signs in: the code exchanged (with the flow's PKCE
   * verifier, state and nonce checked, the ID token's signature, issuer, audience and times
   * verified by openid-client); the email, verified, from the ID token or else from the user
   * info endpoint for the ID token's subject; an enabled member of the practice's staff with that
   * email (never created here); and their subject at this provider, recorded the first time and
   * required to match every time after.
   */
  async function finish(flow: SsoFlow, search: string): Promise<StaffRow> {
    const sso = await enabledSso(flow.practiceId);
    const config = await configuration(sso);
    const claims = await idpCall(async () => {
      const tokens = await oidc.authorizationCodeGrant(config, new URL(`${redirectUri}${search}`), {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims()!;
      if (typeof idToken.email === 'string' && idToken.email_verified !== undefined) return idToken;
      const userInfo = await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub);
      return { ...userInfo, sub: idToken.sub };
    });
    if (claims.email_verified !== true) throw new SsoError('sso_email_unverified');
    const email = typeof claims.email === 'string' ? normalEmail(claims.email) : undefined;
    if (!email) throw new SsoError('sso_email_unverified', undefined, 'no email');
    const domain = email.slice(email.lastIndexOf('@') + 1);
    if (sso.email_domains.length && !sso.email_domains.includes(domain)) throw new SsoError('sso_not_staff', undefined, 'email domain not allowed');
    const staff = await env.db.selectFrom('staff').selectAll().where('practice_id', '=', sso.practice_id).where('email', '=', email).executeTakeFirst();
    if (!staff || staff.disabled_at !== null) throw new SsoError('sso_not_staff', staff?.id);
    if (staff.sso_issuer === sso.issuer) {
      if (staff.sso_subject !== claims.sub) throw new SsoError('sso_account_mismatch', staff.id);
      return staff;
    }
    // First sign-in through this provider: bind the subject, unless another sign-in bound one first.
    try {
      const bound = await env.db
        .updateTable('staff')
        .set({ sso_issuer: sso.issuer, sso_subject: claims.sub })
        .where('id', '=', staff.id)
        .where((eb) => eb.or([eb('sso_issuer', 'is', null), eb('sso_issuer', '!=', sso.issuer)]))
        .returningAll()
        .executeTakeFirst();
      if (!bound) throw new SsoError('sso_account_mismatch', staff.id, 'bound meanwhile');
      return bound;
    } catch (error) {
      // The subject is another member's of this practice (the unique index): not theirs to use.
      if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
      throw new SsoError('sso_account_mismatch', staff.id, 'subject held by other staff');
    }
  }

  return { begin, finish, redirectUri };
}

export type SsoClient = ReturnType<typeof ssoClient>;

/** A provider call's failures as sign-in failures: what the provider said, or that it did not answer. */
async function idpCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof oidc.AuthorizationResponseError) {
      throw new SsoError(error.error === 'access_denied' || error.error === 'login_required' ? 'sso_cancelled' : 'sso_failed', undefined, `provider: ${error.error}`);
    }
    const unreachable = error instanceof TypeError || (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'));
    throw new SsoError(unreachable ? 'sso_unreachable' : 'sso_failed', undefined, describe(error));
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${error.name} ${code}` : error.name;
}
