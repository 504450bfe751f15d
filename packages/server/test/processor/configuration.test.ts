/**
 * Each practice names its processor; the server builds the port from those names, runs the
 * sandbox processor only when some practice uses it, and tells the widget what the practice's
 * adapter says the browser needs.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '../../src/log.js';
import { ProcessorUnavailableError, type ProcessorAdapter } from '../../src/processor/port.js';
import type { AdapterFactory } from '../../src/processor/registry.js';
import { defaults, startBillPayServer } from '../../src/server.js';
import { copyMigratedDataFolders } from '../support/pglite-template.js';

const harborPoint = JSON.parse(await readFile(join(defaults.practicesDir, 'harbor-point.json'), 'utf8')) as Record<string, unknown>;

/** A processor that is not the sandbox: it says where browsers tokenize and takes no charge. */
const elsewhere: AdapterFactory = (practices) => {
  const unavailable = () => Promise.reject(new ProcessorUnavailableError('Not in this test.'));
  const adapter: ProcessorAdapter = {
    kind: 'elsewhere',
    token: unavailable,
    charge: unavailable,
    findCharge: unavailable,
    refund: unavailable,
    events: unavailable,
    payout: unavailable,
    browser: (practiceId) => ({ processorUrl: 'https://processor.example', publishableKey: `pk_elsewhere_${practiceId}` }),
    webhookEvents: () => [],
  };
  assert.deepEqual(practices.map((practice) => practice.id), ['harbor-point']);
  return adapter;
};

describe('processor configuration', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'billpay-processors-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const practicesWith = async (processor: unknown) => {
    const practicesDir = await mkdtemp(join(dir, 'practices-'));
    await writeFile(join(practicesDir, 'harbor-point.json'), JSON.stringify({ ...harborPoint, processor }));
    return practicesDir;
  };
  const start = async (practicesDir: string) => {
    // Each start on data folders of its own, copied already migrated (see copyMigratedDataFolders).
    const dataDir = await mkdtemp(join(dir, 'data-'));
    await copyMigratedDataFolders(dataDir);
    return startBillPayServer({ port: 0, processorPort: 0, dataDir, practicesDir, serveDemo: false, seedDemo: false, logger: silentLogger, processorAdapters: { elsewhere } });
  };

  it('runs no sandbox processor when no practice uses it, and tells the widget what the practice’s adapter says', async () => {
    const server = await start(await practicesWith({ kind: 'elsewhere', account: 'acct_123' }));
    try {
      assert.equal(server.processorUrl, undefined);
      assert.equal(server.processorDatabase, undefined);
      const practice = (await fetch(`${server.url}/v1/practices/harbor-point`).then((r) => r.json())) as { payments?: unknown };
      assert.deepEqual(practice.payments, { processorUrl: 'https://processor.example', publishableKey: 'pk_elsewhere_harbor-point' });
    } finally {
      await server.close();
    }
  });

  it('runs the sandbox for a practice that names it, and gives the sandbox’s publishable key', async () => {
    const server = await start(await practicesWith({ kind: 'sandbox' }));
    try {
      assert.ok(server.processorUrl);
      const practice = (await fetch(`${server.url}/v1/practices/harbor-point`).then((r) => r.json())) as { payments?: { publishableKey: string; processorUrl: string } };
      assert.equal(practice.payments?.publishableKey, 'pk_test_harbor-point');
      assert.equal(practice.payments?.processorUrl, server.processorUrl);
    } finally {
      await server.close();
    }
  });

  it('refuses to start with a processor no adapter builds, naming the practice', async () => {
    await assert.rejects(start(await practicesWith({ kind: 'nonesuch' })), /Practice "harbor-point" names processor "nonesuch"/);
    await assert.rejects(start(await practicesWith({ kind: 'Not A Name' })), /processor\.kind/);
  });
});
