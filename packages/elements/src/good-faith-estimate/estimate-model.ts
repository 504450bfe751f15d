/** What `<good-faith-estimate>` asks and holds: its answers, where each problem is shown, and the server's problems by answer. */
import type { PriceListService } from '@billpay/sdk';
import type { FieldProblem } from '../form/live-errors.js';

export type View = 'loading' | 'form' | 'access' | 'estimate' | 'unavailable' | 'load-error';

/** Where a problem is reported, each with the input that receives focus for it. */
export type Slot = 'services' | 'scheduled' | 'firstName' | 'lastName' | 'dob' | 'email' | 'phone' | 'coverage' | 'diagnosis' | 'copyEmail' | 'accessNumber' | 'accessDob';
export const FIRST_INPUT: Record<Slot, string> = {
  services: 'service-search',
  scheduled: 'scheduled-month',
  firstName: 'first-name',
  lastName: 'last-name',
  dob: 'dob-month',
  email: 'email',
  phone: 'phone',
  coverage: 'coverage-uninsured',
  diagnosis: 'diagnosis',
  copyEmail: 'copy-email',
  accessNumber: 'access-number',
  accessDob: 'access-dob-month',
};
export const SLOT_ORDER: readonly Slot[] = ['services', 'scheduled', 'firstName', 'lastName', 'dob', 'email', 'phone', 'coverage', 'diagnosis', 'copyEmail', 'accessNumber', 'accessDob'];

export type Field =
  | 'search'
  | 'scheduledMonth'
  | 'scheduledDay'
  | 'scheduledYear'
  | 'firstName'
  | 'lastName'
  | 'month'
  | 'day'
  | 'year'
  | 'email'
  | 'phone'
  | 'diagnosis'
  | 'copyEmail'
  | 'accessNumber'
  | 'accessMonth'
  | 'accessDay'
  | 'accessYear';
export const EMPTY: Record<Field, string> = {
  search: '',
  scheduledMonth: '',
  scheduledDay: '',
  scheduledYear: '',
  firstName: '',
  lastName: '',
  month: '',
  day: '',
  year: '',
  email: '',
  phone: '',
  diagnosis: '',
  copyEmail: '',
  accessNumber: '',
  accessMonth: '',
  accessDay: '',
  accessYear: '',
};

export interface Chosen {
  readonly serviceId: string;
  /** Optional included items the patient left out. */
  readonly declined: ReadonlySet<string>;
}

/** The chosen services with `serviceId` among them (once). */
export function withService(chosen: readonly Chosen[], serviceId: string): readonly Chosen[] {
  return chosen.some((c) => c.serviceId === serviceId) ? chosen : [...chosen, { serviceId, declined: new Set() }];
}

/** The chosen services with one of `serviceId`'s optional items included or left out. */
export function withItem(chosen: readonly Chosen[], serviceId: string, itemId: string, include: boolean): readonly Chosen[] {
  return chosen.map((c) => {
    if (c.serviceId !== serviceId) return c;
    const declined = new Set(c.declined);
    if (include) declined.delete(itemId);
    else declined.add(itemId);
    return { ...c, declined };
  });
}

/** A problem: a code the dictionary words, and for a diagnosis code, the code itself. */
export type Problem = FieldProblem;

/** "72148-26" for a code with a modifier. */
export function codeOf(service: PriceListService): string {
  return service.modifier ? `${service.code}-${service.modifier}` : service.code;
}

/** The field a server issue is about, by its path; issues about nothing known go in the summary. */
export function serverProblems(issues: readonly { path: readonly (string | number)[]; code: string }[]): Partial<Record<Slot, Problem>> {
  const problems: Partial<Record<Slot, Problem>> = {};
  for (const issue of issues) {
    const [first, second] = issue.path;
    let slot: Slot | undefined;
    if (first === 'services' || first === 'primaryServiceId') slot = 'services';
    else if (first === 'scheduledDate') slot = 'scheduled';
    else if (first === 'patient') slot = second === 'firstName' ? 'firstName' : second === 'lastName' ? 'lastName' : 'dob';
    else if (first === 'contact') slot = second === 'phone' ? 'phone' : 'email';
    else if (first === 'coverage') slot = 'coverage';
    else if (first === 'diagnosisCodes') slot = 'diagnosis';
    else if (first === 'copy') slot = 'copyEmail';
    if (slot && !problems[slot]) problems[slot] = { code: issue.code, fromServer: true };
  }
  return problems;
}
