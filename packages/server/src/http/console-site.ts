import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Env, Hono } from 'hono';
import { CONSOLE_PERMISSIONS_POLICY } from '../edge/headers.js';

/** The console's Content-Security-Policy: its own scripts, styles and API only; no inline code, no eval, never framed. */
export const CONSOLE_CSP = consoleCsp({ frames: [], connects: [] });

/** Where the console's "Take a payment" dialog reaches the practices' processors. */
export interface ProcessorOrigins {
  /** The origins of the processors' hosted card pages, shown in an iframe (`frame-src`). */
  readonly frames: readonly string[];
  /** The processors' own origins, where a bank account is tokenized (`connect-src`). */
  readonly connects: readonly string[];
}

/**
 * The console's CSP, which besides its own origin names exactly the processors' origins its
 * "Take a payment" dialog needs: their hosted card pages in a frame, and their tokenization of a
 * bank account. Nothing else may be framed or fetched.
 */
export function consoleCsp(processors: ProcessorOrigins): string {
  const list = (origins: readonly string[]) => [...new Set(origins)].sort().join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${processors.connects.length ? ` ${list(processors.connects)}` : ''}`,
    ...(processors.frames.length ? [`frame-src ${list(processors.frames)}`] : []),
    "font-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export interface ConsoleSiteOptions {
  /** The built console (packages/console/dist): index.html and assets/. */
  readonly dir: string;
  /** The processors' origins the console reaches (see `consoleCsp`); default none. */
  readonly processorOrigins?: (() => ProcessorOrigins) | undefined;
}

/**
 * Serves the billing office console at `/console`: its hashed assets (cached for good) and, for
 * every other address under it (`/console/`, `/console/enrol`, `/console/accounts/…`), its one
 * page, with the strict CSP and the Permissions-Policy that lets it use passkeys. The API under
 * `/console/api` is mounted before this and never reaches it.
 */
export function mountConsoleSite<E extends Env>(app: Hono<E>, options: ConsoleSiteOptions): void {
  const assets = normalize(join(options.dir, 'assets') + sep);
  app.get('/console/assets/:file', async (c) => {
    const file = c.req.param('file');
    if (!/^[\w.-]+\.(js|css)(\.map)?$/.test(file)) return c.notFound();
    const path = normalize(join(assets, file));
    if (!path.startsWith(assets)) return c.notFound();
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = new Uint8Array(await readFile(path));
    } catch {
      return c.notFound();
    }
    return new Response(body, {
      headers: {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        'cache-control': file.endsWith('.map') ? 'no-cache' : 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
      },
    });
  });
  const page = async () => {
    let html: string;
    try {
      html = await readFile(join(options.dir, 'index.html'), 'utf8');
    } catch {
      return undefined;
    }
    return new Response(html, {
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-cache',
        'content-security-policy': options.processorOrigins ? consoleCsp(options.processorOrigins()) : CONSOLE_CSP,
        'permissions-policy': CONSOLE_PERMISSIONS_POLICY,
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
      },
    });
  };
  app.get('/console', (c) => c.redirect('/console/', 308));
  app.get('/console/*', async (c, next) => {
    if (c.req.path.startsWith('/console/api/') || c.req.path.startsWith('/console/assets/')) return next();
    return (await page()) ?? c.notFound();
  });
}
