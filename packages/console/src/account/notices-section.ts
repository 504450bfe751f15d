/** An account's notices (the messages sent or waiting for the patient) as a table section. */
import { html, type TemplateResult } from 'lit';
import type { AccountNotice } from '@billpay/sdk/admin-desk';
import { formatMoment, type Locale } from '@billpay/elements/parts.js';
import { tableSection } from '../app/table-section.js';
import type { NoticesWords } from '../i18n/notices.js';

/** A notice's status in words, with why its last attempt did not go when it did not. */
export function noticeStatus(notice: AccountNotice, t: NoticesWords, locale: Locale): string {
  if (notice.status === 'sent' && notice.sentAt) return t.sentAt(formatMoment(new Date(notice.sentAt), locale));
  const status = notice.status === 'held' && notice.channel === 'sms' ? t.heldText : (t.status[notice.status] ?? notice.status);
  const code = notice.lastError;
  if (!code || notice.status === 'held' || notice.status === 'suppressed') return status;
  const provider = /^(smtp|twilio)_(\d{3,5})$/.exec(code);
  const reason = provider ? (provider[1] === 'smtp' ? t.smtpReason(provider[2]!) : t.twilioReason(provider[2]!)) : (t.reasons[code] ?? code);
  return t.lastError(status, reason);
}

export function noticesSection(notices: readonly AccountNotice[] | undefined, t: NoticesWords, locale: Locale): TemplateResult {
  if (!notices) return html`<p role="status">${t.loading}</p>`;
  return tableSection({
    id: 'notices',
    none: t.noNotices,
    noneClass: 'muted',
    caption: t.noticesCaption,
    stackBelow: 'medium',
    columns: [
      { label: t.colQueued, kind: 'lead' },
      { label: t.colMessage, kind: 'header' },
      { label: t.colChannel, kind: 'text' },
      { label: t.colTo, kind: 'text' },
      { label: t.colStatus, kind: 'text' },
    ],
    rows: notices.map((notice) => [
      formatMoment(new Date(notice.createdAt), locale),
      t.kind[notice.kind] ?? notice.kind,
      t.channel[notice.channel] ?? notice.channel,
      html`<span class="mono">${notice.to}</span>`,
      noticeStatus(notice, t, locale),
    ]),
  });
}
