import '../../../test/support/fail-on-console.js';
import { expect } from '@open-wc/testing';
import {
  DISPUTE_THRESHOLD_CENTS,
  EstimateRequestSchema,
  EstimateSchema,
  PriceListSchema,
  REQUIRED_ELEMENTS,
  addBusinessDays,
  addDays,
  buildEstimate,
  businessDaysBetween,
  checkEstimateCompleteness,
  checkEstimateContact,
  createBillPayClient,
  deadlineMet,
  disputeEligibility,
  estimateDeadline,
  isSessionExpiredError,
  npiValid,
  parseDiagnosisCodes,
  parseScheduledDate,
  searchServices,
  serviceCategories,
  type BuildEstimateInput,
  type Estimate,
  type EstimateDraft,
  type PriceList,
  type RequiredElement,
} from '@billpay/sdk';

const location = { address: '410 Harbor Point Drive', city: 'New Haven', state: 'CT', zip: '06510' };

const priceList: PriceList = PriceListSchema.parse({
  practice: 'harbor-point',
  currency: 'USD',
  providers: [
    { id: 'alvarez', name: 'Dr. Marisol Alvarez, MD', kind: 'individual', npi: '1234567893', tin: '12-3456789', location },
    { id: 'imaging', name: 'Harbor Point Imaging Center', kind: 'facility', npi: '1245319599', tin: '12-3456789', location },
    { id: 'radiology', name: 'Shoreline Radiology Associates', kind: 'individual', npi: '1382457616', tin: '45-6789012', location: { ...location, city: 'Branford' } },
    { id: 'lab', name: 'Harbor Point Laboratory', kind: 'facility', npi: '1679576722', tin: '12-3456789', location },
  ],
  services: [
    {
      id: 'mri-lumbar',
      code: '72148',
      codeSystem: 'CPT',
      description: 'MRI lumbar spine without contrast',
      category: 'imaging',
      providerId: 'imaging',
      cashPriceCents: 185_000,
      includes: [{ serviceId: 'mri-lumbar-reading' }],
      scheduledSeparately: ['pt-eval'],
    },
    {
      id: 'mri-lumbar-reading',
      code: '72148',
      codeSystem: 'CPT',
      modifier: '26',
      description: 'Radiologist’s reading of a lumbar spine MRI',
      category: 'imaging',
      providerId: 'radiology',
      cashPriceCents: 29_000,
      bundledOnly: true,
    },
    {
      id: 'new-patient-visit',
      code: '99203',
      codeSystem: 'CPT',
      description: 'Office visit, new patient',
      category: 'visits',
      providerId: 'alvarez',
      cashPriceCents: 16_500,
      includes: [{ serviceId: 'cmp', optional: true }],
    },
    { id: 'cmp', code: '80053', codeSystem: 'CPT', description: 'Comprehensive metabolic panel', category: 'laboratory', providerId: 'lab', cashPriceCents: 4_500 },
    { id: 'pt-eval', code: '97162', codeSystem: 'CPT', description: 'Physical therapy evaluation', category: 'therapy', providerId: 'alvarez', cashPriceCents: 14_000 },
    { id: 'flu-shot', code: 'G0008', codeSystem: 'HCPCS', description: 'Flu vaccine administration', category: 'vaccines', providerId: 'alvarez', cashPriceCents: 2_500 },
  ],
});

const patient = { firstName: 'Chidi', lastName: 'Okafor', dateOfBirth: '1971-11-23' };

const mriRequest: BuildEstimateInput = {
  priceList,
  patient,
  coverage: 'uninsured',
  primaryServiceId: 'mri-lumbar',
  services: [{ serviceId: 'mri-lumbar' }],
  scheduledDate: '2026-12-14',
  diagnosisCodes: ['M54.50'],
};

function issued(input: BuildEstimateInput = mriRequest, issuedOn = '2026-11-23'): Estimate {
  const result = buildEstimate(input, { id: 'gfe_test', issuedOn, holidays: ['2026-11-26'] });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return EstimateSchema.parse(result.estimate);
}

describe('buildEstimate', () => {
  it('groups the chosen service and its co-provider’s reading by provider, convening provider first', () => {
    const estimate = issued();
    expect(estimate.providers.map((group) => [group.provider.name, group.role, group.totalCents])).to.deep.equal([
      ['Harbor Point Imaging Center', 'convening', 185_000],
      ['Shoreline Radiology Associates', 'co_provider', 29_000],
    ]);
    const reading = estimate.providers[1]!.items[0]!;
    expect(reading).to.include({ code: '72148', modifier: '26', includedWith: 'mri-lumbar', expectedCents: 29_000 });
    expect(estimate.providers[1]!.provider).to.include({ npi: '1382457616', tin: '45-6789012' });
    expect(estimate.totalCents).to.equal(214_000);
    expect(estimate.primaryService).to.include({ code: '72148', scheduledDate: '2026-12-14' });
    expect(estimate.scheduledSeparately.map((s) => s.serviceId)).to.deep.equal(['pt-eval']);
    expect(estimate.disclaimers).to.have.members(['separate_scheduling', 'additional_items', 'estimate_only', 'dispute_rights', 'not_a_contract']);
    expect(estimate.deadline).to.deep.equal({ rule: 'scheduled_10_days_ahead', dueBy: '2026-11-27', met: true });
  });

  it('includes an optional bundled lab panel unless the patient declines it, and multiplies by quantity', () => {
    const withLab = issued({ ...mriRequest, primaryServiceId: 'new-patient-visit', services: [{ serviceId: 'new-patient-visit' }, { serviceId: 'flu-shot', quantity: 2 }] });
    expect(withLab.providers.map((g) => g.provider.id)).to.deep.equal(['alvarez', 'lab']);
    expect(withLab.providers[0]!.totalCents).to.equal(16_500 + 2 * 2_500);
    expect(withLab.totalCents).to.equal(16_500 + 5_000 + 4_500);
    const declined = issued({ ...mriRequest, primaryServiceId: 'new-patient-visit', services: [{ serviceId: 'new-patient-visit', declined: ['cmp'] }] });
    expect(declined.providers.map((g) => g.provider.id)).to.deep.equal(['alvarez']);
    expect(declined.totalCents).to.equal(16_500);
  });

  it('names what is wrong with a request instead of guessing', () => {
    const result = buildEstimate(
      {
        ...mriRequest,
        primaryServiceId: 'mri-lumbar',
        services: [{ serviceId: 'mri-lumbar-reading' }, { serviceId: 'no-such-thing' }, { serviceId: 'new-patient-visit', declined: ['pt-eval'] }],
        scheduledDate: '2026-11-01',
      },
      { id: 'x', issuedOn: '2026-11-23' },
    );
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.code)).to.have.members([
      'estimate.primary_not_chosen',
      'estimate.scheduled_in_past',
      'estimate.service_bundled_only',
      'estimate.service_unknown',
      'estimate.declined_not_optional',
    ]);
    expect(buildEstimate({ ...mriRequest, scheduledDate: addDays('2026-11-23', 400) }, { id: 'x', issuedOn: '2026-11-23' })).to.deep.include({ ok: false });
  });
});

describe('checkEstimateCompleteness', () => {
  it('finds every required element on an issued estimate', () => {
    expect(checkEstimateCompleteness(issued())).to.deep.equal({ complete: true, missing: [] });
    expect(checkEstimateCompleteness(issued({ ...mriRequest, scheduledDate: undefined, diagnosisCodes: undefined })).complete).to.equal(true);
  });

  // One way to take each element away; the walk below proves each is named, and only it.
  const remove: Record<RequiredElement, (e: Estimate) => EstimateDraft> = {
    patient_name: (e) => ({ ...e, patient: { ...e.patient, lastName: ' ' } }),
    patient_date_of_birth: (e) => ({ ...e, patient: { firstName: e.patient.firstName, lastName: e.patient.lastName } }),
    primary_service: (e) => ({ ...e, primaryService: { ...e.primaryService, description: '' } }),
    primary_service_date: (e) => {
      const { scheduledDate: _dropped, ...primaryService } = e.primaryService;
      return { ...e, primaryService };
    },
    itemized_list: (e) => ({ ...e, providers: e.providers.map((g, i) => (i === 1 ? { ...g, items: [], totalCents: 0 } : g)), totalCents: e.providers[0]!.totalCents }),
    convening_provider: (e) => ({ ...e, providers: e.providers.map((g) => ({ ...g, role: 'co_provider' as const })) }),
    diagnosis_codes: (e) => ({ ...e, diagnosisCodes: ['back pain'] }),
    service_codes: (e) => ({ ...e, providers: e.providers.map((g) => ({ ...g, items: g.items.map((item) => ({ ...item, code: '' })) })) }),
    expected_charges: (e) => ({ ...e, providers: e.providers.map((g, i) => (i === 0 ? { ...g, items: g.items.map((item) => ({ ...item, expectedCents: 1850.5 })) } : g)) }),
    provider_name: (e) => ({ ...e, providers: e.providers.map((g) => ({ ...g, provider: { ...g.provider, name: '' } })) }),
    provider_npi: (e) => ({ ...e, providers: e.providers.map((g, i) => (i === 1 ? { ...g, provider: { ...g.provider, npi: '1382457617' } } : g)) }),
    provider_tin: (e) => ({ ...e, providers: e.providers.map((g) => ({ ...g, provider: { ...g.provider, tin: '123456789' } })) }),
    provider_location: (e) => ({ ...e, providers: e.providers.map((g) => ({ ...g, provider: { ...g.provider, location: { ...g.provider.location, state: '' } } })) }),
    scheduled_separately: (e) => {
      const { scheduledSeparately: _dropped, ...rest } = e;
      return rest;
    },
    disclaimer_separate_scheduling: (e) => ({ ...e, disclaimers: e.disclaimers.filter((d) => d !== 'separate_scheduling') }),
    disclaimer_additional_items: (e) => ({ ...e, disclaimers: e.disclaimers.filter((d) => d !== 'additional_items') }),
    disclaimer_estimate_only: (e) => ({ ...e, disclaimers: e.disclaimers.filter((d) => d !== 'estimate_only') }),
    disclaimer_dispute_rights: (e) => ({ ...e, disclaimers: e.disclaimers.filter((d) => d !== 'dispute_rights') }),
    disclaimer_not_a_contract: (e) => ({ ...e, disclaimers: e.disclaimers.filter((d) => d !== 'not_a_contract') }),
    issue_date: (e) => ({ ...e, issuedOn: '2026-02-30' }),
  };

  for (const { element, cite } of REQUIRED_ELEMENTS) {
    it(`names ${element} (${cite}) when it is missing, and nothing else`, () => {
      const result = checkEstimateCompleteness(remove[element](issued()));
      expect(result.complete).to.equal(false);
      expect([...new Set(result.missing.map((m) => m.element))]).to.deep.equal([element]);
      expect(result.missing[0]!.cite).to.equal(cite);
    });
  }

  it('says which provider lacks an element', () => {
    const result = checkEstimateCompleteness(remove.provider_npi(issued()));
    expect(result.missing).to.deep.equal([{ element: 'provider_npi', cite: '149.610(c)(1)(v)', providerId: 'radiology' }]);
  });

  it('names everything an empty draft lacks', () => {
    const result = checkEstimateCompleteness({});
    const named = new Set(result.missing.map((m) => m.element));
    for (const element of ['patient_name', 'patient_date_of_birth', 'primary_service', 'itemized_list', 'diagnosis_codes', 'scheduled_separately', 'disclaimer_dispute_rights', 'issue_date'] as const) {
      expect(named.has(element), element).to.equal(true);
    }
  });
});

describe('estimate deadline', () => {
  // November 2026: Friday 20, weekend 21-22, Monday 23 ... Thursday 26 is Thanksgiving (a
  // practice holiday), Friday 27, weekend 28-29, Monday 30.
  const holidays = ['2026-11-26'];
  const table: [string, { requestedOn: string; serviceDate?: string; scheduledOn?: string }, string, string | undefined][] = [
    ['requested on a Friday, not scheduled: 3 business days, over the weekend', { requestedOn: '2026-11-20' }, 'requested', '2026-11-25'],
    ['requested on a Saturday', { requestedOn: '2026-11-21' }, 'requested', '2026-11-25'],
    ['requested on a Monday: the holiday is skipped', { requestedOn: '2026-11-23' }, 'requested', '2026-11-27'],
    ['requested the day before the holiday', { requestedOn: '2026-11-25' }, 'requested', '2026-12-01'],
    ['scheduled Friday for Wednesday (3 business days ahead): next business day', { requestedOn: '2026-11-20', serviceDate: '2026-11-25' }, 'scheduled_3_days_ahead', '2026-11-23'],
    ['scheduled Friday for Tuesday (2 ahead): no deadline', { requestedOn: '2026-11-20', serviceDate: '2026-11-24' }, 'not_required', undefined],
    ['scheduled Wednesday for Monday: the holiday makes it 2 ahead', { requestedOn: '2026-11-25', serviceDate: '2026-11-30' }, 'not_required', undefined],
    ['scheduled Wednesday for Tuesday (3 ahead): 1 business day, past the holiday', { requestedOn: '2026-11-25', serviceDate: '2026-12-01' }, 'scheduled_3_days_ahead', '2026-11-27'],
    ['scheduled Monday, 9 business days ahead', { requestedOn: '2026-11-23', serviceDate: '2026-12-07' }, 'scheduled_3_days_ahead', '2026-11-24'],
    ['scheduled Monday, 10 business days ahead: 3 business days', { requestedOn: '2026-11-23', serviceDate: '2026-12-08' }, 'scheduled_10_days_ahead', '2026-11-27'],
    ['scheduled Friday, 10 ahead: over the weekend', { requestedOn: '2026-11-20', serviceDate: '2026-12-07' }, 'scheduled_10_days_ahead', '2026-11-25'],
    ['scheduled on a Sunday: counted from Monday', { requestedOn: '2026-11-22', serviceDate: '2026-12-07' }, 'scheduled_3_days_ahead', '2026-11-23'],
    ['scheduled earlier than the request: counted from scheduling', { requestedOn: '2026-11-25', scheduledOn: '2026-11-20', serviceDate: '2026-12-07' }, 'scheduled_10_days_ahead', '2026-11-25'],
  ];
  for (const [name, input, rule, dueBy] of table) {
    it(name, () => {
      const answer = estimateDeadline({ ...input, holidays });
      expect(answer.rule).to.equal(rule);
      expect(answer.dueBy).to.equal(dueBy);
    });
  }

  it('counts business days the way the table reads', () => {
    expect(businessDaysBetween('2026-11-23', '2026-11-26')).to.equal(3);
    expect(businessDaysBetween('2026-11-25', '2026-11-28')).to.equal(3);
    expect(businessDaysBetween('2026-11-25', '2026-11-28', holidays)).to.equal(2);
    expect(addBusinessDays('2026-11-25', 1, holidays)).to.equal('2026-11-27');
    expect(addBusinessDays('2026-11-25', 1)).to.equal('2026-11-26');
  });

  it('is met on the due day and missed the day after', () => {
    expect(deadlineMet({ dueBy: '2026-11-25' }, '2026-11-25')).to.equal(true);
    expect(deadlineMet({ dueBy: '2026-11-25' }, '2026-11-26')).to.equal(false);
    expect(deadlineMet({}, '2030-01-01')).to.equal(true);
    expect(issued(mriRequest, '2026-11-30').deadline).to.deep.equal({ rule: 'scheduled_10_days_ahead', dueBy: '2026-12-03', met: true });
  });
});

describe('dispute eligibility', () => {
  const estimate = issued();
  const billedOn = '2026-12-20';
  const bill = (imagingCents: number, radiologyCents = 29_000) => ({
    billedOn,
    charges: [
      { providerId: 'imaging', amountCents: imagingCents },
      { providerId: 'radiology', amountCents: radiologyCents },
    ],
  });

  it('is not eligible at $399.99 over one provider’s estimate, and is at $400.00', () => {
    const under = disputeEligibility(estimate, bill(185_000 + 39_999), billedOn);
    expect(under).to.deep.include({ eligible: false, reason: 'under_threshold' });
    const at = disputeEligibility(estimate, bill(185_000 + DISPUTE_THRESHOLD_CENTS), billedOn);
    expect(at).to.deep.include({ eligible: true, reason: 'over_threshold', startBy: '2027-04-19' });
    expect(at.providers.find((p) => p.providerId === 'imaging')).to.include({ expectedCents: 185_000, billedCents: 225_000, overCents: 40_000, qualifies: true });
    expect(at.providers.find((p) => p.providerId === 'radiology')).to.include({ overCents: 0, qualifies: false });
  });

  it('is eligible on day 120 after the bill and not on day 121', () => {
    const overBill = bill(185_000 + 55_000);
    const day120 = disputeEligibility(estimate, overBill, addDays(billedOn, 120));
    expect(day120).to.deep.include({ eligible: true, daysSinceBill: 120, startBy: '2027-04-19' });
    const day121 = disputeEligibility(estimate, overBill, addDays(billedOn, 121));
    expect(day121).to.deep.include({ eligible: false, reason: 'too_late', daysSinceBill: 121 });
  });

  it('judges each provider on its own: $500 over in total, $250 over each of two, is not eligible', () => {
    const result = disputeEligibility(estimate, bill(185_000 + 25_000, 29_000 + 25_000), billedOn);
    expect(result.providers.reduce((sum, p) => sum + p.overCents, 0)).to.equal(50_000);
    expect(result).to.deep.include({ eligible: false, reason: 'under_threshold' });
  });

  it('compares a provider missing from the estimate against $0.00', () => {
    const result = disputeEligibility(
      estimate,
      { billedOn, charges: [{ providerId: 'anesthesia', amountCents: 40_000, name: 'Harbor Anesthesia', npi: '1493728509' }] },
      billedOn,
    );
    expect(result.eligible).to.equal(true);
    expect(result.providers.find((p) => p.providerId === 'anesthesia')).to.include({ onEstimate: false, expectedCents: 0, name: 'Harbor Anesthesia' });
  });
});

describe('estimate wire schemas', () => {
  it('checks NPI check digits and service codes against their code system', () => {
    expect(npiValid('1234567893')).to.equal(true);
    expect(npiValid('1234567894')).to.equal(false);
    const bad = structuredClone(priceList) as { providers: { npi: string }[]; services: { code: string }[] };
    bad.providers[0]!.npi = '1234567890';
    bad.services[0]!.code = 'G0008';
    const issues = PriceListSchema.safeParse(bad).error?.issues.map((issue) => issue.path.join('.'));
    expect(issues).to.have.members(['providers.0.npi', 'services.0.code']);
  });

  it('needs a way to reach the patient and the self-pay statement', () => {
    const request = { practice: 'harbor-point', patient, contact: {}, coverage: 'insured', primaryServiceId: 'mri-lumbar', services: [{ serviceId: 'mri-lumbar' }] };
    const paths = EstimateRequestSchema.safeParse(request).error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).to.have.members(['contact.email', 'coverage']);
    expect(EstimateRequestSchema.safeParse({ ...request, contact: { phone: '(555) 010-2000' }, coverage: 'not_using_insurance' }).success).to.equal(true);
  });
});

describe('client estimate methods', () => {
  it('gets the price list, requests an estimate and reads it back with the date of birth, for its practice', async () => {
    const seen: string[] = [];
    const estimate = issued();
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      seen.push(`${request.method} ${url.pathname}${url.search}`);
      let body: unknown = priceList;
      if (url.pathname === '/v1/estimates') {
        const sent = (await request.json()) as { practice: string; primaryServiceId: string };
        expect(sent).to.include({ practice: 'harbor-point', primaryServiceId: 'mri-lumbar' });
        body = estimate;
      } else if (url.pathname === '/v1/estimate-lookups') {
        // The number and the date of birth travel in the body, never in the address.
        expect(await request.json()).to.deep.equal({ practice: 'harbor-point', estimateId: 'gfe_test', dateOfBirth: patient.dateOfBirth });
        body = estimate;
      }
      return new Response(JSON.stringify(body), { status: url.pathname === '/v1/estimates' ? 201 : 200, headers: { 'content-type': 'application/json' } });
    };
    const client = createBillPayClient({ api: 'https://billing.example.test', practice: 'harbor-point', fetch });
    expect((await client.getPriceList()).services).to.have.length(6);
    const made = await client.requestEstimate({
      patient,
      contact: { email: 'chidi@example.test' },
      coverage: 'uninsured',
      primaryServiceId: 'mri-lumbar',
      services: [{ serviceId: 'mri-lumbar' }],
    });
    expect(made.id).to.equal('gfe_test');
    expect((await client.findEstimate({ estimateId: 'gfe_test', dateOfBirth: patient.dateOfBirth })).totalCents).to.equal(214_000);
    // One linked to an account needs that account's session: this client never had one.
    let refused: unknown;
    await client.getEstimate('gfe_test').catch((error: unknown) => (refused = error));
    expect(refused).to.include({ name: 'NoSessionError', code: 'no_session' });
    expect(isSessionExpiredError(refused)).to.equal(true);
    expect(seen).to.deep.equal(['GET /v1/price-list?practice=harbor-point', 'POST /v1/estimates', 'POST /v1/estimate-lookups']);
  });
});

describe('estimate form helpers', () => {
  it('finds services a patient can ask for by name, code, keyword or category, in either language', () => {
    const ids = (query: string, category?: Parameters<typeof searchServices>[2]) => searchServices(priceList, query, category).map((s) => s.id);
    expect(ids('')).to.deep.equal(['mri-lumbar', 'new-patient-visit', 'cmp', 'pt-eval', 'flu-shot']);
    expect(ids('mri')).to.deep.equal(['mri-lumbar'], 'the reading comes only with the MRI');
    expect(ids('72148')).to.deep.equal(['mri-lumbar']);
    expect(ids('office NEW')).to.deep.equal(['new-patient-visit']);
    expect(ids('g0008')).to.deep.equal(['flu-shot']);
    expect(ids('', 'laboratory')).to.deep.equal(['cmp']);
    expect(ids('panel', 'imaging')).to.deep.equal([]);
    expect(serviceCategories(priceList)).to.deep.equal(['imaging', 'visits', 'laboratory', 'therapy', 'vaccines']);
  });

  it('reads a scheduled date typed as three fields', () => {
    const today = '2026-11-22';
    expect(parseScheduledDate({ month: '12', day: '14', year: '2026' }, today)).to.deep.equal({ ok: true, date: '2026-12-14' });
    expect(parseScheduledDate({ month: '11', day: '22', year: '2026' }, today)).to.deep.equal({ ok: true, date: '2026-11-22' });
    const issue = (month: string, day: string, year: string) => {
      const result = parseScheduledDate({ month, day, year }, today);
      return result.ok ? undefined : result.issue;
    };
    expect(issue('', '', '')).to.equal('scheduled.empty');
    expect(issue('12', '', '2026')).to.equal('scheduled.day_missing');
    expect(issue('13', '1', '2026')).to.equal('scheduled.month_invalid');
    expect(issue('2', '30', '2027')).to.equal('scheduled.not_a_date');
    expect(issue('11', '21', '2026')).to.equal('scheduled.past');
    expect(issue('12', '1', '2027')).to.equal('scheduled.too_far');
    expect(issue('12', '1', '27')).to.equal('scheduled.year_invalid');
  });

  it('needs an email address or a phone number, each well formed', () => {
    expect(checkEstimateContact(' ana@example.com ', '')).to.deep.equal({ ok: true, contact: { email: 'ana@example.com' } });
    expect(checkEstimateContact('', '(555) 010-2000')).to.deep.equal({ ok: true, contact: { phone: '(555) 010-2000' } });
    expect(checkEstimateContact('', ' ')).to.deep.equal({ ok: false, issues: [{ field: 'email', issue: 'contact.none' }] });
    expect(checkEstimateContact('ana@', 'call me')).to.deep.equal({
      ok: false,
      issues: [
        { field: 'email', issue: 'contact.email_invalid' },
        { field: 'phone', issue: 'contact.phone_invalid' },
      ],
    });
  });

  it('reads optional diagnosis codes and names the one that is not ICD-10', () => {
    expect(parseDiagnosisCodes('')).to.deep.equal({ ok: true, codes: [] });
    expect(parseDiagnosisCodes('m54.50, Z00.00 m54.50')).to.deep.equal({ ok: true, codes: ['M54.50', 'Z00.00'] });
    expect(parseDiagnosisCodes('M54.50, back pain')).to.deep.equal({ ok: false, issue: 'diagnosis.invalid', code: 'BACK' });
  });
});
