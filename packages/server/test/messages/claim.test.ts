import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { openDatabase, type BillPayDatabase } from '../../src/db/database.js';
import { deliverDueMessages } from '../../src/messages/delivery.js';
import type { EmailChannel, OutgoingEmail } from '../../src/messages/port.js';
import { importStatements } from '../../src/imports/import.js';
import { backends } from '../support/backends.js';
import { harborPoint, openHarness, practices, SECRET, type Harness } from '../support/harness.js';
import { statementLine } from '../support/statements.js';

const postgres = backends.find((backend) => backend.name === 'postgres');
const MESSAGES = 60;

/** An email channel that counts what it was given, and takes a little while, as a real server does. */
function countingChannel(sent: string[]): EmailChannel {
  return {
    kind: 'counting',
    async send(email: OutgoingEmail) {
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 10));
      sent.push(email.to);
      return { ok: true, providerId: null };
    },
  };
}

describe('message delivery with two instances on one PostgreSQL', { skip: postgres ? false : 'no PostgreSQL' }, () => {
  let harness: Harness & { url: string | undefined };
  let second: BillPayDatabase;

  before(async () => {
    harness = await openHarness(postgres!);
    second = await openDatabase({ url: harness.url });
    const lines = Array.from({ length: MESSAGES }, (_, i) => statementLine(100 + i, (s) => (s.account.email = `patient${i}@example.com`)));
    const result = await importStatements(
      Readable.from([Buffer.from(lines.join('\n'))]),
      { db: harness.database.db, practice: harborPoint, format: 'jsonl', dryRun: false, now: harness.clock.now() },
    );
    assert.equal(result.counts.created, MESSAGES);
  });
  after(async () => {
    await second.close();
    await harness.close();
  });

  it('sends each message once, whichever instance claims it (FOR UPDATE SKIP LOCKED under a lease)', async () => {
    const sent: string[] = [];
    const instance = (db: BillPayDatabase) => async () => {
      let total = 0;
      for (;;) {
        const report = await deliverDueMessages({
          db: db.db,
          secret: SECRET,
          practices,
          channels: { email: countingChannel(sent) },
          now: harness.clock.now,
          publicUrl: () => 'https://billing.example',
          payPageUrl: () => 'https://example.com/pay',
          batch: 7,
        });
        total += report.sent;
        if (report.attempted === 0) return total;
      }
    };
    const [a, b] = await Promise.all([instance(harness.database)(), instance(second)()]);
    assert.equal(sent.length, MESSAGES, 'every message sent');
    assert.equal(new Set(sent).size, MESSAGES, 'none twice');
    assert.equal(a + b, MESSAGES);
    assert.ok(a > 0 && b > 0, `both instances took a share (${a} and ${b})`);
    const statuses = await harness.database.db.selectFrom('messages').select(['status', 'attempts']).execute();
    assert.ok(statuses.every((row) => row.status === 'sent' && row.attempts === 1));
  });
});
