import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/** Request bodies are small forms; anything bigger is refused before it is parsed. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * Refuses a request body past `MAX_BODY_BYTES` on every route, as it arrives: a declared
 * Content-Length over the limit is refused unread, and a body without one (chunked) is read only
 * up to the limit (Hono's body-limit middleware). What the client is still sending after the
 * answer, @hono/node-server discards (at most 64 MB or half a second) and then closes the
 * connection, so nothing of it is kept. `refuse` makes the app's own structured 413. A route
 * that `streams` (an import file) reads its body as it arrives and bounds it itself.
 */
export function limitBodies(refuse: () => Error, streams: (c: Context) => boolean = () => false): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => {
      c.header('connection', 'close');
      throw refuse();
    },
  });
  return (c, next) => (streams(c) ? next() : limit(c, next));
}
