/**
 * What billpay tells a patient of their payment plan (issue 16): the confirmation with its schedule
 * and a copy of the authorization as accepted, reminders before its payments on the right days
 * (the server's clock moves), a failed payment, a plan behind, a bank payment returned, a refund;
 * each queued once with the change that causes it, rendered in English and Spanish with the right
 * figures.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays, formatBillId, formatMoney } from '@billpay/sdk';
import { demoAccounts } from '../../src/demo/demo-data.js';
import { takeRefund } from '../../src/payments/refunds.js';
import { recordConsent } from '../../src/messages/consent.js';
import { deliverDueMessages } from '../../src/messages/delivery.js';
import type { OutgoingEmail, OutgoingSms } from '../../src/messages/port.js';
import {
  renderInstallmentFailed,
  renderInstallmentReminder,
  renderInstallmentReminderText,
  renderPlanConfirmation,
  renderPlanDelinquent,
} from '../../src/messages/render-plans.js';
import { renderPaymentReturned, renderRefundIssued } from '../../src/messages/render-payments.js';
import type { Rendered, RenderedText } from '../../src/messages/render.js';
import { queueInstallmentReminders, reminderLead } from '../../src/plans/reminders.js';
import { backends } from '../support/backends.js';
import { adminKey } from '../support/admin.js';
import { harborPoint, practices, SECRET, TODAY } from '../support/harness.js';
import { AUTHORIZATION_TEXT, automatic, created, newKey, setupPlans, type Setup } from '../support/plans.js';
import { CARDS } from '../support/processor.js';

const PUBLIC_URL = 'https://billing.harborpoint.example';
const PAY_PAGE = 'https://harborpoint.example/pay';
const PRACTICE = 'Harbor Point Medical Group';

/** GSM 03.38's basic alphabet; its extension characters count twice. */
const GSM_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€';
function gsm7Length(text: string): number | undefined {
  let length = 0;
  for (const c of text) {
    if (GSM_BASIC.includes(c)) length += 1;
    else if (GSM_EXTENDED.includes(c)) length += 2;
    else return undefined;
  }
  return length;
}

/** No Bill ID or date of birth of any patient, in any form; every link absolute. */
function assertSafe(message: Rendered | RenderedText, label: string): void {
  const all = 'subject' in message ? `${message.subject}\n${message.text}\n${message.html}` : message.text;
  for (const account of demoAccounts) {
    assert.equal(all.includes(account.billId) || all.includes(formatBillId(account.billId)), false, `${label}: no Bill ID`);
    const [y, m, d] = account.dateOfBirth.split('-');
    for (const form of [account.dateOfBirth, `${m}/${d}/${y}`]) assert.equal(all.includes(form), false, `${label}: no date of birth`);
  }
  assert.equal(/\b\d{12}\b/.test(all), false, `${label}: nothing shaped like a Bill ID`);
  if ('html' in message) {
    for (const [, href = ''] of message.html.matchAll(/href="([^"]*)"/g)) assert.match(href, /^https:\/\/[^/]+\//, `${label}: absolute link ${href}`);
    assert.match(message.html, /^<!doctype html>\n<html lang="(en|es)">/);
  }
  for (const [url] of all.matchAll(/https?:\/\/\S+/g)) assert.ok(URL.canParse(url), `${label}: ${url}`);
}

describe('plan messages, rendered', () => {
  const common = (language: 'en' | 'es') => ({ language, practiceName: PRACTICE, practicePhone: '(555) 010-4477', currency: 'USD', timeZone: 'America/New_York' });
  const card = { kind: 'card', brand: 'Visa', bankName: null, last4: '4242' } as const;

  it('every plan and payment message, in both languages: no Bill ID or date of birth, absolute links, English texts one GSM-7 message', () => {
    for (const language of ['en', 'es'] as const) {
      const c = common(language);
      const returned = { ...c, amountCents: 6_200, paidAt: new Date('2026-11-22T15:00:00Z'), method: { kind: 'bank', brand: null, bankName: 'First Bank', last4: '0001' }, feeCents: 3_000, balanceCents: 9_200, payPage: PAY_PAGE } as const;
      const payments = [
        { dueOn: '2026-11-22', amountCents: 5_000, kind: 'down_payment' },
        { dueOn: '2026-12-22', amountCents: 6_200, kind: 'installment' },
      ] as const;
      const rendered: [string, Rendered | RenderedText][] = [
        ['confirmation (automatic)', renderPlanConfirmation({ ...c, frequency: 'monthly', totalCents: 11_200, payments, automatic: { method: card, authorizationText: AUTHORIZATION_TEXT, acceptedAt: new Date('2026-11-22T15:00:00Z') }, payPage: PAY_PAGE })],
        ['confirmation (manual)', renderPlanConfirmation({ ...c, frequency: 'biweekly', totalCents: 11_200, payments, automatic: null, payPage: PAY_PAGE })],
        ['failed', renderInstallmentFailed({ ...c, automatic: true, dueOn: '2026-12-22', amountCents: 6_200, retryOn: '2026-12-25', payPage: PAY_PAGE })],
        ['missed', renderInstallmentFailed({ ...c, automatic: false, dueOn: '2026-12-22', amountCents: 6_200, retryOn: '2026-12-25', payPage: PAY_PAGE })],
        ['delinquent', renderPlanDelinquent({ ...c, automatic: true, missed: 2, behindCents: 12_400, payPage: PAY_PAGE })],
        ['returned', renderPaymentReturned({ ...returned, plan: null })],
        ['returned (a plan payment, tried again)', renderPaymentReturned({ ...returned, plan: { kind: 'retry', automatic: true, dueOn: '2026-12-22', retryOn: '2026-12-25' } })],
        ['returned (a plan payment, the plan behind)', renderPaymentReturned({ ...returned, plan: { kind: 'behind', automatic: true, missed: 2, behindCents: 12_400 } })],
        ['refund', renderRefundIssued({ ...c, amountCents: 1_500, paymentAmountCents: 4_000, paidAt: new Date('2026-11-22T15:00:00Z'), method: card })],
      ];
      for (const lead of ['upcoming', 'amount_changes', 'due'] as const) {
        const facts = { ...c, lead, dueOn: '2026-12-22', amountCents: 5_500, previousCents: 6_200, method: card, payPage: PAY_PAGE };
        rendered.push([`reminder ${lead}`, renderInstallmentReminder(facts)], [`reminder text ${lead}`, renderInstallmentReminderText(facts)]);
      }
      for (const [label, message] of rendered) {
        assertSafe(message, `${language} ${label}`);
        // Spanish needs its accents (UCS-2, as the opt-out line already is): English keeps to one GSM-7 message.
        if ('subject' in message || language === 'es') continue;
        assert.ok((gsm7Length(message.text) ?? 999) <= 160, `${label}: GSM-7 under 160: ${message.text}`);
      }
      const confirmation = rendered[0]![1] as Rendered;
      assert.ok(confirmation.text.includes(`\n${AUTHORIZATION_TEXT}\n`), 'the authorization as accepted, character for character');
      assert.ok(confirmation.html.includes('<caption'), 'the schedule is a table with a caption');
    }
  });

  it('which reminder a payment gets, by the days before it', () => {
    assert.deepEqual([4, 3, 2, 1, 0].map((d) => reminderLead('automatic', d, 6_200, 6_200)), [undefined, 'upcoming', 'upcoming', 'upcoming', undefined]);
    assert.deepEqual([11, 10, 4, 3].map((d) => reminderLead('automatic', d, 5_000, 6_200)), [undefined, 'amount_changes', 'amount_changes', 'upcoming']);
    assert.equal(reminderLead('automatic', 10, 5_000, null), undefined, 'the first payment has no last one to differ from');
    assert.deepEqual([3, 1, 0].map((d) => reminderLead('manual', d, 5_000, 6_200)), [undefined, undefined, 'due']);
  });
});

for (const backend of backends) {
  describe(`plan messages (${backend.name})`, () => {
    let env: Setup;
    const emails: OutgoingEmail[] = [];
    const texts: OutgoingSms[] = [];
    const email = { kind: 'test', send: (m: OutgoingEmail) => (emails.push(m), Promise.resolve({ ok: true as const, providerId: null })) };
    const sms = { kind: 'test', send: (m: OutgoingSms) => (texts.push(m), Promise.resolve({ ok: true as const, providerId: null })) };
    const deliver = () =>
      deliverDueMessages({ db: env.db, secret: SECRET, practices, channels: { email, sms }, now: env.harness.clock.now, publicUrl: () => PUBLIC_URL, payPageUrl: () => PAY_PAGE });
    const remind = () => queueInstallmentReminders(env.db, practices, env.harness.clock.current);
    const messages = (accountId: string, kind: string) =>
      env.db.selectFrom('messages').selectAll().where('account_id', '=', accountId).where('kind', '=', kind as 'plan_confirmation').orderBy('created_at').orderBy('dedupe_key').execute();
    /** What went to `to` since the last call; forgets everything that went. */
    const take = <T extends { to: string }>(list: T[], to: string): T[] => list.splice(0).filter((m) => m.to === to);
    const es = (cents: number) => formatMoney(cents, 'es-US');
    let chenPlan: string;

    before(async () => {
      env = await setupPlans(backend);
      const contact = async (id: string, mail: string, mobile: string, language: string) => {
        await env.db.updateTable('accounts').set({ email: mail, mobile_phone: mobile, preferred_language: language }).where('id', '=', id).execute();
        // Reminder texts need the patient's prior express consent (TCPA): these numbers gave it at the front desk.
        await recordConsent(env.db, { practiceId: 'harbor-point', accountId: id, channel: 'sms', address: mobile, action: 'granted', source: 'staff', words: 'Consent to texts given at the front desk.', language: 'en', at: env.harness.clock.now() });
      };
      await contact('acct_demo1', 'ana.rivera@example.com', '+12035550111', 'en');
      await contact('acct_demo2', 'chidi.okafor@example.com', '+12035550112', 'en');
      await contact('acct_demo3', 'wei.chen@example.com', '+12035550113', 'es');
      await contact('acct_demo5', 'omar.haddad@example.com', '+12035550115', 'en');
    });
    after(async () => {
      await env.close();
    });

    it('a new plan is confirmed once, with the plan: its schedule and, paid automatically, the authorization exactly as accepted', async () => {
      const chen = await env.harness.open('Chen');
      const body = { frequency: 'monthly', firstDate: addDays(TODAY, 9), payments: 5, payment: automatic(await env.processor.bankToken(), env.harness.clock.current.toISOString()) };
      const key = newKey();
      const plan = created(await env.createPlan(chen, body, key));
      assert.equal((await env.createPlan(chen, body, key)).status < 300, true, 'the same request again answers the same plan');
      chenPlan = plan.id;
      const queued = await messages('acct_demo3', 'plan_confirmation');
      assert.deepEqual(queued.map((m) => [m.channel, m.recipient, m.language, m.data['planId']]), [['email', 'wei.chen@example.com', 'es', plan.id]], 'one email, queued with the plan');
      const haddad = await env.harness.open('Haddad');
      created(await env.createPlan(haddad, { frequency: 'biweekly', firstDate: addDays(TODAY, 2), amountCents: 3_250, payment: { mode: 'manual' } }));

      await deliver();
      const [english] = emails.filter((m) => m.to === 'omar.haddad@example.com');
      const [spanish] = take(emails, 'wei.chen@example.com');
      assert.ok(spanish, 'Chen’s confirmation went');
      assert.equal(spanish.subject, `Su plan de pagos con ${PRACTICE} está listo`);
      assert.ok(spanish.text.includes(`\n${AUTHORIZATION_TEXT}\n`), spanish.text);
      assert.ok(spanish.text.includes(`Total del plan: ${es(31_000)}`), spanish.text);
      for (const date of ['1 de diciembre de 2026', '1 de enero de 2027', '1 de abril de 2027']) assert.ok(spanish.text.includes(`${date}: ${es(6_200)}`), spanish.text);
      assert.match(spanish.html, /<blockquote[^>]*>I authorize Harbor Point Medical Group to debit my bank account/);
      assert.match(spanish.html, /<caption[^>]*>Su calendario de pagos<\/caption>/);
      assertSafe({ subject: spanish.subject, text: spanish.text, html: spanish.html }, 'Chen’s confirmation');
      assert.ok(english);
      assert.equal(english.subject, `Your payment plan with ${PRACTICE} is set up`);
      assert.ok(english.text.includes('November 24, 2026: $32.50') && english.text.includes('December 8, 2026: $32.50'), english.text);
      assert.ok(english.text.includes(`Pay a payment: ${PAY_PAGE}`), 'a manual plan’s confirmation links the pay page');
      assert.equal(english.text.includes('I authorize'), false, 'no authorization for a plan paid by hand');
      assert.equal(texts.length, 0, 'a confirmation is not texted');
      assert.equal(english.headers?.['List-Unsubscribe'], undefined, 'a confirmation, with the authorization’s copy, cannot be declined');
    });

    it('reminds of a manual payment on its date, by email and text, once however many instances run the reminders', async () => {
      await remind();
      assert.equal((await env.db.selectFrom('messages').select('id').where('kind', '=', 'installment_reminder').execute()).length, 0, 'nothing is due within the reminders’ days yet');
      await env.advanceDays(2);
      await Promise.all([remind(), remind(), remind()]);
      await remind();
      const queued = await messages('acct_demo5', 'installment_reminder');
      assert.deepEqual(queued.map((m) => [m.channel, m.data['lead'], m.data['dueOn']]).sort(), [['email', 'due', addDays(TODAY, 2)], ['sms', 'due', addDays(TODAY, 2)]]);
      await deliver();
      const [mail] = take(emails, 'omar.haddad@example.com');
      assert.ok(mail);
      assert.equal(mail.subject, `Reminder: your plan payment of $32.50 on November 24, 2026 (${PRACTICE})`);
      assert.match(mail.headers?.['List-Unsubscribe'] ?? '', /^<https:\/\/.+\/messages\/unsubscribe\/.+>$/, 'a reminder may be declined (RFC 8058)');
      assert.equal(mail.headers?.['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
      assert.ok(mail.text.includes(`Pay now: ${PAY_PAGE}`), mail.text);
      const [text] = take(texts, '+12035550115');
      assert.equal(text?.body, `${PRACTICE}: plan payment of $32.50 due November 24, 2026. Pay: ${PAY_PAGE}\nReply STOP to stop texts, HELP for help.`);
      const row = queued.find((m) => m.channel === 'sms')!;
      assert.ok((await env.db.selectFrom('messages').select('paced_at').where('id', '=', row.id).executeTakeFirstOrThrow()).paced_at, 'the text took its place under the limits on texts');
      assert.equal((await deliver()).attempted, 0, 'each sent once');
    });

    it('reminds 3 days before an automatic payment, and 10 days before one whose amount differs from the last, in the patient’s language', async () => {
      await env.advanceDays(3); // 27 November: the first payment is in 4 days.
      await remind();
      assert.equal((await messages('acct_demo3', 'installment_reminder')).length, 0, 'not 4 days before');
      await env.advanceDays(1); // 28 November: 3 days before 1 December.
      await remind();
      await remind();
      const upcoming = await messages('acct_demo3', 'installment_reminder');
      assert.deepEqual(upcoming.map((m) => [m.channel, m.data['lead'], m.data['dueOn']]).sort(), [['email', 'upcoming', '2026-12-01'], ['sms', 'upcoming', '2026-12-01']]);
      await deliver();
      const [mail] = take(emails, 'wei.chen@example.com');
      assert.ok(mail?.text.includes(`cobrará el próximo pago de su plan de pagos, de ${es(6_200)}, el 1 de diciembre de 2026`), mail?.text);
      const [text] = take(texts, '+12035550113');
      assert.equal(text?.body, `${PRACTICE}: recuerde, su plan de pagos cobrará ${es(6_200)} el 1 de diciembre de 2026.\nResponda STOP para no recibir más mensajes, HELP para ayuda.`);

      // The second payment is made smaller (as a change of the plan would): told 10 days before, not 11.
      await env.db.updateTable('plan_installments').set({ amount_cents: 5_000 }).where('plan_id', '=', chenPlan).where('number', '=', 2).execute();
      await env.advanceDays(23); // 21 December: 11 days before 1 January.
      await remind();
      assert.equal((await messages('acct_demo3', 'installment_reminder')).length, 2);
      await env.advanceDays(1);
      await remind();
      const changed = (await messages('acct_demo3', 'installment_reminder')).filter((m) => m.data['lead'] === 'amount_changes');
      assert.deepEqual(changed.map((m) => [m.channel, m.data['dueOn'], m.data['amountCents'], m.data['previousCents']]).sort(), [['email', '2027-01-01', 5_000, 6_200], ['sms', '2027-01-01', 5_000, 6_200]]);
      await deliver();
      const [notice] = take(emails, 'wei.chen@example.com');
      assert.ok(notice?.text.includes(`Este pago es de ${es(5_000)}, distinto de su último pago de ${es(6_200)}`), notice?.text);
      const [changedText] = take(texts, '+12035550113');
      assert.ok(changedText?.body.startsWith(`${PRACTICE}: su próximo pago del plan es de ${es(5_000)} (el último fue ${es(6_200)}), el 1 de enero de 2027.`), changedText?.body);
      emails.length = 0;
      texts.length = 0;
    });

    it('a failed automatic payment is told with what to do; the second in a row tells that the plan is behind', async () => {
      const today = env.today();
      const rivera = await env.harness.open('Rivera');
      const plan = created(await env.createPlan(rivera, { frequency: 'monthly', firstDate: today, payments: 2, payment: automatic(await env.processor.bankToken(), env.harness.clock.current.toISOString()) }));
      await env.db.updateTable('plans').set({ token: await env.processor.cardToken(CARDS.declined) }).where('id', '=', plan.id).execute();
      assert.equal((await env.run()).declined, 1);
      await env.run();
      const failed = await messages('acct_demo1', 'installment_failed');
      assert.deepEqual(failed.map((m) => [m.channel, m.data['installmentId'], m.data['failures'], m.data['retryOn'], m.data['amountCents']]), [['email', `${plan.id}_1`, 1, addDays(today, 3), 7_125]]);
      await deliver();
      const [mail] = take(emails, 'ana.rivera@example.com').filter((m) => m.subject.startsWith('Your plan payment did not go through'));
      assert.ok(mail);
      assert.ok(mail.text.includes('payment of $71.25 due on December 22, 2026') && mail.text.includes('We will try again on December 25, 2026.'), mail.text);
      assert.ok(mail.text.includes(`Pay now: ${PAY_PAGE}`));
      assertSafe({ subject: mail.subject, text: mail.text, html: mail.html }, 'failed');

      await env.advanceDays(3);
      assert.equal((await env.run()).declined, 1);
      assert.equal((await messages('acct_demo1', 'installment_failed')).length, 1, 'the failure that makes the plan delinquent is told as that');
      const behind = await messages('acct_demo1', 'plan_delinquent');
      assert.deepEqual(behind.map((m) => [m.channel, m.data['missed'], m.data['behindCents']]), [['email', 2, 7_125]]);
      await deliver();
      const [delinquent] = take(emails, 'ana.rivera@example.com').filter((m) => m.subject.startsWith('Your payment plan is behind'));
      assert.ok(delinquent);
      assert.ok(delinquent.text.includes('missed 2 payments in a row') && delinquent.text.includes('Amount behind: $71.25') && delinquent.text.includes('Automatic payments are paused'), delinquent.text);
      await env.run();
      assert.equal((await messages('acct_demo1', 'plan_delinquent')).length, 1, 'told once');
    });

    it('a plan’s bank payment returned is told once, in one message: the fee, and when it is tried again; a refund issued is told, once', async () => {
      const okafor = await env.harness.open('Okafor');
      const plan = created(await env.createPlan(okafor, { frequency: 'monthly', firstDate: env.today(), payments: 12, payment: automatic(await env.processor.bankToken('000987650001'), env.harness.clock.current.toISOString()) }));
      assert.equal((await env.run()).processing, 1);
      await deliver(); // The plan's confirmation.
      emails.length = 0;
      await env.advanceDays(4); // The bank debit comes back (R01).
      const returned = await messages('acct_demo2', 'payment_returned');
      assert.deepEqual(returned.map((m) => [m.channel, m.recipient, m.data['feeCents']]), [['email', 'chidi.okafor@example.com', 3_000]]);
      assert.deepEqual(await messages('acct_demo2', 'installment_failed'), [], 'the return is the failure: not told twice');
      await deliver();
      const mails = take(emails, 'chidi.okafor@example.com');
      assert.equal(mails.length, 1, mails.map((m) => m.subject).join('\n'));
      const [mail] = mails.filter((m) => m.subject === `Your bank returned your payment to ${PRACTICE}`);
      assert.ok(mail);
      assert.ok(mail.text.includes(`Your bank returned your payment of ${formatMoney(plan.installments[0]!.amountCents, 'en-US')}`) && mail.text.includes('A returned-payment fee of $30.00 was added'), mail.text);
      const [due, retry] = [plan.installments[0]!.dueOn, (await env.db.selectFrom('plan_installments').select('next_attempt_on').where('plan_id', '=', plan.id).where('number', '=', 1).executeTakeFirstOrThrow()).next_attempt_on];
      const longDay = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-US', { dateStyle: 'long', timeZone: 'UTC' });
      assert.ok(mail.text.includes(`It was your payment plan's payment due on ${longDay(due)}.`) && mail.text.includes(`We will try again on ${longDay(retry)}.`), mail.text);
      assert.ok(!mail.text.includes('Please pay again with another bank account'), 'an automatic plan tries again by itself');

      // Tried again, and back again: the plan is behind, told in the return's message (not a second).
      await env.advanceDays(3);
      await env.run();
      const retried = await env.db.selectFrom('plan_installments').select(['status', 'failures']).where('plan_id', '=', plan.id).where('number', '=', 1).executeTakeFirstOrThrow();
      assert.deepEqual(retried, { status: 'processing', failures: 1 });
      await env.advanceDays(4);
      const [, again] = await messages('acct_demo2', 'payment_returned');
      assert.deepEqual(again?.data['plan'], { kind: 'behind', automatic: true, missed: 2, behindCents: plan.installments[0]!.amountCents });
      assert.deepEqual([...(await messages('acct_demo2', 'plan_delinquent')), ...(await messages('acct_demo2', 'installment_failed'))], []);
      await deliver();
      const [behind, ...more] = take(emails, 'chidi.okafor@example.com');
      assert.deepEqual(more, []);
      assert.ok(behind?.text.includes('missed 2 payments in a row') && behind.text.includes('Automatic payments are paused') && behind.text.includes(`Amount behind: ${formatMoney(plan.installments[0]!.amountCents, 'en-US')}`), behind?.text);
      assert.ok(mail.text.includes(`Pay now: ${PAY_PAGE}`));
      assertSafe({ subject: mail.subject, text: mail.text, html: mail.html }, 'returned');

      const paid = await env.send('/v1/payments', await env.harness.open('Okafor'), { body: { amountCents: 4_000, token: await env.processor.cardToken(CARDS.visa) }, key: newKey() });
      assert.equal(paid.status, 201, JSON.stringify(paid.body));
      const paymentId = (paid.body as { id: string }).id;
      const key = await adminKey(env.harness.database, 'harbor-point', ['refunds']);
      const ctx = { db: env.db, gateway: env.gateway, practice: harborPoint, now: env.harness.clock.current };
      const refundKey = newKey();
      await takeRefund(ctx, paymentId, refundKey, { amountCents: 1_500, reason: 'billing_error' }, { apiKeyId: key.id, staffId: null });
      await takeRefund(ctx, paymentId, refundKey, { amountCents: 1_500, reason: 'billing_error' }, { apiKeyId: key.id, staffId: null });
      assert.deepEqual((await messages('acct_demo2', 'refund_issued')).map((m) => [m.channel, m.data['paymentId']]), [['email', paymentId]]);
      await deliver();
      const [refund] = take(emails, 'chidi.okafor@example.com').filter((m) => m.subject === `${PRACTICE} refunded you`);
      assert.ok(refund);
      assert.ok(refund.text.includes('Refund: $15.00') && refund.text.includes('Original payment: $40.00') && /Refunded to: visa ending in 4242/i.test(refund.text), refund.text);
      assertSafe({ subject: refund.subject, text: refund.text, html: refund.html }, 'refund');
    });
  });
}
