import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadPractices, parsePracticeConfig, PracticeConfigError } from '../../src/practices/practices.js';
import { defaults } from '../../src/server.js';

const harborPoint = JSON.parse(await readFile(join(defaults.practicesDir, 'harbor-point.json'), 'utf8')) as Record<string, unknown>;

describe('practice configuration', () => {
  it('loads the demo practice with its policies in cents', async () => {
    const practices = await loadPractices(defaults.practicesDir);
    const practice = practices.get('harbor-point');
    assert.ok(practice);
    assert.deepEqual(practice.policies, {
      daysUntilDue: 30,
      invoicingFeeCents: 1_000,
      returnedPaymentFeeCents: 3_000,
      letterAfterDays: 90,
      collectionsAfterLetterDays: 30,
    });
    assert.equal(practice.billIdCheckDigit, 'luhn');
  });

  it('names the field and the reason when a file is wrong', () => {
    const broken = {
      ...harborPoint,
      policies: { ...(harborPoint.policies as object), invoicingFeeCents: 10.5 },
      contact: { ...(harborPoint.contact as object), email: 'not-an-email' },
      allowedOrigins: ['https://ok.example', 'https://bad.example/path'],
    };
    assert.throws(
      () => parsePracticeConfig(broken, 'practices/broken.json'),
      (error: unknown) => {
        assert.ok(error instanceof PracticeConfigError);
        assert.match(error.message, /practices\/broken\.json/);
        assert.match(error.message, /policies\.invoicingFeeCents: .*int/i);
        assert.match(error.message, /contact\.email: Invalid email/);
        assert.match(error.message, /allowedOrigins\.1: expected an origin/);
        return true;
      },
    );
  });

  it('refuses two practices with the same id, and files that are not JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'billpay-practices-'));
    try {
      await writeFile(join(dir, 'a.json'), JSON.stringify(harborPoint));
      await writeFile(join(dir, 'b.json'), JSON.stringify(harborPoint));
      await assert.rejects(loadPractices(dir), /is used by another practice/);
      await writeFile(join(dir, 'b.json'), '{ not json');
      await assert.rejects(loadPractices(dir), /b\.json is not valid JSON/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
