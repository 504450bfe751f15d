import { createTransport } from 'nodemailer';
import type { EmailChannel, OutgoingEmail, SendResult } from './port.js';

export interface SmtpSettings {
  /** `smtp://user:pass@host:587`, `smtps://...:465`: nodemailer's connection URL (`SMTP_URL`). */
  readonly url: string;
  /** The sender's address (`SMTP_FROM`), e.g. billing@example.com; shown with the practice's name. */
  readonly from: string;
  /** How long the server may take at each step. Default 20 s. */
  readonly timeoutMs?: number | undefined;
}

/**
 * Email through SMTP with nodemailer: one multipart/alternative message (text and HTML) per send,
 * over a pooled connection. An SMTP 5xx answer is a refusal for good (a bounce at the door: the
 * address or the message was refused); anything else (4xx, a connection that failed, a timeout)
 * is tried again later. Bounces that come back later as mail are not read here.
 */
export function smtpChannel(settings: SmtpSettings): EmailChannel {
  const timeout = settings.timeoutMs ?? 20_000;
  const transport = createTransport({ pool: true, url: settings.url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  return {
    kind: 'smtp',
    async send(email: OutgoingEmail): Promise<SendResult> {
      try {
        const info = await transport.sendMail({
          from: { name: email.fromName, address: settings.from },
          to: email.to,
          ...(email.replyTo ? { replyTo: email.replyTo } : {}),
          subject: email.subject,
          text: email.text,
          html: email.html,
          headers: { ...email.headers },
        });
        return { ok: true, providerId: typeof info.messageId === 'string' ? info.messageId : null };
      } catch (error) {
        const code = (error as { responseCode?: unknown }).responseCode;
        if (typeof code === 'number') return { ok: false, permanent: code >= 500 && code < 600, error: `smtp_${code}` };
        const name = (error as { code?: unknown }).code;
        return { ok: false, permanent: false, error: name === 'ETIMEDOUT' ? 'timeout' : 'network' };
      }
    },
    close() {
      transport.close();
    },
  };
}
