import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';

/** A practice's statement logo: SVG markup drawn as vectors, or a PNG/JPEG image. */
export type Logo = { readonly kind: 'svg'; readonly svg: string } | { readonly kind: 'image'; readonly data: Buffer };

/** An SVG logo (`undefined` for text that is not one). */
export function svgLogo(svg: string): Logo | undefined {
  return /<svg[\s>]/.test(svg) ? { kind: 'svg', svg } : undefined;
}

/** The practice's statement logo (`logoFile`): an SVG drawn as vectors, or a PNG/JPEG image; none when unreadable. */
export async function loadLogo(file: string | undefined): Promise<Logo | undefined> {
  if (!file) return undefined;
  try {
    const extension = extname(file).toLowerCase();
    if (extension === '.svg') return svgLogo(await readFile(file, 'utf8'));
    if (['.png', '.jpg', '.jpeg'].includes(extension)) return { kind: 'image', data: await readFile(file) };
  } catch {
    // A missing logo leaves the practice's name on its own; the statement is still printed.
  }
  return undefined;
}

/**
 * Draws the logo in a `side` by `side` box at (x, y), kept in proportion. An SVG is drawn by
 * svg-to-pdfkit; what it cannot draw is left out quietly (never written to the log), and it may
 * embed only images written into the SVG itself (data: URLs), never read a file or the network.
 */
export function drawLogo(doc: InstanceType<typeof PDFDocument>, logo: Logo, x: number, y: number, side: number): void {
  if (logo.kind === 'image') {
    doc.image(logo.data, x, y, { fit: [side, side] });
    return;
  }
  SVGtoPDF(doc, logo.svg, x, y, {
    width: side,
    height: side,
    assumePt: true,
    preserveAspectRatio: 'xMinYMin meet',
    warningCallback: () => {},
    imageCallback: (link: string) => (link.startsWith('data:') ? link : ''),
  });
}
