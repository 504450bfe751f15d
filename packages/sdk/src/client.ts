/**
 * The SDK as one object: every operation as a method over one connection. Convenient where a page
 * uses most of them; a page that uses a few imports the functions instead (`lookupBill(connection,
 * input)`, ...), and its bundle leaves out the rest.
 */
import type { Estimate, PriceList } from './estimate-schemas.js';
import type { Plan, PlanOptions, PlanPayoff } from './plan-schemas.js';
import type { Health, Practice } from './schemas.js';
import type { Account, Statement } from './account-schemas.js';
import type { Payment } from './payment-schemas.js';
import type { MessagePreferences, PreferencesChange, Verification } from './message-preference-schemas.js';
import type { BankToken, BankTokenRequest, CardToken, CardTokenRequest, WalletTokenRequest } from './token-schemas.js';
import { createBillPayConnection, getPractice, stateOf, type BillPayClientOptions, type BillPayConnection, type CallOptions } from './api/connection.js';
import { findEstimate, getEstimate, getPriceList, requestEstimate, type EstimateRequestInput, type FindEstimateInput } from './api/estimates.js';
import { getAccount, getStatement, lookupBill, signOut, type LookupInput } from './api/lookup.js';
import { createPayment, getPayment, type PayInput } from './api/payments.js';
import { cancelPlan, changePlanMethod, createPlan, getPlan, getPlanOptions, payOffPlan, type ChangePlanMethodInput, type CreatePlanInput, type PayOffPlanInput } from './api/plans.js';
import { getHealth } from './api/practice.js';
import { changeMessagePreferences, confirmVerification, getMessagePreferences, startVerification, type StartVerificationInput } from './api/preferences.js';
import { tokenizeBank, tokenizeCard, tokenizeWallet } from './api/tokens.js';

export interface BillPayClient {
  readonly options: Readonly<BillPayClientOptions>;
  /** The connection the methods call over: pass it to the operation functions to share this client's session. */
  readonly connection: BillPayConnection;
  /** See {@link getPractice}. */
  getPractice(options?: CallOptions): Promise<Practice>;
  /** See {@link getHealth}. */
  health(options?: CallOptions): Promise<Health>;
  /** See {@link lookupBill}. */
  lookup(input: LookupInput, options?: CallOptions): Promise<Account>;
  /** See {@link getAccount}. */
  getAccount(options?: CallOptions): Promise<Account>;
  /** See {@link getStatement}. */
  getStatement(id: string, options?: CallOptions): Promise<Statement>;
  /** See {@link createPayment}. */
  pay(input: PayInput, options?: CallOptions): Promise<Payment>;
  /** See {@link getPlanOptions}. */
  getPlanOptions(options?: CallOptions): Promise<PlanOptions>;
  /** See {@link createPlan}. */
  createPlan(input: CreatePlanInput, options?: CallOptions): Promise<Plan>;
  /** See {@link getPlan}. */
  getPlan(id: string, options?: CallOptions): Promise<Plan>;
  /** See {@link cancelPlan}. */
  cancelPlan(id: string, options?: CallOptions): Promise<Plan>;
  /** See {@link payOffPlan}. */
  payOffPlan(id: string, input: PayOffPlanInput, options?: CallOptions): Promise<PlanPayoff>;
  /** See {@link changePlanMethod}. */
  changePlanMethod(id: string, input: ChangePlanMethodInput, options?: CallOptions): Promise<Plan>;
  /** See {@link getPayment}. */
  getPayment(id: string, options?: CallOptions): Promise<Payment>;
  /** See {@link getPriceList}. */
  getPriceList(options?: CallOptions): Promise<PriceList>;
  /** See {@link requestEstimate}. */
  requestEstimate(input: EstimateRequestInput, options?: CallOptions): Promise<Estimate>;
  /** See {@link findEstimate}. */
  findEstimate(input: FindEstimateInput, options?: CallOptions): Promise<Estimate>;
  /** See {@link getEstimate}. */
  getEstimate(id: string, options?: CallOptions): Promise<Estimate>;
  /** See {@link tokenizeCard}. */
  tokenizeCard(input: CardTokenRequest, options?: CallOptions): Promise<CardToken>;
  /** See {@link tokenizeBank}. */
  tokenizeBank(input: BankTokenRequest, options?: CallOptions): Promise<BankToken>;
  /** See {@link tokenizeWallet}. */
  tokenizeWallet(input: WalletTokenRequest, options?: CallOptions): Promise<CardToken>;
  /** See {@link getMessagePreferences}. */
  getMessagePreferences(options?: CallOptions): Promise<MessagePreferences>;
  /** See {@link startVerification}. */
  startVerification(input: StartVerificationInput, options?: CallOptions): Promise<Verification>;
  /** See {@link confirmVerification}. */
  confirmVerification(id: string, code: string, options?: CallOptions): Promise<MessagePreferences>;
  /** See {@link changeMessagePreferences}. */
  changeMessagePreferences(change: PreferencesChange, options?: CallOptions): Promise<MessagePreferences>;
  /** See {@link signOut}. */
  signOut(options?: CallOptions): Promise<void>;
  /** Whether this client holds a session. */
  readonly hasSession: boolean;
  /**
   * A new client with some options replaced (its own connection). While `api` and `practice` stay
   * the same it starts with this client's session (the same session on the server: signing out of
   * either ends it); another API or practice starts without one.
   */
  extend(options: Partial<BillPayClientOptions>): BillPayClient;
}

/**
 * A client for the patient API of one practice: from options (a new connection, no session yet),
 * or over an existing connection (sharing its session). Every method returns data checked against
 * the SDK's schemas and throws only the SDK's errors (`isBillPayError`), each with a `code` to
 * switch on (`SdkError`), the answer's `status` and the server's `requestId`.
 *
 * ```ts
 * const client = createBillPayClient({ api: 'https://billing.example.org', practice: 'harbor-point' });
 * const account = await client.lookup({ billId: '202511040018', dateOfBirth: '1984-03-09' });
 * ```
 *
 * Card and bank details go from the browser to the processor's hosted fields (or `tokenizeCard`
 * in the `direct` capture mode), never to a practice's server: a server should never tokenize raw
 * card numbers, which would bring it into PCI DSS scope.
 */
export function createBillPayClient(from: BillPayClientOptions | BillPayConnection): BillPayClient {
  const connection = isConnection(from) ? from : createBillPayConnection(from);
  const c = connection;
  return {
    options: c.options,
    connection: c,
    getPractice: (options) => getPractice(c, options),
    health: (options) => getHealth(c, options),
    lookup: (input, options) => lookupBill(c, input, options),
    getAccount: (options) => getAccount(c, options),
    getStatement: (id, options) => getStatement(c, id, options),
    pay: (input, options) => createPayment(c, input, options),
    getPlanOptions: (options) => getPlanOptions(c, options),
    createPlan: (input, options) => createPlan(c, input, options),
    getPlan: (id, options) => getPlan(c, id, options),
    cancelPlan: (id, options) => cancelPlan(c, id, options),
    payOffPlan: (id, input, options) => payOffPlan(c, id, input, options),
    changePlanMethod: (id, input, options) => changePlanMethod(c, id, input, options),
    getPayment: (id, options) => getPayment(c, id, options),
    getPriceList: (options) => getPriceList(c, options),
    requestEstimate: (input, options) => requestEstimate(c, input, options),
    findEstimate: (input, options) => findEstimate(c, input, options),
    getEstimate: (id, options) => getEstimate(c, id, options),
    tokenizeCard: (input, options) => tokenizeCard(c, input, options),
    tokenizeBank: (input, options) => tokenizeBank(c, input, options),
    tokenizeWallet: (input, options) => tokenizeWallet(c, input, options),
    getMessagePreferences: (options) => getMessagePreferences(c, options),
    startVerification: (input, options) => startVerification(c, input, options),
    confirmVerification: (id, code, options) => confirmVerification(c, id, code, options),
    changeMessagePreferences: (change, options) => changeMessagePreferences(c, change, options),
    signOut: (options) => signOut(c, options),
    get hasSession() {
      return c.hasSession;
    },
    extend: (more) => {
      const next = createBillPayConnection({ ...c.options, ...more });
      const same = (more.api ?? c.options.api) === c.options.api && (more.practice ?? c.options.practice) === c.options.practice;
      if (same) stateOf(next).token = stateOf(c).token;
      return createBillPayClient(next);
    },
  };
}

function isConnection(from: BillPayClientOptions | BillPayConnection): from is BillPayConnection {
  return 'hasSession' in from;
}
