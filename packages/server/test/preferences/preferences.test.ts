/**
 * The patient's message preferences (`/v1/message-preferences`): read and changed with the
 * session; a channel turned on by a 6-digit code sent through the outbox (kept sealed there and as
 * a keyed hash in the verification), which expires in 10 minutes and takes 5 tries; codes limited
 * per account and per client address; consent and revocation recorded append-only with the words
 * shown, the time, the address and the client address; a STOP reply or an unsubscribe link shown;
 * texts about statements only to numbers with consent; paperless accounts out of the paper run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { consentText, MESSAGE_CONSENT_VERSION, MessagePreferencesSchema, revocationText, VerificationSchema, type MessagePreferences } from '@billpay/sdk';
import { deliverDueMessages, HELD_MESSAGE_SEAL } from '../../src/messages/delivery.js';
import { queueStatementReady } from '../../src/messages/outbox.js';
import { unsubscribe } from '../../src/messages/unsubscribe.js';
import { recordConsent } from '../../src/messages/consent.js';
import { goesPaperless } from '../../src/statements/paper.js';
import { unseal } from '../../src/security/seal.js';
import { backends } from '../support/backends.js';
import { harborPoint, openHarness, practices, problem, SECRET, type Harness } from '../support/harness.js';

const RIVERA = 'acct_demo1';
const EMAIL = 'Daniela.Rivera@example.com';
const MOBILE = '+12035550142';
const PATH = '/v1/message-preferences';
const CLIENT = '198.51.100.23';

for (const backend of backends) {
  describe(`message preferences (${backend.name})`, () => {
    let harness: Harness;
    let token: string;

    before(async () => {
      harness = await openHarness(backend);
      await harness.database.db.updateTable('accounts').set({ email: EMAIL, mobile_phone: MOBILE }).where('id', '=', RIVERA).execute();
      token = await harness.open('Rivera');
    });
    after(async () => {
      await harness.close();
    });

    const db = () => harness.database.db;
    /** 16 minutes on: past the window of the limits on codes, and past the session's idle end, so a new lookup. */
    const later = async () => {
      harness.clock.advance(16);
      token = await harness.open('Rivera');
    };
    const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), address: CLIENT });
    const read = async () => MessagePreferencesSchema.parse((await harness.request(PATH, token)).body);
    const change = (body: unknown) => harness.request<MessagePreferences>(PATH, token, json(body));
    const ask = (body: Record<string, unknown>) => harness.request(`${PATH}/verifications`, token, json({ consentVersion: MESSAGE_CONSENT_VERSION, ...body }));
    const answer = (id: string, code: string) => harness.request<MessagePreferences>(`${PATH}/verifications/${id}`, token, json({ code }));
    /** The code as the patient reads it: the message held in the outbox (no text provider here), unsealed. */
    async function codeSent(verificationId: string): Promise<string> {
      await deliver();
      const message = await db().selectFrom('messages').selectAll().where('dedupe_key', '=', `verification_code:${verificationId}`).executeTakeFirstOrThrow();
      assert.equal(message.status, 'held');
      const rendered = JSON.parse(unseal(SECRET, HELD_MESSAGE_SEAL, message.body_sealed!)) as { text: string };
      const code = /\b(\d{6})\b/.exec(rendered.text)![1]!;
      harness.secrets.push(code);
      return code;
    }
    const deliver = () => deliverDueMessages({ db: db(), secret: SECRET, practices, channels: {}, now: harness.clock.now, publicUrl: () => 'https://billing.example', payPageUrl: () => 'https://harborpoint.example/pay' });
    const smsOf = (statementId: string) => db().selectFrom('messages').select(['recipient']).where('dedupe_key', '=', `statement_ready:sms:${statementId}`).executeTakeFirst();

    it('as imported: statement emails on to the address on file; texts off, the number on file shown masked; nothing without a session', async () => {
      assert.deepEqual(await read(), {
        paperless: false,
        email: { on: true, address: 'D***@example.com', onFile: 'D***@example.com', stoppedBy: null },
        sms: { on: false, address: '***-***-0142', onFile: '***-***-0142', stoppedBy: null },
      });
      problem(await harness.request(PATH, undefined), 401, 'session_expired');
      // An imported number without recorded consent gets no text about a statement.
      const [statement] = await db().selectFrom('statements').select('id').where('account_id', '=', RIVERA).orderBy('statement_date').execute();
      await queueStatementReady(db(), [statement!.id], harness.clock.now());
      assert.equal(await smsOf(statement!.id), undefined, 'no text queued without consent');
    });

    it('turns texts on with the code sent to the number on file; the consent is recorded with the Spanish words shown, the time, the number and the client address', async () => {
      const asked = await ask({ channel: 'sms', language: 'es' });
      assert.equal(asked.status, 201, JSON.stringify(asked.body));
      const verification = VerificationSchema.parse(asked.body);
      assert.deepEqual([verification.channel, verification.to, verification.attemptsLeft], ['sms', '***-***-0142', 5]);
      assert.equal(verification.expiresAt, new Date(harness.clock.now().getTime() + 10 * 60_000).toISOString());
      const code = await codeSent(verification.id);
      const kept = await db().selectFrom('message_verifications').selectAll().where('id', '=', verification.id).executeTakeFirstOrThrow();
      assert.match(kept.code_hash, /^[0-9a-f]{64}$/);
      assert.equal(JSON.stringify(kept).includes(code), false, 'the code is kept only as a keyed hash');
      const row = await db().selectFrom('messages').select(['data', 'recipient', 'language']).where('dedupe_key', '=', `verification_code:${verification.id}`).executeTakeFirstOrThrow();
      assert.equal(JSON.stringify(row.data).includes(code), false, 'sealed in the outbox');
      assert.deepEqual([row.recipient, row.language], [MOBILE, 'es']);

      const wrong = code === '000000' ? '111111' : '000000';
      const refused = problem(await answer(verification.id, wrong), 422, 'code_invalid');
      assert.equal(refused.issues?.[0]?.path.join('.'), 'code');
      assert.equal((await read()).sms.on, false, 'a wrong code changes nothing');

      harness.clock.advance(1);
      const right = await answer(verification.id, code);
      assert.equal(right.status, 200, JSON.stringify(right.body));
      assert.deepEqual(MessagePreferencesSchema.parse(right.body).sms, { on: true, address: '***-***-0142', onFile: '***-***-0142', stoppedBy: null });
      const consents = await db().selectFrom('message_consents').selectAll().where('account_id', '=', RIVERA).execute();
      assert.equal(consents.length, 1);
      const [consent] = consents;
      assert.deepEqual(
        { ...consent, seq: undefined, created_at: new Date(consent!.created_at).toISOString() },
        {
          seq: undefined,
          practice_id: 'harbor-point',
          account_id: RIVERA,
          channel: 'sms',
          address: MOBILE,
          action: 'granted',
          source: 'patient',
          words: consentText('sms', 'es', harborPoint.name),
          language: 'es',
          words_version: MESSAGE_CONSENT_VERSION,
          client_address: CLIENT,
          verification_id: verification.id,
          message_id: null,
          staff_id: null,
          created_at: harness.clock.now().toISOString(),
        },
      );
      assert.equal((await answer(verification.id, code)).status, 200, 'a code used once answers the preferences again, harmlessly');

      // Texts about statements go to the number now.
      const [statement] = await db().selectFrom('statements').select('id').where('account_id', '=', RIVERA).orderBy('statement_date').execute();
      await queueStatementReady(db(), [statement!.id], harness.clock.now());
      assert.equal((await smsOf(statement!.id))?.recipient, MOBILE);
      await harness.assertNothingLeaked();
    });

    it('a code expires after 10 minutes (the server’s clock moved)', async () => {
      await later();
      const verification = VerificationSchema.parse((await ask({ channel: 'email', address: ' new.address@Example.org ', language: 'en' })).body);
      assert.equal(verification.to, 'n***@Example.org');
      const code = await codeSent(verification.id);
      harness.clock.advance(10);
      problem(await answer(verification.id, code), 409, 'code_expired');
      assert.equal((await read()).email.address, 'D***@example.com', 'still the address on file');
    });

    it('five wrong codes spend the code: the right one is then refused too', async () => {
      await later();
      const verification = VerificationSchema.parse((await ask({ channel: 'email', address: 'new.address@example.org', language: 'en' })).body);
      const code = await codeSent(verification.id);
      const wrong = code === '000000' ? '111111' : '000000';
      for (let i = 1; i <= 4; i++) problem(await answer(verification.id, wrong), 422, 'code_invalid');
      problem(await answer(verification.id, wrong), 429, 'too_many_attempts');
      problem(await answer(verification.id, code), 429, 'too_many_attempts');
      assert.equal((await db().selectFrom('message_verifications').select('attempts').where('id', '=', verification.id).executeTakeFirstOrThrow()).attempts, 5);
      // Another account's session never reaches this verification.
      const other = await harness.open('Okafor');
      problem(await harness.request(`${PATH}/verifications/${verification.id}`, other, json({ code })), 404, 'verification_not_found');
    });

    it('codes are limited like lookups: five for an account in 15 minutes, then 429 with Retry-After', async () => {
      await later();
      for (let i = 0; i < 5; i++) assert.equal((await ask({ channel: 'sms', language: 'en' })).status, 201);
      const refused = await ask({ channel: 'sms', language: 'en' });
      problem(refused, 429, 'too_many_codes');
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      await later();
      assert.equal((await ask({ channel: 'sms', language: 'en' })).status, 201);
    });

    it('refuses bad input with a 400 naming the field, and a channel with nothing on file with no_address', async () => {
      await later();
      assert.equal(problem(await ask({ channel: 'sms', address: '555-12', language: 'en' }), 400, 'invalid_request').issues?.[0]?.path.join('.'), 'address');
      assert.equal(problem(await ask({ channel: 'email', address: 'not an address', language: 'en' }), 400, 'invalid_request').issues?.[0]?.code, 'invalid_email');
      problem(await ask({ channel: 'fax', language: 'en' }), 400, 'invalid_request');
      problem(await ask({ channel: 'sms', language: 'en', consentVersion: 'some-other-words' }), 400, 'invalid_request');
      problem(await ask({ channel: 'sms', language: 'en', address: 'x'.repeat(300) }), 400, 'invalid_request');
      problem(await answer('ver_nothing', '12ab56'), 400, 'invalid_request');
      const okafor = await harness.open('Okafor');
      problem(await harness.request(`${PATH}/verifications`, okafor, json({ channel: 'sms', language: 'en', consentVersion: MESSAGE_CONSENT_VERSION })), 422, 'no_address');
    });

    it('paperless needs a channel on; a paperless account is left out of the paper statement run', async () => {
      const [statement] = await db().selectFrom('statements').select('id').where('account_id', '=', RIVERA).orderBy('statement_date').execute();
      assert.equal(await goesPaperless(db(), harborPoint, statement!.id), false);
      const on = await change({ paperless: true, language: 'en' });
      assert.equal(on.status, 200, JSON.stringify(on.body));
      assert.equal(on.body.paperless, true);
      assert.equal(await goesPaperless(db(), harborPoint, statement!.id), true);
      const okafor = await harness.open('Okafor');
      problem(await harness.request(PATH, okafor, json({ paperless: true, language: 'en' })), 409, 'paperless_needs_channel');
      problem(await change({ paperless: 'yes', language: 'en' }), 400, 'invalid_request');
    });

    it('turning texts off takes effect at once: recorded as a revocation in the words shown, a waiting text suppressed, no new one queued', async () => {
      const statements = await db().selectFrom('statements').select('id').where('account_id', '=', RIVERA).orderBy('statement_date').execute();
      await queueStatementReady(db(), [statements[1]!.id], harness.clock.now());
      assert.equal((await smsOf(statements[1]!.id))?.recipient, MOBILE, 'a text waits in the outbox');
      const off = await change({ sms: false, language: 'en' });
      assert.equal(off.status, 200, JSON.stringify(off.body));
      assert.equal(off.body.sms.on, false);
      assert.equal(off.body.sms.stoppedBy, null, 'the patient did it here');
      const [revoked] = await db().selectFrom('message_consents').selectAll().where('account_id', '=', RIVERA).where('channel', '=', 'sms').orderBy('seq', 'desc').limit(1).execute();
      assert.deepEqual([revoked!.action, revoked!.source, revoked!.words, revoked!.client_address, revoked!.address], ['revoked', 'patient', revocationText('sms', 'en', harborPoint.name), CLIENT, MOBILE]);
      // The text queued while texts were on does not go; none is queued any more.
      assert.ok((await deliver()).suppressed >= 1);
      assert.equal((await db().selectFrom('messages').select('status').where('dedupe_key', '=', `statement_ready:sms:${statements[1]!.id}`).executeTakeFirstOrThrow()).status, 'suppressed');
      // (The first statement's text, long sent, is cleared away to see whether it would be queued again.)
      const first = await db().selectFrom('messages').select('id').where('dedupe_key', '=', `statement_ready:sms:${statements[0]!.id}`).executeTakeFirstOrThrow();
      await db().deleteFrom('pay_links').where('message_id', '=', first.id).execute();
      await db().deleteFrom('messages').where('id', '=', first.id).execute();
      await queueStatementReady(db(), [statements[0]!.id], harness.clock.now());
      assert.equal(await smsOf(statements[0]!.id), undefined, 'nothing new is queued');
      // Paperless stays: email is still on.
      assert.equal(off.body.paperless, true);
      const allOff = await change({ email: false, language: 'en' });
      assert.equal(allOff.body.paperless, false, 'with no channel on, paper statements are mailed again');
    });

    it('an unsubscribe link and a STOP reply show in the preferences, with what stopped them', async () => {
      await later();
      const verification = VerificationSchema.parse((await ask({ channel: 'email', language: 'en' })).body);
      assert.equal((await answer(verification.id, await codeSent(verification.id))).status, 200);
      assert.equal((await read()).email.on, true, 'verified again, the address is no longer suppressed');
      const message = await db().selectFrom('messages').select('id').where('dedupe_key', '=', `verification_code:${verification.id}`).executeTakeFirstOrThrow();
      await unsubscribe(db(), { id: message.id, practiceId: 'harbor-point', channel: 'email', recipient: EMAIL }, harness.clock.now());
      assert.deepEqual((await read()).email, { on: false, address: 'D***@example.com', onFile: 'D***@example.com', stoppedBy: 'unsubscribe_link' });
      await recordConsent(db(), { practiceId: 'harbor-point', accountId: null, channel: 'sms', address: MOBILE, action: 'granted', source: 'text_reply', words: 'START', at: harness.clock.now() });
      await db().updateTable('message_preferences').set({ sms_on: true }).where('account_id', '=', RIVERA).execute();
      await recordConsent(db(), { practiceId: 'harbor-point', accountId: null, channel: 'sms', address: MOBILE, action: 'revoked', source: 'text_reply', words: 'STOP', at: harness.clock.now() });
      assert.deepEqual((await read()).sms, { on: false, address: '***-***-0142', onFile: '***-***-0142', stoppedBy: 'text_reply' });
    });

    it('keeps the record of consent append-only', async () => {
      await assert.rejects(db().updateTable('message_consents').set({ words: 'something else' }).execute(), /append-only/);
      await assert.rejects(db().deleteFrom('message_consents').execute(), /append-only/);
    });
  });
}
