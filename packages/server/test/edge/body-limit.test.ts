/**
 * Request bodies over the limit, sent as a real client would over a real connection: with no
 * Content-Length (chunked), so no header gives the size away, and far bigger than the limit. Each
 * is refused with the app's structured 413 while it is still arriving, and the server's memory
 * does not grow by what was sent.
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { ApiErrorBodySchema } from '@billpay/sdk';
import { ProcessorErrorBodySchema } from '@billpay/sdk/processor';
import { silentLogger } from '../../src/log.js';
import { startBillPayServer, type BillPayServer } from '../../src/server.js';
import { SECRET } from '../support/harness.js';
import { migratedDataDir } from '../support/pglite-template.js';
import { PK, SK } from '../support/processor.js';

const MB = 1024 * 1024;

interface Sent {
  readonly status: number;
  readonly body: unknown;
  /** The answer's Connection header. */
  readonly connection: string | undefined;
}

/**
 * POSTs `total` bytes chunked, as fast as the connection takes them, and stops sending once the
 * answer arrives. The connection is kept alive for the next request, as clients do, unless the
 * answer says to close it.
 */
function sendChunked(url: string, path: string, total: number, headers: Record<string, string> = {}): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const request = http.request({ hostname, port, path, method: 'POST', headers: { 'content-type': 'application/json', ...headers } });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    let answered = false;
    request.on('response', (response) => {
      answered = true;
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(parts).toString('utf8')) as unknown, connection: response.headers.connection });
      });
    });
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!request.write(chunk)) {
          request.once('drain', pump);
          return;
        }
      }
      if (!answered) request.end();
    };
    pump();
  });
}

/**
 * The most the process's resident memory grew above where it was while `work` ran, sampled
 * every few milliseconds (a sample can only miss growth, never invent it).
 */
async function peakGrowthMb(work: () => Promise<void>): Promise<number> {
  const start = process.memoryUsage.rss();
  let peak = start;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 2);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return (Math.max(peak, process.memoryUsage.rss()) - start) / MB;
}

describe('request bodies over the limit, chunked, over a real connection', () => {
  let server: BillPayServer;
  let session: string;
  let dataDir: string;
  before(async () => {
    dataDir = await migratedDataDir('body-limit');
    server = await startBillPayServer({ port: 0, processorPort: 0, dataDir, serveDemo: false, logger: silentLogger, secret: SECRET });
    const lookup = await fetch(`${server.url}/v1/lookups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ practice: 'harbor-point', billId: '202511040018', dateOfBirth: '1984-03-09' }),
    });
    assert.equal(lookup.status, 201);
    session = ((await lookup.json()) as { token: string }).token;
  });
  after(async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('are refused with the practice API’s 413 on every route, reading no more than the limit', async () => {
    const routes = [
      ['/v1/lookups', {}],
      ['/v1/estimates', {}],
      ['/v1/payments', { authorization: `Bearer ${session}`, 'idempotency-key': 'body-limit-test-0001' }],
      ['/v1/plans/pln_nothing/cancel', { authorization: `Bearer ${session}` }],
      ['/v1/no-such-route', {}],
    ] as const;
    // Warm up every route: the first request of a process to each allocates what later ones reuse
    // (CI once measured 17.5 MB when only the first route was warmed).
    for (const [path, headers] of routes) await sendChunked(server.url, path, 1 * MB, headers);
    const grown = await peakGrowthMb(async () => {
      for (const [path, headers] of routes) {
        const answer = await sendChunked(server.url, path, 50 * MB, headers);
        assert.equal(answer.status, 413, path);
        const { error } = ApiErrorBodySchema.parse(answer.body);
        assert.equal(error.code, 'payload_too_large', path);
        assert.ok(error.requestId, path);
        // The rest of the body was never read: the connection cannot carry another request.
        assert.equal(answer.connection, 'close', path);
      }
    });
    // Typically under 1 MB; a busy CI machine's collector once left 17.5 MB. Reading even one of
    // the five 50 MB bodies would pass 40 MB.
    assert.ok(grown < 40, `memory grew by ${grown.toFixed(1)} MB while 250 MB were offered`);
  });

  it('are refused with the processor’s 413 on every route, reading no more than the limit', async () => {
    await sendChunked(server.processorUrl!, '/v1/tokens/card', 1 * MB, { 'x-billpay-key': PK });
    const routes = [
      ['/v1/tokens/card', { 'x-billpay-key': PK }],
      ['/v1/charges', { authorization: `Bearer ${SK}`, 'idempotency-key': 'body-limit-test' }],
      ['/v1/sandbox/clock', { authorization: `Bearer ${SK}` }],
      ['/v1/no-such-route', {}],
    ] as const;
    const grown = await peakGrowthMb(async () => {
      for (const [path, headers] of routes) {
        const answer = await sendChunked(server.processorUrl!, path, 50 * MB, headers);
        assert.equal(answer.status, 413, path);
        const { error } = ProcessorErrorBodySchema.parse(answer.body);
        assert.equal(error.code, 'payload_too_large', path);
        assert.equal(answer.connection, 'close', path);
      }
    });
    assert.ok(grown < 16, `memory grew by ${grown.toFixed(1)} MB while 200 MB were offered`);
  });

  it('refuses a declared Content-Length over the limit before reading any of the body', async () => {
    const answer = await new Promise<Sent>((resolve, reject) => {
      const { hostname, port } = new URL(server.url);
      const request = http.request({
        hostname,
        port,
        path: '/v1/lookups',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(400 * MB) },
      });
      request.on('response', (response) => {
        const parts: Buffer[] = [];
        response.on('data', (part: Buffer) => parts.push(part));
        response.on('end', () => {
          request.destroy();
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(parts).toString('utf8')) as unknown, connection: response.headers.connection });
        });
      });
      request.on('error', reject);
      // Headers only: the answer must not wait for a body.
      request.flushHeaders();
    });
    assert.equal(answer.status, 413);
    assert.equal(ApiErrorBodySchema.parse(answer.body).error.code, 'payload_too_large');
  });
});
