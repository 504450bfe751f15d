import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import type { Context, Env, Hono } from 'hono';
import { accepts } from 'hono/accepts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface DemoSiteOptions {
  /** Folder of the demo practice website. */
  readonly demoDir: string;
  /** The built `billpay.js` (and its source map beside it). */
  readonly bundlePath: string;
  /** The origin the API and demo are reached at, e.g. http://localhost:8787. */
  readonly publicUrl: string;
  /** The sandbox processor's origin, e.g. http://localhost:8788, when the server runs it. */
  readonly processorUrl: string | undefined;
  /** The built developer documentation (`pnpm run docs`: docs/dist), served at /docs when given. */
  readonly docsDir?: string | undefined;
}

/** The encodings the build writes beside each part of billpay.js (`.br`, `.gz`), best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/**
 * The encoding to send a part of billpay.js in, from the request's Accept-Encoding: the highest
 * q-value among those the build wrote (never one the browser refused with q=0), brotli over gzip
 * when the browser likes both the same; `identity` when it named neither.
 */
export function bundleEncoding(c: Context): 'br' | 'gzip' | 'identity' {
  const chosen = accepts(c, {
    header: 'Accept-Encoding',
    supports: ENCODINGS.map((encoding) => encoding.name),
    default: 'identity',
    match: (offered, { supports }) => {
      let best: { name: string; q: number } | undefined;
      for (const name of supports) {
        const named = offered.find((entry) => entry.type.toLowerCase() === name) ?? offered.find((entry) => entry.type === '*');
        if (named && named.q > 0 && (!best || named.q > best.q)) best = { name, q: named.q };
      }
      return best?.name ?? 'identity';
    },
  });
  return chosen === 'br' || chosen === 'gzip' ? chosen : 'identity';
}

/** The Content-Security-Policy of the demo pages: no inline script or style, no eval. */
export function demoCsp(processorUrl: string | undefined): string {
  const processor = processorUrl ? ` ${processorUrl}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${processor}`,
    `frame-src${processor || " 'none'"}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Serves the demo practice website and `billpay.js` from the API's origin. HTML pages name the
 * API as http://localhost:8787 (as a practice's page would name its billing API); when the
 * server runs elsewhere, those origins are rewritten to the real ones as the page is served.
 */
export function mountDemoSite<E extends Env>(app: Hono<E>, options: DemoSiteOptions): void {
  const csp = demoCsp(options.processorUrl);
  const root = normalize(options.demoDir + sep);

  /**
   * The file at `path`; a part of billpay.js (`encoding` given) comes from the `.br` or `.gz` the
   * build wrote beside it when the browser accepts that encoding (and the file is there).
   */
  const send = async (path: string, isBundle: boolean, encoding: 'br' | 'gzip' | 'identity' = 'identity') => {
    let body: Uint8Array<ArrayBuffer> | string;
    let sent: 'br' | 'gzip' | 'identity' = 'identity';
    try {
      const suffix = ENCODINGS.find((candidate) => candidate.name === encoding)?.suffix;
      const compressed = suffix ? await readFile(path + suffix).catch(() => undefined) : undefined;
      if (compressed) sent = encoding;
      body = new Uint8Array(compressed ?? (await readFile(path)));
    } catch {
      return undefined;
    }
    const type = TYPES[extname(path)] ?? 'application/octet-stream';
    const headers: Record<string, string> = {
      'content-type': type,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    };
    if (isBundle && extname(path) === '.js') {
      // Caches keep one copy per encoding; the length is of the bytes sent.
      headers.vary = 'Accept-Encoding';
      if (sent !== 'identity') headers['content-encoding'] = sent;
      headers['content-length'] = String(body.byteLength);
    }
    if (type.startsWith('text/html')) {
      body = new TextDecoder()
        .decode(body)
        .replaceAll('http://localhost:8787', options.publicUrl)
        .replaceAll('http://localhost:8788', options.processorUrl ?? 'http://localhost:8788');
      headers['content-security-policy'] = csp;
      headers['referrer-policy'] = 'no-referrer';
    }
    // Practices' pages load billpay.js and its parts, and the widget shows the practice's logo
    // from this origin: all but the demo's own pages may be used by other sites.
    if (!type.startsWith('text/html')) headers['cross-origin-resource-policy'] = 'cross-origin';
    if (isBundle) headers['access-control-allow-origin'] = '*';
    return new Response(body, { status: 200, headers });
  };

  // billpay.js keeps its name from release to release, so browsers ask again each time (no-cache).
  app.get('/billpay.js', async (c) => (await send(options.bundlePath, true, bundleEncoding(c))) ?? c.notFound());
  app.get('/billpay.js.map', async (c) => (await send(`${options.bundlePath}.map`, true)) ?? c.notFound());
  // The parts of billpay.js each element loads when a page first uses it; named by content hash,
  // so a browser keeps them for a year without asking again.
  const chunks = normalize(join(dirname(options.bundlePath), 'billpay') + sep);
  app.get('/billpay/:file', async (c) => {
    const file = c.req.param('file');
    if (!/^[\w.-]+\.js(\.map)?$/.test(file)) return c.notFound();
    const response = await send(join(chunks, file), true, bundleEncoding(c));
    if (!response) return c.notFound();
    if (file.endsWith('.js')) response.headers.set('cache-control', 'public, max-age=31536000, immutable');
    return response;
  });
  // Built folders served as they are, their sources never: the framework demos (demo/frameworks,
  // built by Vite into its dist/; /frameworks/react/ is dist/react/index.html) and the developer
  // documentation (guides and references, plain pages under the same strict CSP).
  const serveFolder = (prefix: string, dir: string) => {
    const folder = normalize(dir + sep);
    app.get(prefix, (c) => c.redirect(`${prefix}/`, 308));
    app.get(`${prefix}/*`, async (c) => {
      let pathname: string;
      try {
        pathname = decodeURIComponent(new URL(c.req.url).pathname).slice(prefix.length + 1);
      } catch {
        return c.notFound();
      }
      const file = normalize(join(folder, pathname.endsWith('/') || pathname === '' ? `${pathname}index.html` : pathname));
      if (!file.startsWith(folder)) return c.notFound();
      return (await send(file, false)) ?? (await send(join(file, 'index.html'), false)) ?? c.notFound();
    });
  };
  serveFolder('/frameworks', join(root, 'frameworks', 'dist'));
  if (options.docsDir) serveFolder('/docs', options.docsDir);
  app.get('*', async (c, next) => {
    const pathname = decodeURIComponent(new URL(c.req.url).pathname);
    if (pathname.startsWith('/v1/')) return next();
    const relative = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
    const file = normalize(join(root, relative));
    if (!file.startsWith(root)) return c.notFound();
    return (await send(file, false)) ?? (await send(`${file}.html`, false)) ?? next();
  });
}
