import { fixture } from '@open-wc/testing';
import type { PayForm } from '@billpay/elements';
import { loadPayForm, renderPayForm, type LoadedPayForm, type PayFormArgs } from '../../../../stories/pay-form.stories.js';
import { until } from '../../../../stories/support/drive.js';

/** Rivera's bill, in English, with the card typed in the element's own fields. */
export const base: PayFormArgs = { lang: 'en', patient: 'Rivera', cardCapture: 'direct', wallet: false };

/** `<pay-form>` as its story renders it (the story's fake API behind it), once its form shows. */
export async function renderPayFormStory(args: Partial<PayFormArgs> = {}): Promise<{ el: PayForm } & LoadedPayForm> {
  const full = { ...base, ...args };
  const loaded = await loadPayForm(full);
  const el = await fixture<PayForm>(renderPayForm(full, loaded));
  await until(el, () => el.shadowRoot?.querySelector('form'));
  return { el, ...loaded };
}
