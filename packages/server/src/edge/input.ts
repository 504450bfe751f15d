import type { MiddlewareHandler } from 'hono';

/**
 * Text no person typed and no column can keep: a NUL character (PostgreSQL's text types refuse
 * it, so the query fails) and a lone UTF-16 surrogate (it has no UTF-8 form; a driver would
 * silently store U+FFFD instead). With the `u` flag a surrogate pair is one code point, so only
 * unpaired halves match.
 */
const UNSTORABLE = /[\0\uD800-\uDFFF]/u;

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** Where in the request address the fault is. */
export type UrlFault = 'path' | 'query';

/**
 * Whether the request's path and query string decode to storable text: percent-encoding must be
 * well formed and spell UTF-8 (`%ZZ`, a lone `%E0` and encoded surrogates are not), and must not
 * spell NUL (`%00`). Routers and handlers decode leniently or throw, each in its own way; this
 * refuses such an address before any of them sees it.
 */
export function urlFault(url: string): UrlFault | undefined {
  const { pathname, search } = new URL(url);
  if (!decodesToStorable(pathname)) return 'path';
  for (const part of search.slice(1).split(/[&=]/)) {
    if (!decodesToStorable(part.replaceAll('+', ' '))) return 'query';
  }
  return undefined;
}

function decodesToStorable(encoded: string): boolean {
  if (!encoded.includes('%')) return isStorableText(encoded);
  try {
    return isStorableText(decodeURIComponent(encoded));
  } catch {
    return false;
  }
}

/**
 * Refuses (with the app's own 400, from `refuse`) a request whose path or query string does not
 * decode to storable text, on every route: first thing after logging, before CORS, routing or a
 * handler decodes any of it.
 */
export function refuseBadUrls(refuse: (fault: UrlFault) => Error): MiddlewareHandler {
  return async (c, next) => {
    const fault = urlFault(c.req.url);
    if (fault) throw refuse(fault);
    await next();
  };
}

/** A value met while walking a JSON body, with the way back to the root. */
interface Visit {
  readonly value: unknown;
  readonly parent: Visit | undefined;
  readonly key: string | number | undefined;
}

/** At most this many keys of a path are told back: enough to find the field, never a long echo. */
const MAX_PATH = 16;

/**
 * The path to the first string in a parsed JSON body that is not storable text, as a value or as
 * a key (for a key, the path of its object: the key itself is not echoed); `undefined` when
 * every string is. Walked without recursion and without copying paths, so a deeply nested body
 * (16 KB of `[`) costs no more than a flat one.
 */
export function unstorableStringAt(value: unknown): (string | number)[] | undefined {
  const pending: Visit[] = [{ value, parent: undefined, key: undefined }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    const current = visit.value;
    if (typeof current === 'string') {
      if (!isStorableText(current)) return pathOf(visit);
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => pending.push({ value: item, parent: visit, key: index }));
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        if (!isStorableText(key)) return pathOf(visit);
        pending.push({ value: item, parent: visit, key });
      }
    }
  }
  return undefined;
}

function pathOf(visit: Visit): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at: Visit | undefined = visit; at?.key !== undefined; at = at.parent) path.push(at.key);
  return path.reverse().slice(0, MAX_PATH);
}
