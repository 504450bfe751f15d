import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.js';
import type { StaffSsoTable } from '../db/sso-migration.js';
import { seal, unseal } from '../security/seal.js';

type Db = Kysely<Database>;
export type SsoRow = Selectable<StaffSsoTable>;

const CLIENT_SECRET_SEAL = 'staff_sso_client_secret';
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A practice's single sign-on as `sso show` prints it: never the client secret. */
export interface SsoView {
  readonly practiceId: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly emailDomains: readonly string[];
  readonly enabled: boolean;
  readonly updatedAt: string;
}

export interface SsoSettings {
  readonly practiceId: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly emailDomains: readonly string[];
}

export class SsoConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SsoConfigError';
  }
}

/**
 * An issuer as discovery takes it: an https URL without query or fragment (trailing slash kept,
 * since the issuer is compared exactly). Plain http is taken for the machine's own loopback only,
 * and the server uses it in development mode only (see sso.ts).
 */
export function issuerUrl(issuer: string): string {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new SsoConfigError(`The issuer must be a URL such as https://login.example.com, not "${issuer}".`);
  }
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if ((url.protocol !== 'https:' && !loopbackHttp) || url.search || url.hash || url.username || url.password || issuer.length > 500) {
    throw new SsoConfigError(`The issuer must be an https URL without query or fragment, such as https://login.example.com, not "${issuer}".`);
  }
  return issuer;
}

/** Whether an issuer is one the server reaches over plain http (its own loopback, development only). */
export function plainHttpIssuer(issuer: string): boolean {
  return new URL(issuer).protocol === 'http:';
}

/** Email domains as kept: lower case, each a domain name; none repeated. */
export function emailDomains(domains: readonly string[]): string[] {
  const normal = [...new Set(domains.map((domain) => domain.trim().toLowerCase().replace(/^@/, '')))];
  const bad = normal.find((domain) => !DOMAIN.test(domain));
  if (bad !== undefined) throw new SsoConfigError(`"${bad}" is not an email domain such as harbor.example.`);
  if (normal.length > 20) throw new SsoConfigError('Name at most 20 email domains.');
  return normal;
}

function checkSettings(settings: SsoSettings): void {
  issuerUrl(settings.issuer);
  if (!/^[\x21-\x7e]{1,255}$/.test(settings.clientId)) throw new SsoConfigError('The client id must be 1 to 255 printable characters without spaces.');
  if (!/^[\x21-\x7e]{1,1024}$/.test(settings.clientSecret)) throw new SsoConfigError('The client secret must be 1 to 1024 printable characters without spaces.');
  emailDomains(settings.emailDomains);
}

/** Sets a practice's identity provider and enables single sign-on through it; the secret is kept sealed. */
export async function setSso(db: Db, serverSecret: string, settings: SsoSettings, now: Date): Promise<SsoView> {
  checkSettings(settings);
  const values = {
    issuer: settings.issuer,
    client_id: settings.clientId,
    client_secret: seal(serverSecret, CLIENT_SECRET_SEAL, settings.clientSecret),
    email_domains: emailDomains(settings.emailDomains),
    enabled: true,
    updated_at: now,
  };
  const row = await db
    .insertInto('staff_sso')
    .values({ practice_id: settings.practiceId, ...values })
    .onConflict((oc) => oc.column('practice_id').doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return ssoView(row);
}

export async function findSso(db: Db, practiceId: string): Promise<SsoRow | undefined> {
  return db.selectFrom('staff_sso').selectAll().where('practice_id', '=', practiceId).executeTakeFirst();
}

/** Turns a practice's single sign-on off (its settings are kept, `set` turns it on again); `undefined` when there is none. */
export async function disableSso(db: Db, practiceId: string, now: Date): Promise<SsoView | undefined> {
  const row = await db.updateTable('staff_sso').set({ enabled: false, updated_at: now }).where('practice_id', '=', practiceId).returningAll().executeTakeFirst();
  return row && ssoView(row);
}

export function clientSecretOf(serverSecret: string, row: SsoRow): string {
  return unseal(serverSecret, CLIENT_SECRET_SEAL, row.client_secret);
}

export function ssoView(row: SsoRow): SsoView {
  return {
    practiceId: row.practice_id,
    issuer: row.issuer,
    clientId: row.client_id,
    emailDomains: row.email_domains,
    enabled: row.enabled,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
