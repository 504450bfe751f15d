/**
 * Security headers on every response of both servers, 404s and 500s included, without taking
 * away what other sites need: billpay.js, its parts and the practice's logo are loaded by
 * practices' pages, and the processor's hosted card page is framed by them.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../src/http/app.js';
import { demoCsp } from '../../src/http/static.js';
import { silentLogger } from '../../src/log.js';
import { createProcessorApp } from '../../src/processor/sandbox/app.js';
import { defaults } from '../../src/server.js';
import { backends } from '../support/backends.js';
import { ALLOWED_ORIGIN, practices, SECRET } from '../support/harness.js';
import { openProcessorHarness, PK, SK, type ProcessorHarness } from '../support/processor.js';

const PROCESSOR_URL = 'http://localhost:8788';

/** What every response of either server carries. */
function assertBaseline(headers: Headers, what: string): void {
  assert.equal(headers.get('x-content-type-options'), 'nosniff', what);
  assert.equal(headers.get('referrer-policy'), 'no-referrer', what);
  assert.equal(headers.get('cross-origin-opener-policy'), 'same-origin', what);
  assert.match(headers.get('permissions-policy') ?? '', /(^|, )camera=\(\)/, what);
  assert.match(headers.get('permissions-policy') ?? '', /(^|, )geolocation=\(\)/, what);
  assert.equal(headers.get('strict-transport-security'), null, `${what}: plain HTTP is never pinned to HTTPS`);
}

const backend = backends[0]!;

/** The stand-ins for billpay.js and one of its parts (different, so a mix-up shows). */
const BUNDLE_TEXT: Record<string, string> = {
  'billpay.js': 'export const loader = 1;\n',
  [join('billpay', 'pay-form-0123abcd.js')]: 'export const payForm = 2;\n',
};

describe('security headers of the practice API and its website', () => {
  let bundleDir: string;
  let database: Awaited<ReturnType<typeof backend.create>>;
  let app: ReturnType<typeof createApp>;
  before(async () => {
    // A stand-in for the built billpay.js and one of its parts, so the test needs no build.
    bundleDir = await mkdtemp(join(tmpdir(), 'billpay-headers-'));
    await writeFile(join(bundleDir, 'billpay.js'), BUNDLE_TEXT['billpay.js']!);
    await mkdir(join(bundleDir, 'billpay'));
    await writeFile(join(bundleDir, 'billpay', 'pay-form-0123abcd.js'), BUNDLE_TEXT[join('billpay', 'pay-form-0123abcd.js')]!);
    // As the build writes them: brotli and gzip beside each part (billpay.js's own too).
    for (const file of ['billpay.js', join('billpay', 'pay-form-0123abcd.js')]) {
      await writeFile(join(bundleDir, `${file}.br`), brotliCompressSync(BUNDLE_TEXT[file]!));
      await writeFile(join(bundleDir, `${file}.gz`), gzipSync(BUNDLE_TEXT[file]!));
    }
    database = await backend.create();
    app = createApp({
      database: database.database,
      practices,
      logger: silentLogger,
      secret: SECRET,
      trustedProxies: ['10.0.0.0/8'],
      demo: { demoDir: defaults.demoDir, bundlePath: join(bundleDir, 'billpay.js'), publicUrl: 'http://localhost:8787', processorUrl: PROCESSOR_URL },
    });
  });
  after(async () => {
    await database.database.close();
    await database.drop();
    await rm(bundleDir, { recursive: true, force: true });
  });

  it('sends them on API answers, refusals and not-found pages, and lets no page be framed', async () => {
    for (const [path, status] of [
      ['/v1/practices/harbor-point', 200],
      ['/v1/account', 401],
      ['/v1/no-such-route', 404],
      ['/no-such-page.html', 404],
      ['/foo%ZZ', 400],
    ] as const) {
      const response = await app.request(path);
      assert.equal(response.status, status, path);
      assertBaseline(response.headers, path);
      assert.equal(response.headers.get('x-frame-options'), 'DENY', path);
      assert.equal(response.headers.get('cross-origin-resource-policy'), 'same-origin', path);
      // The demo pages may offer wallets (the Payment Request API); nothing else may.
      assert.match(response.headers.get('permissions-policy') ?? '', /payment=\(self\)/, path);
    }
  });

  it('keeps the demo pages’ own Content-Security-Policy', async () => {
    const page = await app.request('/pay.html');
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-security-policy'), demoCsp(PROCESSOR_URL));
    assertBaseline(page.headers, '/pay.html');
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    assert.equal(page.headers.get('cross-origin-resource-policy'), 'same-origin');
  });

  it('lets other sites load billpay.js, its parts and the practice’s logo', async () => {
    for (const path of ['/billpay.js', '/billpay/pay-form-0123abcd.js', '/assets/harbor-point-logo.svg']) {
      const response = await app.request(path, { headers: { origin: 'https://www.some-practice.example' } });
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('cross-origin-resource-policy'), 'cross-origin', path);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
    }
    assert.equal((await app.request('/billpay.js')).headers.get('access-control-allow-origin'), '*');
  });

  it('sends billpay.js and its parts compressed as the browser asks, and the same CORS and CORP headers whatever the encoding', async () => {
    const parts = [
      { path: '/billpay.js', text: BUNDLE_TEXT['billpay.js']!, cache: 'no-cache' },
      { path: '/billpay/pay-form-0123abcd.js', text: BUNDLE_TEXT[join('billpay', 'pay-form-0123abcd.js')]!, cache: 'public, max-age=31536000, immutable' },
    ];
    const cases: { acceptEncoding: string | undefined; sent: 'br' | 'gzip' | null }[] = [
      { acceptEncoding: 'gzip, deflate, br, zstd', sent: 'br' },
      { acceptEncoding: 'br', sent: 'br' },
      { acceptEncoding: 'gzip', sent: 'gzip' },
      { acceptEncoding: 'br;q=0.5, gzip;q=0.8', sent: 'gzip' },
      { acceptEncoding: 'gzip, br;q=0', sent: 'gzip' },
      { acceptEncoding: 'br;q=0, gzip;q=0', sent: null },
      { acceptEncoding: 'identity', sent: null },
      { acceptEncoding: 'deflate', sent: null },
      { acceptEncoding: '*', sent: 'br' },
      { acceptEncoding: '*, br;q=0', sent: 'gzip' },
      { acceptEncoding: undefined, sent: null },
    ];
    for (const part of parts) {
      for (const { acceptEncoding, sent } of cases) {
        const what = `${part.path} with Accept-Encoding: ${acceptEncoding ?? '(none)'}`;
        const headers: Record<string, string> = { origin: 'https://www.some-practice.example' };
        if (acceptEncoding !== undefined) headers['accept-encoding'] = acceptEncoding;
        const response = await app.request(part.path, { headers });
        assert.equal(response.status, 200, what);
        assert.equal(response.headers.get('content-encoding'), sent, what);
        assert.equal(response.headers.get('vary'), 'Accept-Encoding', what);
        assert.equal(response.headers.get('cache-control'), part.cache, what);
        assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8', what);
        assert.equal(response.headers.get('access-control-allow-origin'), '*', what);
        assert.equal(response.headers.get('cross-origin-resource-policy'), 'cross-origin', what);
        assertBaseline(response.headers, what);
        const body = Buffer.from(await response.arrayBuffer());
        assert.equal(response.headers.get('content-length'), String(body.length), what);
        const text = (sent === 'br' ? brotliDecompressSync(body) : sent === 'gzip' ? gunzipSync(body) : body).toString('utf8');
        assert.equal(text, part.text, what);
      }
    }
  });

  it('sends a part uncompressed when the build wrote no compressed copy of it', async () => {
    await writeFile(join(bundleDir, 'billpay', 'lonely-89abcdef.js'), 'export {};\n');
    const response = await app.request('/billpay/lonely-89abcdef.js', { headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-encoding'), null);
    assert.equal(await response.text(), 'export {};\n');
    // Nor is a compressed copy ever asked for by name.
    assert.equal((await app.request('/billpay/pay-form-0123abcd.js.br')).status, 404);
  });

  it('sends Strict-Transport-Security only when the browser came over TLS', async () => {
    const hsts = async (peer: string, headers: Record<string, string>, encrypted = false) =>
      (await app.request('/v1/practices/harbor-point', { headers }, { incoming: { socket: { remoteAddress: peer, encrypted } } })).headers.get(
        'strict-transport-security',
      );
    // Through the trusted proxy, which terminated TLS.
    assert.equal(await hsts('10.0.0.1', { 'x-forwarded-proto': 'https' }), 'max-age=31536000; includeSubDomains');
    assert.equal(await hsts('10.0.0.1', { 'x-forwarded-proto': 'https, http' }), 'max-age=31536000; includeSubDomains');
    assert.equal(await hsts('10.0.0.1', { 'x-forwarded-proto': 'http' }), null);
    assert.equal(await hsts('10.0.0.1', {}), null);
    // Anyone else saying so is not believed.
    assert.equal(await hsts('203.0.113.9', { 'x-forwarded-proto': 'https' }), null);
    // TLS on the server's own socket.
    assert.equal(await hsts('203.0.113.9', {}, true), 'max-age=31536000; includeSubDomains');
  });

  it('sends them on a 500 too', async () => {
    const gone = await backend.create();
    await gone.database.close();
    try {
      const broken = createApp({ database: gone.database, practices, logger: silentLogger, secret: SECRET });
      const response = await broken.request('/v1/lookups', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ practice: 'harbor-point', accountNumber: 'A-100234', lastName: 'Rivera' }),
      });
      assert.equal(response.status, 500);
      assertBaseline(response.headers, '500');
    } finally {
      await gone.drop();
    }
  });
});

describe('security headers of the processor', () => {
  let p: ProcessorHarness;
  before(async () => {
    p = await openProcessorHarness(backend);
  });
  after(async () => {
    await p.close();
  });

  it('lets the practices’ pages frame the hosted card page, and nothing else', async () => {
    const page = await p.app.request(`/hosted/card?${new URLSearchParams({ key: PK, origin: ALLOWED_ORIGIN }).toString()}`);
    assert.equal(page.status, 200);
    assertBaseline(page.headers, '/hosted/card');
    assert.equal(page.headers.get('x-frame-options'), null, 'framed: CSP frame-ancestors decides');
    assert.match(page.headers.get('content-security-policy') ?? '', new RegExp(`frame-ancestors ${ALLOWED_ORIGIN};`));
    assert.equal(page.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.match(page.headers.get('permissions-policy') ?? '', /payment=\(\)/);

    for (const [path, status, headers] of [
      ['/hosted/card.js', 200, {}],
      ['/v1/health', 200, {}],
      ['/v1/charges/ch_nothing', 404, { authorization: `Bearer ${SK}` }],
      ['/v1/charges/ch_nothing', 401, {}],
      ['/no-such-route', 404, {}],
    ] as const) {
      const response = await p.app.request(path, { headers });
      assert.equal(response.status, status, path);
      assertBaseline(response.headers, path);
      assert.equal(response.headers.get('x-frame-options'), 'DENY', path);
      assert.equal(response.headers.get('cross-origin-resource-policy'), 'same-origin', path);
    }
  });

  it('sends them on a 500 too', async () => {
    const store = await openProcessorHarness(backend);
    try {
      await store.database.close();
      const broken = createProcessorApp({ logger: silentLogger, database: store.database, practices, secret: SECRET });
      const response = await broken.request('/v1/charges/ch_nothing', { headers: { authorization: `Bearer ${SK}` } });
      assert.equal(response.status, 500);
      assertBaseline(response.headers, '500');
    } finally {
      await store.close();
    }
  });
});
