/**
 * Text messages through Twilio's official library, against a local copy of its Messages API
 * (test/support/twilio.ts), and replies through Twilio's signed webhook, signed here with the
 * library's own helper.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { formatBillId } from '@billpay/sdk';
import twilio from 'twilio';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/log.js';
import { channelsFrom } from '../../src/messages/channels.js';
import { recordConsent } from '../../src/messages/consent.js';
import { outboxCommand } from '../../src/messages/command.js';
import { deliverDueMessages } from '../../src/messages/delivery.js';
import { smtpChannel } from '../../src/messages/email.js';
import { textRepliesUrl, textStatusUrl } from '../../src/messages/text-urls.js';
import { twilioChannel } from '../../src/messages/sms.js';
import type { Channels, EmailChannel, SmsChannel } from '../../src/messages/port.js';
import { adminKey } from '../support/admin.js';
import { backends } from '../support/backends.js';
import { cliEnv } from '../support/cli.js';
import { FROM_TEST_PROXY, openHarness, practices, SECRET, TEST_PROXIES, type App, type Harness } from '../support/harness.js';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp.js';
import { statementLine } from '../support/statements.js';
import { ACCOUNT_SID, AUTH_TOKEN, startFakeTwilio, type FakeTwilio } from '../support/twilio.js';

const PUBLIC_URL = 'https://billing.harborpoint.example';
const PAY_PAGE = 'https://harborpoint.example/pay';
const FROM = '+12035550100';
const DOB = '1980-02-03';
const ANA = '+12035550101';
const BETO = '+12035550102';

/** The local date and hour in New Haven (Harbor Point's time zone). */
const local = (at: Date) => {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit' }).formatToParts(at).map((p) => [p.type, p.value]));
  return { date: `${parts['year']}-${parts['month']}-${parts['day']}`, hour: Number(parts['hour']) };
};

describe('text message settings', () => {
  it('TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM go together, each in its form', () => {
    assert.throws(() => channelsFrom({ twilioAccountSid: ACCOUNT_SID }), /TWILIO_AUTH_TOKEN/);
    assert.throws(() => channelsFrom({ twilioAccountSid: 'AC123', twilioAuthToken: AUTH_TOKEN, twilioFrom: FROM }), /TWILIO_ACCOUNT_SID/);
    assert.throws(() => channelsFrom({ twilioAccountSid: ACCOUNT_SID, twilioAuthToken: AUTH_TOKEN, twilioFrom: '203-555-0100' }), /TWILIO_FROM/);
    assert.equal(channelsFrom({ twilioAccountSid: ACCOUNT_SID, twilioAuthToken: AUTH_TOKEN, twilioFrom: `MG${'0'.repeat(32)}` }).sms?.kind, 'twilio');
    assert.deepEqual(channelsFrom({}), {}, 'nothing set: texts and email held in the outbox');
  });
});

for (const backend of backends) {
  describe(`text messages (${backend.name})`, () => {
    let harness: Harness & { url: string | undefined };
    let app: App;
    let key: string;
    let fake: FakeTwilio;
    let smtp: SmtpCapture;
    let email: EmailChannel;
    let sms: SmsChannel;
    const billIds: string[] = [];

    before(async () => {
      harness = await openHarness(backend);
      key = (await adminKey(harness.database, 'harbor-point', ['import'])).secret;
      fake = await startFakeTwilio(harness.clock.now);
      sms = twilioChannel({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: FROM, httpClient: fake.httpClient });
      smtp = await startSmtpCapture();
      email = smtpChannel({ url: smtp.url, from: 'billing@harborpoint.example' });
      // Billing texts need the patient's prior express consent (TCPA): these numbers gave it at the front desk.
      for (const number of [ANA, BETO, '+12035550103', '+12035550104', '+12035550105', '+12035550106', '+12035550107', '+12035550108', '+12035550120', '+12035550121', '+12035550130', '+12035550131']) {
        await recordConsent(harness.database.db, { practiceId: 'harbor-point', accountId: null, channel: 'sms', address: number, action: 'granted', source: 'staff', words: 'Consent to texts given at the front desk.', language: 'en', at: harness.clock.now() });
      }
      app = createApp({
        database: harness.database,
        practices,
        logger: createLogger((line) => harness.logLines.push(line)),
        secret: SECRET,
        now: harness.clock.now,
        trustedProxies: TEST_PROXIES,
        textReplies: { authToken: AUTH_TOKEN, publicUrl: () => PUBLIC_URL },
      });
    });
    after(async () => {
      email.close?.();
      await smtp.close();
      await fake.close();
      await harness.close();
    });

    const deliver = (channels: Channels = { email, sms }) =>
      deliverDueMessages({ db: harness.database.db, secret: SECRET, practices, channels, now: harness.clock.now, publicUrl: () => PUBLIC_URL, payPageUrl: () => PAY_PAGE });

    async function importLines(lines: string[]): Promise<void> {
      const response = await app.request(
        '/admin/v1/imports',
        { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' }, body: lines.join('\n') },
        FROM_TEST_PROXY,
      );
      assert.equal(response.status, 200);
      const result = (await response.json()) as { statements: { billId: string | null }[] };
      for (const s of result.statements) if (s.billId) billIds.push(s.billId);
    }
    const line = (n: number, mobile: string, options: { email?: string; language?: 'en' | 'es'; statementId?: string } = {}) =>
      statementLine(n, (s) => {
        s.account.dateOfBirth = DOB;
        s.account.mobile = mobile;
        if (options.email) s.account.email = options.email;
        s.account.language = options.language ?? 'en';
        s.statement.id = options.statementId ?? `T-ST-${n}`;
      });
    const texts = () => harness.database.db.selectFrom('messages').selectAll().where('channel', '=', 'sms').orderBy('created_at').orderBy('id').execute();

    /** A reply as Twilio posts it: form encoded, signed over the public URL and the parameters with `token`. */
    async function reply(from: string, body: string, options: { token?: string | null; url?: string } = {}) {
      const params = { AccountSid: ACCOUNT_SID, MessageSid: `SM${'1'.repeat(32)}`, From: from, To: FROM, Body: body, NumMedia: '0' };
      const url = options.url ?? textRepliesUrl(PUBLIC_URL, 'harbor-point');
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
      if (options.token !== null) headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(options.token ?? AUTH_TOKEN, url, params);
      return app.request('/messages/sms/harbor-point', { method: 'POST', headers, body: new URLSearchParams(params).toString() }, FROM_TEST_PROXY);
    }

    it('a new statement is texted to the mobile number through Twilio, in the account’s language, with a working text-to-pay link and no Bill ID or date of birth', async () => {
      // Sunday 22 November, 10:00 in New Haven.
      await importLines([line(1, ANA, { email: 'ana@example.com' }), line(2, BETO, { language: 'es' })]);
      assert.deepEqual(await deliver(), { attempted: 3, sent: 3, held: 0, failed: 0, suppressed: 0 });
      assert.equal((await deliver()).attempted, 0, 'a text sent is not sent again');
      assert.deepEqual(fake.received.map((t) => [t.to, t.from]).sort(), [[ANA, FROM], [BETO, FROM]]);
      assert.equal((await smtp.waitFor(1)).length, 1, 'the email went too');

      const english = fake.received.find((t) => t.to === ANA)!;
      const spanish = fake.received.find((t) => t.to === BETO)!;
      assert.match(english.body, /^Harbor Point Medical Group: your statement is ready\. Amount due \$30\.00 by December 18, 2026\. View and pay: https:\/\/harborpoint\.example\/pay#link=[A-Za-z0-9_-]{22}\nReply STOP to stop texts, HELP for help\.$/);
      assert.match(spanish.body, /^Harbor Point Medical Group: su estado de cuenta está listo\. .* Ver y pagar: https:\/\/harborpoint\.example\/pay#link=[A-Za-z0-9_-]{22}\nResponda STOP/s);
      for (const text of fake.received) {
        for (const billId of billIds) assert.equal(text.body.includes(billId) || text.body.includes(formatBillId(billId)), false, 'no Bill ID');
        for (const form of [DOB, '02/03/1980', 'February 3, 1980']) assert.equal(text.body.includes(form), false, 'no date of birth');
        assert.equal(/Patient\d/.test(text.body), false, 'no name');
      }
      const rows = await texts();
      assert.deepEqual(rows.map((r) => [r.recipient, r.status, r.kind]).sort(), [[ANA, 'sent', 'statement_ready'], [BETO, 'sent', 'statement_ready']]);
      assert.deepEqual(rows.map((r) => r.provider_id).sort(), fake.received.map((t) => t.sid).sort(), 'each row has its Twilio SID');

      const token = /#link=([A-Za-z0-9_-]{22})/.exec(spanish.body)![1]!;
      harness.secrets.push(token);
      const found = await harness.lookup<{ account: { accountNumber: string } }>({ practice: 'harbor-point', payLink: token, dateOfBirth: DOB });
      assert.equal(found.status, 201, JSON.stringify(found.body));
      assert.equal(found.body.account.accountNumber, 'T-ACCT-2');
      await harness.assertNothingLeaked();
    });

    it('a reply not signed with the account’s auth token is refused with 403 and changes nothing', async () => {
      for (const answer of [await reply(ANA, 'STOP', { token: null }), await reply(ANA, 'STOP', { token: 'another-token' }), await reply(ANA, 'STOP', { url: `${PUBLIC_URL}/messages/sms/lakeside` })]) {
        assert.equal(answer.status, 403);
        const body = (await answer.json()) as { error: { code: string } };
        assert.equal(body.error.code, 'invalid_signature');
      }
      assert.equal((await harness.database.db.selectFrom('message_suppressions').selectAll().execute()).length, 0);
      assert.equal((await reply('not a number', 'HELP')).status, 400);
    });

    it('STOP stops the practice’s texts to the number at once (email still goes); HELP answers in the account’s language; START gives texts back', async () => {
      const stop = await reply(ANA, ' Stop. ');
      assert.equal(stop.status, 200);
      assert.match(stop.headers.get('content-type') ?? '', /^text\/xml/);
      assert.doesNotMatch(await stop.text(), /<Message>/, 'Twilio confirms a STOP itself');
      const suppressions = await harness.database.db.selectFrom('message_suppressions').selectAll().execute();
      assert.deepEqual(suppressions.map((s) => [s.channel, s.address]), [['sms', ANA]]);

      // A new statement the next day: the email goes; no text is even queued, the number's consent being revoked.
      harness.clock.advance(24 * 60);
      const before = { texts: fake.received.length, mails: smtp.received.length };
      await importLines([line(1, ANA, { email: 'ana@example.com', statementId: 'T-ST-1-DEC' })]);
      assert.deepEqual(await deliver(), { attempted: 1, sent: 1, held: 0, failed: 0, suppressed: 0 });
      await smtp.waitFor(before.mails + 1);
      assert.equal(fake.received.length, before.texts, 'no text reached Twilio');
      assert.equal((await texts()).filter((r) => r.recipient === ANA).length, 1, 'only the text sent before STOP');

      const help = await reply(BETO, 'help');
      assert.equal(help.status, 200);
      const helpXml = await help.text();
      assert.match(helpXml, /<Response><Message>Oficina de facturación de Harbor Point Medical Group: llame al \(555\) 010-4477\. Responda STOP/);
      assert.match(await (await reply(ANA, 'HELP')).text(), /<Message>Harbor Point Medical Group billing office: call \(555\) 010-4477\./);

      assert.equal((await reply(ANA, 'start')).status, 200);
      assert.equal((await harness.database.db.selectFrom('message_suppressions').selectAll().execute()).length, 0, 'START gave texts back');
      const record = await harness.database.db.selectFrom('message_consents').select(['action', 'source', 'words', 'account_id']).where('address', '=', ANA).orderBy('seq').execute();
      assert.deepEqual(record.map((r) => [r.action, r.source, r.words]).slice(1), [['revoked', 'text_reply', 'STOP'], ['granted', 'text_reply', 'START']], 'STOP and START are recorded with the consent they end and give');
      assert.equal((await reply(BETO, 'Where is my refund for 2035550102?')).status, 200, 'anything else is taken, and answered with nothing');
      assert.equal((await harness.database.db.selectFrom('message_suppressions').selectAll().execute()).length, 0);

      // Neither the numbers nor the words are logged.
      const log = harness.logLines.join('\n');
      for (const needle of ['2035550101', '2035550102', 'Where is my refund', 'Stop.']) assert.equal(log.includes(needle), false, needle);
      assert.match(log, /"event":"text_reply","practice":"harbor-point","keyword":"stop"/);
    });

    it('Twilio’s refusals are recorded: a number it cannot text is bounced with its code; an outage is tried again with backoff', async () => {
      harness.clock.advance(24 * 60);
      const landline = '+12035550103';
      const busy = '+12035550104';
      fake.refusals.set(landline, { status: 400, code: 21614 });
      fake.refusals.set(busy, { status: 503, code: 20503, times: 1 });
      await importLines([line(3, landline), line(4, busy)]);
      assert.deepEqual(await deliver(), { attempted: 2, sent: 0, held: 0, failed: 2, suppressed: 0 });
      const rows = await texts();
      const refused = rows.find((r) => r.recipient === landline)!;
      assert.deepEqual([refused.status, refused.last_error, refused.paced_at], ['bounced', 'twilio_21614', null]);
      let later = rows.find((r) => r.recipient === busy)!;
      assert.deepEqual([later.status, later.last_error, later.paced_at], ['pending', 'twilio_20503', null]);
      assert.ok(new Date(later.next_attempt_at).getTime() > harness.clock.now().getTime());
      harness.clock.advance(2);
      assert.equal((await deliver()).sent, 1);
      later = (await texts()).find((r) => r.recipient === busy)!;
      assert.deepEqual([later.status, later.attempts, later.last_error], ['sent', 2, null]);
    });

    /** A delivery status as Twilio posts it to the `StatusCallback` a text named, signed with `token`. */
    async function statusReport(params: Record<string, string>, token: string | null = AUTH_TOKEN) {
      const url = textStatusUrl(PUBLIC_URL, 'harbor-point');
      const body = { AccountSid: ACCOUNT_SID, To: ANA, From: FROM, ...params };
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
      if (token) headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(token, url, body);
      return app.request('/messages/sms/harbor-point/status', { method: 'POST', headers, body: new URLSearchParams(body).toString() }, FROM_TEST_PROXY);
    }

    it('what became of each text, as Twilio reports it to the StatusCallback each send names: arrived, or refused by the number (bounced) or lost (failed), with its code', async () => {
      harness.clock.advance(24 * 60);
      const [arrives, unknown, off] = ['+12035550106', '+12035550107', '+12035550108'];
      await importLines([line(6, arrives), line(7, unknown), line(8, off)]);
      assert.equal((await deliver()).sent, 3);
      const sent = fake.received.slice(-3);
      assert.deepEqual(new Set(sent.map((t) => t.statusCallback)), new Set([`${PUBLIC_URL}/messages/sms/harbor-point/status`]));
      const sidOf = (to: string) => sent.find((t) => t.to === to)!.sid;

      // Unsigned, or signed with another token: refused, nothing changes.
      for (const token of [null, 'another-token']) {
        const refused = await statusReport({ MessageSid: sidOf(unknown), MessageStatus: 'undelivered', ErrorCode: '30005' }, token);
        assert.equal(refused.status, 403);
      }
      assert.equal((await statusReport({ MessageSid: 'not-a-sid', MessageStatus: 'delivered' })).status, 400);

      for (const [to, report] of [
        [arrives, { MessageStatus: 'sent' }],
        [arrives, { MessageStatus: 'delivered' }],
        [unknown, { MessageStatus: 'undelivered', ErrorCode: '30005' }],
        [off, { MessageStatus: 'undelivered', ErrorCode: '30003' }],
      ] as const) {
        assert.equal((await statusReport({ MessageSid: sidOf(to), ...report })).status, 204);
      }
      // A SID of no text of this practice's: answered, and nothing changes.
      assert.equal((await statusReport({ MessageSid: `SM${'9'.repeat(32)}`, MessageStatus: 'failed', ErrorCode: '30005' })).status, 204);

      const rows = await texts();
      const row = (to: string) => rows.find((r) => r.recipient === to)!;
      assert.equal(row(arrives).status, 'sent');
      assert.deepEqual(row(arrives).delivered_at, harness.clock.now());
      assert.deepEqual([row(unknown).status, row(unknown).last_error, row(unknown).delivered_at], ['bounced', 'twilio_30005', null]);
      assert.deepEqual([row(off).status, row(off).last_error], ['failed', 'twilio_30003']);
      assert.equal(rows.filter((r) => r.status === 'sent' && r.delivered_at === null).length, rows.filter((r) => r.status === 'sent').length - 1, 'only the one reported arrived');
      const log = harness.logLines.join('\n');
      for (const number of [arrives, unknown, off]) assert.equal(log.includes(number.slice(2)), false, 'no number in the log');
      assert.match(log, /"event":"text_status","practice":"harbor-point","report":"undelivered"/);
    });

    it('with no Twilio account configured, texts are held in the database outbox, sealed', async () => {
      harness.clock.advance(24 * 60);
      await importLines([line(5, '+12035550105')]);
      assert.deepEqual(await deliver({ email }), { attempted: 1, sent: 0, held: 1, failed: 0, suppressed: 0 });
      const held = (await texts()).find((r) => r.recipient === '+12035550105')!;
      assert.equal(held.status, 'held');
      assert.ok(held.body_sealed?.startsWith('v1.'));
      assert.equal(held.body_sealed?.includes('#link='), false, 'the held body is sealed');
      if (!harness.url) return; // the command opens the database as the server does: PostgreSQL here
      const lines: string[] = [];
      const errors: string[] = [];
      assert.equal(await outboxCommand(['--practice', 'harbor-point'], cliEnv({ url: harness.url }, { BILLPAY_SECRET: SECRET }), (l) => lines.push(l), (l) => errors.push(l)), 0, errors.join('\n'));
      const printed = lines.join('\n');
      assert.match(printed, /statement_ready {2}sms to \+12035550105 \(en\) {2}held\n {2}\| Harbor Point Medical Group: your statement is ready\. .*https:\/\/harborpoint\.example\/pay#link=[A-Za-z0-9_-]{22}\n {2}\| Reply STOP/);
      assert.doesNotMatch(printed, /Subject:/, 'a text has no subject');
      lines.length = 0;
      assert.equal(await outboxCommand(['--status', 'bounced'], cliEnv({ url: harness.url }, { BILLPAY_SECRET: SECRET }), (l) => lines.push(l), (l) => errors.push(l)), 0);
      assert.match(lines.join('\n'), /sms to \+12035550103 \(en\) {2}bounced {2}twilio_21614/, 'the provider’s refusal is shown');
    });

    it('over a simulated week, texts billpay sends on its own keep to 8 a.m.–9 p.m. in the practice’s time zone, one a day and three a week per number, each sent once and none dropped', async () => {
      const patient = '+12035550120';
      const other = '+12035550121';
      // Sunday 29 November, 22:00 in New Haven: three statements at once, after hours.
      harness.clock.current = new Date('2026-11-30T03:00:00.000Z');
      const start = fake.received.length;
      await importLines([line(20, patient, { statementId: 'T-ST-20-A' })]);
      await importLines([line(20, patient, { statementId: 'T-ST-20-B' })]);
      await importLines([line(20, patient, { statementId: 'T-ST-20-C' })]);
      for (let hour = 0; hour < 7 * 24 + 14; hour++) {
        if (hour === 14) await importLines([line(21, other)]); // Monday noon: another number is not held back by this one's texts
        if (hour === 24) await importLines([line(20, patient, { statementId: 'T-ST-20-D' })]); // Monday 22:00: a fourth
        if (hour === 48) await importLines([line(20, patient, { statementId: 'T-ST-20-E' })]); // Tuesday 22:00: a fifth
        await deliver();
        harness.clock.advance(60);
      }
      const arrived = fake.received.slice(start);
      const toPatient = arrived.filter((t) => t.to === patient);
      const perDay = Object.fromEntries(toPatient.map((t) => [local(t.at).date, toPatient.filter((u) => local(u.at).date === local(t.at).date).length]));
      assert.deepEqual(perDay, { '2026-11-30': 1, '2026-12-01': 1, '2026-12-02': 1, '2026-12-07': 1 }, 'Monday to Wednesday, then the next Monday');
      for (const text of toPatient) assert.equal(local(text.at).hour, 8, 'each at 8 a.m., the first moment it may go');
      assert.deepEqual(arrived.filter((t) => t.to === other).map((t) => local(t.at)), [{ date: '2026-11-30', hour: 12 }]);

      const rows = (await texts()).filter((r) => r.recipient === patient);
      assert.deepEqual(rows.map((r) => r.status).sort(), ['pending', 'sent', 'sent', 'sent', 'sent'], 'five queued, four sent, none failed or dropped');
      const waiting = rows.find((r) => r.status === 'pending')!;
      assert.equal(new Date(waiting.next_attempt_at).toISOString(), '2026-12-08T13:00:00.000Z', 'the fifth waits for Tuesday 8 a.m.: one a day');
      assert.equal(waiting.attempts, 0, 'put off, never tried');
      assert.deepEqual(rows.filter((r) => r.status === 'sent').map((r) => r.provider_id).sort(), toPatient.map((t) => t.sid).sort(), 'each message sent once');
    });

    it('the hours are where the patient lives, by the state of their address: 8 a.m. in Los Angeles, 8 a.m. in both of Tennessee’s zones', async () => {
      const [california, tennessee] = ['+12035550130', '+12035550131'];
      // Thursday 10 December, 10:30 in New Haven: 07:30 in Los Angeles, 09:30 in Nashville, 10:30 in Knoxville.
      harness.clock.current = new Date('2026-12-10T15:30:00.000Z');
      const start = fake.received.length;
      const living = (n: number, mobile: string, state: string) =>
        statementLine(n, (s) => {
          s.account.dateOfBirth = DOB;
          s.account.mobile = mobile;
          s.account.address.state = state;
          s.statement.id = `T-ST-${n}`;
        });
      await importLines([living(30, california, 'CA'), living(31, tennessee, 'TN')]);
      const arrived = () => fake.received.slice(start).map((t) => t.to).filter((to) => to === california || to === tennessee);
      await deliver();
      assert.deepEqual(arrived(), [tennessee], 'Tennessee is within hours in both its zones; California is not yet');
      const waiting = (await texts()).find((r) => r.recipient === california)!;
      assert.equal(new Date(waiting.next_attempt_at).toISOString(), '2026-12-10T16:00:00.000Z', '08:00 in Los Angeles');
      assert.equal(waiting.attempts, 0);
      harness.clock.advance(30);
      await deliver();
      assert.deepEqual(arrived(), [tennessee, california]);
    });
  });
}
