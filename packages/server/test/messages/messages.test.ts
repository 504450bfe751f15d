import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { formatBillId } from '@billpay/sdk';
import type { ImportResult } from '../../src/imports/import.js';
import { deliverDueMessages } from '../../src/messages/delivery.js';
import { smtpChannel } from '../../src/messages/email.js';
import { outboxCommand } from '../../src/messages/command.js';
import { queueReceipt } from '../../src/messages/outbox.js';
import type { Channels, EmailChannel } from '../../src/messages/port.js';
import { tokenHash } from '../../src/security/secret.js';
import { adminKey } from '../support/admin.js';
import { backends } from '../support/backends.js';
import { cliEnv } from '../support/cli.js';
import { FROM_TEST_PROXY, openHarness, practices, SECRET, type Harness } from '../support/harness.js';
import { startSmtpCapture, type ReceivedMail, type SmtpCapture } from '../support/smtp.js';
import { statementLine } from '../support/statements.js';

const PUBLIC_URL = 'https://billing.harborpoint.example';
const PAY_PAGE = 'https://harborpoint.example/pay';
const DOB = '1980-02-03';
/** Every way a date of birth could be written into a message. */
const DOB_FORMS = [DOB, '02/03/1980', '2/3/1980', 'February 3, 1980', '3 de febrero de 1980'];

for (const backend of backends) {
  describe(`messages to patients (${backend.name})`, () => {
    let harness: Harness & { url: string | undefined };
    let key: string;
    let smtp: SmtpCapture;
    let email: EmailChannel;
    const billIds: string[] = [];
    const bounced = 'bounce@example.com';

    before(async () => {
      harness = await openHarness(backend);
      key = (await adminKey(harness.database, 'harbor-point', ['import'])).secret;
      smtp = await startSmtpCapture({ refuse: (to) => (to === bounced ? 550 : undefined) });
      email = smtpChannel({ url: smtp.url, from: 'billing@harborpoint.example' });
    });
    after(async () => {
      email.close?.();
      await smtp.close();
      await harness.close();
    });

    const deliver = (channels: Channels = { email }) =>
      deliverDueMessages({ db: harness.database.db, secret: SECRET, practices, channels, now: harness.clock.now, publicUrl: () => PUBLIC_URL, payPageUrl: () => PAY_PAGE });

    async function importLines(lines: string[]): Promise<ImportResult> {
      const response = await harness.app.request(
        '/admin/v1/imports',
        { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' }, body: lines.join('\n') },
        FROM_TEST_PROXY,
      );
      assert.equal(response.status, 200);
      const result = (await response.json()) as ImportResult;
      for (const s of result.statements) if (s.billId) billIds.push(s.billId);
      return result;
    }
    const withEmail = (n: number, address: string | undefined, language: 'en' | 'es' = 'en', statementId = `T-ST-${n}`) =>
      statementLine(n, (s) => {
        s.account.dateOfBirth = DOB;
        if (address) s.account.email = address;
        s.account.language = language;
        s.statement.id = statementId;
      });
    const messagesOf = (kind: string) => harness.database.db.selectFrom('messages').selectAll().where('kind', '=', kind as 'statement_ready').orderBy('created_at').execute();
    /** A header as it arrived, unfolded (mailparser folds the List-* headers into one object). */
    const headerOf = (mail: ReceivedMail, name: string) =>
      mail.mail.headerLines.find((h) => h.key === name.toLowerCase())?.line.slice(name.length + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
    const unsubscribeUrlOf = (mail: ReceivedMail) => /^<(.+)>$/.exec(headerOf(mail, 'List-Unsubscribe') ?? '')![1]!;
    const payLinkOf = (mail: ReceivedMail) => {
      const href = [...String(mail.mail.html).matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&#38;/g, '&')).find((h) => h.startsWith(PAY_PAGE))!;
      return new URL(href);
    };

    it('a new statement with an email address is told once, in English or Spanish, with a working text-to-pay link and no Bill ID or date of birth', async () => {
      const lines = [withEmail(1, 'ana@example.com', 'en'), withEmail(2, 'beto@example.com', 'es'), withEmail(3, undefined)];
      await importLines(lines);
      await importLines(lines); // the same run again: unchanged, nothing queued
      assert.equal((await messagesOf('statement_ready')).length, 2);

      const report = await deliver();
      assert.deepEqual(report, { attempted: 2, sent: 2, held: 0, failed: 0, suppressed: 0 });
      assert.equal((await deliver()).attempted, 0, 'a sent message is not sent again');
      const mails = await smtp.waitFor(2);
      assert.equal(mails.length, 2);

      const english = mails.find((m) => m.to[0] === 'ana@example.com')!;
      const spanish = mails.find((m) => m.to[0] === 'beto@example.com')!;
      assert.equal(english.mail.subject, 'Your statement from Harbor Point Medical Group is ready');
      assert.equal(spanish.mail.subject, 'Su estado de cuenta de Harbor Point Medical Group está listo');
      assert.match(String(english.mail.html), /<html lang="en">/);
      assert.match(String(spanish.mail.html), /<html lang="es">/);
      assert.match(english.mail.text ?? '', /Amount due: \$30\.00/);
      assert.match(spanish.mail.text ?? '', /Monto a pagar: /);
      assert.match(english.raw, /multipart\/alternative/i);
      assert.equal(english.mail.from?.value[0]?.name, 'Harbor Point Medical Group');
      assert.equal(english.mail.replyTo?.value[0]?.address, 'billing@harborpoint.example');

      for (const mail of mails) {
        // RFC 8058 one-click unsubscribe on a notice.
        assert.equal(headerOf(mail, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
        assert.ok(unsubscribeUrlOf(mail).startsWith(`${PUBLIC_URL}/messages/unsubscribe/msg_`));
        // Every link absolute.
        for (const [, href] of String(mail.mail.html).matchAll(/href="([^"]+)"/g)) assert.match(href!, /^https:\/\//);
        // No Bill ID, no date of birth, no name.
        const everything = `${mail.raw}\n${mail.mail.text}\n${String(mail.mail.html)}`;
        for (const billId of billIds) {
          assert.equal(everything.includes(billId), false);
          assert.equal(everything.includes(formatBillId(billId)), false);
        }
        for (const form of DOB_FORMS) assert.equal(everything.includes(form), false, form);
        assert.equal(/Patient[12]\b/.test(everything), false);
      }

      // The link: the pay page, the token only in the fragment, 128 bits of base64url.
      const link = payLinkOf(spanish);
      assert.equal(`${link.origin}${link.pathname}`, PAY_PAGE);
      assert.equal(link.search, '');
      const token = /^#link=([A-Za-z0-9_-]{22})$/.exec(link.hash)![1]!;
      assert.ok((spanish.mail.text ?? '').includes(link.href), 'the text part has the same link');

      // Kept hashed only: not in the outbox, the links table or the log.
      const stored = JSON.stringify([await harness.database.db.selectFrom('messages').selectAll().execute(), await harness.database.db.selectFrom('pay_links').selectAll().execute()]);
      assert.equal(stored.includes(token), false);
      assert.ok(stored.includes(tokenHash(token)));

      // The link finds the bill only with the date of birth.
      const wrong = await harness.lookup({ practice: 'harbor-point', payLink: token, dateOfBirth: '1980-02-04' });
      assert.equal(wrong.status, 401);
      const right = await harness.lookup<{ account: { accountNumber: string } }>({ practice: 'harbor-point', payLink: token, dateOfBirth: DOB });
      assert.equal(right.status, 201, JSON.stringify(right.body));
      assert.equal(right.body.account.accountNumber, 'T-ACCT-2');
      const other = await harness.lookup({ practice: 'harbor-point', payLink: 'A'.repeat(22), dateOfBirth: DOB });
      assert.equal(other.status, 401, 'a token no link has finds nothing');
      const malformed = await harness.lookup({ practice: 'harbor-point', payLink: 'short', dateOfBirth: DOB });
      assert.equal(malformed.status, 400);
      harness.secrets.push(token);
      await harness.assertNothingLeaked();

      // It expires.
      const started = harness.clock.current;
      harness.clock.advance(31 * 24 * 60);
      try {
        assert.equal((await harness.lookup({ practice: 'harbor-point', payLink: token, dateOfBirth: DOB })).status, 401);
      } finally {
        harness.clock.current = started;
      }
    });

    it('one-click unsubscribe (RFC 8058) stops statement emails to the address at once; receipts still go, without the header', async () => {
      const english = smtp.received.find((m) => m.to[0] === 'ana@example.com')!;
      const url = new URL(unsubscribeUrlOf(english));
      const page = await harness.app.request(url.pathname, {}, FROM_TEST_PROXY);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /<form method="post">/);
      assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      assert.equal(html.includes('ana@example.com'), false, 'the page never shows the address');
      assert.equal((await harness.database.db.selectFrom('message_suppressions').selectAll().execute()).length, 0, 'opening the page changes nothing');

      const forged = await harness.app.request(url.pathname.replace(/[0-9a-f]{32}$/, '0'.repeat(32)), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' }, FROM_TEST_PROXY);
      assert.equal(forged.status, 404);
      const posted = await harness.app.request(url.pathname, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' }, FROM_TEST_PROXY);
      assert.equal(posted.status, 200);
      const suppressions = await harness.database.db.selectFrom('message_suppressions').selectAll().execute();
      assert.deepEqual(suppressions.map((s) => [s.address, s.channel]), [['ana@example.com', 'email']]);

      // A new statement for the same address: queued, then suppressed rather than sent.
      const before = smtp.received.length;
      await importLines([withEmail(1, 'ANA@example.com', 'en', 'T-ST-1-DEC')]);
      assert.deepEqual(await deliver(), { attempted: 1, sent: 0, held: 0, failed: 0, suppressed: 1 });

      // A receipt to the same address still goes, and has no unsubscribe header.
      const account = await harness.database.db.selectFrom('accounts').select(['id', 'practice_id']).where('external_id', '=', 'T-1').executeTakeFirstOrThrow();
      const now = harness.clock.now();
      await harness.database.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('payments')
          .values({ id: 'pay_test_receipt', practice_id: account.practice_id, account_id: account.id, idempotency_key: 'receipt-test', request_hash: 'x', confirmation_number: 'BP-TEST-0001', status: 'succeeded', amount_cents: 2500, token: 'tok_test', method_kind: 'card', brand: 'Visa', last4: '4242', remaining_balance_cents: 500, created_at: now, updated_at: now })
          .execute();
        await queueReceipt(trx, 'pay_test_receipt', now);
        await queueReceipt(trx, 'pay_test_receipt', now); // once per payment, whoever queues it
      });
      assert.deepEqual(await deliver(), { attempted: 1, sent: 1, held: 0, failed: 0, suppressed: 0 });
      const [receipt] = (await smtp.waitFor(before + 1)).slice(before);
      assert.equal(smtp.received.length, before + 1, 'only the receipt arrived');
      assert.equal(receipt!.mail.subject, 'Your payment to Harbor Point Medical Group: receipt');
      assert.equal(headerOf(receipt!, 'List-Unsubscribe'), undefined);
      assert.match(receipt!.mail.text ?? '', /Amount paid: \$25\.00/);
      assert.match(receipt!.mail.text ?? '', /Confirmation number: BP-TEST-0001/);
      assert.match(receipt!.mail.text ?? '', /Visa ending in 4242/);
    });

    it('a refused address is recorded as bounced; a server that does not answer is tried again with backoff', async () => {
      await importLines([withEmail(4, bounced)]);
      assert.deepEqual(await deliver(), { attempted: 1, sent: 0, held: 0, failed: 1, suppressed: 0 });
      const bounce = (await messagesOf('statement_ready')).find((m) => m.recipient === bounced)!;
      assert.equal(bounce.status, 'bounced');
      assert.equal(bounce.last_error, 'smtp_550');

      const down = smtpChannel({ url: 'smtp://127.0.0.1:1', from: 'billing@harborpoint.example', timeoutMs: 2000 });
      await importLines([withEmail(5, 'later@example.com')]);
      assert.equal((await deliver({ email: down })).failed, 1);
      down.close?.();
      let row = (await messagesOf('statement_ready')).find((m) => m.recipient === 'later@example.com')!;
      assert.equal(row.status, 'pending');
      assert.equal(row.attempts, 1);
      assert.equal(row.last_error, 'network');
      assert.ok(new Date(row.next_attempt_at).getTime() > harness.clock.now().getTime(), 'tried again later, not at once');
      assert.equal((await deliver()).attempted, 0);
      harness.clock.advance(2);
      assert.equal((await deliver()).sent, 1);
      row = (await messagesOf('statement_ready')).find((m) => m.recipient === 'later@example.com')!;
      assert.equal(row.status, 'sent');
      assert.equal(row.attempts, 2);
    });

    it('with no SMTP configured, messages are held in the database outbox, sealed, and `billpay outbox` prints them', async () => {
      await importLines([withEmail(6, 'held@example.com', 'es')]);
      assert.deepEqual(await deliver({}), { attempted: 1, sent: 0, held: 1, failed: 0, suppressed: 0 });
      const row = (await messagesOf('statement_ready')).find((m) => m.recipient === 'held@example.com')!;
      assert.equal(row.status, 'held');
      assert.ok(row.body_sealed?.startsWith('v1.'));
      assert.equal(row.body_sealed?.includes('#link='), false, 'the held body is sealed');
      if (!harness.url) return; // the command opens the database as the server does: PostgreSQL here
      const lines: string[] = [];
      const errors: string[] = [];
      const code = await outboxCommand(['--practice', 'harbor-point'], cliEnv({ url: harness.url }, { BILLPAY_SECRET: SECRET }), (line) => lines.push(line), (line) => errors.push(line));
      assert.equal(code, 0, errors.join('\n'));
      const printed = lines.join('\n');
      assert.match(printed, /statement_ready {2}email to held@example\.com \(es\) {2}held/);
      assert.match(printed, /Subject: Su estado de cuenta de Harbor Point Medical Group está listo/);
      assert.match(printed, /https:\/\/harborpoint\.example\/pay#link=[A-Za-z0-9_-]{22}/);
      assert.equal(await outboxCommand(['--status', 'nope'], cliEnv({ url: harness.url }), () => {}, () => {}), 2);
    });
  });
}
