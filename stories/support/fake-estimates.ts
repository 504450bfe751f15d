/**
 * Good-faith estimates for the in-memory API: the demo practice's price list, estimates issued
 * by the SDK's own rules, the Okafor estimate the server seeds, and the dispute notice his
 * account shows, computed by the SDK's rules, as the server computes them.
 */
import {
  addDays,
  buildEstimate,
  disputeNoticeFor,
  EstimateLookupRequestSchema,
  EstimateRequestSchema,
  PriceListSchema,
  type Account,
  type DisputeNotice,
  type Estimate,
  type PriceList,
  type Statement,
} from '@billpay/sdk';
import harborPoint from '../../packages/server/practices/harbor-point.json' with { type: 'json' };
import { demoAccounts, demoEstimateId, demoEstimates, type DemoAccount } from '../../packages/server/src/demo/demo-data.js';
import { json, problem } from './fake-http.js';

/** The demo practice's price list, as `GET /v1/price-list?practice=harbor-point` answers it. */
export const demoPriceList: PriceList = PriceListSchema.parse({
  practice: harborPoint.id,
  currency: 'USD',
  providers: harborPoint.providers,
  services: harborPoint.priceList,
});

const holidays: readonly string[] = harborPoint.holidays;

export interface FakeEstimates {
  /** Issued so far, by id (the demo estimates included). */
  readonly issued: Map<string, Estimate>;
  /** Answers the estimate routes; `undefined` for any other route. */
  route(method: string, path: string, body: unknown): Response | undefined;
  /** The account with the dispute notices its demo estimate gives it, if any. */
  withDisputes<T extends { demo: DemoAccount; account: Account; statements: ReadonlyMap<string, Statement> }>(built: T): T;
}

export function createFakeEstimates(today: string, options: { withoutPriceList?: boolean } = {}): FakeEstimates {
  const issued = new Map<string, Estimate>();
  const byAccount = new Map<string, Estimate>();

  for (const [index, demo] of demoEstimates.entries()) {
    const issuedOn = addDays(today, -demo.requestedDaysAgo);
    const result = buildEstimate(
      {
        priceList: demoPriceList,
        patient: demoPatient(demo.accountLastName),
        coverage: demo.coverage,
        primaryServiceId: demo.primaryServiceId,
        services: demo.services.map((service) => ({ ...service })),
        scheduledDate: addDays(today, -demo.serviceDaysAgo),
        diagnosisCodes: demo.diagnosisCodes,
      },
      { id: demoEstimateId(index), issuedOn, holidays },
    );
    if (!result.ok) throw new Error(`The demo estimate for ${demo.accountLastName} does not fit the price list`);
    issued.set(result.estimate.id, result.estimate);
    byAccount.set(demo.accountLastName, result.estimate);
  }

  return {
    issued,
    route(method, path, body) {
      if (method === 'GET' && path === '/v1/price-list') {
        return options.withoutPriceList ? problem(404, 'estimates_unavailable', 'This practice does not publish prices for estimates.') : json(200, demoPriceList);
      }
      if (method === 'POST' && path === '/v1/estimates') {
        const parsed = EstimateRequestSchema.safeParse(body);
        if (!parsed.success) {
          const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map((key) => (typeof key === 'number' ? key : String(key))), code: issue.code, message: issue.message }));
          return problem(400, 'invalid_request', 'Some fields are missing or invalid.', issues);
        }
        const request = parsed.data;
        if (request.patient.dateOfBirth > today) {
          return problem(400, 'invalid_request', 'Some fields are missing or invalid.', [{ path: ['patient', 'dateOfBirth'], code: 'dob.future', message: 'In the future.' }]);
        }
        const result = buildEstimate({ ...request, priceList: demoPriceList }, { id: fakeEstimateId(issued.size), issuedOn: today, holidays });
        if (!result.ok) {
          return problem(400, 'invalid_request', 'Some services or dates cannot be estimated.', result.issues.map((issue) => ({ path: [...issue.path], code: issue.code, message: issue.code })));
        }
        issued.set(result.estimate.id, result.estimate);
        return json(201, result.estimate);
      }
      if (method === 'POST' && path === '/v1/estimate-lookups') {
        const parsed = EstimateLookupRequestSchema.safeParse(body);
        if (!parsed.success) return problem(400, 'invalid_request', 'Some fields are missing or invalid.');
        // As the server: the number with the patient's date of birth, one answer for either wrong.
        const estimate = issued.get(parsed.data.estimateId);
        return estimate?.patient.dateOfBirth === parsed.data.dateOfBirth
          ? json(200, estimate)
          : problem(401, 'estimate_lookup_failed', 'We could not find an estimate with that number and date of birth.');
      }
      return undefined;
    },
    withDisputes(built) {
      const estimate = byAccount.get(built.demo.lastName);
      if (!estimate) return built;
      const disputes: DisputeNotice[] = [];
      for (const statement of built.statements.values()) {
        if (estimate.issuedOn > statement.periodStart) continue;
        const notice = disputeNoticeFor(estimate, statement, demoPriceList.providers, today);
        if (notice) disputes.push(notice);
      }
      return disputes.length ? { ...built, account: { ...built.account, disputes } } : built;
    },
  };
}

function demoPatient(lastName: string) {
  const account = demoAccounts.find((candidate) => candidate.lastName === lastName);
  if (!account) throw new Error(`No demo account ${lastName}`);
  return { firstName: account.firstName, lastName: account.lastName, dateOfBirth: account.dateOfBirth };
}

/**
 * A new estimate's number, as long as a real one: the same for the same story every time (its
 * visual snapshot shows it), different for each estimate the fake issues.
 */
function fakeEstimateId(count: number): string {
  return `gfe_fake${(0x9e3779b97f4a7c15n * BigInt(count + 1)).toString(16).slice(-18).padStart(18, '0')}`;
}
