/** The console's pages, from its address (under `/console/`); pure, so it is tested without a DOM. */
export type Route =
  | { readonly page: 'search' }
  | { readonly page: 'sign-in' }
  | { readonly page: 'enrol' }
  | { readonly page: 'money' }
  | { readonly page: 'integration' }
  | { readonly page: 'settings' }
  | { readonly page: 'account'; readonly accountId: string };

export const BASE = '/console/';

export function routeOf(pathname: string): Route {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : '';
  if (rest === 'enrol') return { page: 'enrol' };
  if (rest === 'sign-in') return { page: 'sign-in' };
  if (rest === 'money') return { page: 'money' };
  if (rest === 'integration') return { page: 'integration' };
  if (rest === 'settings') return { page: 'settings' };
  const account = /^accounts\/([\w-]{1,64})$/.exec(rest);
  if (account) return { page: 'account', accountId: account[1]! };
  return { page: 'search' };
}

export function pathOf(route: Route): string {
  switch (route.page) {
    case 'account':
      return `${BASE}accounts/${encodeURIComponent(route.accountId)}`;
    case 'search':
      return BASE;
    default:
      return `${BASE}${route.page}`;
  }
}
