import type { PracticeConfig } from '../practices/practices.js';
import { ProcessorRejectedError, type ProcessorAdapter } from './port.js';
import { createSandboxAdapter } from './sandbox/adapter.js';

/** What adapters are built with besides the practices' own settings. */
export interface AdapterEnvironment {
  /** The server secret (the sandbox derives each practice's keys from it). */
  readonly secret: string;
  /** The sandbox processor, when this server runs one: as the server and as browsers reach it. */
  readonly sandbox?: { readonly url: string; readonly publicUrl: string } | undefined;
}

/**
 * Builds one processor's adapter for the practices that name it (each practice's `processor`
 * holds its settings: account, references to its secrets, webhook signing secret).
 */
export type AdapterFactory = (practices: readonly PracticeConfig[], environment: AdapterEnvironment) => ProcessorAdapter;

/** The processors billpay can use, by the `kind` a practice's `processor` names. */
export const adapterFactories: Readonly<Record<string, AdapterFactory>> = {
  sandbox: (_practices, environment) => {
    if (!environment.sandbox) throw new Error('A practice uses the sandbox processor, but no sandbox processor runs.');
    return createSandboxAdapter({ url: environment.sandbox.url, publicUrl: environment.sandbox.publicUrl, secret: environment.secret });
  },
};

/** The processor a practice uses; the sandbox when its configuration names none. */
export function processorKindOf(practice: PracticeConfig): string {
  return practice.processor?.kind ?? 'sandbox';
}

/** Refuses, at start, a practice whose processor no factory builds. */
export function checkProcessorKinds(practices: ReadonlyMap<string, PracticeConfig>, factories: Readonly<Record<string, AdapterFactory>>): void {
  for (const practice of practices.values()) {
    const kind = processorKindOf(practice);
    if (!Object.hasOwn(factories, kind)) {
      throw new Error(`Practice "${practice.id}" names processor "${kind}", which this server does not know (known: ${Object.keys(factories).join(', ')}).`);
    }
  }
}

/**
 * The port for all practices: one adapter per processor kind in use, and each call goes to the
 * adapter of the practice it is for.
 */
export function composeProcessor(
  practices: ReadonlyMap<string, PracticeConfig>,
  environment: AdapterEnvironment,
  factories: Readonly<Record<string, AdapterFactory>> = adapterFactories,
): ProcessorAdapter {
  checkProcessorKinds(practices, factories);
  const byKind = new Map<string, PracticeConfig[]>();
  for (const practice of practices.values()) byKind.set(processorKindOf(practice), [...(byKind.get(processorKindOf(practice)) ?? []), practice]);
  const byPractice = new Map<string, ProcessorAdapter>();
  for (const [kind, group] of byKind) {
    const adapter = factories[kind]!(group, environment);
    for (const practice of group) byPractice.set(practice.id, adapter);
  }
  const adapterOf = (practiceId: string) => {
    const adapter = byPractice.get(practiceId);
    if (!adapter) throw new ProcessorRejectedError('no_such_merchant', 'This practice has no payment processor.');
    return adapter;
  };
  return {
    kind: [...byKind.keys()].join(', '),
    token: (practiceId, tokenId) => adapterOf(practiceId).token(practiceId, tokenId),
    charge: (practiceId, key, request) => adapterOf(practiceId).charge(practiceId, key, request),
    findCharge: (practiceId, key) => adapterOf(practiceId).findCharge(practiceId, key),
    refund: (practiceId, key, request) => adapterOf(practiceId).refund(practiceId, key, request),
    events: (practiceId, since) => adapterOf(practiceId).events(practiceId, since),
    payout: (practiceId, date) => adapterOf(practiceId).payout(practiceId, date),
    browser: (practiceId) => adapterOf(practiceId).browser(practiceId),
    webhookEvents: (practiceId, webhook) => adapterOf(practiceId).webhookEvents(practiceId, webhook),
  };
}

/** Whether any practice uses the sandbox processor (the server then runs it). */
export function usesSandbox(practices: ReadonlyMap<string, PracticeConfig>): boolean {
  return [...practices.values()].some((practice) => processorKindOf(practice) === 'sandbox');
}
