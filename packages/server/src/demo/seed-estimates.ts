import { addDays } from '@billpay/sdk';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { PracticeConfig } from '../practices/practices.js';
import { issueEstimate } from '../estimates/estimates.js';
import { demoAccounts, demoEstimates } from './demo-data.js';

/**
 * Issues the demo patients' good-faith estimates, dated relative to `seededOn` (the day the demo
 * accounts were seeded, so an estimate and its bill keep their distance), exactly as a request on
 * that day would have. Once per practice: a meta row records it, and estimates are never deleted.
 */
export async function seedDemoEstimates(db: Kysely<Database>, practice: PracticeConfig, seededOn: string): Promise<void> {
  const key = `demo_estimates_seeded:${practice.id}`;
  const done = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  if (done) return;
  for (const demo of demoEstimates) {
    const account = demoAccounts.find((candidate) => candidate.lastName === demo.accountLastName);
    if (!account) throw new Error(`No demo account ${demo.accountLastName} for its estimate`);
    const issuedOn = addDays(seededOn, -demo.requestedDaysAgo);
    const outcome = await issueEstimate(
      db,
      practice,
      {
        patient: { firstName: account.firstName, lastName: account.lastName, dateOfBirth: account.dateOfBirth },
        contact: { email: demo.email },
        coverage: demo.coverage,
        primaryServiceId: demo.primaryServiceId,
        services: demo.services.map((service) => ({ ...service })),
        scheduledDate: addDays(seededOn, -demo.serviceDaysAgo),
        diagnosisCodes: [...demo.diagnosisCodes],
      },
      // Under a random id like any other estimate's: a guessable one would invite guessing.
      { now: new Date(`${issuedOn}T14:00:00.000Z`), issuedOn },
    );
    // A practice without a price list gives no estimates, demo or otherwise.
    if (outcome.kind === 'unavailable') return;
    if (outcome.kind === 'invalid') throw new Error(`The demo estimate for ${demo.accountLastName} does not fit the price list: ${JSON.stringify(outcome.issues)}`);
  }
  await db.insertInto('meta').values({ key, value: seededOn }).execute();
}
