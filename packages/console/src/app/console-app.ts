import { LitElement, html, css, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { forgetStaffSession, getStaffSession, signOut, signOutEverywhere, type StaffSession } from '@billpay/sdk/admin';
import { formatMoment, tokens, type Locale } from '@billpay/elements/parts.js';
import { consoleTranslations, initialLocale, rememberLocale } from '../i18n/locale.js';
import '../sign-in/sign-in-page.js';
import type { ConsolePage, SearchState } from './console-page.js';
import { ConsoleDesk } from './desk.js';
import { BASE, pathOf, routeOf, type Route } from './routes.js';

/** How long before the idle end the warning shows. */
const WARN_MS = 2 * 60_000;

/**
 * The console's shell: who is signed in, the language switch, sign-out (here or everywhere), the
 * page for the address, the idle warning and the one polite live region. A session that ends
 * (idle, or the server says so) shows the sign-in page at the same address, and signing in again
 * shows the page that was there.
 */
@customElement('billpay-console')
export class BillPayConsole extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        min-height: 100vh;
        background: var(--_surface-2);
      }
      .skip {
        position: absolute;
        inset-inline-start: 0.5rem;
        top: -10rem;
        background: var(--_surface);
        padding: 0.5rem 1rem;
        z-index: 1;
      }
      .skip:focus {
        top: 0.5rem;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
        justify-content: space-between;
        padding: 0.5rem var(--_space);
        background: var(--_surface);
        border-bottom: 1px solid var(--_border);
      }
      .brand {
        font-weight: 700;
        font-size: 1.1rem;
        margin: 0;
      }
      .who {
        margin: 0;
        color: var(--_muted);
      }
      .tools {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      nav {
        background: var(--_surface);
        border-bottom: 1px solid var(--_border);
        padding: 0 var(--_space);
      }
      nav ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1.25rem;
        list-style: none;
        margin: 0 auto;
        padding: 0;
        max-width: 72rem;
      }
      nav a {
        display: inline-block;
        padding: 0.75rem 0;
        min-height: 44px;
        box-sizing: border-box;
        color: var(--_accent);
      }
      nav a[aria-current='page'] {
        font-weight: 700;
        text-decoration-thickness: 3px;
      }
      main {
        max-width: 72rem;
        margin: 0 auto;
        padding: var(--_space);
      }
      main:focus {
        outline: none;
      }
      .warning {
        max-width: 72rem;
        margin: var(--_space) auto 0;
        padding: 0.75rem var(--_space);
        border: 3px solid var(--_accent);
        border-radius: var(--_radius);
        background: var(--_surface);
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
      }
      .warning p {
        margin: 0;
      }
    `,
  ];

  @state() private locale: Locale = initialLocale();
  @state() private route: Route = routeOf(location.pathname);
  @state() private session: StaffSession | undefined;
  @state() private checking = true;
  @state() private notice: string | undefined;
  @state() private warnAt: number | undefined;
  @state() private announcement = '';
  @state() private searchState: SearchState = { q: '', result: undefined };
  @state() private pageReady = false;
  readonly #desk = new ConsoleDesk(location.origin);
  #timer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    document.documentElement.lang = this.locale;
    window.addEventListener('popstate', this.popped);
    this.#desk.addEventListener('activity', this.scheduleIdle);
    this.#desk.addEventListener('session-ended', this.ended);
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.popped);
    clearTimeout(this.#timer);
  }

  private get t() {
    return consoleTranslations[this.locale];
  }

  private async start() {
    if (this.route.page !== 'enrol') {
      try {
        this.session = await this.#desk.run((c) => getStaffSession(c));
        this.#desk.touch();
      } catch {
        this.session = undefined;
      }
    }
    this.checking = false;
    await this.show(this.route, false);
  }

  /** What is on screen for a route: the sign-in page whenever no session is open. */
  private pageOf(route: Route): Route['page'] {
    if (route.page === 'enrol') return 'enrol';
    if (!this.session) return 'sign-in';
    return route.page === 'sign-in' ? 'search' : route.page;
  }

  /** Loads the page's code (split by page), then shows it and moves focus to its heading. */
  private async show(route: Route, focus = true) {
    const page = this.pageOf(route);
    this.pageReady = false;
    if (page === 'enrol') await import('../enrol/enrol-page.js');
    if (page === 'search') await import('../search/search-page.js');
    if (page === 'account') await import('../account/account-page.js');
    if (page === 'money') await import('../money-desk/money-page.js');
    if (page === 'integration') await import('../integration/integration-page.js');
    if (page === 'settings') await import('../settings/settings-page.js');
    this.route = route;
    this.pageReady = true;
    await this.updateComplete;
    if (focus) await this.renderRoot.querySelector<ConsolePage>('main > *')?.focusHeading();
  }

  private navigate = (path: string) => {
    const route = routeOf(path);
    if (pathOf(route) !== location.pathname) history.pushState(null, '', pathOf(route));
    void this.show(route);
  };

  private popped = () => {
    void this.show(routeOf(location.pathname));
  };

  private signedIn = (event: CustomEvent<{ session: StaffSession }>) => {
    this.session = event.detail.session;
    this.notice = undefined;
    this.#desk.touch();
    // Back to where they were; from the enrolment or sign-in address, to the search.
    const route = this.route.page === 'enrol' || this.route.page === 'sign-in' ? ({ page: 'search' } as const) : this.route;
    if (pathOf(route) !== location.pathname) history.replaceState(null, '', pathOf(route));
    void this.show(route);
  };

  private scheduleIdle = () => {
    clearTimeout(this.#timer);
    this.warnAt = undefined;
    const deadline = this.#desk.idleDeadline;
    if (deadline === undefined || !this.session) return;
    const tick = () => {
      const left = deadline - Date.now();
      if (left <= 0) {
        this.endSession(this.t.sessionExpired);
      } else if (left <= WARN_MS) {
        this.warnAt = deadline;
        this.#timer = setTimeout(tick, left);
      } else {
        this.#timer = setTimeout(tick, left - WARN_MS);
      }
    };
    tick();
  };

  private ended = () => {
    if (this.session) this.endSession(this.t.sessionEnded);
  };

  /** The session is over: the sign-in page at the same address, with why. */
  private endSession(notice: string) {
    clearTimeout(this.#timer);
    forgetStaffSession(this.#desk.connection);
    this.session = undefined;
    this.#desk.idleDeadline = undefined;
    this.warnAt = undefined;
    this.notice = notice;
    void this.show(this.route);
  }

  private async signOut(everywhere: boolean) {
    const words = everywhere ? this.t.signedOutEverywhere : this.t.signedOut;
    try {
      await (everywhere ? signOutEverywhere(this.#desk.connection) : signOut(this.#desk.connection));
    } catch {
      // Signed out here whatever the server answered; the cookie's session ends within 15 minutes.
    }
    this.searchState = { q: '', result: undefined };
    this.endSession(words);
    history.replaceState(null, '', BASE);
    this.route = { page: 'search' };
  }

  private switchLanguage = () => {
    this.locale = this.locale === 'en' ? 'es' : 'en';
    document.documentElement.lang = this.locale;
    rememberLocale(this.locale);
  };

  override render() {
    const t = this.t;
    const other: Locale = this.locale === 'en' ? 'es' : 'en';
    return html`
      <a class="skip" href="#main" @click=${this.skip}>${t.skipToMain}</a>
      <header>
        <p class="brand">${t.consoleName}</p>
        ${this.session ? html`<p class="who">${t.signedInAs(this.session.staff.email, t.role[this.session.staff.role] ?? this.session.staff.role)}</p>` : nothing}
        <div class="tools">
          <button type="button" class="secondary" lang=${other} aria-label=${t.switchLanguageLabel} @click=${this.switchLanguage}>${t.switchLanguage}</button>
          ${this.session
            ? html`<button type="button" class="secondary" @click=${() => void this.signOut(false)}>${t.signOut}</button>
                <button type="button" class="secondary" @click=${() => void this.signOut(true)}>${t.signOutEverywhere}</button>`
            : nothing}
        </div>
      </header>
      ${this.session ? this.nav() : nothing}
      ${this.warnAt !== undefined
        ? html`<div class="warning" role="alert">
            <p>${t.sessionEndsSoon(formatMoment(new Date(this.warnAt), this.locale))}</p>
            <button type="button" @click=${this.stay}>${t.staySignedIn}</button>
          </div>`
        : nothing}
      <main id="main" tabindex="-1" @console-navigate=${(e: CustomEvent<{ path: string }>) => this.navigate(e.detail.path)} @console-signed-in=${this.signedIn}
        @console-announce=${(e: CustomEvent<{ text: string }>) => (this.announcement = e.detail.text)}
        @console-search-changed=${(e: CustomEvent<SearchState>) => (this.searchState = e.detail)}>
        ${this.checking || !this.pageReady ? html`<p role="status">${t.loading}</p>` : this.page()}
      </main>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    `;
  }

  private page() {
    const desk = this.#desk;
    switch (this.pageOf(this.route)) {
      case 'enrol':
        return html`<console-enrol .desk=${desk} locale=${this.locale}></console-enrol>`;
      case 'sign-in':
        return html`<console-sign-in .desk=${desk} locale=${this.locale} .notice=${this.notice}></console-sign-in>`;
      case 'search':
        return html`<console-search .desk=${desk} locale=${this.locale} .searchState=${this.searchState}></console-search>`;
      case 'account':
        return html`<console-account .desk=${desk} locale=${this.locale} accountId=${this.route.page === 'account' ? this.route.accountId : ''}
          ?mayChangeMoney=${this.session?.staff.scopes.includes('refunds') ?? false}></console-account>`;
      case 'money':
        return html`<console-money .desk=${desk} locale=${this.locale}></console-money>`;
      case 'integration':
        return html`<console-integration .desk=${desk} locale=${this.locale}></console-integration>`;
      case 'settings':
        return html`<console-settings .desk=${desk} locale=${this.locale}></console-settings>`;
    }
  }

  /** The pages staff go between; the one shown is marked as the current page. */
  private nav() {
    const t = this.t;
    const page = this.pageOf(this.route);
    const link = (route: Route, label: string, current: boolean) =>
      html`<li><a href=${pathOf(route)} aria-current=${current ? 'page' : nothing} @click=${this.follow}>${label}</a></li>`;
    return html`<nav aria-label=${t.navLabel}>
      <ul>
        ${link({ page: 'search' }, t.findAccountLink, page === 'search')} ${link({ page: 'money' }, t.moneyLink, page === 'money')}
        ${this.session?.staff.scopes.includes('import') ? link({ page: 'integration' }, t.integrationLink, page === 'integration') : nothing}
        ${this.session?.staff.role === 'admin' ? link({ page: 'settings' }, t.settingsLink, page === 'settings') : nothing}
      </ul>
    </nav>`;
  }

  private follow = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.navigate(new URL((event.currentTarget as HTMLAnchorElement).href).pathname);
  };

  private stay = async () => {
    try {
      // An answered call pushes the idle end back (see ConsoleDesk.run).
      await this.#desk.run((c) => getStaffSession(c));
    } catch {
      // The desk has ended the session if the server said so.
    }
  };

  private skip = (event: Event) => {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'billpay-console': BillPayConsole;
  }
}
