import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { searchAccounts, type AccountSearch } from '@billpay/sdk/admin';
import { isApiError } from '@billpay/sdk/errors';
import { dataTable, fieldError, describedBy, formatDate, money } from '@billpay/elements/parts.js';
import { ConsolePage, pageStyles, type SearchState } from '../app/console-page.js';
import { problemWords } from '../app/problems.js';
import { pathOf } from '../app/routes.js';

/**
 * Find an account: one box for a name, date of birth, account number, Bill ID, phone or email
 * (sent in a POST body, never the address), and results that tell two patients apart: name,
 * date of birth, account number, the last four of the phone, the email's first letter and domain.
 */
@customElement('console-search')
export class ConsoleSearch extends ConsolePage {
  static override styles = pageStyles;

  @property({ attribute: false }) searchState: SearchState = { q: '', result: undefined };
  @state() private error: string | undefined;
  @state() private problem = '';
  @state() private busy = false;

  override render() {
    const t = this.t;
    const { q, result } = this.searchState;
    const invalid = this.error !== undefined;
    return html`
      <h1 tabindex="-1">${t.searchTitle}</h1>
      <form role="search" novalidate @submit=${this.search}>
        <div class="field ${invalid ? 'invalid' : ''}">
          <label for="q">${t.searchLabel}</label>
          <span id="q-hint" class="hint">${t.searchHint}</span>
          ${fieldError('q', t.errorPrefix, this.error)}
          <input
            id="q"
            name="q"
            type="search"
            autocomplete="off"
            spellcheck="false"
            maxlength="100"
            .value=${q}
            aria-describedby=${describedBy('q-hint', 'q', invalid)}
            aria-invalid=${invalid ? 'true' : 'false'}
            @input=${(event: InputEvent) => {
              this.searchState = { ...this.searchState, q: (event.target as HTMLInputElement).value };
            }}
          />
        </div>
        <div class="actions"><button type="submit" ?disabled=${this.busy}>${this.busy ? t.searching : t.searchButton}</button></div>
      </form>
      <p class="problem" role="alert">${this.problem}</p>
      <div role="status">${this.busy ? t.searching : nothing}</div>
      ${result ? this.results(result) : nothing}
    `;
  }

  private results(result: AccountSearch) {
    const t = this.t;
    return html`
      <h2 id="results-title" tabindex="-1">${t.results(result.data.length)}</h2>
      ${result.truncated ? html`<p class="notice">${t.truncated}</p>` : nothing}
      ${result.data.length
        ? dataTable({
            id: 'results',
            caption: { labelledBy: 'results-title' },
            stackBelow: 'wide',
            columns: [
              { label: t.colPatient, kind: 'header' },
              { label: t.colDateOfBirth, kind: 'text' },
              { label: t.colAccountNumber, kind: 'code' },
              { label: t.colPhone, kind: 'code' },
              { label: t.colEmail, kind: 'text' },
              { label: t.colBalance, kind: 'money' },
            ],
            rows: result.data.map((match) => [
              html`<a href=${pathOf({ page: 'account', accountId: match.id })} @click=${this.follow}>${match.lastName}, ${match.firstName}</a>`,
              formatDate(match.dateOfBirth, this.locale),
              match.accountNumber,
              // Said, not left blank: a blank cell reads as missing, not as "there is none".
              match.mobilePhone ?? t.none,
              match.email ?? t.none,
              money(match.balanceCents, this.locale),
            ]),
          })
        : nothing}
    `;
  }

  private follow = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.navigate(new URL((event.currentTarget as HTMLAnchorElement).href).pathname);
  };

  private async search(event: SubmitEvent) {
    event.preventDefault();
    const q = this.searchState.q.trim();
    this.problem = '';
    if (!q) {
      this.error = this.t.problems.no_terms;
      this.renderRoot.querySelector<HTMLInputElement>('#q')?.focus();
      return;
    }
    this.error = undefined;
    this.busy = true;
    try {
      const result = await this.desk.run((c) => searchAccounts(c, q));
      this.searchState = { q, result };
      this.emit('console-search-changed', this.searchState);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#results-title')?.focus();
    } catch (error) {
      if (isApiError(error) && error.code === 'invalid_request') {
        this.error = problemWords(error, this.t);
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLInputElement>('#q')?.focus();
      } else {
        this.problem = problemWords(error, this.t);
      }
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-search': ConsoleSearch;
  }
}
