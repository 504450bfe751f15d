import { parseArgs } from 'node:util';
import { runPracticeCommand, toStderr, toStdout, type Write } from '../compose.js';
import { MESSAGE_STATUSES, type MessageStatus } from '../db/messages-migration.js';
import { unseal } from '../security/seal.js';
import { HELD_MESSAGE_SEAL } from './delivery.js';
import type { Rendered, RenderedText } from './render.js';

export const OUTBOX_USAGE = `Usage:
  billpay outbox [--practice <id>] [--status held|pending|sent|failed|bounced|suppressed|all] [--limit <n>]`;

interface OutboxArgs {
  readonly practice: string | undefined;
  readonly status: MessageStatus | 'all';
  readonly limit: number;
}

function parseOutboxArgs(args: readonly string[]): OutboxArgs {
  const { values } = parseArgs({
    args: [...args],
    options: { practice: { type: 'string' }, status: { type: 'string', default: 'held' }, limit: { type: 'string', default: '20' } },
    strict: true,
    allowPositionals: false,
  });
  const status = values.status;
  if (status !== 'all' && !(MESSAGE_STATUSES as readonly string[]).includes(status)) throw new Error(`--status must be one of ${MESSAGE_STATUSES.join(', ')} or all, not "${status}".`);
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new Error(`--limit must be a whole number from 1 to 1000, not "${values.limit}".`);
  return { practice: values.practice, status: status as MessageStatus | 'all', limit };
}

/**
 * `billpay outbox`: the messages in the database outbox, newest first. By default those held
 * because no channel is configured (no `SMTP_URL` for email, no Twilio account for texts), each
 * printed whole as it would have been sent (an email's subject and text, a text's body, with the
 * link): the demo shows every message without any service. Other statuses print one line each
 * (when, what, to whom, how it went, the provider's last refusal). Exit code 0; 2 for a mistake.
 */
export function outboxCommand(args: readonly string[], env: NodeJS.ProcessEnv, write: Write = toStdout, writeError: Write = toStderr): Promise<number> {
  return runPracticeCommand(
    {
      name: 'outbox',
      usage: OUTBOX_USAGE,
      parse: parseOutboxArgs,
      practiceOf: (parsed) => parsed.practice,
      async run({ status, limit }, core, practice) {
        let query = core.database.db
          .selectFrom('messages')
          .select(['id', 'practice_id', 'kind', 'channel', 'recipient', 'language', 'status', 'attempts', 'last_error', 'body_sealed', 'created_at', 'sent_at'])
          .orderBy('created_at', 'desc')
          .orderBy('id')
          .limit(limit);
        if (practice) query = query.where('practice_id', '=', practice.id);
        if (status !== 'all') query = query.where('status', '=', status);
        const rows = await query.execute();
        if (rows.length === 0) {
          write(status === 'all' ? 'The outbox is empty.' : `No ${status} messages.`);
          return 0;
        }
        for (const row of rows) {
          const when = new Date(row.created_at).toISOString();
          write(`${when}  ${row.id}  ${row.practice_id}  ${row.kind}  ${row.channel} to ${row.recipient} (${row.language})  ${row.status}${row.attempts > 1 ? ` after ${row.attempts} attempts` : ''}${row.last_error ? `  ${row.last_error}` : ''}`);
          if (row.status !== 'held' || !row.body_sealed) continue;
          let rendered: Partial<Rendered> & RenderedText;
          try {
            rendered = JSON.parse(unseal(core.secret, HELD_MESSAGE_SEAL, row.body_sealed)) as Partial<Rendered> & RenderedText;
          } catch {
            write('  (sealed with another server secret: cannot be shown)');
            continue;
          }
          if (rendered.subject !== undefined) write(`  Subject: ${rendered.subject}`);
          for (const line of rendered.text.split('\n')) write(`  | ${line}`);
          write('');
        }
        return 0;
      },
    },
    args,
    env,
    writeError,
  );
}
