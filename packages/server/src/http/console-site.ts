import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Env, Hono } from 'hono';
import { CONSOLE_PERMISSIONS_POLICY } from '../edge/headers.js';

/** The console's Content-Security-Policy: its own scripts, styles and API only; no inline code, no eval, never framed. */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export interface ConsoleSiteOptions {
  /** The built console (packages/console/dist): index.html and assets/. */
  readonly dir: string;
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
        'content-security-policy': CONSOLE_CSP,
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
