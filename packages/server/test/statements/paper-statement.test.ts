import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ApiErrorBodySchema, formatBillId } from '@billpay/sdk';
import jsQRModule from 'jsqr';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import type { ImportResult } from '../../src/imports/import.js';
import { adminKey, otherPractice, twoPracticeApp } from '../support/admin.js';
import { backends } from '../support/backends.js';
import { FROM_TEST_PROXY, openHarness, type App, type Harness } from '../support/harness.js';

const run = promisify(execFile);
// jsqr is CommonJS with a `default` export: under NodeNext the function is the module's `.default`.
const jsQR = jsQRModule.default;
const SAMPLE = new URL('../../../../demo/import/statements-2026-11-20.jsonl', import.meta.url);

/** The page's text as a person reads it (poppler's pdftotext), with line breaks and runs of spaces as one space. */
async function textOf(pdf: Uint8Array, dir: string, name: string): Promise<string> {
  const file = join(dir, `${name}.pdf`);
  await writeFile(file, pdf);
  return (await run('pdftotext', [file, '-'])).stdout.replace(/\s+/g, ' ');
}

/** What the QR code on the first page says, read from a 150 dpi render the way a phone would. */
async function qrOf(pdf: Uint8Array, dir: string, name: string): Promise<string | undefined> {
  const file = join(dir, `${name}-qr.pdf`);
  await writeFile(file, pdf);
  await run('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', file, join(dir, `${name}-qr`)]);
  const png = PNG.sync.read(await readFile(join(dir, `${name}-qr.png`)));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

for (const backend of backends) {
  describe(`paper statements, GET /admin/v1/statements/{id}/pdf (${backend.name})`, () => {
    let harness: Harness;
    let app: App;
    let dir: string;
    let read: string;
    const logLines: string[] = [];
    const billIds = new Map<string, string>();

    before(async () => {
      harness = await openHarness(backend);
      dir = await mkdtemp(join(tmpdir(), 'billpay-statements-'));
      app = twoPracticeApp(harness, logLines, { processor: undefined });
      const importKey = (await adminKey(harness.database, 'harbor-point', ['import'])).secret;
      const response = await app.request('/admin/v1/imports', { method: 'POST', headers: { authorization: `Bearer ${importKey}`, 'content-type': 'application/x-ndjson' }, body: await readFile(SAMPLE, 'utf8') }, FROM_TEST_PROXY);
      const result = (await response.json()) as ImportResult;
      assert.equal(result.counts.created, 22, JSON.stringify(result.counts));
      for (const statement of result.statements) billIds.set(statement.statementId!, statement.billId!);
      read = (await adminKey(harness.database, 'harbor-point', ['read'])).secret;
    });
    after(async () => {
      await harness.close();
      await rm(dir, { recursive: true, force: true });
    });

    async function pdfOf(id: string, key = read) {
      const response = await app.request(`/admin/v1/statements/${encodeURIComponent(id)}/pdf`, { headers: { authorization: `Bearer ${key}` } }, FROM_TEST_PROXY);
      return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
    }

    it('prints an English statement on one Letter page: Bill ID, patient, amount due, due date, ways to pay, the return slip', async () => {
      const answer = await pdfOf('ST-2026-11-0001');
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get('content-type'), 'application/pdf');
      assert.equal(answer.headers.get('content-disposition'), 'inline; filename="statement-ST-2026-11-0001.pdf"');
      const pdf = await PDFDocument.load(answer.bytes);
      assert.equal(pdf.getPageCount(), 1);
      assert.deepEqual(pdf.getPage(0).getSize(), { width: 612, height: 792 });

      const text = await textOf(answer.bytes, dir, 'en');
      const billId = formatBillId(billIds.get('ST-2026-11-0001')!);
      assert.ok(text.includes(billId), 'the Bill ID, grouped as printed');
      // 43.20 the patient's part + 10.00 invoicing fee - 20.00 paid at the front desk.
      for (const words of ['Amara Bello', '$33.20', 'Please pay by December 18, 2026', 'Bill ID', 'Ways to pay', 'went toward your deductible', 'Make your check payable to', 'Amount enclosed', 'PO Box 4477']) {
        assert.ok(text.includes(words), `"${words}" is on the statement:\n${text}`);
      }
    });

    it('prints a Spanish-preferring patient’s statement in Spanish', async () => {
      const answer = await pdfOf('ST-2026-11-0002');
      assert.equal(answer.status, 200);
      const text = await textOf(answer.bytes, dir, 'es');
      assert.ok(text.includes(formatBillId(billIds.get('ST-2026-11-0002')!)));
      for (const words of ['Luis Ortega', 'Monto a pagar', '$35.40', '18 de diciembre de 2026', 'Formas de pago', 'ID de factura', 'Hemograma completo', 'coseguro', 'Haga su cheque a nombre de']) {
        assert.ok(text.includes(words), `"${words}" is on the statement:\n${text}`);
      }
      assert.equal(text.includes('Please pay by'), false, 'no English left on it');
    });

    it('has a QR code that opens the practice’s pay page with the Bill ID in the fragment, never the query', async () => {
      const answer = await pdfOf('ST-2026-11-0003');
      assert.equal(await qrOf(answer.bytes, dir, 'qr'), `http://localhost:8787/pay.html#bill=${billIds.get('ST-2026-11-0003')}`);
    });

    it('takes billpay’s own statement id too', async () => {
      const own = await harness.database.db
        .selectFrom('imported_statements')
        .select('statement_id')
        .where('practice_id', '=', 'harbor-point')
        .where('external_id', '=', 'ST-2026-11-0001')
        .executeTakeFirstOrThrow();
      const answer = await pdfOf(own.statement_id);
      assert.equal(answer.status, 200);
      assert.ok((await textOf(answer.bytes, dir, 'own')).includes(formatBillId(billIds.get('ST-2026-11-0001')!)));
    });

    it('is a 404 for another practice’s statement, exactly like one that does not exist; it needs the read scope', async () => {
      const other = (await adminKey(harness.database, otherPractice.id, ['read'])).secret;
      const theirs = await pdfOf('ST-2026-11-0001', other);
      const none = await pdfOf('ST-NO-SUCH', read);
      const tooLong = await pdfOf('x'.repeat(200), read);
      for (const answer of [theirs, none, tooLong]) {
        assert.equal(answer.status, 404);
        const body = ApiErrorBodySchema.parse(JSON.parse(new TextDecoder().decode(answer.bytes)));
        assert.equal(body.error.code, 'statement_not_found');
        assert.equal(body.error.message, 'There is no such statement at this practice.');
      }
      const importOnly = (await adminKey(harness.database, 'harbor-point', ['import'])).secret;
      assert.equal((await pdfOf('ST-2026-11-0001', importOnly)).status, 403);
    });

    it('never writes a Bill ID to the log', () => {
      assert.ok(logLines.some((line) => line.includes('/admin/v1/statements/')));
      const log = logLines.join('\n');
      for (const billId of billIds.values()) {
        assert.equal(log.includes(billId), false);
        assert.equal(log.includes(formatBillId(billId)), false);
      }
    });
  });
}
