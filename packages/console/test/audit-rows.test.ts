import '../../../test/support/fail-on-console.js';
import { expect } from '@open-wc/testing';
import type { AuditTrail } from '@billpay/sdk/admin';
import { auditRows, keptTogether } from '../src/account/audit-rows.js';
import { deskWords } from '../src/i18n/desk.js';

type Entry = AuditTrail['data'][number];

const clerk = { type: 'staff', id: 'stf_1', label: 'ana@clinic.test' } as const;
const other = { type: 'staff', id: 'stf_2', label: 'bo@clinic.test' } as const;
const key = { type: 'api_key', id: 'key_1', label: 'Practice server' } as const;
let n = 0;
const entry = (at: string, action: string, detail: string | null, actor: Entry['actor'] = clerk, requestId = `req_${++n}`): Entry => ({
  at: `2026-11-20T${at}:00.000Z`,
  action,
  actor,
  detail,
  clientHash: 'hash',
  requestId,
});
const now = new Date('2026-11-27T12:00:00Z');
const rowsOf = (entries: Entry[], locale: 'en' | 'es') => auditRows(entries, deskWords(locale), locale, now);

/** One opening of the account by a clerk, newest first, as the console's calls record it. */
const visit = (minute: string, actor: Entry['actor'] = clerk) => [
  entry(`15:${minute}`, 'api_call', 'GET /admin/v1/accounts/:id/message-preferences 200', actor),
  entry(`15:${minute}`, 'api_call', 'GET /admin/v1/accounts/:id/messages 200', actor),
  entry(`15:${minute}`, 'api_call', 'GET /admin/v1/accounts/:id/audit 200', actor),
  entry(`15:${minute}`, 'api_call', 'GET /admin/v1/accounts/:id 200', actor),
];

describe('auditRows', () => {
  it('makes the reads of one visit one row that says what was looked at, in English and Spanish', () => {
    const en = rowsOf(visit('54'), 'en');
    expect(en).to.have.length(1);
    expect(en[0]).to.include({ what: 'Viewed the account', who: 'Staff ana@clinic.test', raw: false });
    expect(en[0]!.detail).to.equal('the account, its audit trail, its notices, and its message preferences');
    const es = rowsOf(visit('54'), 'es');
    expect(es[0]).to.include({ what: 'Consultó la cuenta', who: 'Personal ana@clinic.test' });
    expect(es[0]!.detail).to.equal('la cuenta, su registro de auditoría, sus avisos y sus preferencias de mensajes');
    expect(es[0]!.detail).not.to.contain('/admin/v1');
  });

  it('keeps visits apart: another actor, more than 10 minutes between reads, or a change between them', () => {
    expect(rowsOf([...visit('54'), ...visit('52', other)], 'en')).to.have.length(2);
    expect(rowsOf([...visit('54'), ...visit('40')], 'en')).to.have.length(2);
    expect(rowsOf([...visit('54'), ...visit('46')], 'en')).to.have.length(1);
    const between = [...visit('54'), entry('15:53', 'api_call', 'POST /admin/v1/accounts/:id/statements/:statementId/resend 201'), ...visit('52')];
    expect(rowsOf(between, 'en').map((row) => row.what)).to.deep.equal(['Viewed the account', 'Statement sent again', 'Viewed the account']);
  });

  it('says what a change through the API did, without its route or ids', () => {
    const rows = rowsOf(
      [
        entry('15:10', 'api_call', 'POST /admin/v1/accounts/:id/message-preferences 200 stopped email'),
        entry('15:09', 'api_call', 'POST /admin/v1/accounts/:id/message-preferences 200 stopped email,sms'),
        entry('15:08', 'api_call', 'POST /admin/v1/accounts/:id/message-preferences 200 stopped none'),
        entry('15:07', 'api_call', 'POST /admin/v1/accounts/:id/statements/:statementId/resend 201'),
        entry('15:06', 'api_call', 'POST /admin/v1/accounts/:id/payments/:paymentId/receipt 201 ntc_8f2c'),
        entry('15:05', 'api_call', 'POST /admin/v1/plans/:id/method-link 201'),
        entry('15:04', 'api_call', 'POST /admin/v1/accounts/:id/payments 201'),
        entry('15:03', 'api_call', 'POST /admin/v1/plans/:id/installments/:number/skip 201', key),
      ],
      'en',
    );
    expect(rows.map((row) => [row.what, row.detail])).to.deep.equal([
      ['Messages stopped', 'Stopped: email'],
      ['Messages stopped', 'Stopped: email and texts'],
      ['Messages stopped', 'Nothing to stop: already off'],
      ['Statement sent again', ''],
      ['Receipt emailed', ''],
      ['Payment method link sent', ''],
      ['Phone payment taken', ''],
      ['Plan changed: a payment skipped', ''],
    ]);
    expect(rows[7]!.who).to.equal('API key Practice server');
    const es = rowsOf([entry('15:10', 'api_call', 'POST /admin/v1/accounts/:id/message-preferences 200 stopped email')], 'es');
    expect(es[0]).to.include({ what: 'Mensajes detenidos', detail: 'Detenido: correo electrónico', raw: false });
  });

  it('says a refused call was refused, what it tried and why, in words', () => {
    const entries = [
      entry('15:10', 'api_call_refused', 'POST /admin/v1/accounts/:id/statements/:statementId/resend 409 no_email'),
      entry('15:09', 'api_call_refused', 'POST /admin/v1/accounts/:id/fees/:entryId/waive 403 insufficient_scope'),
      entry('15:08', 'api_call_refused', 'GET /admin/v1/accounts/:id/audit 400 invalid_request'),
      entry('15:07', 'api_call_refused', 'POST /admin/v1/plans/:id/cancel 409 something_new'),
    ];
    expect(rowsOf(entries, 'en').map((row) => [row.what, row.detail])).to.deep.equal([
      ['Refused', 'Send the statement again: the account has no email address'],
      ['Refused', 'Waive a fee: the role does not allow it'],
      ['Refused', 'Look at the account: the request was not valid'],
      ['Refused', 'Cancel the plan: it conflicts with how the account stands'],
    ]);
    expect(rowsOf(entries, 'es').map((row) => [row.what, row.detail])[0]).to.deep.equal(['Rechazado', 'Enviar de nuevo el estado de cuenta: la cuenta no tiene correo electrónico']);
  });

  it('shows an unknown route as the server wrote it, so nothing is hidden', () => {
    const rows = rowsOf([entry('15:10', 'api_call', 'POST /admin/v1/accounts/:id/something 201'), entry('15:09', 'api_call', 'GET /admin/v1/accounts/:id/other 200')], 'en');
    expect(rows.map((row) => [row.what, row.detail, row.raw])).to.deep.equal([
      ['Looked at or changed through the API', 'POST /admin/v1/accounts/:id/something 201', true],
      ['Looked at or changed through the API', 'GET /admin/v1/accounts/:id/other 200', true],
    ]);
  });

  it('says fee and waiver details in the screen’s language without their ids, once per request', () => {
    const entries = [
      entry('15:10', 'fee_waived', 'waiver led_9a1 requested_by_patient', clerk, 'req_w'),
      entry('15:10', 'api_call', 'POST /admin/v1/accounts/:id/fees/:entryId/waive 201', clerk, 'req_w'),
      entry('15:09', 'fee_added', 'fee led_77b invoicing_fee', key, 'req_f'),
      entry('15:09', 'api_call', 'POST /admin/v1/accounts/:id/fees 201', key, 'req_f'),
      entry('15:08', 'account_viewed', null, { type: 'patient' }),
      entry('15:07', 'lookup_succeeded', 'something else'),
    ];
    expect(rowsOf(entries, 'en').map((row) => [row.what, row.detail, row.raw])).to.deep.equal([
      ['Fee waived', 'Reason: The patient asked', false],
      ['Fee added', 'Invoicing fee', false],
      ['Account viewed', '', false],
      ['Patient found their bill online', 'something else', true],
    ]);
    expect(rowsOf(entries, 'es').map((row) => [row.what, row.detail]).slice(0, 2)).to.deep.equal([
      ['Cargo anulado', `Motivo: ${deskWords('es').waiverReason['requested_by_patient']}`],
      ['Cargo agregado', 'Cargo de facturación'],
    ]);
    for (const row of rowsOf(entries, 'es')) expect(row.detail).not.to.match(/led_/);
  });

  it('never splits a time from its AM/PM', () => {
    expect(keptTogether('November 20, 2026 at 3:54 PM')).to.equal('November 20, 2026 at 3:54\u00a0PM');
    expect(keptTogether('20 de noviembre de 2026, 3:54 p. m.')).to.equal('20 de noviembre de 2026, 3:54\u00a0p.\u00a0m.');
    expect(rowsOf(visit('54'), 'en')[0]!.when).to.match(/\d:54\u00a0[AP]M$/);
    expect(rowsOf(visit('54'), 'es')[0]!.when).not.to.match(/\d:54 /);
  });
});
