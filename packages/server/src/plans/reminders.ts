import { addDays, daysBetween } from '@billpay/sdk';
import { knownTimeZone, localDate } from '../domain/zone.js';
import { FALLBACK_TIME_ZONE } from '../messages/pacing.js';
import { queueMessage, type MessageToQueue } from '../messages/outbox.js';
import type { PracticeConfig } from '../practices/practices.js';
import type { Db } from './rows.js';

/** An automatic payment is told this many days before it is charged. */
export const REMINDER_DAYS = 3;
/** One of another amount than the payment before it, this many (Regulation E, 12 CFR 1005.10(d)). */
export const AMOUNT_CHANGE_NOTICE_DAYS = 10;

type Lead = 'upcoming' | 'amount_changes' | 'due';

/**
 * Which reminder, if any, a payment of a running plan gets `days` before its date: an automatic
 * one 1 to 3 days before (3, or the first run after if none ran that day), and 4 to 10 days before
 * when its amount differs from the payment before it; a manual one on its date.
 */
export function reminderLead(mode: 'automatic' | 'manual', days: number, amountCents: number, previousCents: number | null): Lead | undefined {
  if (mode === 'manual') return days === 0 ? 'due' : undefined;
  if (days >= 1 && days <= REMINDER_DAYS) return 'upcoming';
  if (days > REMINDER_DAYS && days <= AMOUNT_CHANGE_NOTICE_DAYS && previousCents !== null && previousCents !== amountCents) return 'amount_changes';
  return undefined;
}

/**
 * Queues the reminders due on `now`'s day in each practice's time zone: an email, and a text where
 * the account has a mobile number (texts keep to quiet hours and the caps when sent, `pacing.ts`).
 * Each reminder is queued once, whoever runs this and however often (its `dedupe_key` names the
 * payment, its date and the reminder), so every instance's plan jobs may run it. Returns how many
 * payments were looked at.
 */
export async function queueInstallmentReminders(db: Db, practices: ReadonlyMap<string, PracticeConfig>, now: Date): Promise<number> {
  let seen = 0;
  for (const practice of practices.values()) {
    const zone = knownTimeZone(practice.contact.timeZone) ? practice.contact.timeZone : FALLBACK_TIME_ZONE;
    const today = localDate(now, zone);
    const rows = await db
      .selectFrom('plan_installments as i')
      .innerJoin('plans as p', 'p.id', 'i.plan_id')
      .select(['i.id', 'i.plan_id', 'i.amount_cents', 'i.next_attempt_on', 'p.account_id', 'p.mode'])
      .select((eb) =>
        eb
          .selectFrom('plan_installments as prev')
          .select('prev.amount_cents')
          .whereRef('prev.plan_id', '=', 'i.plan_id')
          .whereRef('prev.number', '<', 'i.number')
          .where('prev.status', '<>', 'canceled')
          .orderBy('prev.number', 'desc')
          .limit(1)
          .as('previous_cents'),
      )
      .where('p.practice_id', '=', practice.id)
      .where('p.status', '=', 'active')
      .where('i.status', '=', 'scheduled')
      .where('i.next_attempt_on', '>=', today)
      .where('i.next_attempt_on', '<=', addDays(today, AMOUNT_CHANGE_NOTICE_DAYS))
      .execute();
    seen += rows.length;
    const messages: MessageToQueue[] = [];
    for (const row of rows) {
      const lead = reminderLead(row.mode, daysBetween(today, row.next_attempt_on), row.amount_cents, row.previous_cents ?? null);
      if (!lead) continue;
      const data = { planId: row.plan_id, installmentId: row.id, dueOn: row.next_attempt_on, amountCents: row.amount_cents, previousCents: row.previous_cents ?? null, lead };
      const key = `installment_reminder:${lead}:${row.id}:${row.next_attempt_on}`;
      messages.push({ accountId: row.account_id, kind: 'installment_reminder', channel: 'email', data, dedupeKey: key });
      messages.push({ accountId: row.account_id, kind: 'installment_reminder', channel: 'sms', data, dedupeKey: `${key}:sms` });
    }
    await queueMessage(db, messages, now);
  }
  return seen;
}
