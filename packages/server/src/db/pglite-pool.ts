import type { PGlite } from '@electric-sql/pglite';

/**
 * Presents one PGlite instance as the small part of `pg.Pool` that Kysely's PostgresDialect uses.
 * PGlite is a single connection that runs one transaction at a time, so `connect()` hands out
 * that connection to one caller at a time, in arrival order: a transaction holds it from BEGIN to
 * COMMIT and nothing else can interleave a statement into it.
 */
export class PGlitePool {
  readonly #db: PGlite;
  #tail: Promise<void> = Promise.resolve();
  /** Callers holding the connection or waiting for it. */
  #queued = 0;
  /** How long a caller holds the connection, on average lately (ms). */
  #averageHoldMs = 2;

  constructor(db: PGlite) {
    this.#db = db;
  }

  async connect(): Promise<PGliteClient> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#tail;
    this.#tail = previous.then(() => turn);
    this.#queued += 1;
    await previous;
    // Each turn starts from the event loop, not from the last turn's promise: PGlite runs in this
    // thread, and a chain of turns handed on in microtasks kept Node from reading new requests
    // while any were queued (at 100 clients some waited 19 s in the socket before the server saw
    // them, unseen by the shedding; after this, at most 1.2 s).
    await new Promise((resolve) => setImmediate(resolve));
    const since = performance.now();
    return new PGliteClient(this.#db, () => {
      this.#queued -= 1;
      // A moving average over about the last twenty holds: quick to follow a change of load.
      this.#averageHoldMs += (performance.now() - since - this.#averageHoldMs) / 20;
      release();
    });
  }

  /**
   * How long a caller asking for the connection now would wait before it had it, as far as the
   * queue tells: everyone ahead of it, each for the recent average hold. Zero when idle.
   */
  expectedWaitMs(): number {
    return this.#queued * this.#averageHoldMs;
  }

  async end(): Promise<void> {
    await this.#tail;
    await this.#db.close();
  }
}

class PGliteClient {
  readonly #db: PGlite;
  #release: (() => void) | undefined;

  constructor(db: PGlite, release: () => void) {
    this.#db = db;
    this.#release = release;
  }

  async query(sql: string, parameters: readonly unknown[] = []) {
    const result = await this.#db.query<Record<string, unknown>>(sql, parameters as unknown[]);
    const command = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '';
    return { command, rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
  }

  release(): void {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }
}
