/**
 * What `<plan-builder>` loads before it shows its form: the practice (when no `<bill-pay>` gives
 * it) and the plan options for the session's account, and the plan whose payment method is to
 * change (`mode="change-method"`); loaded again on Retry, and the options again after the server
 * refused a plan by its rules (they may have changed).
 */
import { getPlan, getPlanOptions, getPractice, isApiError, isSessionExpiredError, type BillPayConnection, type Plan, type PlanOptions, type Practice } from '@billpay/sdk';
import type { ReactiveControllerHost } from 'lit';

export type LoadState = 'idle' | 'loading' | 'failed' | 'not_offered';

export interface PlanLoadHooks {
  /** The first options loaded (the form starts from them). */
  onFirstOptions(options: PlanOptions): void;
  onSessionExpired(): void;
}

export class PlanLoad {
  readonly #host: ReactiveControllerHost;
  readonly #hooks: PlanLoadHooks;
  #options: PlanOptions | undefined;
  #state: LoadState = 'idle';
  #practice: Practice | undefined;
  #loadingPractice = false;
  #plan: Plan | undefined;
  #planState: 'idle' | 'loading' | 'failed' = 'idle';

  constructor(host: ReactiveControllerHost, hooks: PlanLoadHooks) {
    this.#host = host;
    this.#hooks = hooks;
  }

  get options(): PlanOptions | undefined {
    return this.#options;
  }

  get state(): LoadState {
    return this.#state;
  }

  /** The practice loaded, when none was given. */
  get practice(): Practice | undefined {
    return this.#practice;
  }

  /** The plan whose payment method is to change, once loaded. */
  get plan(): Plan | undefined {
    return this.#plan;
  }

  /** The plan as the server answered it after a change. */
  set plan(plan: Plan | undefined) {
    this.#plan = plan;
    this.#host.requestUpdate();
  }

  /** The plan could not be loaded. */
  get planFailed(): boolean {
    return this.#planState === 'failed';
  }

  /** Loads the plan `planId` of the session's account (once; again after a failure with Retry). */
  startPlan(connection: BillPayConnection | undefined, planId: string): void {
    if (!connection || !planId || this.#plan?.id === planId || this.#planState !== 'idle') return;
    this.#planState = 'loading';
    getPlan(connection, planId).then(
      (plan) => {
        this.#plan = plan;
        this.#planState = 'idle';
        this.#host.requestUpdate();
      },
      (error: unknown) => {
        this.#planState = 'failed';
        this.#host.requestUpdate();
        if (isSessionExpiredError(error)) this.#hooks.onSessionExpired();
      },
    );
  }

  /** Starts loading what is not loaded yet, over `connection`; `given`: the practice the host was given, if any. */
  start(connection: BillPayConnection | undefined, given: Practice | undefined): void {
    if (connection && !(given ?? this.#practice) && !this.#loadingPractice) {
      this.#loadingPractice = true;
      getPractice(connection).then(
        (practice) => this.#set({ practice }),
        () => this.#set({ state: 'failed' }),
      );
    }
    if (connection && this.#state === 'idle' && !this.#options) void this.loadOptions(connection);
  }

  async loadOptions(connection: BillPayConnection): Promise<void> {
    this.#set({ state: 'loading' });
    try {
      const options = await getPlanOptions(connection);
      const first = this.#options === undefined;
      this.#set({ options, state: 'idle' });
      if (first) this.#hooks.onFirstOptions(options);
    } catch (error) {
      if (isSessionExpiredError(error)) {
        this.#set({ state: 'failed' });
        this.#hooks.onSessionExpired();
      } else {
        this.#set({ state: isApiError(error) && error.code === 'plans_not_offered' ? 'not_offered' : 'failed' });
      }
    }
  }

  /** Tries again what failed (Retry). */
  retry(connection: BillPayConnection | undefined, given: Practice | undefined): void {
    this.#set({ state: 'idle' });
    if (this.#planState === 'failed') this.#planState = 'idle';
    if (!(given ?? this.#practice)) this.#loadingPractice = false;
    if (connection && !this.#options) void this.loadOptions(connection);
    this.#host.requestUpdate();
  }

  /** Changes what was loaded, and updates the host when something did change (as its own state would). */
  #set(change: { options?: PlanOptions; state?: LoadState; practice?: Practice }): void {
    const before = { options: this.#options, state: this.#state, practice: this.#practice };
    this.#options = change.options ?? this.#options;
    this.#state = change.state ?? this.#state;
    this.#practice = change.practice ?? this.#practice;
    if (this.#options !== before.options || this.#state !== before.state || this.#practice !== before.practice) this.#host.requestUpdate();
  }
}
