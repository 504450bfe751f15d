/**
 * A real OpenID Connect provider (oidc-provider) on a random port of 127.0.0.1, for single
 * sign-on tests: one confidential client, accounts the test names, and its development
 * interactions (a login form that takes any login, then a consent form), which `signIn` fills in
 * the way a person's browser would, following redirects and keeping the provider's cookies.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface IdpAccount {
  readonly email?: string;
  readonly emailVerified?: boolean;
}

export interface TestIdp {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Accounts by login, which is also their subject (`sub`). */
  readonly accounts: Map<string, IdpAccount>;
  /**
   * Signs in at the provider as `login`, from the authorization URL the server sent the browser
   * to, and gives back the URL the provider then sends the browser to (the redirect URI, with
   * `code`, `state` and `iss`, or with `error`).
   */
  signIn(authorizationUrl: string, login: string): Promise<URL>;
  close(): Promise<void>;
}

export async function startTestIdp(redirectUri: string): Promise<TestIdp> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'billpay-console';
  const clientSecret = `idp-client-secret-${Math.random().toString(36).slice(2)}-0123456789`;
  const accounts = new Map<string, IdpAccount>();
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], response_types: ['code'], grant_types: ['authorization_code'], token_endpoint_auth_method: 'client_secret_basic' }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    pkce: { required: () => true },
    cookies: { keys: ['test-idp-cookie-key-0123456789abcdef'] },
    findAccount: (_ctx, id) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, ...(account.email === undefined ? {} : { email: account.email }), ...(account.emailVerified === undefined ? {} : { email_verified: account.emailVerified }) }),
      };
    },
  });
  const handle = provider.callback();
  server.on('request', (request, response) => void handle(request, response));

  async function signIn(authorizationUrl: string, login: string): Promise<URL> {
    const jar = new Map<string, string>();
    let url = authorizationUrl;
    let init: { method: string; body?: URLSearchParams } = { method: 'GET' };
    for (let hop = 0; hop < 20; hop++) {
      const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
      const response = await fetch(url, { ...init, redirect: 'manual', headers: cookie ? { cookie } : {} });
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        const [name, value] = [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
        if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
        else jar.set(name, value);
      }
      const location = response.headers.get('location');
      if (location) {
        await response.arrayBuffer();
        const next = new URL(location, url);
        if (next.href.startsWith(redirectUri)) return next;
        url = next.href;
        init = { method: 'GET' };
        continue;
      }
      const page = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
      if (!action || !prompt) throw new Error(`The provider answered ${response.status} without a form or a redirect: ${page.slice(0, 300)}`);
      url = new URL(action, url).href;
      init = { method: 'POST', body: new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt }) };
    }
    throw new Error('The provider never sent the browser back.');
  }

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    signIn,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
