/**
 * The Settings page's live preview, built as a bundle of its own (`scripts/bundle.mjs`) and
 * loaded by the page when it is shown: the patient widget (`<bill-pay>` from @billpay/elements)
 * with its own copy of the SDK and Lit. Apart from the console's chunks on purpose: shared with
 * them, the widget's dictionary and formatting would join the console's first screen.
 *
 * The widget's client answers its one question (the practice, `GET /v1/practices/{id}`) from
 * what the page passes, and nothing else, so the preview never reaches the billing API and no
 * patient's data is ever in it.
 */
import { createBillPayClient, type BillPayClient, type Practice } from '@billpay/sdk';
import '@billpay/elements/bill-pay/define.js';

/** A client whose only answer is `practice`; any other call is a 503 "preview" problem. */
function previewClient(origin: string, practice: Practice): BillPayClient {
  const answer = (body: unknown, status: number) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  return createBillPayClient({
    api: origin,
    practice: practice.id,
    retries: 0,
    fetch: (input) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.pathname === `/v1/practices/${encodeURIComponent(practice.id)}`) return Promise.resolve(answer(practice, 200));
      return Promise.resolve(answer({ error: { code: 'preview', message: 'This is a preview.' } }, 503));
    },
  });
}

/** Draws (or draws again) the widget in `container` as patients would see `practice`. */
export function showPreview(container: HTMLElement, practice: Practice): void {
  let widget = container.querySelector('bill-pay');
  if (!widget) {
    widget = document.createElement('bill-pay');
    widget.setAttribute('heading-level', '3');
    container.append(widget);
  }
  widget.setAttribute('practice', practice.id);
  widget.client = previewClient(location.origin, practice);
}
