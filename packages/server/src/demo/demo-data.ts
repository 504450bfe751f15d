/**
 * The demo practice's patients, exactly as the README, the stories and the tests describe them.
 * Dates are offsets in days from the day the database is seeded, so "billed 20 days ago" and
 * "95 days old" stay true whenever the demo is started.
 */
import type { InsurerNoteKind, LedgerKind } from '../db/schema.js';

export interface DemoLineItem {
  readonly serviceDaysAgo: number;
  readonly provider: string;
  readonly description: string;
  readonly code: string;
  readonly chargeCents: number;
  readonly insurancePaidCents: number;
  readonly adjustmentCents: number;
  readonly patientCents: number;
  readonly notes?: readonly { readonly kind: InsurerNoteKind; readonly amountCents: number }[];
}

export interface DemoLedgerEntry {
  readonly kind: LedgerKind;
  readonly reason: string;
  readonly amountCents: number;
  readonly daysAgo: number;
}

export interface DemoStatement {
  readonly key: string;
  readonly daysAgo: number;
  readonly letterMailedDaysAgo?: number;
  readonly lineItems: readonly DemoLineItem[];
  /** Ledger entries besides the statement's own charge (fees, payments). */
  readonly entries?: readonly DemoLedgerEntry[];
}

export interface DemoAccount {
  readonly billId: string;
  readonly dateOfBirth: string;
  readonly accountNumber: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly coverage: 'insured' | 'self_pay';
  readonly expectedBalanceCents: number;
  readonly scenario: string;
  readonly statements: readonly DemoStatement[];
}

export const DEMO_PRACTICE_ID = 'harbor-point';

const DR_ALVAREZ = 'Dr. Marisol Alvarez, MD';
const LAB = 'Harbor Point Laboratory';
const IMAGING = 'Harbor Point Imaging Center';

export const demoAccounts: readonly DemoAccount[] = [
  {
    billId: '202511040018',
    dateOfBirth: '1984-03-09',
    accountNumber: 'A-100234',
    firstName: 'Daniela',
    lastName: 'Rivera',
    coverage: 'insured',
    expectedBalanceCents: 14_250,
    scenario: 'Insured; copay not paid at the visit plus invoicing fee, and lab coinsurance.',
    statements: [
      {
        key: 'office-visit',
        daysAgo: 12,
        lineItems: [
          {
            serviceDaysAgo: 41,
            provider: DR_ALVAREZ,
            description: 'Office visit, established patient',
            code: '99213',
            chargeCents: 18_000,
            insurancePaidCents: 11_500,
            adjustmentCents: 2_500,
            patientCents: 4_000,
            notes: [{ kind: 'copay_not_paid_at_visit', amountCents: 4_000 }],
          },
        ],
        entries: [{ kind: 'fee', reason: 'invoicing_fee', amountCents: 1_000, daysAgo: 12 }],
      },
      {
        key: 'lab-panel',
        daysAgo: 5,
        lineItems: [
          {
            serviceDaysAgo: 41,
            provider: LAB,
            description: 'Comprehensive metabolic panel',
            code: '80053',
            chargeCents: 31_000,
            insurancePaidCents: 14_800,
            adjustmentCents: 6_950,
            patientCents: 9_250,
            notes: [{ kind: 'coinsurance', amountCents: 9_250 }],
          },
        ],
      },
    ],
  },
  {
    billId: '202511040026',
    dateOfBirth: '1971-11-23',
    accountNumber: 'A-100451',
    firstName: 'Chidi',
    lastName: 'Okafor',
    coverage: 'self_pay',
    expectedBalanceCents: 240_000,
    scenario: 'Self-pay; lumbar MRI billed 20 days ago at $2,400.00, $550.00 over its good-faith estimate for the imaging center: he may dispute it.',
    statements: [
      {
        key: 'lumbar-mri',
        daysAgo: 20,
        lineItems: [
          {
            serviceDaysAgo: 27,
            provider: IMAGING,
            description: 'MRI lumbar spine without contrast',
            code: '72148',
            chargeCents: 240_000,
            insurancePaidCents: 0,
            adjustmentCents: 0,
            patientCents: 240_000,
            notes: [{ kind: 'not_covered', amountCents: 240_000 }],
          },
        ],
      },
    ],
  },
  {
    billId: '202511040034',
    dateOfBirth: '1958-06-30',
    accountNumber: 'A-100587',
    firstName: 'Wei',
    lastName: 'Chen',
    coverage: 'insured',
    expectedBalanceCents: 31_000,
    scenario: 'Past due: a statement 95 days old; the 90-day letter went out.',
    statements: [
      {
        key: 'physical-therapy',
        daysAgo: 95,
        letterMailedDaysAgo: 5,
        lineItems: [
          {
            serviceDaysAgo: 128,
            provider: DR_ALVAREZ,
            description: 'Physical therapy evaluation, moderate complexity',
            code: '97162',
            chargeCents: 52_000,
            insurancePaidCents: 0,
            adjustmentCents: 21_000,
            patientCents: 31_000,
            notes: [{ kind: 'deductible', amountCents: 31_000 }],
          },
        ],
      },
    ],
  },
  {
    billId: '202511040042',
    dateOfBirth: '1990-01-15',
    accountNumber: 'A-100612',
    firstName: 'Petra',
    lastName: 'Novak',
    coverage: 'insured',
    expectedBalanceCents: 0,
    scenario: 'Paid in full, with past statements and payments.',
    statements: [
      {
        key: 'annual-physical',
        daysAgo: 160,
        lineItems: [
          {
            serviceDaysAgo: 190,
            provider: DR_ALVAREZ,
            description: 'Preventive visit, established patient, 18-39 years',
            code: '99395',
            chargeCents: 26_000,
            insurancePaidCents: 21_000,
            adjustmentCents: 2_500,
            patientCents: 2_500,
            notes: [{ kind: 'copay', amountCents: 2_500 }],
          },
        ],
        entries: [{ kind: 'payment', reason: 'card_payment', amountCents: -2_500, daysAgo: 150 }],
      },
      {
        key: 'x-ray',
        daysAgo: 70,
        lineItems: [
          {
            serviceDaysAgo: 100,
            provider: IMAGING,
            description: 'X-ray, wrist, 3 views',
            code: '73110',
            chargeCents: 14_500,
            insurancePaidCents: 7_300,
            adjustmentCents: 1_700,
            patientCents: 5_500,
            notes: [{ kind: 'deductible', amountCents: 5_500 }],
          },
        ],
        entries: [{ kind: 'payment', reason: 'bank_payment', amountCents: -5_500, daysAgo: 61 }],
      },
    ],
  },
  {
    billId: '202511040059',
    dateOfBirth: '2001-08-02',
    accountNumber: 'A-100799',
    firstName: 'Samir',
    lastName: 'Haddad',
    coverage: 'insured',
    expectedBalanceCents: 6_500,
    scenario: 'Insured, balance $65.00: the bank-account and returned-payment scenarios.',
    statements: [
      {
        key: 'urgent-care',
        daysAgo: 9,
        lineItems: [
          {
            serviceDaysAgo: 33,
            provider: DR_ALVAREZ,
            description: 'Office visit, new patient',
            code: '99203',
            chargeCents: 21_000,
            insurancePaidCents: 12_000,
            adjustmentCents: 2_500,
            patientCents: 6_500,
            notes: [{ kind: 'deductible', amountCents: 6_500 }],
          },
        ],
      },
    ],
  },
];

/**
 * Good-faith estimates on file for demo patients, issued from the practice's price list by the
 * SDK's rules, dated like the accounts. Okafor's lumbar MRI: $1,850.00 for the imaging center
 * plus $290.00 for the radiologist's reading; the imaging center then billed $2,400.00, which is
 * $550.00 over its part, so his account says he may dispute the bill.
 */
export interface DemoEstimate {
  readonly accountLastName: string;
  readonly requestedDaysAgo: number;
  readonly serviceDaysAgo: number;
  readonly coverage: 'uninsured' | 'not_using_insurance';
  readonly primaryServiceId: string;
  readonly services: readonly { readonly serviceId: string; readonly quantity?: number }[];
  readonly diagnosisCodes: readonly string[];
  readonly email: string;
}

export const demoEstimates: readonly DemoEstimate[] = [
  {
    accountLastName: 'Okafor',
    requestedDaysAgo: 45,
    serviceDaysAgo: 27,
    coverage: 'uninsured',
    primaryServiceId: 'mri-lumbar',
    services: [{ serviceId: 'mri-lumbar' }],
    diagnosisCodes: ['M54.50'],
    email: 'chidi.okafor@example.com',
  },
];

/** The demo estimates' ids in the offline fake API of the stories (the server issues them random ids). */
export function demoEstimateId(index: number): string {
  return `gfe_demo${index + 1}`;
}

/**
 * The demo accounts' internal ids: opaque, so an id in an audit row or a URL path says nothing
 * about the patient (an account number would).
 */
export function demoAccountId(index: number): string {
  return `acct_demo${index + 1}`;
}
