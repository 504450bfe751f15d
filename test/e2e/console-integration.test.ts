/**
 * The billing office console's Integration page, end to end in Chromium against the real server,
 * by keyboard: an admin imports a statement run with one bad statement and reads that statement's
 * issues; registers a webhook endpoint (its signing secret shown once), sees the delivery of a
 * fee's event in its log and sends it again; makes an API key (shown once, with a warning), which
 * works, and revokes it after a confirming step, after which it does not. A read-only member of
 * staff has no Integration page and no Refund button, and the practice API refuses their refund
 * (403). axe in English and Spanish; screenshots at a phone's width and a desk's.
 */
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { addStaff, enrolmentLink, DEMO_PRACTICE_ID } from '@billpay/server';
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { Receiver } from '../../packages/server/test/webhooks/receiver.js';
import { accessible } from './console-axe.js';
import { practiceApi, startHarness, type Harness } from './support.js';

const PASSWORD = 'correct horse battery staple';
/** Where the screenshots go, to be looked at (not compared). */
const SHOTS = process.env.BILLPAY_SCREENSHOTS ?? '';

/** The demo run's first statement, renumbered so it is new here, and a second one whose date of birth is no date. */
async function badRun(): Promise<string> {
  const [header, ...rows] = (await readFile(new URL('../../demo/import/statements-2026-11-20.csv', import.meta.url), 'utf8')).trim().split('\n');
  const first = rows.filter((row) => row.includes(',ST-2026-11-0001,'));
  const good = first.map((row) => row.replaceAll('PM-50100', 'PM-E2E-1').replaceAll('B-200100', 'B-E2E-1').replaceAll('ST-2026-11-0001', 'ST-E2E-0001'));
  const bad = first.map((row) => row.replaceAll('PM-50100', 'PM-E2E-2').replaceAll('B-200100', 'B-E2E-2').replaceAll('ST-2026-11-0001', 'ST-E2E-0002').replace('1950-01-01', '1950-02-31'));
  return `${[header, ...good, ...bad].join('\n')}\n`;
}

/** A practice API call with `key` from a server (node:http: no browser headers). */
function callWithKey(url: string, key: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(new URL('/admin/v1/practice', url), { headers: { authorization: `Bearer ${key}` } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    sent.on('error', reject);
    sent.end();
  });
}

/**
 * The words of the webhook address field's hint split across two lines: none, as the example
 * address wraps after a slash ("…/billpay/" then "webhooks"), never inside a word.
 */
function brokenHintWords(page: Page): Promise<string[]> {
  return page.locator('#endpoint-url-hint').evaluate((hint) => {
    const broken: string[] = [];
    const range = document.createRange();
    const walker = document.createTreeWalker(hint, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of (node.textContent ?? '').matchAll(/[^\s/]+/g)) {
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        if (range.getClientRects().length > 1) broken.push(word[0]);
      }
    }
    return broken;
  });
}

describe('the billing office console: integration', () => {
  let harness: Harness;
  const receiver = new Receiver();

  before(async () => {
    // Development mode: the test's receiver is plain http on this machine.
    harness = await startHarness({ console: true, development: true });
    await receiver.start();
    if (SHOTS) await mkdir(SHOTS, { recursive: true });
  });
  after(async () => {
    await receiver.stop();
    await harness?.close();
  });

  /** A member of staff enrolled with a password and an authenticator app, signed in. */
  async function signedIn(page: Page, email: string, role: 'admin' | 'read-only') {
    const { token } = await addStaff(harness.server.database.db, { practiceId: DEMO_PRACTICE_ID, email, role, now: new Date() });
    await page.goto(enrolmentLink(harness.server.url, token));
    const secret = (await page.getByTestId('totp-key').innerText()).replace(/\s/g, '');
    await page.getByLabel('New password').fill(PASSWORD);
    await page.getByLabel('Code your authenticator app shows now').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Finish setup' }).press('Enter');
    await page.getByRole('heading', { name: 'Find an account' }).waitFor();
  }

  async function shoot(page: Page, name: string) {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }

  it('an admin imports a bad file and reads its issues, adds a webhook endpoint and replays a delivery, makes and revokes a key', async () => {
    const { page, problems } = await harness.newPage({ width: 1280 });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.server.url });
    await signedIn(page, 'integration.admin@harbor.example', 'admin');
    const link = page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Integration' });
    await link.focus();
    await link.press('Enter');
    await page.getByRole('heading', { name: 'Integration', level: 1 }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/console/integration');
    assert.equal(await link.getAttribute('aria-current'), 'page');
    await page.getByRole('table', { name: 'API keys, newest first' }).or(page.getByText('No API keys yet.')).waitFor();
    await accessible(page, 'integration');

    // Import with no file: said in words, by the field.
    await page.getByRole('button', { name: 'Import' }).press('Enter');
    await page.getByText('Choose a file to import.').waitFor();
    // A run with one good statement and one whose date of birth is 31 February.
    await page.getByLabel('Statement run file').setInputFiles({ name: 'run.csv', mimeType: 'text/csv', buffer: Buffer.from(await badRun()) });
    await page.getByRole('button', { name: 'Import' }).press('Enter');
    await page.getByRole('status').filter({ hasText: 'Imported. New: 1, corrected: 0, unchanged: 0, rejected: 1.' }).waitFor({ state: 'attached' });
    const run = page.getByRole('region', { name: /^Import \(CSV\), / });
    await run.waitFor();
    // Only the rejected one is shown at first, with its line, column and why.
    assert.equal(await run.getByLabel('Only the rejected statements').isChecked(), true);
    const statements = run.getByRole('table', { name: 'Each statement of the file, in file order' });
    const rejected = statements.getByRole('row', { name: /ST-E2E-0002/ });
    await rejected.getByText('Rejected').waitFor();
    await rejected.getByText(/^Line \d+, date_of_birth:/).waitFor();
    assert.equal(await statements.getByRole('row', { name: /ST-E2E-0001/ }).count(), 0);
    await run.getByLabel('Only the rejected statements').press('Space');
    await statements.getByRole('row', { name: /ST-E2E-0001/ }).getByText('New').waitFor();
    await page.getByRole('table', { name: 'Imports, newest first' }).getByRole('row', { name: /Import \(CSV\)/ }).waitFor();
    await accessible(page, 'an import with a rejected statement');
    await shoot(page, 'integration-import-1280-en');

    // A webhook endpoint for fees: its signing secret is shown once.
    await page.getByRole('button', { name: 'Add the endpoint' }).press('Enter');
    await page.getByText('Enter the address events are sent to.').waitFor();
    await page.getByText('Choose at least one event.').waitFor();
    await page.getByLabel('Address (URL)').fill(receiver.url);
    await page.getByLabel('Description (optional)').fill('Practice system');
    await page.getByLabel('fee.added').check();
    await page.getByRole('button', { name: 'Add the endpoint' }).press('Enter');
    const secretPanel = page.getByRole('region', { name: 'Copy it now: it is shown only this once' });
    await secretPanel.waitFor();
    receiver.secret = await secretPanel.getByLabel(/^The endpoint’s signing secret/).innerText();
    assert.match(receiver.secret, /^whsec_/);
    await secretPanel.getByRole('button', { name: 'Copy' }).press('Enter');
    await secretPanel.getByText('Copied.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), receiver.secret);
    await secretPanel.getByRole('button', { name: 'I have copied it' }).press('Enter');
    await secretPanel.waitFor({ state: 'detached' });
    assert.equal(await page.getByText(receiver.secret).count(), 0, 'the secret is not shown again');

    // A fee added through the practice API makes a fee.added event, delivered to the endpoint.
    const api = await practiceApi(harness.server, DEMO_PRACTICE_ID, ['read', 'refunds']);
    const found = await api.call('POST', '/accounts/search', { body: { q: 'Rivera' } });
    const accountId = (found.body as { data: { id: string }[] }).data[0]!.id;
    const fee = await api.call('POST', `/accounts/${accountId}/fees`, { body: { amountCents: 1_000, reason: 'invoicing_fee' }, headers: { 'idempotency-key': 'e2e-integration-fee-0001' } });
    assert.equal(fee.status, 201, JSON.stringify(fee.body));
    await page.getByRole('button', { name: `Show the deliveries to ${receiver.url}` }).press('Enter');
    const log = page.getByRole('region', { name: `Deliveries to ${receiver.url}` });
    const delivered = log.getByRole('row', { name: /fee\.added/ }).filter({ hasText: 'Delivered' });
    const until = Date.now() + 20_000;
    while ((await delivered.count()) === 0) {
      assert.ok(Date.now() < until, 'no delivered fee.added in 20 s');
      await page.waitForTimeout(500);
      await log.getByRole('button', { name: 'Refresh' }).press('Enter');
    }
    assert.equal(receiver.accepted.length, 1);
    await log.getByRole('button', { name: /^Send again: the fee\.added delivery \(/ }).first().press('Enter');
    await page.getByRole('status').filter({ hasText: 'Sent again: a new delivery of fee.added is queued.' }).waitFor({ state: 'attached' });
    await log.getByRole('row', { name: /A replay/ }).waitFor();
    const resent = Date.now() + 20_000;
    while (receiver.accepted.length < 2) {
      assert.ok(Date.now() < resent, 'the replay did not arrive in 20 s');
      await page.waitForTimeout(250);
    }
    assert.equal(receiver.accepted[1]!.id, receiver.accepted[0]!.id, 'the same webhook-id');

    // Disabling asks first.
    await page.getByRole('button', { name: `Disable ${receiver.url}` }).press('Enter');
    const confirmDisable = page.getByRole('group', { name: /^Disable .*\? Nothing more will be sent to it/ });
    await confirmDisable.getByRole('button', { name: 'Keep it enabled' }).press('Enter');
    await confirmDisable.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: `Disable ${receiver.url}` }).press('Enter');
    await accessible(page, 'a confirmation to disable an endpoint');
    await page.getByRole('button', { name: 'Disable the endpoint' }).press('Enter');
    await page.getByRole('status').filter({ hasText: `${receiver.url} is disabled.` }).waitFor({ state: 'attached' });
    await page.getByRole('button', { name: `Enable ${receiver.url}` }).waitFor();

    // An API key: shown once, then revoked after a second step.
    await page.getByLabel('Name', { exact: true }).fill('Practice management system');
    await page.getByLabel('Read accounts, payments and reports').check();
    await page.getByRole('button', { name: 'Make the key' }).press('Enter');
    await page.getByRole('status').filter({ hasText: 'Made the key Practice management system. Copy it now.' }).waitFor({ state: 'attached' });
    const keyPanel = page.getByRole('region', { name: 'Copy it now: it is shown only this once' });
    await keyPanel.getByText(/billpay keeps only a hash of it/).waitFor();
    const key = await keyPanel.getByLabel(/^The new API key/).innerText();
    assert.match(key, /^bp_live_[a-z2-7]{16}_[\w-]{43}$/);
    assert.equal(await callWithKey(harness.server.url, key), 200);
    await accessible(page, 'a new key shown once');
    await shoot(page, 'integration-key-1280-en');
    await keyPanel.getByRole('button', { name: 'I have copied it' }).press('Enter');
    const keys = page.getByRole('table', { name: 'API keys, newest first' });
    await keys.getByRole('row', { name: /Practice management system/ }).getByText('Active').waitFor();
    await page.getByRole('button', { name: 'Revoke the key Practice management system' }).press('Enter');
    await page.getByText('Revoke the key Practice management system? Every call made with it is refused from now on; this cannot be undone.').waitFor();
    await page.getByRole('button', { name: 'Revoke the key', exact: true }).press('Enter');
    await page.getByRole('status').filter({ hasText: 'The key Practice management system is revoked.' }).waitFor({ state: 'attached' });
    await keys.getByRole('row', { name: /Practice management system/ }).getByText(/^Revoked: /).waitFor();
    assert.equal(await callWithKey(harness.server.url, key), 401);

    // Spanish, and a phone's width.
    await page.getByRole('button', { name: 'Ver la consola en español' }).click();
    await page.getByRole('heading', { name: 'Integración', level: 1 }).waitFor();
    await accessible(page, 'integration in Spanish');
    await shoot(page, 'integration-1280-es');
    await page.setViewportSize({ width: 390, height: 900 });
    assert.deepEqual(await brokenHintWords(page), [], 'the example address breaks after a slash, at 390 px');
    await shoot(page, 'integration-390-es');
    await page.getByRole('button', { name: 'View the console in English' }).click();
    await page.getByRole('heading', { name: 'Integration', level: 1 }).waitFor();
    await accessible(page, 'integration at 390 px');
    assert.deepEqual(await brokenHintWords(page), [], 'in English too');
    await shoot(page, 'integration-390-en');
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  it('a read-only member of staff has no Integration page and no Refund button; the API refuses their refund', async () => {
    const { page, problems } = await harness.newPage({ width: 390 });
    await signedIn(page, 'integration.reader@harbor.example', 'read-only');
    const nav = page.getByRole('navigation', { name: 'Console' });
    await nav.getByRole('link', { name: 'Money in and out' }).waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Integration' }).count(), 0);

    await page.getByLabel('Search', { exact: true }).fill('Rivera');
    await page.getByLabel('Search', { exact: true }).press('Enter');
    await page.getByRole('link', { name: /^Rivera, / }).first().press('Enter');
    await page.getByRole('heading', { name: /^Account of / }).waitFor();
    await page.getByRole('heading', { name: 'Payments', level: 2 }).waitFor();
    assert.equal(await page.getByRole('button', { name: /^Refund/ }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Add a fee' }).count(), 0);

    // The server says so too, whatever the page shows: 403 for a refund, and for the imports.
    const answers = await page.evaluate(async () => {
      const session = (await (await fetch('/console/api/session')).json()) as { csrfToken: string };
      const refund = await fetch('/admin/v1/payments/pay_anything/refunds', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken, 'idempotency-key': 'e2e-read-only-refund-0001' },
        body: JSON.stringify({ reason: 'duplicate' }),
      });
      const imports = await fetch('/admin/v1/imports');
      return { refund: refund.status, refundCode: ((await refund.json()) as { error: { code: string } }).error.code, imports: imports.status };
    });
    assert.deepEqual(answers, { refund: 403, refundCode: 'insufficient_scope', imports: 403 });
    // Chromium logs the two refused calls; nothing else.
    assert.ok(problems.every((problem) => /status of 403/.test(problem)), problems.join('\n'));
    await page.context().close();
  });
});
