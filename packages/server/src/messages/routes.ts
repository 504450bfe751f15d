import type { Context, Hono } from 'hono';
import type { ApiDeps, AppEnv } from '../http/context.js';
import { escapeHtml } from './render.js';
import { mountTextReplies, type TextReplySettings } from './replies.js';
import { mountTextStatus } from './text-status.js';
import { messageOfLink, unsubscribe, UNSUBSCRIBE_PATH } from './unsubscribe.js';
import { MESSAGE_WORDS } from './words.js';

/** Nothing runs and nothing loads on these pages; the form posts back to this origin only. */
const PAGE_CSP = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function page(c: Context<AppEnv>, status: 200 | 404, language: 'en' | 'es', title: string, body: string) {
  c.header('content-security-policy', PAGE_CSP);
  c.header('cache-control', 'no-store');
  return c.html(
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
    status,
  );
}

/**
 * The unsubscribe link of a notice: `GET` shows a page with one button (a link opened by a mail
 * scanner changes nothing), `POST` (that button, or a mail provider's RFC 8058 one-click POST of
 * `List-Unsubscribe=One-Click`) records the revocation at once. The address is never shown. And
 * the text provider's webhook for replies (`replies.ts`), when one is configured.
 */
export function mountMessages(app: Hono<AppEnv>, deps: ApiDeps, textReplies?: TextReplySettings): void {
  mountTextReplies(app, deps, textReplies);
  mountTextStatus(app, deps, textReplies);
  const path = `${UNSUBSCRIBE_PATH}/:messageId/:signature`;
  app.get(path, async (c) => {
    const message = await messageOfLink(deps.database.db, deps.secret, c.req.param('messageId'), c.req.param('signature'));
    if (!message) return page(c, 404, 'en', MESSAGE_WORDS.en.unsubscribePage.title, `<p>${escapeHtml(MESSAGE_WORDS.en.unsubscribePage.invalid)}</p><p lang="es">${escapeHtml(MESSAGE_WORDS.es.unsubscribePage.invalid)}</p>`);
    const words = MESSAGE_WORDS[message.language].unsubscribePage;
    const practice = deps.practices.get(message.practiceId);
    return page(
      c,
      200,
      message.language,
      words.title,
      `<p>${escapeHtml(words.question(practice?.name ?? ''))}</p><form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${escapeHtml(words.button)}</button></form>`,
    );
  });
  app.post(path, async (c) => {
    const message = await messageOfLink(deps.database.db, deps.secret, c.req.param('messageId'), c.req.param('signature'));
    if (!message) return page(c, 404, 'en', MESSAGE_WORDS.en.unsubscribePage.title, `<p>${escapeHtml(MESSAGE_WORDS.en.unsubscribePage.invalid)}</p><p lang="es">${escapeHtml(MESSAGE_WORDS.es.unsubscribePage.invalid)}</p>`);
    await unsubscribe(deps.database.db, message, deps.now());
    const words = MESSAGE_WORDS[message.language].unsubscribePage;
    return page(c, 200, message.language, words.title, `<p role="status">${escapeHtml(words.done)}</p>`);
  });
}
