/**
 * An account's notices on the billing office's desk: the messages sent or waiting for it, masked
 * and without a body or link, and a statement's notice sent again: by the roles that change money
 * only, once per Idempotency-Key, refused in words without an email address or once it
 * unsubscribed, another practice's account never found; delivery then sends it with a fresh link.
 * A payment's receipt emailed again by staff, to the address the patient gives or the account's:
 * once per Idempotency-Key, only for a payment of the account that succeeded, bad addresses refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiErrorBodySchema } from '@billpay/sdk';
import { AccountNoticeSchema, AccountNoticesSchema, type AccountNotice } from '@billpay/sdk/admin-desk';
import { deliverDueMessages } from '../../src/messages/delivery.js';
import { unsubscribe } from '../../src/messages/unsubscribe.js';
import { adminCall, adminKey, otherPractice, twoPracticeApp, type AdminAnswer } from '../support/admin.js';
import { backends } from '../support/backends.js';
import { openHarness, practices, SECRET, type App, type Harness } from '../support/harness.js';
import { newKey } from '../support/payments.js';

const RIVERA = 'acct_demo1';
const EMAIL = 'Daniela.Rivera@example.com';

function refused(answer: AdminAnswer, status: number, code: string) {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.equal(ApiErrorBodySchema.parse(answer.body).error.code, code);
}

for (const backend of backends) {
  describe(`an account's notices on the desk (${backend.name})`, () => {
    let harness: Harness;
    let app: App;
    let reader: string;
    let biller: string;
    let theirs: string;
    let statementId: string;

    before(async () => {
      harness = await openHarness(backend);
      app = twoPracticeApp(harness, []);
      reader = (await adminKey(harness.database, 'harbor-point', ['read'])).secret;
      biller = (await adminKey(harness.database, 'harbor-point', ['read', 'refunds'])).secret;
      theirs = (await adminKey(harness.database, otherPractice.id, ['read', 'refunds'])).secret;
      await harness.database.db.updateTable('accounts').set({ email: EMAIL }).where('id', '=', RIVERA).execute();
      const statement = await harness.database.db.selectFrom('statements').select('id').where('account_id', '=', RIVERA).orderBy('statement_date', 'desc').executeTakeFirstOrThrow();
      statementId = statement.id;
    });
    after(() => harness.close());

    const resend = (key: string, idempotencyKey = newKey(), account = RIVERA, statement = statementId) =>
      adminCall<AccountNotice>(app, `/admin/v1/accounts/${account}/statements/${statement}/resend`, key, { method: 'POST', headers: { 'idempotency-key': idempotencyKey } });
    const notices = async (key = reader) => {
      const answer = await adminCall(app, `/admin/v1/accounts/${RIVERA}/messages`, key);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return AccountNoticesSchema.parse(answer.body).notices;
    };
    const deliver = () =>
      deliverDueMessages({ db: harness.database.db, secret: SECRET, practices, channels: {}, now: harness.clock.now, publicUrl: () => 'https://billing.example', payPageUrl: () => 'https://harborpoint.example/pay' });

    it('admin and billing staff send a statement again, once per Idempotency-Key; read-only staff may not', async () => {
      refused(await resend(reader), 403, 'insufficient_scope');
      assert.deepEqual(await notices(), []);
      const key = newKey();
      const [first, second] = await Promise.all([resend(biller, key), resend(biller, key)]);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      assert.equal(second.status, 201, JSON.stringify(second.body));
      const notice = AccountNoticeSchema.parse(first.body);
      assert.equal(AccountNoticeSchema.parse(second.body).id, notice.id);
      assert.equal(notice.kind, 'statement_ready');
      assert.equal(notice.status, 'pending');
      assert.equal(notice.to, 'D***@example.com');
      assert.equal(notice.statementId, statementId);
      assert.deepEqual((await notices()).map((n) => n.id), [notice.id]);
      const audited = await harness.database.db.selectFrom('audit_events').select('detail').where('account_id', '=', RIVERA).where('detail', 'like', 'POST %/resend 201').execute();
      assert.equal(audited.length, 2, 'each call is in the account\'s audit trail');
      const other = await harness.database.db.selectFrom('statements').select('id').where('account_id', '=', RIVERA).where('id', '<>', statementId).executeTakeFirst();
      if (other) refused(await resend(biller, key, RIVERA, other.id), 409, 'idempotency_conflict');
      refused(await resend(biller, 'short'), 400, 'idempotency_key_required');
    });

    it('the list shows the notice sent, with no link, body or whole address, newest first', async () => {
      await deliver();
      // Staff re-send it a minute later (on a clock that stood still the two would tie on their time).
      harness.clock.advance(1);
      const again = await resend(biller);
      assert.equal(again.status, 201);
      const list = await notices();
      assert.deepEqual(list.map((n) => n.status), ['pending', 'held']);
      assert.ok(list[0]!.createdAt > list[1]!.createdAt);
      const links = await harness.database.db.selectFrom('pay_links').select('token_hash').execute();
      assert.equal(links.length, 1, 'delivery minted a fresh link for the notice');
      const text = JSON.stringify(list);
      assert.ok(!text.includes(EMAIL) && !text.toLowerCase().includes('daniela.rivera'), text);
      assert.ok(!/link=|https?:|body|subject/i.test(text), text);
      for (const notice of list) assert.deepEqual(Object.keys(notice).sort(), ['channel', 'createdAt', 'id', 'kind', 'lastError', 'paymentId', 'sentAt', 'statementId', 'status', 'to']);
    });

    it('another practice never finds the account; an unknown statement is not found', async () => {
      refused(await resend(theirs), 404, 'account_not_found');
      refused(await adminCall(app, `/admin/v1/accounts/${RIVERA}/messages`, theirs), 404, 'account_not_found');
      refused(await resend(biller, newKey(), RIVERA, 'st_nope'), 404, 'statement_not_found');
      refused(await resend(biller, newKey(), RIVERA, 'x'.repeat(300)), 404, 'statement_not_found');
    });

    it('is refused in words when the address unsubscribed, or the account has no email address', async () => {
      const [held] = await notices();
      await unsubscribe(harness.database.db, { id: held!.id, practiceId: 'harbor-point', channel: 'email', recipient: EMAIL.toLowerCase() }, harness.clock.now());
      refused(await resend(biller), 409, 'address_unsubscribed');
      await harness.database.db.updateTable('accounts').set({ email: null }).where('id', '=', RIVERA).execute();
      refused(await resend(biller), 409, 'no_email');
    });

    it("emails a payment's receipt again, to the address the patient gives or the account's, once per Idempotency-Key", async () => {
      const db = harness.database.db;
      await db.updateTable('accounts').set({ email: EMAIL }).where('id', '=', RIVERA).execute();
      const payment = async (id: string, accountId: string, status: 'succeeded' | 'declined') => {
        const now = harness.clock.now();
        await db
          .insertInto('payments')
          .values({ id, practice_id: 'harbor-point', account_id: accountId, idempotency_key: `${id}-key`, request_hash: 'x', confirmation_number: `T-${id.slice(-4)}`, status, amount_cents: 2_500, statement_id: null, token: `tok_${id}`, charge_id: status === 'succeeded' ? `ch_${id}` : null, method_kind: 'card', brand: 'visa', last4: '4242', wallet: null, decline_code: status === 'declined' ? 'card_declined' : null, return_code: null, remaining_balance_cents: 0, authorization_text: null, authorization_accepted_at: null, created_at: now, updated_at: now })
          .execute();
        return id;
      };
      const paid = await payment('pay_receipt_ok1', RIVERA, 'succeeded');
      const declined = await payment('pay_receipt_no1', RIVERA, 'declined');
      const neighbour = await db.selectFrom('accounts').select('id').where('practice_id', '=', 'harbor-point').where('id', '<>', RIVERA).executeTakeFirstOrThrow();
      const theirPayment = await payment('pay_receipt_nb1', neighbour.id, 'succeeded');
      const send = (key: string, body: unknown = {}, paymentId = paid, idempotencyKey = newKey(), account = RIVERA) =>
        adminCall<AccountNotice>(app, `/admin/v1/accounts/${account}/payments/${paymentId}/receipt`, key, { method: 'POST', body, headers: { 'idempotency-key': idempotencyKey } });

      refused(await send(reader), 403, 'insufficient_scope');
      refused(await send(theirs), 404, 'account_not_found');
      refused(await send(biller, {}, 'pay_nope'), 404, 'payment_not_found');
      refused(await send(biller, {}, 'p'.repeat(300)), 404, 'payment_not_found');
      refused(await send(biller, {}, theirPayment), 404, 'payment_not_found');
      refused(await send(biller, { email: 'not an address' }), 400, 'invalid_request');
      refused(await send(biller, { email: `${'a'.repeat(250)}@example.com` }), 400, 'invalid_request');
      refused(await send(biller, {}, declined), 409, 'payment_not_succeeded');
      refused(await send(biller, { email: 'other.person@example.org' }, paid, 'short'), 400, 'idempotency_key_required');

      // To the account's own address (which unsubscribed from notices: a receipt still goes), then to the one the patient gives.
      const again = await send(biller);
      assert.equal(again.status, 201, JSON.stringify(again.body));
      assert.equal(AccountNoticeSchema.parse(again.body).to, 'D***@example.com');
      const key = newKey();
      const [first, second] = await Promise.all([send(biller, { email: 'other.person@example.org' }, paid, key), send(biller, { email: 'other.person@example.org' }, paid, key)]);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      const notice = AccountNoticeSchema.parse(first.body);
      assert.equal(AccountNoticeSchema.parse(second.body).id, notice.id, 'one message per Idempotency-Key');
      assert.deepEqual({ kind: notice.kind, to: notice.to, status: notice.status, paymentId: notice.paymentId }, { kind: 'payment_receipt', to: 'o***@example.org', status: 'pending', paymentId: paid });
      refused(await send(biller, { email: 'someone.else@example.org' }, paid, key), 409, 'idempotency_conflict');
      const receipts = (await notices()).filter((n) => n.kind === 'payment_receipt');
      assert.deepEqual(receipts.map((n) => n.id).sort(), [AccountNoticeSchema.parse(again.body).id, notice.id].sort());
      const audited = await db.selectFrom('audit_events').select('detail').where('account_id', '=', RIVERA).where('detail', 'like', `POST %/receipt 201 ${notice.id}`).execute();
      assert.equal(audited.length, 2, 'each call is in the account\'s audit trail, with the message');

      // Delivery takes it as any receipt: held in the outbox here (no mail service), to the address given.
      await deliver();
      const row = await db.selectFrom('messages').select(['recipient', 'status', 'dedupe_key']).where('id', '=', notice.id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { recipient: 'other.person@example.org', status: 'held', dedupe_key: `payment_receipt:${paid}:${key}` });

      await db.updateTable('accounts').set({ email: null }).where('id', '=', RIVERA).execute();
      refused(await send(biller), 409, 'no_email');
    });
  });
}
