/**
 * What the in-memory API's capabilities share: JSON answers and problems, the demo account a
 * session is signed in to, one answer per idempotency key, and holding or dropping answers (the
 * busy state, double clicks, a lost connection).
 */
import { ApiErrorBodySchema, type Account, type ApiIssue, type Statement } from '@billpay/sdk';
import type { DemoAccount } from './demo-accounts.js';

/** A demo account as the fake keeps it: the demo data, the account as the API answers it and its statements. */
export interface FakeAccount {
  readonly demo: DemoAccount;
  readonly account: Account;
  readonly statements: ReadonlyMap<string, Statement>;
}

/** An answer before it is sent, kept as it is for a repeated request. */
export interface Answer {
  readonly status: number;
  readonly json: unknown;
}

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export const problem = (status: number, code: string, message: string, issues?: ApiIssue[]) =>
  json(status, ApiErrorBodySchema.parse({ error: { code, message, ...(issues?.length ? { issues } : {}) } }));

/** A refusal as an answer (its body the API's error body). */
export const refusal = (status: number, error: Record<string, unknown>): Answer => ({ status, json: ApiErrorBodySchema.parse({ error }) });

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * One answer per idempotency key, as the server keeps them: the same key with the same body is
 * answered what was remembered; with another body, refused. `answer` remembers what it chooses to.
 */
export function createIdempotency(what: 'payment' | 'plan') {
  const answers = new Map<string, { body: string; response: Answer }>();
  return (key: string | null, raw: string, answer: (remember: (response: Answer) => Answer) => Answer): Answer => {
    if (!key || key.length < 16) return refusal(400, { code: 'idempotency_key_required', message: 'Send an Idempotency-Key header.' });
    const earlier = answers.get(key);
    if (earlier) return earlier.body === raw ? earlier.response : refusal(409, { code: 'idempotency_conflict', message: `This key was used for another ${what}.` });
    return answer((response) => {
      answers.set(key, { body: raw, response });
      return response;
    });
  };
}

/** Holds answers until released, or loses the next ones after they are made. */
export interface AnswerGate {
  hold(): void;
  release(): void;
  /** The next `count` answers are lost after the work is done (as a dropped connection). */
  drop(count: number): void;
  /** Waits while held, makes the answer, then sends it (or loses it). */
  pass(answer: () => Answer): Promise<Response>;
}

export function createAnswerGate(): AnswerGate {
  let held: (() => void)[] | undefined;
  let dropping = 0;
  return {
    hold: () => {
      held ??= [];
    },
    release: () => {
      const waiting = held ?? [];
      held = undefined;
      for (const resolve of waiting) resolve();
    },
    drop: (count) => {
      dropping = count;
    },
    async pass(answer) {
      if (held) await new Promise<void>((resolve) => held?.push(resolve));
      const made = answer();
      if (dropping > 0) {
        dropping--;
        throw new TypeError('Failed to fetch');
      }
      return json(made.status, made.json);
    },
  };
}
