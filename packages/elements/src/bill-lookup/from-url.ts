/**
 * Reads a Bill ID (`bill`) or a text-to-pay link's token (`link`) from the page's address and
 * removes it from the address bar at once, so it does not linger in history, bookmarks or the
 * Referer of later requests. Statements and emails put it in the fragment (`#bill=`, `#link=`),
 * which a browser never sends to a server; `?bill=` links still work, a token is read only from
 * the fragment.
 */
export function takeFromUrl(name: 'bill' | 'link'): string {
  if (typeof location === 'undefined') return '';
  const url = new URL(location.href);
  const fragment = new URLSearchParams(url.hash.slice(1));
  const value = fragment.get(name) ?? (name === 'bill' ? url.searchParams.get(name) : null);
  if (!value) return '';
  fragment.delete(name);
  url.searchParams.delete(name);
  const hash = fragment.toString();
  history.replaceState(history.state, '', url.pathname + url.search + (hash ? `#${hash}` : ''));
  return value;
}
