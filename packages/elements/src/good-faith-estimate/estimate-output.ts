/** The estimate shown, printed or saved as a document of its own, apart from the page. */
import type { Estimate, Practice } from '@billpay/sdk';
import { downloadFile } from '../download/download-file.js';
import { estimateWords } from '../i18n/estimate.js';
import type { Locale } from '../i18n/locales.js';
import { standaloneHtml, type PrintableDocument } from '../print/printable-document.js';
import { EstimateDocument } from './estimate-document.js';
import { estimateFileStyles } from './estimate-document.styles.js';

/** The estimate on screen (`shown`) as a document of its own; undefined until one is shown. */
export function estimatePrintable(estimate: Estimate | undefined, shown: EstimateDocument | null, locale: Locale): PrintableDocument | undefined {
  const content = shown?.printableContent();
  if (!estimate || !content) return undefined;
  const title = estimateWords(locale).gfeFileTitle(`${estimate.patient.firstName} ${estimate.patient.lastName}`);
  return { title, lang: locale, content, styles: EstimateDocument.styles };
}

/** Prints the estimate as a document of its own (the practice, then the estimate), not the page. */
export async function printEstimate(printable: PrintableDocument | undefined, practice: Practice | undefined, locale: Locale): Promise<void> {
  if (!printable || !practice) return;
  const { printDocument } = await import('../print/print-document.js');
  await printDocument({ title: printable.title, locale, practice, content: printable.content, ownHeading: true, styles: printable.styles });
}

/** Saves the estimate as a web page of its own: readable offline, printable, nothing to run. Whether it was. */
export function saveEstimate(root: Node, estimate: Estimate | undefined, printable: PrintableDocument | undefined): boolean {
  if (!estimate || !printable) return false;
  downloadFile(root, standaloneHtml(printable, estimateFileStyles), 'text/html;charset=utf-8', `good-faith-estimate-${estimate.issuedOn}-${estimate.id}.html`);
  return true;
}
