import { DomainError } from '../domain/errors.js';
import { ProcessorRejectedError, ProcessorUnavailableError } from '../processor/port.js';

/**
 * What a failed processor call means to the domain, read in one place for payments, plans and
 * refunds: `unavailable` (unreachable or failing: nothing happened that we know of, try again)
 * or `rejected` with the processor's code (it refused the request itself). Any other error is a
 * bug of ours and is thrown on.
 */
export type ProcessorFailure = { readonly kind: 'unavailable' } | { readonly kind: 'rejected'; readonly code: string };

export function processorFailureOf(error: unknown): ProcessorFailure {
  if (error instanceof ProcessorUnavailableError) return { kind: 'unavailable' };
  if (error instanceof ProcessorRejectedError) return { kind: 'rejected', code: error.code };
  throw error;
}

/** The refusal while the processor is unavailable: `message` says what could not be done and that nothing was charged. */
export function processorUnavailable(message: string): DomainError {
  return new DomainError('processor_unavailable', message, { retryAfterSeconds: 2 });
}
