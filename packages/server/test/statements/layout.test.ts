import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Statement } from '@billpay/sdk';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { payLinkOf, statementContent, type PaperStatementData } from '../../src/statements/layout.js';
import { svgLogo } from '../../src/statements/logo.js';
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
    const pdf = await PDFDocument.load(await renderStatementPdf(statementContent(data(40)), svgLogo('<svg viewBox="0 0 10 10"><rect width="10" height="10" fill="#00f"/></svg>')));
    assert.ok(pdf.getPageCount() >= 3, `${pdf.getPageCount()} pages`);
    for (const page of pdf.getPages()) assert.deepEqual(page.getSize(), { width: 612, height: 792 });
  });

  it('draws an SVG logo as vectors, in proportion, at the top left, reading no file it names', async () => {
    assert.equal(svgLogo('not an svg'), undefined);
    // 64 by 32, drawn 44 pt wide at the 40 pt margin: the green circle's centre lands at (51, 51) pt.
    const dir = await mkdtemp(join(tmpdir(), 'billpay-logo-'));
    // A red picture on disk that the SVG names in its right half: it must not be drawn.
    const red = new PNG({ width: 8, height: 8 });
    for (let i = 0; i < red.data.length; i += 4) red.data.set([255, 0, 0, 255], i);
    await writeFile(join(dir, 'red.png'), PNG.sync.write(red));
    const logo = svgLogo(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 32"><circle cx="16" cy="16" r="12" fill="#00aa55"/><image href="${join(dir, 'red.png')}" x="36" y="0" width="28" height="32"/></svg>`)!;
    try {
      await writeFile(join(dir, 'statement.pdf'), await renderStatementPdf(statementContent(data(1)), logo));
      // One pixel a point (72 dpi), as pdftoppm renders the first page.
      await promisify(execFile)('pdftoppm', ['-png', '-r', '72', '-f', '1', '-l', '1', '-singlefile', join(dir, 'statement.pdf'), join(dir, 'page')]);
      const png = PNG.sync.read(await readFile(join(dir, 'page.png')));
      const rgb = (x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3)];
      const [r, g, b] = rgb(51, 51) as [number, number, number];
      assert.ok(r < 40 && g > 140 && b > 60 && b < 120, `the circle's green at its centre, not ${[r, g, b].join(", ")}`);
      assert.deepEqual(rgb(51, 70), [255, 255, 255], 'kept in proportion: nothing below the 22 pt tall logo');
      assert.deepEqual(rgb(74, 51), [255, 255, 255], 'the file the SVG names was not read');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
