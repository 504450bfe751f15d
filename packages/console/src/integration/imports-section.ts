import { html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { getImport, importStatementRun, listImports, type ImportRun, type ImportRunDetail } from '@billpay/sdk/admin-integration';
import { describedBy, fieldError, formatMoment } from '@billpay/elements/parts.js';
import { tableSection } from '../app/table-section.js';
import type { IntegrationWords } from '../i18n/integration.js';
import { IntegrationSection } from './integration-part.js';

/** The server takes at most 256 MiB an import. */
const MAX_BYTES = 256 * 1024 * 1024;
const RUNS_PAGE = 20;
const STATEMENTS_PAGE = 100;

/** The import format a file's name says. */
export function formatOfFile(name: string): 'csv' | 'jsonl' | undefined {
  if (/\.csv$/i.test(name)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(name)) return 'jsonl';
  return undefined;
}

/** Who sent an import, in words. */
function byWhom(run: ImportRun, t: IntegrationWords): string {
  if (run.source === 'command') return t.byCommand;
  return run.requestedBy.apiKeyId ? t.byKey(run.requestedBy.apiKeyId) : t.byStaff;
}

/**
 * The imports: send a statement run (CSV or JSON Lines, or a dry run of it) from a file, the
 * imports kept, newest first, and one import's statements with their outcomes and each rejected
 * one's issues (line, field, why), the rejected ones alone if staff choose.
 */
@customElement('console-imports')
export class ConsoleImports extends IntegrationSection {
  @state() private runs: ImportRun[] = [];
  @state() private hasMoreRuns = false;
  @state() private run: ImportRunDetail | undefined;
  @state() private statements: ImportRunDetail['statements']['data'] = [];
  @state() private onlyRejected = false;
  @state() private dryRun = false;
  @state() private fileError: string | undefined;
  protected readonly problemId = 'imports-problem';



  protected load(): Promise<void> {
    return this.loadRuns();
  }

  private async loadRuns(before?: string) {
    const page = await this.desk.run((c) => listImports(c, { limit: RUNS_PAGE, before }));
    this.runs = before ? [...this.runs, ...page.data] : page.data;
    this.hasMoreRuns = page.hasMore;
  }

  private async openRun(id: string, after?: number) {
    const detail = await this.desk.run((c) => getImport(c, id, { limit: STATEMENTS_PAGE, after, outcome: this.onlyRejected ? 'rejected' : undefined }));
    this.statements = after ? [...this.statements, ...detail.statements.data] : detail.statements.data;
    this.run = detail;
  }

  private async send(event: SubmitEvent) {
    event.preventDefault();
    const t = this.t;
    const input = this.renderRoot.querySelector<HTMLInputElement>('#import-file')!;
    const file = input.files?.[0];
    const format = file && formatOfFile(file.name);
    this.fileError = !file ? t.importFileMissing : !format ? t.importFileKind : file.size > MAX_BYTES ? t.importFileTooLarge : undefined;
    if (this.fileError || !file || !format) {
      await this.focusOn('import-file');
      return;
    }
    await this.guard(async () => {
      const result = await this.desk.run((c) => importStatementRun(c, { format, body: file, dryRun: this.dryRun }));
      const { created, corrected, unchanged, rejected } = result.counts;
      this.announce(t.importDone(created, corrected, unchanged, rejected, result.dryRun));
      input.value = '';
      this.onlyRejected = rejected > 0;
      await Promise.all([this.loadRuns(), this.openRun(result.id)]);
      await this.focusOn('run-title');
    });
  }

  override render() {
    const t = this.t;
    const invalid = this.fileError !== undefined;
    return html`
      <p>${t.importsIntro}</p>
      <p id="imports-problem" class="problem" role="alert" tabindex="-1">${this.problem}</p>
      <form class="panel" novalidate @submit=${this.send}>
        <div class="field ${invalid ? 'invalid' : ''}">
          <label for="import-file">${t.importFileLabel}</label>
          <span id="import-file-hint" class="hint">${t.importFileHint}</span>
          ${fieldError('import-file', t.errorPrefix, this.fileError)}
          <input id="import-file" type="file" accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson"
            aria-describedby=${describedBy('import-file-hint', 'import-file', invalid)} aria-invalid=${invalid ? 'true' : 'false'}
            @change=${() => (this.fileError = undefined)} />
        </div>
        <label class="check"><input type="checkbox" .checked=${this.dryRun} @change=${(e: Event) => (this.dryRun = (e.target as HTMLInputElement).checked)} />${t.dryRunLabel}</label>
        <div class="actions"><button type="submit" ?disabled=${this.busy}>${this.busy ? t.importing : this.dryRun ? t.dryRunButton : t.importButton}</button></div>
      </form>
      ${this.run ? this.runDetail(this.run) : nothing} ${this.runList()}
    `;
  }

  private runList(): TemplateResult {
    const t = this.t;
    return html`${tableSection({
      id: 'imports',
      none: t.noImports,
      caption: t.importsCaption,
      stackBelow: 'wide',
      columns: [
        { label: t.colWhen, kind: 'lead' },
        { label: t.colImport, kind: 'header' },
        { label: t.colBy, kind: 'text' },
        { label: t.colCreated, kind: 'number' },
        { label: t.colCorrected, kind: 'number' },
        { label: t.colUnchanged, kind: 'number' },
        { label: t.colRejected, kind: 'number' },
        { label: t.colActions, kind: 'text' },
      ],
      rows: this.runs.map((run) => {
        const when = formatMoment(new Date(run.createdAt), this.locale);
        return [
          when,
          html`${t.importKind(run.dryRun, run.format)}${run.truncated ? html`<span class="muted"> ${t.truncatedRun}</span>` : nothing}`,
          byWhom(run, t),
          String(run.counts.created),
          String(run.counts.corrected),
          String(run.counts.unchanged),
          run.counts.rejected ? html`<strong>${run.counts.rejected}</strong>` : '0',
          html`<button type="button" class="secondary small" id="show-${run.id}" aria-label=${t.showStatementsOf(when)}
            @click=${() => void this.guard(async () => {
              await this.openRun(run.id);
              await this.focusOn('run-title');
            })}>${t.showStatements}</button>`,
        ];
      }),
    })}
    ${this.hasMoreRuns ? html`<p><button type="button" class="secondary" ?disabled=${this.busy} @click=${() => void this.guard(() => this.loadRuns(this.runs.at(-1)?.id))}>${t.moreImports}</button></p>` : nothing}`;
  }

  private runDetail(run: ImportRunDetail): TemplateResult {
    const t = this.t;
    const when = formatMoment(new Date(run.createdAt), this.locale);
    return html`<section class="panel" aria-labelledby="run-title">
      <h3 id="run-title" tabindex="-1">${t.runTitle(t.importKind(run.dryRun, run.format), when)}</h3>
      <p>${t.importDone(run.counts.created, run.counts.corrected, run.counts.unchanged, run.counts.rejected, run.dryRun)}</p>
      <label class="check"><input type="checkbox" .checked=${this.onlyRejected} @change=${(e: Event) => {
        this.onlyRejected = (e.target as HTMLInputElement).checked;
        void this.guard(() => this.openRun(run.id));
      }} />${t.onlyRejected}</label>
      ${this.statements.some((s) => s.issues.length) ? html`<p class="muted">${t.issuesInEnglish}</p>` : nothing}
      ${tableSection({
        id: 'run-statements',
        none: t.noStatementsShown,
        caption: t.statementsCaption,
        stackBelow: 'wide',
        columns: [
          { label: t.colLine, kind: 'lead' },
          { label: t.colStatement, kind: 'header' },
          { label: t.colAccount, kind: 'code' },
          { label: t.colOutcome, kind: 'text' },
          { label: t.colIssues, kind: 'text' },
        ],
        rows: this.statements.map((s) => [
          String(s.line),
          html`<span class="mono">${s.statementId ?? '—'}</span>`,
          s.accountId ?? '—',
          s.outcome === 'rejected' ? html`<strong>${t.outcome.rejected}</strong>` : (t.outcome[s.outcome] ?? s.outcome),
          s.issues.length
            ? html`<ul class="issues">${s.issues.map((issue) => html`<li>${t.issueAt(issue.line, issue.field)} <span lang="en">${issue.message}</span></li>`)}</ul>`
            : '',
        ]),
      })}
      ${run.statements.hasMore
        ? html`<p><button type="button" class="secondary" ?disabled=${this.busy} @click=${() => void this.guard(() => this.openRun(run.id, this.statements.at(-1)?.position))}>${t.moreStatements}</button></p>`
        : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-imports': ConsoleImports;
  }
}
