import { EstimateSchema } from '@billpay/sdk';
import type { Kysely, Selectable } from 'kysely';
import type { EstimateTables } from '../db/estimates-migration.js';
import type { MessagesTable } from '../db/messages-migration.js';
import type { Database } from '../db/schema.js';
import type { PracticeConfig } from '../practices/practices.js';
import { dataText } from './plan-delivery.js';
import { commonFacts, type Rendered } from './render.js';
import { renderEstimateCopy } from './render-estimate.js';

/** A good-faith estimate's copy, rendered from the estimate as it was issued (kept unchanged), or why it cannot be sent. */
export async function renderEstimateEmail(db: Kysely<Database>, practice: PracticeConfig, row: Selectable<MessagesTable>): Promise<Rendered | { readonly kind: 'failed'; readonly error: string }> {
  const found = await db
    .$extendTables<EstimateTables>()
    .selectFrom('estimates')
    .select('document')
    .where('id', '=', dataText(row.data, 'estimateId'))
    .where('practice_id', '=', row.practice_id)
    .executeTakeFirst();
  const parsed = found ? EstimateSchema.safeParse(typeof found.document === 'string' ? JSON.parse(found.document) : found.document) : undefined;
  if (!parsed?.success) return { kind: 'failed', error: 'estimate_gone' };
  return renderEstimateCopy({ ...commonFacts(practice, row.language), estimate: parsed.data });
}
