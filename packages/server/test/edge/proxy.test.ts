/**
 * Whose address a request is counted against. X-Forwarded-For is believed only from a trusted
 * proxy (BILLPAY_TRUSTED_PROXIES), walked from the right at most BILLPAY_PROXY_HOPS proxies deep;
 * a client that reaches the server directly is its socket address, whatever it claims.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { proxyTrust, ProxySettingsError } from '../../src/edge/client-address.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/log.js';
import { keyedHash } from '../../src/security/secret.js';
import { startBillPayServer } from '../../src/server.js';
import { backends } from '../support/backends.js';
import { openHarness, practices, SECRET, unknownBillId, type Harness } from '../support/harness.js';

describe('the client address behind proxies', () => {
  it('ignores X-Forwarded-For unless the socket peer is a trusted proxy', () => {
    const none = proxyTrust({});
    assert.equal(none.clientAddress('203.0.113.9', '198.51.100.1'), '203.0.113.9');
    const lan = proxyTrust({ trustedProxies: ['10.0.0.0/8', '127.0.0.1'] });
    // Reached directly: the claim is ignored, however it is written.
    assert.equal(lan.clientAddress('203.0.113.9', '198.51.100.1'), '203.0.113.9');
    assert.equal(lan.clientAddress('203.0.113.9', '10.0.0.1'), '203.0.113.9');
    // Through the proxy: the address it appended, never what the client wrote before it.
    assert.equal(lan.clientAddress('10.1.2.3', '198.51.100.1'), '198.51.100.1');
    assert.equal(lan.clientAddress('10.1.2.3', '6.6.6.6, 198.51.100.1'), '198.51.100.1');
    assert.equal(lan.clientAddress('127.0.0.1', ' 6.6.6.6 ,198.51.100.1 '), '198.51.100.1');
    // A proxy that adds nothing is the client as far as anyone knows.
    assert.equal(lan.clientAddress('10.1.2.3', undefined), '10.1.2.3');
    assert.equal(lan.clientAddress(undefined, '198.51.100.1'), 'unknown');
    // An IPv4 peer of a dual-stack socket is written as IPv4-mapped IPv6; the range still holds.
    assert.equal(lan.clientAddress('::ffff:10.1.2.3', '198.51.100.1'), '198.51.100.1');
  });

  it('walks X-Forwarded-For at most the configured number of proxies deep', () => {
    const twoDeep = proxyTrust({ trustedProxies: ['10.0.0.0/8'], proxyHops: 2 });
    const oneDeep = proxyTrust({ trustedProxies: ['10.0.0.0/8'], proxyHops: 1 });
    // client 198.51.100.1 -> CDN edge 10.0.0.2 -> load balancer 10.0.0.1 -> server
    assert.equal(twoDeep.clientAddress('10.0.0.1', '6.6.6.6, 198.51.100.1, 10.0.0.2'), '198.51.100.1');
    assert.equal(oneDeep.clientAddress('10.0.0.1', '6.6.6.6, 198.51.100.1, 10.0.0.2'), '10.0.0.2');
    // Not past the hop count, even through addresses in a trusted range.
    assert.equal(twoDeep.clientAddress('10.0.0.1', '6.6.6.6, 10.0.0.4, 10.0.0.3, 10.0.0.2'), '10.0.0.3');
    // Nor past the first untrusted address.
    assert.equal(twoDeep.clientAddress('10.0.0.1', '10.0.0.9, 198.51.100.1'), '198.51.100.1');
  });

  it('names a bad setting at start-up, before anything is opened', async () => {
    for (const settings of [
      { trustedProxies: ['10.0.0.0/33'] },
      { trustedProxies: ['proxy.example'] },
      { trustedProxies: ['10.0.0.1'], proxyHops: 0 },
      { trustedProxies: ['10.0.0.1'], proxyHops: 1.5 },
    ]) {
      assert.throws(() => proxyTrust(settings), ProxySettingsError, JSON.stringify(settings));
      await assert.rejects(startBillPayServer({ ...settings, dataDir: null, port: 0, processorPort: 0 }), ProxySettingsError);
    }
  });

  it('refuses the old BILLPAY_TRUST_PROXY at start-up, pointing at the new settings', () => {
    const cli = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['--import', 'tsx', cli, 'start'], {
        env: { PATH: process.env.PATH, BILLPAY_DATA_DIR: '/nonexistent/never-created', PORT: '0', PROCESSOR_PORT: '0', ...env },
        encoding: 'utf8',
        timeout: 30_000,
      });
    const old = run({ BILLPAY_TRUST_PROXY: '1' });
    assert.equal(old.status, 2, old.stderr);
    assert.match(old.stderr, /BILLPAY_TRUST_PROXY is no longer read.*BILLPAY_TRUSTED_PROXIES.*BILLPAY_PROXY_HOPS/s);
    const bad = run({ BILLPAY_TRUSTED_PROXIES: '10.0.0.0/8, nonsense' });
    assert.equal(bad.status, 2, bad.stderr);
    assert.match(bad.stderr, /BILLPAY_TRUSTED_PROXIES/);
  });
});

for (const backend of backends) {
  describe(`per-address lookups behind a proxy (${backend.name})`, () => {
    let h: Harness;
    before(async () => {
      h = await openHarness(backend);
    });
    after(async () => {
      await h.close();
    });

    let attempt = 0;
    /** The address a lookup was counted against, read back from the audit trail's keyed hash. */
    const countedAgainst = async (app: ReturnType<typeof createApp>, peer: string, forwardedFor: string | undefined, candidates: string[]) => {
      const response = await app.request(
        '/v1/lookups',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
          body: JSON.stringify({ practice: 'harbor-point', billId: unknownBillId(++attempt), dateOfBirth: '1990-01-01' }),
        },
        { incoming: { socket: { remoteAddress: peer } } },
      );
      assert.equal(response.status, 401);
      const requestId = response.headers.get('x-request-id')!;
      const row = await h.database.db.selectFrom('audit_events').select('client_hash').where('request_id', '=', requestId).executeTakeFirstOrThrow();
      return candidates.find((address) => keyedHash(SECRET, 'client_address', address) === row.client_hash);
    };

    it('counts a client that reaches the API directly by its socket, and one behind the proxy by what the proxy says', async () => {
      const logLines: string[] = [];
      const app = createApp({
        database: h.database,
        practices,
        logger: createLogger((line) => logLines.push(line)),
        secret: SECRET,
        now: h.clock.now,
        trustedProxies: ['10.0.0.0/8'],
      });
      const candidates = ['203.0.113.9', '198.51.100.1', '198.51.100.2', '10.0.0.1', '6.6.6.6'];
      // Direct: a fresh X-Forwarded-For on every attempt buys nothing.
      assert.equal(await countedAgainst(app, '203.0.113.9', '198.51.100.1', candidates), '203.0.113.9');
      assert.equal(await countedAgainst(app, '203.0.113.9', '198.51.100.2', candidates), '203.0.113.9');
      // Through the proxy: each patient is their own address, not the proxy's.
      assert.equal(await countedAgainst(app, '10.0.0.1', '198.51.100.1', candidates), '198.51.100.1');
      assert.equal(await countedAgainst(app, '10.0.0.1', '6.6.6.6, 198.51.100.2', candidates), '198.51.100.2');
      assert.equal(await countedAgainst(app, '10.0.0.1', undefined, candidates), '10.0.0.1');

      // The first request with X-Forwarded-For from an untrusted peer was said once, with no address.
      const warnings = logLines.map((line) => JSON.parse(line) as { level: string; event: string }).filter((entry) => entry.level === 'warn');
      assert.deepEqual(
        warnings.map((entry) => entry.event),
        ['forwarded_for_ignored'],
      );
      const warning = logLines.find((line) => line.includes('forwarded_for_ignored'))!;
      assert.doesNotMatch(warning, /\d+\.\d+\.\d+\.\d+/);
      assert.match(warning, /BILLPAY_TRUSTED_PROXIES/);
    });

    it('counts everyone by their socket when no proxy is configured, and warns that one may be missing', async () => {
      const logLines: string[] = [];
      const app = createApp({ database: h.database, practices, logger: createLogger((line) => logLines.push(line)), secret: SECRET, now: h.clock.now });
      assert.equal(await countedAgainst(app, '10.0.0.1', '198.51.100.1', ['10.0.0.1', '198.51.100.1']), '10.0.0.1');
      assert.equal(logLines.filter((line) => line.includes('"level":"warn"')).length, 1);
    });
  });
}
