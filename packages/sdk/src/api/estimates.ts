import { EstimateSchema, PriceListSchema, type Estimate, type EstimateRequest, type PriceList } from '../estimate-schemas.js';
import { stateOf, type BillPayConnection, type CallOptions } from './connection.js';
import { sessionGet, request } from './request.js';

/** A good-faith estimate request; the connection names the practice. */
export type EstimateRequestInput = Omit<EstimateRequest, 'practice'>;

/** An estimate issued earlier: its number and the patient's date of birth, as on the estimate. */
export interface FindEstimateInput {
  readonly estimateId: string;
  readonly dateOfBirth: string;
}

/** The practice's self-pay prices, providers and what each service brings with it. No session needed. */
export function getPriceList(connection: BillPayConnection, { signal }: CallOptions = {}): Promise<PriceList> {
  return request(stateOf(connection).http, 'v1/price-list', PriceListSchema, { searchParams: { practice: connection.options.practice }, signal });
}

/**
 * Asks for a good-faith estimate (uninsured or self-pay patients) and returns it as issued. Not
 * retried automatically: each attempt issues an estimate. @throws ApiError (`invalid_request`
 * with issues naming the fields), NetworkError
 */
export function requestEstimate(connection: BillPayConnection, input: EstimateRequestInput, { signal }: CallOptions = {}): Promise<Estimate> {
  return request(stateOf(connection).http, 'v1/estimates', EstimateSchema, {
    method: 'post',
    json: { ...input, practice: connection.options.practice },
    retry: 0,
    signal,
  });
}

/**
 * An estimate issued earlier, by its number and the patient's date of birth (as on the estimate).
 * No session needed; failures are limited like lookups. @throws ApiError (`estimate_lookup_failed`:
 * no such estimate, or another date of birth; one answer for both), LockedOutError
 */
export function findEstimate(connection: BillPayConnection, input: FindEstimateInput, { signal }: CallOptions = {}): Promise<Estimate> {
  return request(stateOf(connection).http, 'v1/estimate-lookups', EstimateSchema, {
    method: 'post',
    json: { practice: connection.options.practice, estimateId: input.estimateId, dateOfBirth: input.dateOfBirth },
    retry: 0,
    signal,
  });
}

/**
 * An estimate linked to the session's account, by its id (e.g. from a dispute notice).
 * @throws ApiError (`estimate_not_found`), SessionExpiredError
 */
export function getEstimate(connection: BillPayConnection, id: string, { signal }: CallOptions = {}): Promise<Estimate> {
  return sessionGet(stateOf(connection), `v1/estimates/${encodeURIComponent(id)}`, EstimateSchema, signal);
}
