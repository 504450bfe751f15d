import { PracticeSettingsSchema, type PracticeSettings } from '@billpay/sdk/admin-desk';
import type * as z from 'zod/mini';
import { PracticeConfigSchema, type PracticeConfig } from './practices.js';

/**
 * The part of a practice an admin changes in the console (issue 14), as pure functions: read out
 * of a practice, laid over its file, and compared. The settings keep the file's own shape and
 * names, so a field means the same in both and the file's schema checks the result.
 */

/** The editable part of a practice as it stands. */
export function settingsOf(practice: PracticeConfig): PracticeSettings {
  const { phone, email, hours } = practice.contact;
  return PracticeSettingsSchema.parse({
    name: practice.name,
    contact: { phone, email, hours },
    policies: practice.policies,
    ...(practice.remitAddress ? { remitAddress: practice.remitAddress } : {}),
    ...(practice.financialAssistanceUrl ? { financialAssistanceUrl: practice.financialAssistanceUrl } : {}),
    ...(practice.planPolicy ? { planPolicy: practice.planPolicy } : {}),
    ...(practice.branding ? { branding: practice.branding } : {}),
  });
}

export type Layered = { ok: true; practice: PracticeConfig } | { ok: false; issues: z.core.$ZodIssue[] };

/**
 * The practice as its file says, with the settings over it (the settings win, field by field;
 * an optional one absent from the settings is absent from the practice), checked with the file's
 * own schema (`PracticeConfigSchema`): what passes here is what would pass at start-up.
 */
export function layerSettings(file: PracticeConfig, settings: PracticeSettings): Layered {
  const { remitAddress: _r, financialAssistanceUrl: _f, planPolicy: _p, branding: _b, ...rest } = file;
  const candidate = {
    ...rest,
    name: settings.name,
    contact: { ...file.contact, ...settings.contact },
    policies: settings.policies,
    ...(settings.remitAddress ? { remitAddress: settings.remitAddress } : {}),
    ...(settings.financialAssistanceUrl ? { financialAssistanceUrl: settings.financialAssistanceUrl } : {}),
    ...(settings.planPolicy ? { planPolicy: settings.planPolicy } : {}),
    ...(settings.branding ? { branding: settings.branding } : {}),
  };
  const parsed = PracticeConfigSchema.safeParse(candidate);
  return parsed.success ? { ok: true, practice: parsed.data } : { ok: false, issues: parsed.error.issues };
}

/** The paths of the fields that differ (`contact.phone`, `branding.accentColor`, `planPolicy`), for the audit trail. */
export function changedFields(before: unknown, after: unknown, path = ''): string[] {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => changedFields(before[key], after[key], path ? `${path}.${key}` : key));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [path || '(all)'];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
