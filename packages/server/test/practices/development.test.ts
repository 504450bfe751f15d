/**
 * What is for development only stays there: origins a practice allows only in development mode
 * (`start --development`), and the demo patients in the start-up banner, printed to a person at a
 * terminal but never into a log.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { formatBillId } from '@billpay/sdk';
import { startBanner } from '../../src/banner.js';
import { demoAccounts } from '../../src/demo/demo-data.js';
import { createApp } from '../../src/http/app.js';
import { silentLogger } from '../../src/log.js';
import { loadPractices, parsePracticeConfig, PracticeConfigError } from '../../src/practices/practices.js';
import { createProcessorApp } from '../../src/processor/sandbox/app.js';
import { openProcessorDatabase, type ProcessorDatabase } from '../../src/processor/sandbox/database.js';
import { defaults } from '../../src/server.js';
import { backends } from '../support/backends.js';
import { migratedPgliteDataDir } from '../support/pglite-template.js';
import { SECRET } from '../support/harness.js';
import { PK } from '../support/processor.js';

const DEVELOPMENT_ORIGINS = ['http://127.0.0.1:8787', 'http://localhost:6006'];

describe('development origins', () => {
  const backend = backends[0]!;
  let handle: Awaited<ReturnType<typeof backend.create>>;
  let store: ProcessorDatabase;
  before(async () => {
    handle = await backend.create();
    store = await openProcessorDatabase({ initialDataDir: await migratedPgliteDataDir('processor') });
  });
  after(async () => {
    await store.close();
    await handle.database.close();
    await handle.drop();
  });

  const appsFor = async (development: boolean) => {
    const practices = await loadPractices(defaults.practicesDir, { development });
    return {
      practices,
      api: createApp({ database: handle.database, practices, logger: silentLogger, secret: SECRET }),
      processor: createProcessorApp({ database: store, practices, logger: silentLogger, secret: SECRET }),
    };
  };

  it('are not allowed in production: neither CORS nor framing the hosted card page', async () => {
    const { practices, api, processor } = await appsFor(false);
    assert.deepEqual(practices.get('harbor-point')?.allowedOrigins, ['http://localhost:8787']);
    for (const origin of DEVELOPMENT_ORIGINS) {
      const preflight = await api.request('/v1/lookups', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      assert.equal(preflight.status, 403, origin);
      const page = await processor.request(`/hosted/card?${new URLSearchParams({ key: PK, origin }).toString()}`);
      assert.equal(page.status, 400, origin);
    }
  });

  it('are allowed in development mode, beside the production ones', async () => {
    const { practices, api, processor } = await appsFor(true);
    assert.deepEqual(practices.get('harbor-point')?.allowedOrigins, ['http://localhost:8787', ...DEVELOPMENT_ORIGINS]);
    for (const origin of DEVELOPMENT_ORIGINS) {
      const preflight = await api.request('/v1/lookups', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      assert.equal(preflight.status, 204, origin);
      assert.equal(preflight.headers.get('access-control-allow-origin'), origin);
      const page = await processor.request(`/hosted/card?${new URLSearchParams({ key: PK, origin }).toString()}`);
      assert.equal(page.status, 200, origin);
    }
  });

  it('must be origins, like allowedOrigins', async () => {
    const file = JSON.parse(await readFile(join(defaults.practicesDir, 'harbor-point.json'), 'utf8')) as Record<string, unknown>;
    assert.throws(() => parsePracticeConfig({ ...file, developmentOrigins: ['localhost:6006'] }, 'broken.json'), (error: unknown) => {
      assert.ok(error instanceof PracticeConfigError);
      assert.match(error.message, /developmentOrigins\.0: expected an origin/);
      return true;
    });
  });
});

describe('the start-up banner', () => {
  const server = { url: 'http://localhost:8787', processorUrl: 'http://localhost:8788', seeded: true };

  it('lists the demo patients for a person at a terminal', () => {
    const banner = startBanner({ server, where: 'PGlite in ./data', development: true, terminal: true });
    assert.match(banner, /2025 1104 0018 {2}1984-03-09 {2}A-100234/);
    assert.match(banner, /development mode/);
    assert.match(banner, /Practice API: +http:\/\/localhost:8787\/v1\//);
  });

  it('writes no Bill ID, date of birth or account number when its output is a log', () => {
    const banner = startBanner({ server, where: 'PGlite in ./data', development: false, terminal: false });
    assert.match(banner, /Demo practice website: +http:\/\/localhost:8787\//);
    assert.match(banner, /Sandbox processor: +http:\/\/localhost:8788\//);
    for (const account of demoAccounts) {
      for (const identifier of [account.billId, formatBillId(account.billId), account.dateOfBirth, account.accountNumber]) {
        assert.equal(banner.includes(identifier), false, identifier);
      }
    }
  });
});
