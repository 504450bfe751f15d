/**
 * PGlite's one connection, handed out in turns (`PGlitePool`): in arrival order, one transaction
 * at a time, and each turn from the event loop. PGlite runs in the server's own thread, so turns
 * handed on from promise to promise kept Node from reading new requests while any were queued:
 * under load some waited 19 s in their sockets, where the shedding could not see them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { PGlitePool } from '../../src/db/pglite-pool.js';

describe('PGlite pool', () => {
  let pglite: PGlite;
  let pool: PGlitePool;
  before(async () => {
    pglite = await PGlite.create('memory://');
    pool = new PGlitePool(pglite);
  });
  after(() => pool.end());

  const transaction = async (work: () => void = () => {}) => {
    const client = await pool.connect();
    try {
      await client.query('select 1');
      work();
    } finally {
      client.release();
    }
  };

  it('hands the connection out in arrival order, one at a time', async () => {
    const order: number[] = [];
    let holding = 0;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        transaction(() => {
          holding += 1;
          assert.equal(holding, 1, 'one at a time');
          order.push(i);
          holding -= 1;
        }),
      ),
    );
    assert.deepEqual(order, Array.from({ length: 20 }, (_, i) => i));
  });

  it('lets the event loop run between turns: I/O waiting behind a long queue is read at once, not after it', async () => {
    let done = 0;
    const queue = Array.from({ length: 200 }, () => transaction(() => (done += 1)));
    // What a new request's socket would need: a turn of the event loop.
    const doneWhenTheLoopTurned = await new Promise<number>((resolve) => setImmediate(() => resolve(done)));
    await Promise.all(queue);
    assert.equal(done, 200);
    assert.ok(doneWhenTheLoopTurned < 10, `the event loop turned after ${doneWhenTheLoopTurned} of 200 transactions`);
  });

  it('says how long a newcomer would wait: nothing when idle', async () => {
    assert.equal(pool.expectedWaitMs(), 0);
    const held = pool.connect();
    const waiting = transaction();
    const client = await held;
    assert.ok(pool.expectedWaitMs() > 0);
    client.release();
    await waiting;
    assert.equal(pool.expectedWaitMs(), 0);
  });
});
