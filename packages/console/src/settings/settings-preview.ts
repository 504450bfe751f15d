/**
 * The live preview's side in the page: what the widget would be told about the practice with the
 * unsaved settings, and the widget itself, loaded from its own bundle (see `preview-entry.ts`)
 * the first time it is drawn.
 */
import type { Practice } from '@billpay/sdk';
import type { PracticeSettings, PracticeSettingsView } from '@billpay/sdk/admin-desk';

/** Where the preview's bundle is: set by `scripts/bundle.mjs` when it builds the console. */
declare const BILLPAY_PREVIEW_URL: string;

type PreviewModule = typeof import('./preview-entry.js');
let loading: Promise<PreviewModule> | undefined;

/** What the widget would be told about the practice with these settings. */
export function previewPractice(view: PracticeSettingsView, settings: PracticeSettings): Practice {
  return {
    id: view.fixed.id,
    name: settings.name,
    ...(view.fixed.logo ? { logo: view.fixed.logo } : {}),
    contact: { ...settings.contact, timeZone: view.fixed.timeZone },
    ...(settings.financialAssistanceUrl ? { financialAssistanceUrl: settings.financialAssistanceUrl } : {}),
    policies: settings.policies,
    ...(settings.branding ? { branding: settings.branding } : {}),
    billIdCheckDigit: 'luhn',
    currency: 'USD',
  };
}

/** Draws the widget in `container` with `practice` (its bundle fetched the first time). */
export async function drawPreview(container: HTMLElement, practice: Practice): Promise<void> {
  loading ??= import(/* the preview's own bundle, never the console's chunks */ BILLPAY_PREVIEW_URL) as Promise<PreviewModule>;
  (await loading).showPreview(container, practice);
}
