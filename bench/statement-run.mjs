// A statement run as a practice's system sends it, shared by the benches that import one
// (bench/import.mjs, bench/messages.mjs): statement `i` of the run, its JSON line, a server on a
// fresh store, and one import request of a run's statements.
import { silentLogger, startBillPayServer } from '@billpay/server';
import { freshStore } from './support.mjs';

export const PRACTICE = 'harbor-point';

export const dollars = (cents) => (cents / 100).toFixed(2);
const FIRST = ['Amara', 'Luis', 'Mei', 'Noah', 'Priya', 'Tomás', 'Grace', 'Omar'];
const LAST = ['Bello', 'Ortega', 'Chen', 'Walsh', 'Raman', 'Silva', 'Kim', 'Haddad'];
const CODES = [
  ['99213', 'Office visit, established patient'],
  ['85025', 'Complete blood count'],
  ['71046', 'Chest X-ray, two views'],
];

/**
 * Statement `i` of the run: its own account and statement ids, three line items by the practice's
 * providers, each adding up (charge − insurance paid − CO adjustment = the PR-1 deductible the
 * patient owes). The same numbers give the import's JSON line and the direct insert's rows.
 * Without `contact`, no email address: no message is queued for it.
 */
export function statementOf(i, npis, { contact = true } = {}) {
  const items = CODES.map(([code, description], n) => {
    const charge = 10_000 + ((i * 7 + n * 1_301) % 20_000);
    const paid = Math.round(charge * 0.4);
    const deductible = Math.round(charge * 0.2);
    return { code, description, npi: npis[(i + n) % npis.length], charge, paid, contractual: charge - paid - deductible, deductible };
  });
  return {
    account: {
      id: `BENCH-A-${i}`,
      accountNumber: `BN-${i}`,
      firstName: FIRST[i % FIRST.length],
      lastName: LAST[(i >> 3) % LAST.length],
      dateOfBirth: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
      address: { line1: `${1 + (i % 900)} Elm Street`, city: 'New Haven', state: 'CT', postalCode: '06511' },
      ...(contact ? { email: `patient.${i}@example.com` } : {}),
    },
    statement: { id: `BENCH-S-${i}`, date: '2026-11-20', periodStart: '2026-10-01', periodEnd: '2026-10-03', dueDate: '2026-12-18' },
    items,
  };
}

export function jsonLine(s) {
  return JSON.stringify({
    account: s.account,
    statement: s.statement,
    lineItems: s.items.map((item) => ({
      serviceDate: '2026-10-01',
      npi: item.npi,
      code: item.code,
      description: item.description,
      charge: dollars(item.charge),
      insurancePaid: dollars(item.paid),
      adjustments: [
        { code: 'CO-45', amount: dollars(item.contractual) },
        { code: 'PR-1', amount: dollars(item.deductible) },
      ],
      patientResponsibility: dollars(item.deductible),
    })),
  });
}

/** A server on a fresh store of `kind` (its other settings `options`), and how to close it and remove the store. */
export async function openServer(kind, folder, options = {}) {
  const store = await freshStore(kind, folder);
  const server = await startBillPayServer({ port: 0, processorPort: 0, dataDir: store.dataDir, databaseUrl: store.databaseUrl, logger: silentLogger, serveDemo: false, ...options });
  return {
    server,
    close: async () => {
      await server.close();
      await store.remove();
    },
  };
}

/** Seconds to import statements `from`..`from + count - 1` through the route (one request); `contact` as for `statementOf`. */
export async function importChunk(server, secret, npis, from, count, { contact = true } = {}) {
  const body = `${Array.from({ length: count }, (_, k) => jsonLine(statementOf(from + k, npis, { contact }))).join('\n')}\n`;
  const started = performance.now();
  const response = await fetch(`${server.url}/admin/v1/imports`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/x-ndjson' }, body });
  const result = await response.json();
  const seconds = (performance.now() - started) / 1000;
  if (response.status !== 200 || result.counts.created !== count) {
    throw new Error(`import of statements ${from}..${from + count - 1}: ${response.status} ${JSON.stringify(result.counts ?? result)} ${JSON.stringify(result.statements?.find((s) => s.outcome === 'rejected') ?? '')}`);
  }
  return seconds;
}
