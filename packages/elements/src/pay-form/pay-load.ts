/**
 * What `<pay-form>` loads for itself when it is used on its own: the practice (when no
 * `<bill-pay>` gives it) and the session's account (when none is given), each once; or the account
 * of a bill found beside it.
 */
import { getAccount, getPractice, isSessionExpiredError, type Account, type BillPayConnection, type Practice } from '@billpay/sdk';
import type { ReactiveControllerHost } from 'lit';

export interface PayLoadHooks {
  /** The account to pay is another one now (loaded, or found beside the form). */
  onAccount(): void;
  onFailed(): void;
  onSessionExpired(): void;
}

export class PayLoad {
  readonly #host: ReactiveControllerHost;
  readonly #hooks: PayLoadHooks;
  #practice: Practice | undefined;
  #account: Account | undefined;
  #loadingPractice = false;
  #loadingAccount = false;

  constructor(host: ReactiveControllerHost, hooks: PayLoadHooks) {
    this.#host = host;
    this.#hooks = hooks;
  }

  /** The practice loaded, when none was given. */
  get practice(): Practice | undefined {
    return this.#practice;
  }

  /** The account loaded, or found beside the form, when none was given. */
  get account(): Account | undefined {
    return this.#account;
  }

  set account(account: Account | undefined) {
    if (account === this.#account) return;
    this.#account = account;
    this.#hooks.onAccount();
    this.#host.requestUpdate();
  }

  /** Starts loading what is neither given nor loaded yet, over `connection`. */
  start(connection: BillPayConnection | undefined, given: { practice: Practice | undefined; account: Account | undefined }): void {
    if (connection && !(given.practice ?? this.#practice) && !this.#loadingPractice) {
      this.#loadingPractice = true;
      getPractice(connection).then(
        (practice) => {
          this.#practice = practice;
          this.#host.requestUpdate();
        },
        () => this.#hooks.onFailed(),
      );
    }
    if (connection && !given.account && !this.#account && !this.#loadingAccount && connection.hasSession) {
      this.#loadingAccount = true;
      getAccount(connection).then(
        (account) => (this.account = account),
        (error: unknown) => {
          if (isSessionExpiredError(error)) this.#hooks.onSessionExpired();
          else this.#hooks.onFailed();
        },
      );
    }
  }
}
