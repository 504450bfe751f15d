import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Statement } from '@billpay/sdk';
import { PDFDocument } from 'pdf-lib';
import { payLinkOf, statementContent, type PaperStatementData } from '../../src/statements/layout.js';
import { parseSvgLogo } from '../../src/statements/logo.js';
import { qrModules, renderStatementPdf } from '../../src/statements/pdf.js';
import { harborPoint } from '../support/harness.js';

const item = (n: number): Statement['lineItems'][number] => ({
  id: `li_${n}`,
  serviceDate: '2026-10-01',
  provider: 'Dr. Marisol Alvarez, MD',
  description: `Office visit ${n}`,
  code: '99213',
  chargeCents: 18_000,
  insurancePaidCents: 10_000,
  adjustmentCents: 4_000,
  patientCents: 4_000,
  notes: [{ kind: 'coinsurance', amountCents: 4_000 }],
});

function data(items: number, language: 'en' | 'es' = 'en', openCents = 4_000 * items): PaperStatementData {
  const lineItems = Array.from({ length: items }, (_, i) => item(i + 1));
  return {
    practice: harborPoint,
    language,
    billId: '202511040018',
    accountNumber: 'B-1',
    patient: { firstName: 'Ana', lastName: 'Núñez', address: { line1: '1 Elm St', city: 'New Haven', state: 'CT', postalCode: '06510' } },
    statement: {
      id: 'stmt_1',
      statementDate: '2026-11-20',
      periodStart: '2026-10-01',
      periodEnd: '2026-10-01',
      dueDate: '2026-12-18',
      amountCents: 4_000 * items,
      openCents,
      lineItems,
      fees: [],
      payments: [],
      totals: { chargeCents: 18_000 * items, insurancePaidCents: 10_000 * items, adjustmentCents: 4_000 * items, patientCents: 4_000 * items, feesCents: 0, paymentsCents: 0 },
    },
  };
}

describe('the paper statement’s layout', () => {
  it('links the pay page with the Bill ID in the fragment only, and the QR code encodes exactly that link', () => {
    assert.equal(payLinkOf('https://pay.example/bills?x=1#old', '202511040018'), 'https://pay.example/bills?x=1#bill=202511040018');
    const content = statementContent(data(1));
    assert.equal(content.payUrl, 'http://localhost:8787/pay.html#bill=202511040018');
    assert.equal(new URL(content.payUrl).search, '');
    assert.ok(qrModules(content.payUrl).size >= 21);
    assert.equal(content.billId, '2025 1104 0018');
  });

  it('says everything in Spanish for a Spanish-preferring patient, and nothing is due when nothing is open', () => {
    const es = statementContent(data(1, 'es'));
    assert.equal(es.payBy, 'Pague a más tardar el 18 de diciembre de 2026');
    assert.match(es.rows[0]!.notes.join(' '), /coseguro/);
    assert.match(es.waysToPay.join(' '), /^En línea/);
    assert.doesNotMatch(es.waysToPay.join(' '), /\.\.$/m);
    const paid = statementContent(data(1, 'en', 0));
    assert.equal(paid.amountDue, '$0.00');
    assert.equal(paid.payBy, 'You owe nothing on this statement. Thank you!');
  });

  it('carries many line items over to more Letter pages', async () => {
    const pdf = await PDFDocument.load(await renderStatementPdf(statementContent(data(40)), parseSvgLogo('<svg viewBox="0 0 10 10"><rect width="10" height="10" fill="#00f"/></svg>')));
    assert.ok(pdf.getPageCount() >= 3, `${pdf.getPageCount()} pages`);
    for (const page of pdf.getPages()) assert.deepEqual(page.getSize(), { width: 612, height: 792 });
  });

  it('reads a simple SVG logo and refuses what it cannot draw', () => {
    assert.equal(parseSvgLogo('<svg><path d="M0 0h1"/></svg>'), undefined);
    const logo = parseSvgLogo('<svg viewBox="0 0 64 64"><path d="M1 1h2" fill="none" stroke="#fff" stroke-width="4" stroke-linecap="round"/></svg>');
    assert.deepEqual(logo, { kind: 'svg', viewBox: [0, 0, 64, 64], shapes: [{ d: 'M1 1h2', fill: null, stroke: '#fff', strokeWidth: 4, lineCap: 'round' }] });
  });
});
