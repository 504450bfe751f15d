import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { formatBillId } from '@billpay/sdk';
import { startSmtpCapture, type ReceivedMail, type SmtpCapture } from '../../packages/server/test/support/smtp.js';
import { HELD_MESSAGE_SEAL } from '../../packages/server/src/messages/delivery.js';
import { unseal } from '../../packages/server/src/security/seal.js';
import { facts, fillHostedCard, hostedCardFrame } from './patient.js';
import { practiceApi, startHarness, type Harness } from './support.js';

// Messages end to end, against the real server, a real SMTP server in process and Chromium: the
// practice imports the demo statement run (accounts with email addresses, English and Spanish),
// the statement emails arrive, the link in one opens the pay page, which asks only for the date of
// birth before showing the bill; the patient pays and the receipt email arrives; then turns text
// alerts on with the code sent to their number (held in the outbox), and off.

const STATEMENT_RUN = fileURLToPath(new URL('../../demo/import/statements-2026-11-20.jsonl', import.meta.url));
/** The server's secret, to open the verification code held in the outbox. */
const SECRET = 'messages-e2e-secret-that-is-long-enough-0123';
/** SCREENSHOTS_DIR=... saves the link's form at 390 and 1280 px in English and Spanish. */
const SHOTS = process.env['SCREENSHOTS_DIR'];

interface Line {
  readonly account: { readonly id: string; readonly firstName: string; readonly lastName: string; readonly dateOfBirth: string; readonly email?: string; readonly language?: string };
}

describe('messages: the statement email’s link opens the bill after the date of birth; the receipt arrives', () => {
  let smtp: SmtpCapture;
  let harness: Harness;
  let lines: Line[];
  let billIds: string[] = [];
  let english: Line;
  let spanish: Line;
  let link = '';
  let confirmation = '';

  before(async () => {
    smtp = await startSmtpCapture();
    harness = await startHarness({ smtpUrl: smtp.url, secret: SECRET });
  });
  after(async () => {
    await harness?.close();
    await smtp?.close();
  });

  const mailTo = async (address: string, subject: RegExp): Promise<ReceivedMail> => {
    const until = Date.now() + 20_000;
    for (;;) {
      const found = smtp.received.find((m) => m.to.includes(address) && subject.test(m.mail.subject ?? ''));
      if (found) return found;
      if (Date.now() > until) assert.fail(`no email "${String(subject)}" to ${address} in 20 s (${smtp.received.length} arrived)`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const hrefs = (mail: ReceivedMail) => [...String(mail.mail.html).matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&#38;/g, '&'));

  it('imports the demo statement run: each account with an email address is sent “your statement is ready” in its language', async () => {
    const file = await readFile(STATEMENT_RUN, 'utf8');
    lines = file.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Line);
    english = lines.find((l) => l.account.email && (l.account.language ?? 'en') === 'en')!;
    spanish = lines.find((l) => l.account.email && l.account.language === 'es')!;
    const api = await practiceApi(harness.server, 'harbor-point', ['import']);
    const answer = await api.call('POST', '/imports', { body: file, contentType: 'application/x-ndjson' });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    billIds = (answer.body as { statements: { billId: string | null }[] }).statements.map((s) => s.billId!).filter(Boolean);

    const withEmail = lines.filter((l) => l.account.email).length;
    await smtp.waitFor(withEmail, 30_000);
    const en = await mailTo(english.account.email!, /^Your statement from Harbor Point Medical Group is ready$/);
    const es = await mailTo(spanish.account.email!, /^Su estado de cuenta de Harbor Point Medical Group está listo$/);
    for (const mail of [en, es]) {
      const everything = `${mail.raw}\n${mail.mail.text}\n${String(mail.mail.html)}`;
      for (const billId of billIds) assert.equal(everything.includes(billId) || everything.includes(formatBillId(billId)), false, 'no Bill ID');
      for (const line of [english, spanish]) assert.equal(everything.includes(line.account.dateOfBirth), false, 'no date of birth');
      for (const href of hrefs(mail)) assert.ok(href.startsWith(`${harness.server.url}/`), `${href} is absolute, on this server`);
    }
    link = hrefs(en).find((href) => href.includes('#link='))!;
    assert.match(link, new RegExp(`^${harness.server.url}/pay\\.html#link=[A-Za-z0-9_-]{22}$`));
  });

  it('the link opens the pay page, which asks only for the date of birth, then shows the bill', async () => {
    const { page, problems } = await harness.newPage();
    await page.goto(link);
    const form = page.locator('bill-lookup');
    await form.getByText('You opened the link from your statement email.', { exact: false }).waitFor();
    assert.equal(page.url().includes('link='), false, 'the token leaves the address bar at once');
    assert.equal(await form.getByLabel('Bill ID').count(), 0, 'no Bill ID is asked for');
    if (SHOTS) {
      await mkdir(SHOTS, { recursive: true });
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await page.screenshot({ path: `${SHOTS}/link-en-${width}.png`, fullPage: true });
      }
      await page.setViewportSize({ width: 1024, height: 900 });
    }
    const [year, month, day] = english.account.dateOfBirth.split('-').map(Number) as [number, number, number];
    // A wrong date first: refused, in words, with nothing shown.
    await form.getByLabel('Month').fill(String(month));
    await form.getByLabel('Day').fill(String(day === 28 ? 27 : day + 1));
    await form.getByLabel('Year').fill(String(year));
    await form.getByRole('button', { name: 'Find my bill' }).click();
    await form.getByText('We couldn’t open the bill with that date of birth', { exact: false }).first().waitFor();
    await form.getByLabel('Day').fill(String(day));
    await form.getByRole('button', { name: 'Find my bill' }).click();
    const heading = `Bill for ${english.account.firstName} ${english.account.lastName[0]!}.`;
    await page.locator('bill-summary').getByRole('heading', { name: heading }).waitFor();

    // Pay the whole balance by card.
    await page.locator('bill-pay').getByRole('button', { name: 'Make a payment' }).click();
    const pay = page.locator('pay-form');
    await pay.getByRole('heading', { name: 'Make a payment' }).waitFor();
    const frame = hostedCardFrame(page);
    await frame.getByLabel('Card number').waitFor();
    await fillHostedCard(frame, { number: '4242424242424242', holder: `${english.account.firstName} ${english.account.lastName}` });
    await pay.getByRole('button', { name: 'Review payment' }).click();
    await pay.getByRole('heading', { name: 'Review your payment' }).waitFor();
    await pay.getByRole('button', { name: /^Pay \$/ }).click();
    await pay.getByRole('heading', { name: 'Thank you. Your payment was received.' }).waitFor();
    confirmation = (await facts(pay.locator('[part="receipt"]')))['Confirmation number'] ?? '';
    assert.match(confirmation, /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    // The wrong date of birth's 401 is the one error the browser reports.
    assert.deepEqual(problems.filter((p) => !p.includes('status of 401')), []);
    await page.context().close();
  });

  it('the receipt email arrives, with the confirmation number and no unsubscribe header', async () => {
    const receipt = await mailTo(english.account.email!, /^Your payment to Harbor Point Medical Group: receipt$/);
    assert.match(receipt.mail.text ?? '', new RegExp(`Confirmation number: ${confirmation}`));
    assert.equal(receipt.mail.headerLines.some((h) => h.key === 'list-unsubscribe'), false);
  });

  it('after the lookup, the patient turns text alerts on with the code sent to their number, then off', async () => {
    const { page, problems } = await harness.newPage();
    await page.goto(link);
    const form = page.locator('bill-lookup');
    const [year, month, day] = english.account.dateOfBirth.split('-').map(Number) as [number, number, number];
    await form.getByLabel('Month').fill(String(month));
    await form.getByLabel('Day').fill(String(day));
    await form.getByLabel('Year').fill(String(year));
    await form.getByRole('button', { name: 'Find my bill' }).click();
    const prefs = page.locator('message-preferences');
    await prefs.getByRole('heading', { name: 'Statements and alerts' }).waitFor();
    await prefs.getByRole('button', { name: 'Turn on text messages' }).click();
    await prefs.getByText('I agree to receive text messages from Harbor Point Medical Group', { exact: false }).waitFor();
    await prefs.getByRole('button', { name: 'Send code' }).click();
    // No text provider here: the code is held in the outbox, sealed under the server's secret.
    const code = await heldCode();
    await prefs.getByLabel('Verification code').pressSequentially(code);
    await page.keyboard.press('Enter');
    // The masked number's hyphens are non-breaking (U+2011), so it never wraps.
    await prefs.getByText(/^On: statement alerts go to \*\*\*\u2011\*\*\*\u2011\d{4}\.$/).waitFor();
    await prefs.getByRole('button', { name: 'Turn off text messages' }).click();
    await prefs.getByRole('button', { name: 'Turn on text messages' }).waitFor();
    const record = await harness.server.database.db.selectFrom('message_consents').select(['action', 'source', 'language']).where('channel', '=', 'sms').orderBy('seq').execute();
    assert.deepEqual(record.map((r) => [r.action, r.source, r.language]), [['granted', 'patient', 'en'], ['revoked', 'patient', 'en']]);
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  /** The code of the verification text held in the outbox, as `billpay outbox` shows it. */
  async function heldCode(): Promise<string> {
    const until = Date.now() + 20_000;
    for (;;) {
      const held = await harness.server.database.db.selectFrom('messages').select('body_sealed').where('kind', '=', 'verification_code').where('status', '=', 'held').executeTakeFirst();
      if (held?.body_sealed) return /\b(\d{6})\b/.exec((JSON.parse(unseal(SECRET, HELD_MESSAGE_SEAL, held.body_sealed)) as { text: string }).text)![1]!;
      if (Date.now() > until) assert.fail('no verification code held in the outbox in 20 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('in Spanish, the link’s form asks for the date of birth in Spanish', async () => {
    const es = await mailTo(spanish.account.email!, /^Su estado de cuenta/);
    const spanishLink = hrefs(es).find((href) => href.includes('#link='))!;
    const { page } = await harness.newPage();
    await page.goto(spanishLink);
    await page.locator('.language button[data-lang="es"]').click();
    await page.locator('bill-lookup').getByText('Abrió el enlace del correo', { exact: false }).waitFor();
    await page.locator('bill-lookup').getByRole('group', { name: 'Fecha de nacimiento del paciente' }).waitFor();
    if (SHOTS) {
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await page.screenshot({ path: `${SHOTS}/link-es-${width}.png`, fullPage: true });
      }
    }
    await page.context().close();
  });
});
