/**
 * Single sign-on into the billing office console, end to end in Chromium: the practice's OpenID
 * Connect provider is a real one (oidc-provider, started here on loopback) configured for the
 * practice as `pnpm billpay staff sso set` does; a member of staff presses "Sign in with your
 * organization", signs in on the provider's own login form, and is back in the console signed in.
 * A refused sign-on (an unverified email) comes back as a message in words, in Spanish too, and
 * the error leaves the address. Each screen is checked with axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addStaff, DEMO_PRACTICE_ID, setSso } from '@billpay/server';
import type { Page } from 'playwright-core';
import { startTestIdp, type TestIdp } from '../../packages/server/test/support/oidc-provider.js';
import { accessible } from './console-axe.js';
import { startHarness, type Harness } from './support.js';

const SECRET = 'e2e-console-sso-secret-0123456789abcdefghij';

describe('single sign-on into the billing office console', () => {
  let harness: Harness;
  let idp: TestIdp;
  before(async () => {
    // Development mode: the test's provider is on plain http on this machine's loopback.
    harness = await startHarness({ console: true, secret: SECRET, development: true });
    // The console's origin is localhost (see startHarness): the provider sends the browser back there.
    idp = await startTestIdp(`http://localhost:${new URL(harness.server.url).port}/console/sso/callback`);
    const { db } = harness.server.database;
    const now = new Date();
    await addStaff(db, { practiceId: DEMO_PRACTICE_ID, email: 'sam@harbor.example', role: 'billing', now });
    await addStaff(db, { practiceId: DEMO_PRACTICE_ID, email: 'una@harbor.example', role: 'billing', now });
    idp.accounts.set('sam', { email: 'sam@harbor.example', emailVerified: true });
    idp.accounts.set('una', { email: 'una@harbor.example', emailVerified: false });
    await setSso(db, SECRET, { practiceId: DEMO_PRACTICE_ID, issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, emailDomains: [] }, now);
  });
  after(async () => {
    await idp?.close();
    await harness?.close();
  });

  /** The provider's development login form, then its consent form, as a person fills them in. */
  async function signInAtProvider(page: Page, login: string) {
    await page.waitForURL((url) => url.href.startsWith(idp.issuer));
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any password');
    await page.locator('input[name="password"]').press('Enter');
    const consent = page.locator('button[type="submit"]');
    await consent.waitFor();
    await consent.press('Enter');
  }

  it('a member of staff signs in through the practice’s identity provider, by keyboard', async () => {
    const { page, problems } = await harness.newPage({ width: 1280 });
    await page.goto(`${harness.server.url}/console/`);
    await page.getByRole('heading', { name: 'Sign in to the billing office console' }).waitFor();
    await accessible(page, 'sign-in with single sign-on');
    // No practice yet: the button says what is missing, at the field.
    await page.getByRole('button', { name: 'Sign in with your organization' }).press('Enter');
    await page.getByText('Enter your practice id.').waitFor();
    await page.getByLabel('Practice ID').fill(DEMO_PRACTICE_ID);
    // Only the first session check's 401 (no session yet) so far.
    assert.deepEqual(problems, ['console: Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
    await page.getByRole('button', { name: 'Sign in with your organization' }).press('Enter');
    // (What the provider's own development pages log, e.g. an outside address this machine cannot reach, is not the console's.)
    await signInAtProvider(page, 'sam');
    await page.getByRole('heading', { name: 'Find an account' }).waitFor();
    const back = problems.length;
    await page.getByText('Signed in as sam@harbor.example (billing)').waitFor();
    assert.equal(new URL(page.url()).pathname, '/console/');
    await accessible(page, 'signed in through the organization');
    assert.deepEqual(problems.slice(back), []);
    await page.context().close();
  });

  it('a refused sign-on comes back in words, in Spanish too, and leaves the address', async () => {
    const { page } = await harness.newPage({ width: 390, locale: 'es-US' });
    await page.goto(`${harness.server.url}/console/`);
    await page.getByLabel('ID de la consulta').fill(DEMO_PRACTICE_ID);
    await page.getByRole('button', { name: 'Iniciar sesión con su organización' }).click();
    await signInAtProvider(page, 'una');
    await page.getByRole('alert').filter({ hasText: 'Su organización no ha verificado su correo electrónico' }).waitFor();
    const address = new URL(page.url());
    assert.equal(address.pathname, '/console/sign-in');
    assert.equal(address.search, '', 'the error code leaves the address once read');
    await accessible(page, 'refused single sign-on');
    await page.getByRole('button', { name: 'View the console in English' }).click();
    await page.getByRole('alert').filter({ hasText: 'Your organization has not verified your email address' }).waitFor();

    // A practice without single sign-on says so.
    await page.getByLabel('Practice ID').fill('no-such-practice');
    await page.getByRole('button', { name: 'Sign in with your organization' }).click();
    await page.getByRole('alert').filter({ hasText: 'Single sign-on is not set up for this practice.' }).waitFor();
    await page.context().close();
  });
});
