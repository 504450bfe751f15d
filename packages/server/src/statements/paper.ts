import type { Kysely } from 'kysely';
import { statementView } from '../accounts/accounts.js';
import type { Database } from '../db/schema.js';
import type { PracticeConfig } from '../practices/practices.js';
import { preferencesView } from '../preferences/preferences.js';
import { statementContent, type PaperStatementData } from './layout.js';
import { loadLogo, type Logo } from './logo.js';
import { renderStatementPdf } from './pdf.js';
import { statementLanguage } from './words.js';

/** The longest statement id looked up: the practice's own ids are at most 64 characters, ours 37. */
const MAX_STATEMENT_ID = 64;

interface Located {
  readonly accountId: string;
  readonly statementId: string;
}

/**
 * A statement of `practice` by the practice's own id (from its imports; the current version after
 * a correction) or by billpay's id. Another practice's statement is not found, like none.
 */
async function locate(db: Kysely<Database>, practiceId: string, id: string): Promise<Located | undefined> {
  if (id.length === 0 || id.length > MAX_STATEMENT_ID) return undefined;
  const imported = await db.selectFrom('imported_statements').select(['account_id as accountId', 'statement_id as statementId']).where('practice_id', '=', practiceId).where('external_id', '=', id).executeTakeFirst();
  if (imported) return imported;
  return db
    .selectFrom('statements')
    .innerJoin('accounts', 'accounts.id', 'statements.account_id')
    .select(['statements.account_id as accountId', 'statements.id as statementId'])
    .where('accounts.practice_id', '=', practiceId)
    .where('statements.id', '=', id)
    .executeTakeFirst();
}

/** The statement's own Bill ID (kept through corrections), else the account's. */
async function billIdOf(db: Kysely<Database>, practiceId: string, accountId: string, statementId: string): Promise<string | undefined> {
  const imported = await db.selectFrom('imported_statements').select('bill_id').where('practice_id', '=', practiceId).where('statement_id', '=', statementId).executeTakeFirst();
  if (imported) return imported.bill_id;
  const given = await db.selectFrom('bill_ids').select('bill_id').where('practice_id', '=', practiceId).where('statement_id', '=', statementId).executeTakeFirst();
  if (given) return given.bill_id;
  return (await db.selectFrom('accounts').select('bill_id').where('id', '=', accountId).executeTakeFirst())?.bill_id;
}

/** What the paper statement is printed from, or `undefined` when the practice has no such statement. */
export async function paperStatementData(db: Kysely<Database>, practice: PracticeConfig, id: string): Promise<PaperStatementData | undefined> {
  const found = await locate(db, practice.id, id);
  if (!found) return undefined;
  const statement = await statementView(db, found.accountId, found.statementId, practice);
  const account = await db.selectFrom('accounts').selectAll().where('id', '=', found.accountId).where('practice_id', '=', practice.id).executeTakeFirst();
  const billId = await billIdOf(db, practice.id, found.accountId, found.statementId);
  if (!statement || !account || !billId) return undefined;
  const address = account.address_line1 && account.city && account.state && account.postal_code ? { line1: account.address_line1, line2: account.address_line2, city: account.city, state: account.state, postalCode: account.postal_code } : null;
  return {
    practice,
    language: statementLanguage(account.preferred_language),
    billId,
    accountNumber: account.account_number,
    patient: { firstName: account.first_name, lastName: account.last_name, address },
    statement,
  };
}

/**
 * Whether the statement's account chose paperless statements (with email or texts still on, so the
 * patient hears of it): a statement run leaves it out. A statement asked for by itself still prints.
 */
export async function goesPaperless(db: Kysely<Database>, practice: PracticeConfig, id: string): Promise<boolean> {
  const found = await locate(db, practice.id, id);
  if (!found) return false;
  const chosen = await db.selectFrom('message_preferences').select('paperless').where('account_id', '=', found.accountId).executeTakeFirst();
  return chosen?.paperless === true && (await preferencesView(db, practice.id, found.accountId)).paperless;
}

/** A practice's statements printed, one PDF each; the logo is read once. */
export interface StatementPrinter {
  /** The PDF of the practice's statement `id`, or `undefined` when it has none by that id. */
  print(id: string): Promise<Buffer | undefined>;
}

export function statementPrinter(db: Kysely<Database>, practice: PracticeConfig): StatementPrinter {
  let logo: Promise<Logo | undefined> | undefined;
  return {
    async print(id) {
      const data = await paperStatementData(db, practice, id);
      if (!data) return undefined;
      logo ??= loadLogo(practice.logoFile);
      return renderStatementPdf(statementContent(data), await logo);
    },
  };
}

/** A file name from a statement id: only letters, digits, dot, dash and underscore. */
export function pdfFileName(id: string): string {
  return `statement-${id.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`;
}
