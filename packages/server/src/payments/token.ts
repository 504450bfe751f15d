import { DomainError } from '../domain/errors.js';
import type { ProcessorToken } from '../processor/port.js';
import { processorFailureOf, processorUnavailable } from './processor-failure.js';

/** Reads what a processor token stands for (card or bank), e.g. `gateway.token` for the practice. */
export type DescribeToken = (token: string) => Promise<ProcessorToken>;

/**
 * What the processor says a token stands for, or the refusal to give: the one mapping of the
 * processor's answers about a token, for a payment and a plan alike. `at` is where the token sits
 * in the request; `subject` says what could not be done while the processor is unreachable.
 */
export async function describeToken(
  describe: DescribeToken,
  token: string,
  at: readonly string[],
  subject: 'The payment could not be started' | 'The plan could not be set up',
): Promise<{ ok: true; token: ProcessorToken } | { ok: false; error: DomainError }> {
  try {
    return { ok: true, token: await describe(token) };
  } catch (error) {
    const failure = processorFailureOf(error);
    if (failure.kind === 'unavailable') return { ok: false, error: processorUnavailable(`${subject} right now. Nothing was charged; try again.`) };
    const path = [...at, 'token'];
    return {
      ok: false,
      error: new DomainError('invalid_token', 'The payment method is not known to the processor. Enter it again.', {
        issues: [{ path, code: 'not_found', message: 'No such token.' }],
        details: { param: path.join('.') },
      }),
    };
  }
}
