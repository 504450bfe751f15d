import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { drawLogo, type Logo } from './logo.js';
import type { StatementContent } from './layout.js';

type Doc = InstanceType<typeof PDFDocument>;

/** US Letter, in points. */
export const LETTER = { width: 612, height: 792 } as const;
const MARGIN = 40;
const RIGHT = LETTER.width - MARGIN;
const CONTENT_WIDTH = RIGHT - MARGIN;
/** The return slip takes the foot of the first page, below a dashed cut line. */
const SLIP_TOP = LETTER.height - 168;
const FOOTER_Y = LETTER.height - 30;
const INK = '#1a1a1a';
const MUTED = '#555555';
const ACCENT = '#0b5cad';

/** The charges table: date, service, then four amounts aligned right. */
const COLUMNS = {
  date: { x: MARGIN, w: 56 },
  service: { x: MARGIN + 60, w: 220 },
  amounts: [
    { x: 332, w: 58 },
    { x: 394, w: 58 },
    { x: 456, w: 58 },
    { x: 518, w: RIGHT - 518 },
  ],
} as const;

/** The QR code's modules: the pay link, error correction M (a smudged corner still scans). */
export function qrModules(url: string): { size: number; dark: (row: number, col: number) => boolean } {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: (row, col) => Boolean(modules.get(row, col)) };
}

function drawQr(doc: Doc, url: string, x: number, y: number, side: number): void {
  const qr = qrModules(url);
  const quiet = 2;
  const cell = side / (qr.size + quiet * 2);
  doc.save().rect(x, y, side, side).fill('#ffffff');
  doc.fillColor('#000000');
  for (let row = 0; row < qr.size; row++) {
    for (let col = 0; col < qr.size; col++) if (qr.dark(row, col)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell + 0.05, cell + 0.05);
  }
  doc.fill().restore();
}

function header(doc: Doc, content: StatementContent, logo: Logo | undefined): void {
  const textX = logo ? MARGIN + 54 : MARGIN;
  if (logo) drawLogo(doc, logo, MARGIN, MARGIN, 44);
  doc.font('Helvetica-Bold').fontSize(14).fillColor(INK).text(content.practiceName, textX, MARGIN, { width: 240 });
  doc.font('Helvetica').fontSize(8.5).fillColor(MUTED);
  for (const line of content.contactLines) doc.text(line, { width: 240 });

  const boxW = 240;
  const boxX = RIGHT - boxW;
  doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(content.words.title, boxX, MARGIN, { width: boxW, align: 'right' });
  doc.font('Helvetica').fontSize(8).fillColor(MUTED).text(content.words.billId, { width: boxW, align: 'right' });
  doc.font('Helvetica-Bold').fontSize(16).fillColor(INK).text(content.billId, { width: boxW, align: 'right' });
  doc.font('Helvetica').fontSize(8.5).fillColor(INK);
  for (const [label, value] of content.facts.slice(0, 2)) doc.text(`${label}: ${value}`, { width: boxW, align: 'right' });
}

function addressAndDue(doc: Doc, content: StatementContent): number {
  const top = 122;
  doc.font('Helvetica').fontSize(10).fillColor(INK).text(content.addressLines.join('\n'), MARGIN + 10, top + 8, { width: 250 });

  const boxX = 322;
  const boxW = RIGHT - boxX;
  const boxH = 92;
  doc.save().roundedRect(boxX, top, boxW, boxH, 6).lineWidth(1.2).stroke(ACCENT).restore();
  const qrSide = content.payUrl ? 72 : 0;
  const textW = boxW - 20 - (qrSide ? qrSide + 8 : 0);
  doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(content.words.amountDue, boxX + 10, top + 10, { width: textW });
  doc.font('Helvetica-Bold').fontSize(22).fillColor(INK).text(content.amountDue, { width: textW });
  doc.font('Helvetica-Bold').fontSize(9).fillColor(ACCENT).text(content.payBy, { width: textW });
  if (content.payUrl) {
    const qrX = RIGHT - 8 - qrSide;
    drawQr(doc, content.payUrl, qrX, top + 4, qrSide);
    doc.font('Helvetica').fontSize(7).fillColor(MUTED).text(content.words.scanToPay, qrX - 6, top + qrSide + 4, { width: qrSide + 12, align: 'center' });
  }
  return top + boxH + 16;
}

function tableHeader(doc: Doc, content: StatementContent, y: number): number {
  const { words } = content;
  doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(words.chargesTitle, MARGIN, y, { width: CONTENT_WIDTH });
  const top = doc.y + 4;
  doc.font('Helvetica-Bold').fontSize(7.5).fillColor(MUTED);
  doc.text(words.colDate, COLUMNS.date.x, top, { width: COLUMNS.date.w });
  doc.text(words.colService, COLUMNS.service.x, top, { width: COLUMNS.service.w });
  [words.colCharge, words.colInsurancePaid, words.colAdjustment, words.colYourPart].forEach((label, i) => {
    const column = COLUMNS.amounts[i]!;
    doc.text(label, column.x - 4, top, { width: column.w + 4, align: 'right' });
  });
  const bottom = top + 20;
  doc.moveTo(MARGIN, bottom - 3).lineTo(RIGHT, bottom - 3).lineWidth(0.6).stroke(MUTED);
  return bottom;
}

/** Places blocks down the page, moving to a new page when the next one does not fit. */
class Flow {
  y: number;
  bottom: number;
  constructor(
    private readonly doc: Doc,
    private readonly content: StatementContent,
    y: number,
  ) {
    this.y = y;
    this.bottom = SLIP_TOP - 14;
  }
  fit(height: number, onNewPage?: () => void): void {
    if (this.y + height <= this.bottom) return;
    this.doc.font('Helvetica-Oblique').fontSize(8).fillColor(MUTED).text(this.content.words.continued, MARGIN, this.bottom, { width: CONTENT_WIDTH, align: 'right' });
    this.doc.addPage();
    this.y = MARGIN;
    this.bottom = FOOTER_Y - 14;
    onNewPage?.();
  }
}

function chargeRows(doc: Doc, content: StatementContent, flow: Flow): void {
  flow.y = tableHeader(doc, content, flow.y);
  const noteOptions = { width: RIGHT - COLUMNS.service.x };
  for (const row of content.rows) {
    doc.font('Helvetica').fontSize(8.5);
    const serviceH = doc.heightOfString(row.service, { width: COLUMNS.service.w });
    doc.font('Helvetica-Oblique').fontSize(7.5);
    const notes = row.notes.join(' ');
    const notesH = notes ? doc.heightOfString(notes, noteOptions) + 3 : 0;
    flow.fit(serviceH + notesH + 8, () => (flow.y = tableHeader(doc, content, flow.y)));
    const y = flow.y;
    doc.font('Helvetica').fontSize(8.5).fillColor(INK);
    doc.text(row.date, COLUMNS.date.x, y, { width: COLUMNS.date.w });
    doc.text(row.service, COLUMNS.service.x, y, { width: COLUMNS.service.w });
    row.amounts.forEach((amount, i) => {
      const column = COLUMNS.amounts[i]!;
      doc.font(i === 3 ? 'Helvetica-Bold' : 'Helvetica').text(amount, column.x - 4, y, { width: column.w + 4, align: 'right' });
    });
    if (notes) doc.font('Helvetica-Oblique').fontSize(7.5).fillColor(MUTED).text(notes, COLUMNS.service.x, y + serviceH + 2, noteOptions);
    flow.y = y + serviceH + notesH + 8;
    doc.moveTo(MARGIN, flow.y - 4).lineTo(RIGHT, flow.y - 4).lineWidth(0.3).stroke('#bbbbbb');
  }
}

function totals(doc: Doc, content: StatementContent, flow: Flow): void {
  const lineH = 12;
  flow.fit(content.totals.length * lineH + 6);
  const labelX = 300;
  content.totals.forEach(([label, amount], i) => {
    const last = i === content.totals.length - 1;
    doc.font(last ? 'Helvetica-Bold' : 'Helvetica').fontSize(last ? 10 : 8.5).fillColor(INK);
    doc.text(label, labelX, flow.y, { width: 200, lineBreak: false, ellipsis: true });
    doc.text(amount, RIGHT - 80, flow.y, { width: 80, align: 'right' });
    flow.y += last ? lineH + 2 : lineH;
  });
  flow.y += 8;
}

function waysToPay(doc: Doc, content: StatementContent, flow: Flow): void {
  const text = content.waysToPay.map((line) => `•  ${line}`).join('\n');
  const help = content.help.join('\n');
  doc.font('Helvetica').fontSize(8.5);
  const height = 16 + doc.heightOfString(text, { width: CONTENT_WIDTH, paragraphGap: 2 }) + 6 + doc.heightOfString(help, { width: CONTENT_WIDTH });
  flow.fit(height);
  doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(content.words.waysToPayTitle, MARGIN, flow.y, { width: CONTENT_WIDTH });
  doc.font('Helvetica').fontSize(8.5).fillColor(INK).text(text, MARGIN, doc.y + 3, { width: CONTENT_WIDTH, paragraphGap: 2 });
  doc.fillColor(MUTED).text(help, MARGIN, doc.y + 6, { width: CONTENT_WIDTH });
  flow.y = doc.y + 8;
}

function slip(doc: Doc, content: StatementContent): void {
  doc.save().moveTo(MARGIN - 10, SLIP_TOP).lineTo(RIGHT + 10, SLIP_TOP).dash(4, { space: 3 }).lineWidth(0.8).stroke(MUTED).restore();
  const top = SLIP_TOP + 10;
  doc.font('Helvetica-Bold').fontSize(9).fillColor(INK).text(content.words.slipTitle, MARGIN, top, { width: CONTENT_WIDTH, align: 'center' });
  let y = top + 20;
  doc.fontSize(8.5);
  for (const [label, value] of content.slip.facts) {
    doc.font('Helvetica').fillColor(MUTED).text(label, MARGIN, y, { width: 110 });
    doc.font('Helvetica-Bold').fillColor(INK).text(value, MARGIN + 112, y, { width: 170 });
    y += 13;
  }
  doc.font('Helvetica').fillColor(MUTED).text(content.words.amountEnclosed, MARGIN, y + 4, { width: 110 });
  doc.rect(MARGIN + 112, y, 120, 18).lineWidth(0.8).stroke(INK);
  doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text('$', MARGIN + 116, y + 4);

  const x = 330;
  doc.font('Helvetica').fontSize(8.5).fillColor(MUTED).text(content.words.payableTo, x, top + 20, { width: RIGHT - x });
  doc.font('Helvetica-Bold').fillColor(INK).text(content.slip.payee, { width: RIGHT - x });
  doc.font('Helvetica').fillColor(MUTED).text(content.words.mailTo, x, doc.y + 6, { width: RIGHT - x });
  doc.font('Helvetica').fontSize(10).fillColor(INK).text(content.slip.mailTo.join('\n'), { width: RIGHT - x });
}

/**
 * Draws one statement as a US Letter PDF: header with the Bill ID top right, the patient's
 * address and the amount due with the QR code, the ways to pay, the charges with their
 * plain-language notes and the totals, and the return slip at the foot of the first page.
 */
export function renderStatementPdf(content: StatementContent, logo?: Logo): Promise<Buffer> {
  // The bottom margin is small so that the slip and page numbers, placed by hand, never start a page.
  const doc = new PDFDocument({ size: 'LETTER', margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: 8 }, bufferPages: true, info: { Title: `${content.practiceName}: ${content.words.title}` } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  header(doc, content, logo);
  const flow = new Flow(doc, content, addressAndDue(doc, content));
  slip(doc, content);
  // The ways to pay stay on the first page, above the slip they mention, however long the bill.
  waysToPay(doc, content, flow);
  chargeRows(doc, content, flow);
  totals(doc, content, flow);
  const { count } = doc.bufferedPageRange();
  for (let page = 0; page < count; page++) {
    doc.switchToPage(page);
    doc.font('Helvetica').fontSize(7).fillColor(MUTED).text(content.words.page(page + 1, count), MARGIN, FOOTER_Y + 8, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
  }
  doc.end();
  return done;
}
