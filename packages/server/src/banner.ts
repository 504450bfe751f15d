import { formatBillId } from '@billpay/sdk';
import { demoAccounts } from './demo/demo-data.js';
import type { BillPayServer } from './server.js';

export interface BannerOptions {
  readonly server: Pick<BillPayServer, 'url' | 'processorUrl' | 'seeded'>;
  /** Which database, for people: "PGlite in ./data", "PostgreSQL (DATABASE_URL)". */
  readonly where: string;
  readonly development: boolean;
  /** Whether the output is a terminal (a person), rather than a pipe or a file (a log). */
  readonly terminal: boolean;
}

/**
 * What `billpay start` prints once it listens: where everything is and, at a terminal
 * only, the demo patients to try. Their Bill IDs and dates of birth go to a person, never into a
 * log: when the output is a pipe or a file, the banner points at the README instead.
 */
export function startBanner({ server, where, development, terminal }: BannerOptions): string {
  const accounts = terminal
    ? [
        '  Demo accounts (Bill ID, date of birth, account number, last name):',
        ...demoAccounts.map((a) => `  ${formatBillId(a.billId)}  ${a.dateOfBirth}  ${a.accountNumber.padEnd(9)} ${a.lastName.padEnd(7)} ${a.scenario}`),
      ]
    : ['  Demo accounts: see "Demo data" in the README (not printed here: this output is not a terminal).'];
  return `${[
    '',
    `  billpay is running (${where}${server.seeded ? ', demo data created' : ''}${development ? ', development mode' : ''}).`,
    '',
    `  Demo practice website:  ${server.url}/`,
    `  Pay your bill page:     ${server.url}/pay.html`,
    `  Practice API:           ${server.url}/v1/  (OpenAPI at ${server.url}/v1/openapi.json)`,
    ...(server.processorUrl ? [`  Sandbox processor:      ${server.processorUrl}/`] : []),
    '',
    ...accounts,
    '',
    '  Press Ctrl-C to stop.',
    '',
  ].join('\n')}\n`;
}
