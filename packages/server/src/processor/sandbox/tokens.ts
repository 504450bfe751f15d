import {
  checkBankAccountNumber,
  checkCardCvc,
  checkCardExpiry,
  checkCardNumber,
  checkRoutingNumber,
  type BankToken,
  type BankTokenRequest,
  type CardBrand,
  type CardToken,
  type CardTokenRequest,
  type WalletTokenRequest,
} from '@billpay/sdk';
import type { TokenDetails } from '@billpay/sdk/processor';
import type { Kysely } from 'kysely';
import { bankNameOf } from './bank-directory.js';
import { ProcessorError } from './errors.js';
import { newId, sealNumber, VAULT_KEY_VERSION } from './keys.js';
import type { CvcCheck, ProcessorDatabaseSchema, VaultTokensTable } from './schema.js';

/** The sandbox's test card whose security code never matches (DOMAIN.md). */
export const WRONG_CVC_CARD = '4000000000000127';
export const DEFAULT_WALLET_CARD = '4242424242424242';

export interface VaultContext {
  readonly db: Kysely<ProcessorDatabaseSchema>;
  readonly vaultKey: Buffer;
  readonly merchantId: string;
  readonly now: Date;
}

function checkedNumber(input: string, param: string): { digits: string; brand: CardBrand } {
  const number = checkCardNumber(input);
  if (!number.ok) throw new ProcessorError(400, 'invalid_number', 'The card number is not a valid card number.', param);
  return number;
}

/** Checks a card like the processor's issuer would, then vaults it. The security code is only checked. */
export async function tokenizeCard(ctx: VaultContext, input: CardTokenRequest): Promise<CardToken> {
  const { digits, brand } = checkedNumber(input.number, 'number');
  const year = input.expYear < 100 ? 2000 + input.expYear : input.expYear;
  const expiry = checkCardExpiry(`${String(input.expMonth).padStart(2, '0')}/${year}`, {
    year: ctx.now.getUTCFullYear(),
    month: ctx.now.getUTCMonth() + 1,
  });
  if (!expiry.ok) {
    if (expiry.issue === 'card.expired') throw new ProcessorError(400, 'expired_card', 'The card has expired.', 'expYear');
    throw new ProcessorError(400, 'invalid_expiry', 'The expiry date is not valid.', 'expYear');
  }
  if (!checkCardCvc(input.cvc, brand).ok) {
    throw new ProcessorError(400, 'invalid_cvc', 'The security code is not valid for this card.', 'cvc');
  }
  const cvcCheck: CvcCheck = digits === WRONG_CVC_CARD ? 'fail' : 'pass';
  return storeCard(ctx, {
    digits,
    brand,
    expMonth: expiry.month,
    expYear: expiry.year,
    name: input.name,
    postalCode: input.postalCode,
    cvcCheck,
    reusable: input.reusable === true,
  });
}

/** A wallet's payment data, in the sandbox a test card standing in for the wallet's device token. */
export async function tokenizeWallet(ctx: VaultContext, input: WalletTokenRequest): Promise<CardToken> {
  const { digits, brand } = checkedNumber(input.sandboxCard ?? DEFAULT_WALLET_CARD, 'sandboxCard');
  const expYear = ctx.now.getUTCFullYear() + 3;
  const token = await storeCard(ctx, { digits, brand, expMonth: 12, expYear, name: null, postalCode: null, cvcCheck: 'unchecked', wallet: input.wallet, reusable: input.reusable === true });
  return { ...token, card: { ...token.card, wallet: input.wallet } };
}

async function storeCard(
  ctx: VaultContext,
  card: {
    digits: string;
    brand: CardBrand;
    expMonth: number;
    expYear: number;
    name: string | null;
    postalCode: string | null;
    cvcCheck: CvcCheck;
    wallet?: VaultTokensTable['wallet'];
    reusable: boolean;
  },
): Promise<CardToken> {
  const id = newId('tok');
  const last4 = card.digits.slice(-4);
  await ctx.db
    .insertInto('vault_tokens')
    .values({
      id,
      merchant_id: ctx.merchantId,
      kind: 'card',
      wallet: card.wallet ?? null,
      number_encrypted: sealNumber(ctx.vaultKey, id, card.digits),
      key_version: VAULT_KEY_VERSION,
      last4,
      brand: card.brand,
      exp_month: card.expMonth,
      exp_year: card.expYear,
      holder_name: card.name,
      postal_code: card.postalCode,
      cvc_check: card.cvcCheck,
      routing_number: null,
      account_type: null,
      validated: true,
      used_at: null,
      reusable: card.reusable,
      created_at: ctx.now,
    })
    .execute();
  return { id, kind: 'card', card: { brand: card.brand, last4, expMonth: card.expMonth, expYear: card.expYear }, ...(card.reusable ? { reusable: true } : {}) };
}

/** Vaults a bank account for ACH debits; it is validated on its first debit. */
export async function tokenizeBank(ctx: VaultContext, input: BankTokenRequest): Promise<BankToken> {
  const routing = checkRoutingNumber(input.routingNumber);
  if (!routing.ok) throw new ProcessorError(400, 'invalid_routing_number', 'The routing number is not valid.', 'routingNumber');
  const account = checkBankAccountNumber(input.accountNumber);
  if (!account.ok) throw new ProcessorError(400, 'invalid_account_number', 'The account number is not valid.', 'accountNumber');
  const id = newId('tok');
  const last4 = account.digits.slice(-4);
  await ctx.db
    .insertInto('vault_tokens')
    .values({
      id,
      merchant_id: ctx.merchantId,
      kind: 'bank',
      wallet: null,
      number_encrypted: sealNumber(ctx.vaultKey, id, account.digits),
      key_version: VAULT_KEY_VERSION,
      last4,
      brand: null,
      exp_month: null,
      exp_year: null,
      holder_name: input.holderName,
      postal_code: null,
      cvc_check: null,
      routing_number: routing.digits,
      account_type: input.accountType,
      validated: false,
      used_at: null,
      reusable: true,
      created_at: ctx.now,
    })
    .execute();
  const bankName = bankNameOf(routing.digits);
  return { id, kind: 'bank', bank: { last4, accountType: input.accountType, routingLast4: routing.digits.slice(-4), ...(bankName ? { bankName } : {}) } };
}

/**
 * What a token stands for, for the merchant's server (secret key): its kind and what tokenization
 * told the browser (brand and last four, or account type, last four and bank), never the number.
 * The practice API reads it before charging, e.g. to require a Nacha authorization for a bank.
 */
export async function describeToken(db: Kysely<ProcessorDatabaseSchema>, merchantId: string, id: string): Promise<TokenDetails> {
  const row = await db.selectFrom('vault_tokens').selectAll().where('id', '=', id).where('merchant_id', '=', merchantId).executeTakeFirst();
  if (!row) throw new ProcessorError(404, 'no_such_token', 'There is no such token.', 'id');
  const common = { id: row.id, used: row.used_at !== null, reusable: row.reusable, created: new Date(row.created_at).toISOString() };
  if (row.kind === 'bank') {
    const routing = row.routing_number ?? '';
    const bankName = bankNameOf(routing);
    return {
      ...common,
      kind: 'bank',
      bank: { last4: row.last4, accountType: row.account_type ?? 'checking', routingLast4: routing.slice(-4), ...(bankName ? { bankName } : {}) },
    };
  }
  return {
    ...common,
    kind: 'card',
    card: {
      brand: row.brand as CardBrand,
      last4: row.last4,
      expMonth: row.exp_month ?? 0,
      expYear: row.exp_year ?? 0,
      ...(row.wallet ? { wallet: row.wallet } : {}),
    },
  };
}
