import type * as z from 'zod/mini';
import { isApiError } from '../errors/api-error.js';
import { TokenizationError } from '../errors/tokenization-error.js';
import {
  BankTokenSchema,
  CardTokenSchema,
  type BankToken,
  type BankTokenRequest,
  type CardToken,
  type CardTokenRequest,
  type WalletTokenRequest,
} from '../token-schemas.js';
import { getPractice, stateOf, type BillPayConnection, type CallOptions } from './connection.js';
import { request } from './request.js';

/** Card and bank details go to the processor's origin named by the practice, with its key. */
async function tokenize<S extends z.ZodMiniType>(connection: BillPayConnection, path: string, body: unknown, schema: S, signal: AbortSignal | undefined): Promise<z.infer<S>> {
  const { payments } = await getPractice(connection, { signal });
  if (!payments) throw new TokenizationError('payments_unavailable', 'This practice does not take payments online.');
  const processor = stateOf(connection).http.extend({ baseUrl: payments.processorUrl.endsWith('/') ? payments.processorUrl : `${payments.processorUrl}/`, retry: 0 });
  try {
    return await request(processor, path, schema, { method: 'post', json: body, headers: { 'x-billpay-key': payments.publishableKey }, signal });
  } catch (error) {
    if (isApiError(error)) {
      throw new TokenizationError(error.serverCode, error.message, error.param ?? error.issues[0]?.path[0]?.toString(), { status: error.status, requestId: error.requestId });
    }
    throw error;
  }
}

/**
 * Sends card details straight to the practice's processor (never to the billing API) and
 * returns its token, for the `direct` capture mode. @throws TokenizationError, NetworkError
 */
export function tokenizeCard(connection: BillPayConnection, input: CardTokenRequest, { signal }: CallOptions = {}): Promise<CardToken> {
  return tokenize(connection, 'v1/tokens/card', input, CardTokenSchema, signal);
}

/** Sends bank account details straight to the processor and returns its token. @throws TokenizationError, NetworkError */
export function tokenizeBank(connection: BillPayConnection, input: BankTokenRequest, { signal }: CallOptions = {}): Promise<BankToken> {
  return tokenize(connection, 'v1/tokens/bank', input, BankTokenSchema, signal);
}

/**
 * Exchanges what a wallet (Apple Pay, Google Pay) handed the Payment Request API for a card
 * token at the processor. @throws TokenizationError, NetworkError
 */
export function tokenizeWallet(connection: BillPayConnection, input: WalletTokenRequest, { signal }: CallOptions = {}): Promise<CardToken> {
  return tokenize(connection, 'v1/tokens/wallet', input, CardTokenSchema, signal);
}
