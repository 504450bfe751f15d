/**
 * `<good-faith-estimate>`'s answers checked with the SDK's rules, without a DOM: the request they
 * make, or every problem with them; the estimate number and date of birth that find an estimate
 * again; and what a refused or failed request or search means and says.
 */
import {
  checkEstimateContact,
  checkEstimateCopyAddress,
  EstimateIdSchema,
  isApiError,
  isLockedOutError,
  isNetworkError,
  parseDateOfBirth,
  parseDiagnosisCodes,
  parseScheduledDate,
  type EstimateRequestInput,
  type ParseDateOfBirthResult,
} from '@billpay/sdk';
import { estimateWords } from '../i18n/estimate.js';
import { whenOf } from '../i18n/format.js';
import type { Locale } from '../i18n/locales.js';
import type { EstimateFormState } from './estimate-form.js';
import { serverProblems, type Problem, type Slot, type View } from './estimate-model.js';

type Problems = Partial<Record<Slot, Problem>>;

/** Why a request or a search did not give an estimate (besides problems with the answers). */
export type Failure = 'network' | 'other' | 'not_found' | { readonly waitMinutes: number } | { readonly lockedUntil: Date };

/** Every problem with the request form's answers, and the request when there is none (a copy asked for is written in `locale`). */
export function checkRequest(answers: Omit<EstimateFormState, 'errors' | 'category' | 'priceList'>, today: string, locale: Locale): { request?: EstimateRequestInput; errors: Problems } {
  const { values: v, chosen, scheduled, coverage } = answers;
  const errors: Problems = {};
  if (!chosen.length) errors.services = { code: 'services.none' };
  let scheduledDate: string | undefined;
  if (scheduled) {
    const parsed = parseScheduledDate({ month: v.scheduledMonth, day: v.scheduledDay, year: v.scheduledYear }, today);
    if (parsed.ok) scheduledDate = parsed.date;
    else errors.scheduled = { code: parsed.issue };
  }
  if (!v.firstName.trim()) errors.firstName = { code: 'first_name.empty' };
  if (!v.lastName.trim()) errors.lastName = { code: 'last_name.empty' };
  const dob = parseDateOfBirth({ month: v.month, day: v.day, year: v.year }, today);
  if (!dob.ok) errors.dob = { code: dob.issue };
  const contact = checkEstimateContact(v.email, v.phone);
  if (!contact.ok) for (const { field, issue } of contact.issues) errors[field] = { code: issue };
  if (!coverage) errors.coverage = { code: 'coverage.none' };
  const diagnosis = parseDiagnosisCodes(v.diagnosis);
  if (!diagnosis.ok) errors.diagnosis = { code: diagnosis.issue, ...(diagnosis.code ? { value: diagnosis.code } : {}) };
  const copy = checkEstimateCopyAddress(v.copyEmail);
  if (!copy.ok) errors.copyEmail = { code: copy.issue };
  if (Object.keys(errors).length || !dob.ok || !contact.ok || !diagnosis.ok || !coverage || !copy.ok) return { errors };
  const primaryServiceId = answers.primaryId ?? chosen[0]?.serviceId ?? '';
  return {
    errors,
    request: {
      patient: { firstName: v.firstName.trim(), lastName: v.lastName.trim(), dateOfBirth: dob.date },
      contact: contact.contact,
      coverage,
      primaryServiceId,
      services: chosen.map((c) => ({ serviceId: c.serviceId, ...(c.declined.size ? { declined: [...c.declined] } : {}) })),
      ...(scheduledDate ? { scheduledDate } : {}),
      ...(diagnosis.codes.length ? { diagnosisCodes: diagnosis.codes } : {}),
      ...(copy.email ? { copy: { email: copy.email, language: locale } } : {}),
    },
  };
}

/** Every problem with the estimate number and date of birth, and the search when there is none. */
export function checkAccess(v: EstimateFormState['values'], today: string): { errors: Problems; estimateId: string; dob: ParseDateOfBirthResult } {
  const errors: Problems = {};
  const estimateId = v.accessNumber.trim();
  if (!estimateId) errors.accessNumber = { code: 'estimate_id.empty' };
  else if (!EstimateIdSchema.safeParse(estimateId).success) errors.accessNumber = { code: 'estimate_id.invalid' };
  const dob = parseDateOfBirth({ month: v.accessMonth, day: v.accessDay, year: v.accessYear }, today);
  if (!dob.ok) errors.accessDob = { code: dob.issue };
  return { errors, estimateId, dob };
}

/** What the error summary says about a failure, in the view it happened in. */
export function failureText(failure: Failure | undefined, view: View, locale: Locale): string | undefined {
  const t = estimateWords(locale);
  if (failure === 'network') return t.gfeRequestFailed;
  if (failure === 'other') return view === 'access' ? t.gfeAccessOther : t.gfeRequestRefused;
  if (failure === 'not_found') return t.gfeAccessFailed;
  if (failure && 'lockedUntil' in failure) return t.gfeAccessLocked(whenOf(failure.lockedUntil, locale));
  return failure ? t.gfeTooMany(failure.waitMinutes) : undefined;
}

/** What a refused or failed request means: problems with the answers (the server's), or a failure. */
export function requestFailure(error: unknown): { errors: Problems; failure?: Failure } {
  // Too many copies to the address given is about that answer: said by its field, the rest kept.
  if (isApiError(error) && (error.status === 400 || error.code === 'too_many_copies') && error.issues.length) {
    const errors = serverProblems(error.issues);
    return Object.keys(errors).length ? { errors } : { errors, failure: 'other' };
  }
  if (isApiError(error) && error.code === 'too_many_estimates') return { errors: {}, failure: { waitMinutes: Math.max(1, Math.ceil((error.retryAfterSeconds ?? 3_600) / 60)) } };
  return { errors: {}, failure: isNetworkError(error) ? 'network' : 'other' };
}

/** What a failed search for an estimate issued earlier means. */
export function accessFailure(error: unknown): Failure {
  if (isLockedOutError(error)) return { lockedUntil: error.retryAt };
  if (isApiError(error) && error.code === 'estimate_lookup_failed') return 'not_found';
  return isNetworkError(error) ? 'network' : 'other';
}
