/**
 * The billing office console end to end, in Chromium against the real server: an admin enrols
 * with a passkey (Chromium's virtual authenticator) and a billing clerk with a password and an
 * authenticator app (codes from otplib); each signs in again their way; the clerk finds Daniela
 * Rivera, sees her account, refunds part of the card payment she made on the demo site and waives
 * her invoicing fee, sends her statement again (one notice for a double press), stops her emails
 * at her request (a confirmation, by keyboard), then signs out. Each screen is checked with axe, and the pages raise no
 * console error and no CSP violation; the search results and the account are compared with their
 * visual snapshots in English and Spanish (test/e2e/snapshots/).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addStaff, enrolmentLink, DEMO_PRACTICE_ID } from '@billpay/server';
import { generate } from 'otplib';
import { accessible, looksAsBefore } from './console-axe.js';
import { fillHostedCard, findBill, hostedCardFrame, RIVERA } from './patient.js';
import { startHarness, type Harness } from './support.js';

const PASSWORD = 'correct horse battery staple';
/** The account page's notices section: the snapshots of the account stop above it. */
const NOTICES = 'section[aria-labelledby="notices-title"]';

describe('the billing office console', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ console: true });
  });
  after(async () => {
    await harness?.close();
  });

  const link = async (email: string, role: 'admin' | 'billing') => {
    const { token } = await addStaff(harness.server.database.db, { practiceId: DEMO_PRACTICE_ID, email, role, now: new Date() });
    return enrolmentLink(harness.server.url, token);
  };
  /** A code of the authenticator app, for a step no earlier than `after` (a code is taken once). */
  const code = async (secret: string, step = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + step * 30 });

  it('is served with a strict CSP and a Permissions-Policy that allows passkeys on its pages only', async () => {
    const page = await fetch(`${harness.server.url}/console/`);
    assert.equal(page.status, 200);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /connect-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(page.headers.get('permissions-policy') ?? '', /publickey-credentials-get=\(self\).*publickey-credentials-create=\(self\)/);
    const demo = await fetch(`${harness.server.url}/pay.html`);
    assert.match(demo.headers.get('permissions-policy') ?? '', /publickey-credentials-get=\(\)/);
    assert.equal((await fetch(`${harness.server.url}/console/accounts/whatever`)).status, 200, 'every console address is its page');
    assert.equal((await fetch(`${harness.server.url}/console/api/nothing`)).status, 401, 'the API is not the page');
  });

  it('an admin enrols with a passkey, signs out, and signs in with it again', async () => {
    const { page, problems } = await harness.newPage({ width: 1280 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
    await page.goto(await link('admin@harbor.example', 'admin'));
    await page.getByRole('heading', { name: 'Set up how you sign in' }).waitFor();
    assert.equal(new URL(page.url()).hash, '', 'the token leaves the address at once');
    await accessible(page, 'enrolment');
    await page.getByRole('button', { name: 'Create a passkey' }).click();
    await page.getByRole('heading', { name: 'Find an account' }).waitFor();
    await page.getByText('Signed in as admin@harbor.example (admin)').waitFor();

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in to the billing office console' }).waitFor();
    await page.getByText('You are signed out.').waitFor();
    await accessible(page, 'sign-in');
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.getByRole('heading', { name: 'Find an account' }).waitFor();
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  it('after 15 minutes idle the session ends: a warning first, then sign-in, then back to the same account', async () => {
    const { page, problems } = await harness.newPage({ width: 390 });
    await page.clock.install();
    await page.goto(await link('idle@harbor.example', 'billing'));
    const secret = (await page.getByTestId('totp-key').innerText()).replace(/\s/g, '');
    await page.getByLabel('New password').fill(PASSWORD);
    await page.getByLabel('Code your authenticator app shows now').fill(await code(secret));
    await page.getByRole('button', { name: 'Finish setup' }).press('Enter');
    await page.getByLabel('Search', { exact: true }).fill('Okafor');
    await page.getByLabel('Search', { exact: true }).press('Enter');
    await page.getByRole('link', { name: 'Okafor, Chidi' }).click();
    await page.getByRole('heading', { name: 'Account of Chidi Okafor' }).waitFor();
    const address = page.url();

    await page.clock.fastForward('13:30');
    await page.getByRole('alert').filter({ hasText: /Your session ends at / }).waitFor();
    await page.clock.fastForward('01:31');
    await page.getByRole('heading', { name: 'Sign in to the billing office console' }).waitFor();
    await page.getByText('Your session ended after 15 minutes without activity. Sign in again to go back to where you were.').waitFor();
    assert.equal(page.url(), address, 'the address stays where they were');
    await accessible(page, 'sign-in after the session ended');

    await page.getByLabel('Email', { exact: true }).fill('idle@harbor.example');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Code from your authenticator app').fill(await code(secret, 1));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Account of Chidi Okafor' }).waitFor();
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  it('five wrong password sign-ins lock the account: the sixth says until when, in Spanish too', async () => {
    const { page, problems } = await harness.newPage({ width: 390, locale: 'es-US' });
    await page.goto(`${harness.server.url}/console/`);
    await page.getByRole('heading', { name: 'Iniciar sesión en la consola de facturación' }).waitFor();
    await page.getByLabel('ID de la consulta').fill(DEMO_PRACTICE_ID);
    await page.getByLabel('Correo electrónico').fill('nobody@harbor.example');
    await page.getByLabel('Contraseña', { exact: true }).fill('not the password at all');
    for (let attempt = 1; attempt <= 6; attempt++) {
      await page.getByLabel('Código de su aplicación de autenticación').fill('123456');
      const answered = page.waitForResponse((response) => response.url().endsWith('/console/api/sign-in/password'));
      await page.getByRole('button', { name: 'Iniciar sesión', exact: true }).click();
      assert.equal((await answered).status(), attempt <= 5 ? 401 : 429);
      const expected = attempt <= 5 ? 'El correo, la contraseña o el código no son correctos.' : 'Demasiados intentos fallidos. Intente de nuevo después de las ';
      await page.getByRole('alert').filter({ hasText: expected }).waitFor();
    }
    assert.equal(await page.getByLabel('Contraseña', { exact: true }).inputValue(), 'not the password at all', 'nothing typed is lost but the used code');
    await accessible(page, 'locked sign-in');
    assert.ok(problems.every((problem) => /status of (401|429)/.test(problem)), problems.join('\n'));
    await page.context().close();
  });

  let paid = '';
  it('(Rivera pays $40.00 of her bill by card on the demo site)', async () => {
    const { page } = await harness.newPage();
    await page.goto(`${harness.server.url}/pay.html`);
    await findBill(page, RIVERA, RIVERA.heading);
    await page.locator('bill-pay').getByRole('button', { name: 'Make a payment' }).click();
    const form = page.locator('pay-form');
    await form.getByRole('radio', { name: 'Another amount' }).check();
    await form.getByLabel('Amount to pay, in dollars').fill('40');
    await form.getByLabel('Amount to pay, in dollars').blur();
    const frame = hostedCardFrame(page);
    await frame.getByLabel('Card number').waitFor();
    await fillHostedCard(frame, { number: '4242424242424242', holder: RIVERA.name });
    await form.getByRole('button', { name: 'Review payment' }).click();
    await form.getByRole('button', { name: 'Pay $40.00' }).click();
    await form.getByRole('heading', { name: 'Thank you. Your payment was received.' }).waitFor();
    paid = 'yes';
    await page.context().close();
  });

  it('a billing clerk enrols with a password and TOTP, signs in with them, finds Rivera, refunds part of her payment, waives her fee, sends her statement again, stops her emails and signs out everywhere', async () => {
    assert.equal(paid, 'yes');
    const { page, problems } = await harness.newPage({ width: 1280 });
    await page.goto(await link('clerk@harbor.example', 'billing'));
    await page.getByRole('heading', { name: 'Set up how you sign in' }).waitFor();
    await page.getByRole('img', { name: 'QR code of your authenticator key' }).waitFor();
    const secret = (await page.getByTestId('totp-key').innerText()).replace(/\s/g, '');
    await page.getByLabel('New password').fill('short');
    await page.getByLabel('Code your authenticator app shows now').fill(await code(secret));
    await page.getByRole('button', { name: 'Finish setup' }).click();
    await page.getByText('Use at least 12 characters.').waitFor();
    assert.equal(await page.evaluate(() => document.querySelector('billpay-console')?.shadowRoot?.querySelector('console-enrol')?.shadowRoot?.activeElement?.id), 'password', 'focus goes to the field to fix');
    await page.getByLabel('New password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Finish setup' }).click();
    await page.getByRole('heading', { name: 'Find an account' }).waitFor();

    // Sign out, then in with email, password and a later code; a wrong code first.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in to the billing office console' }).waitFor();
    assert.equal(await page.getByLabel('Practice ID').inputValue(), DEMO_PRACTICE_ID, 'the practice is remembered');
    await page.getByLabel('Email', { exact: true }).fill('clerk@harbor.example');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Code from your authenticator app').fill('000000');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('The email, password or code is not right. Check them and try again.').waitFor();
    await page.getByLabel('Code from your authenticator app').fill(await code(secret, 1));
    await page.getByLabel('Code from your authenticator app').press('Enter');
    await page.getByRole('heading', { name: 'Find an account' }).waitFor();
    await accessible(page, 'search');

    // Find Rivera by last name and date of birth.
    await page.getByLabel('Search', { exact: true }).fill('Rivera 03/09/1984');
    await page.getByLabel('Search', { exact: true }).press('Enter');
    await page.getByRole('heading', { name: '1 account matches' }).waitFor();
    await accessible(page, 'search results');
    await looksAsBefore(page, 'search-results');
    await page.getByRole('button', { name: 'Ver la consola en español' }).click();
    await page.getByRole('heading', { name: '1 cuenta coincide' }).waitFor();
    await looksAsBefore(page, 'search-results');
    await page.getByRole('button', { name: 'View the console in English' }).click();
    await page.getByRole('heading', { name: '1 account matches' }).waitFor();
    await page.getByRole('link', { name: 'Rivera, Daniela' }).click();
    await page.getByRole('heading', { name: 'Account of Daniela Rivera' }).waitFor();
    await page.getByRole('heading', { name: 'Statements' }).waitFor();
    await accessible(page, 'account');
    // The account down to its notices (which change as the outbox sends them) and audit trail.
    await looksAsBefore(page, 'account', { above: NOTICES });
    assert.match(new URL(page.url()).pathname, /^\/console\/accounts\/[\w-]+$/);

    // Refund $15.00 of the $40.00 payment.
    await page.getByRole('button', { name: /^Refund payment / }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Up to $40.00 can be refunded.').waitFor();
    await dialog.getByLabel('Amount to refund').fill('15');
    await dialog.getByRole('button', { name: 'Review' }).click();
    await dialog.getByText('Choose a reason.').waitFor();
    await dialog.getByLabel('Reason').selectOption({ label: 'The patient asked' });
    await dialog.getByRole('button', { name: 'Review' }).click();
    await accessible(page, 'refund confirmation');
    const refunds: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/refunds')) refunds.push(request.headers()['idempotency-key'] ?? '');
    });
    await dialog.getByRole('button', { name: 'Refund $15.00' }).click();
    await page.getByRole('status').filter({ hasText: /^Refunded \$15\.00 of payment / }).waitFor({ state: 'attached' });
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(refunds.length, 1);
    assert.match(refunds[0]!, /^console-refund-[\w-]{36}$/);
    await page.getByText(/^Refund \$15\.00, done, /).waitFor();

    // Waive the invoicing fee.
    await page.getByRole('button', { name: /^Waive the invoicing fee of / }).click();
    await dialog.getByLabel('Reason').selectOption({ label: 'Goodwill' });
    await dialog.getByRole('button', { name: 'Review' }).click();
    await dialog.getByRole('button', { name: /^Waive \$/ }).click();
    await page.getByRole('status').filter({ hasText: /^Waived a fee of \$/ }).waitFor({ state: 'attached' });
    await page.getByText(/^Waived .*: Goodwill$/).waitFor();

    // Send her newest statement again (she has an email address now): one notice however many clicks.
    await harness.server.database.db.updateTable('accounts').set({ email: 'daniela.rivera@example.com' }).where('practice_id', '=', DEMO_PRACTICE_ID).where('last_name', '=', 'Rivera').execute();
    await page.reload();
    await page.getByRole('heading', { name: 'Notices sent' }).waitFor();
    await page.getByText('No messages have been sent to this patient.').waitFor();
    const resends: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/resend')) resends.push(request.headers()['idempotency-key'] ?? '');
    });
    const resend = page.getByRole('button', { name: 'Send this statement again' }).first();
    await resend.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'The statement is queued for d***@example.com with a new pay link.' }).waitFor({ state: 'attached' });
    assert.equal(resends.length, 1);
    const notices = page.getByRole('table', { name: 'Messages sent or waiting for this account, newest first' });
    await notices.getByRole('row').filter({ hasText: 'Statement ready' }).filter({ hasText: /Waiting to be sent|Held in the outbox|Sent / }).waitFor();
    assert.doesNotMatch(await notices.innerText(), /link=|daniela\.rivera/);

    // At her request, stop her emails: a confirmation showing the words her consent record keeps, by keyboard; honoured at once.
    await page.getByRole('heading', { name: 'Messages', exact: true }).waitFor();
    await page.getByText('On, to d***@example.com').waitFor();
    await page.getByText(/^Staff can only stop messages, at the patient’s request\. Turning email or texts on needs the patient’s own consent/).waitFor();
    await page.getByRole('button', { name: 'Stop emails' }).click();
    const stop = page.getByRole('dialog', { name: 'Stop emails?' });
    await stop.getByText(/^At the patient's request, the billing office of .+ stops email to this address\.$/).waitFor();
    await accessible(page, 'stop emails confirmation');
    await stop.getByRole('button', { name: 'Stop emails' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Emails are stopped.' }).waitFor({ state: 'attached' });
    await stop.waitFor({ state: 'hidden' });
    await page.getByText('The billing office stopped them at the patient’s request.').waitFor();
    await page.getByText(/^Consent taken back by the billing office, /).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Stop emails' }).count(), 0, 'staff cannot turn them on again');
    const focused = () => page.evaluate(() => document.querySelector('billpay-console')?.shadowRoot?.querySelector('console-account')?.shadowRoot?.querySelector('console-messages')?.shadowRoot?.activeElement?.textContent);
    assert.equal(await focused(), 'Emails are stopped.', 'focus lands on what was done');
    await accessible(page, 'messages stopped');

    // The audit trail, read again after the stop, says in words what was done: each visit's reads
    // one row, the stop and the statement sent again by name, the waiver's reason; no route, no id.
    const trail = page.getByRole('table', { name: 'Who did what on this account, newest first' });
    const trailRow = (table: typeof trail, what: string, detail?: string) => (detail ? table.getByRole('row').filter({ hasText: what }).filter({ hasText: detail }) : table.getByRole('row').filter({ hasText: what })).first();
    await trailRow(trail, 'Messages stopped', 'Stopped: email').waitFor();
    await trailRow(trail, 'Statement sent again').waitFor();
    await trailRow(trail, 'Fee waived', 'Reason: Goodwill').waitFor();
    await trailRow(trail, 'Viewed the account', 'the account, its audit trail, its notices, and its message preferences').waitFor();
    assert.doesNotMatch(await trail.innerText(), /\/admin\/v1|Looked at or changed|stopped email|waiver /);
    // At a phone's width a time never leaves its AM/PM on the next line.
    const width = page.viewportSize()!;
    await page.setViewportSize({ width: 390, height: width.height });
    const splitTimes = () =>
      trail.locator('td.lead').evaluateAll((cells) => {
        const times = cells.map((cell) => [...cell.childNodes].find((child) => child.nodeType === Node.TEXT_NODE && /\d:\d\d/.test(child.textContent ?? ''))).filter((node) => node !== undefined);
        const split = times.filter((node) => {
          const range = document.createRange();
          range.setStart(node, (node.textContent ?? '').search(/\d{1,2}:\d\d/));
          range.setEnd(node, (node.textContent ?? '').length);
          return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1;
        });
        return { times: times.length, split: split.length };
      });
    const times = await splitTimes();
    assert.ok(times.times > 3, 'the trail has its times');
    assert.equal(times.split, 0);
    await page.setViewportSize(width);

    // Spanish, then sign out everywhere.
    await page.getByRole('button', { name: 'Ver la consola en español' }).click();
    await page.getByRole('heading', { name: 'Cuenta de Daniela Rivera' }).waitFor();
    // What was said stays said, in the language shown now.
    await page.getByRole('status').filter({ hasText: 'El estado de cuenta está en cola para d***@example.com con un nuevo enlace de pago.' }).waitFor({ state: 'attached' });
    await accessible(page, 'account in Spanish');
    await looksAsBefore(page, 'account', { above: NOTICES });
    await page.getByRole('heading', { name: 'Avisos enviados' }).waitFor();
    await page.getByRole('heading', { name: 'Mensajes', exact: true }).waitFor();
    await page.getByText('Los correos están detenidos.').waitFor();
    const rastro = page.getByRole('table', { name: 'Quién hizo qué en esta cuenta, lo más reciente primero' });
    await trailRow(rastro, 'Mensajes detenidos', 'Detenido: correo electrónico').waitFor();
    await trailRow(rastro, 'Estado de cuenta enviado de nuevo').waitFor();
    await trailRow(rastro, 'Cargo anulado', 'Motivo: Cortesía').waitFor();
    await trailRow(rastro, 'Consultó la cuenta', 'la cuenta, su registro de auditoría, sus avisos y sus preferencias de mensajes').waitFor();
    assert.doesNotMatch(await rastro.innerText(), /\/admin\/v1|stopped|waiver |Viewed|Staff /);
    await page.setViewportSize({ width: 390, height: width.height });
    assert.equal((await splitTimes()).split, 0);
    await page.setViewportSize(width);
    await page.getByRole('button', { name: 'Cerrar sesión en todas partes' }).click();
    await page.getByText('Cerró la sesión en todos sus dispositivos.').waitFor();
    assert.equal((await page.evaluate(async () => (await fetch('/console/api/session')).status)), 401);
    // Chromium logs every 4xx it fetched: the wrong code's 401 and the check just above are expected; nothing else.
    assert.deepEqual(problems, ['console: Failed to load resource: the server responded with a status of 401 (Unauthorized)', 'console: Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
    await page.context().close();
  });
});
