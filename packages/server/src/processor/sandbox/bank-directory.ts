/**
 * The sandbox's routing directory: the bank behind a routing number, as a real processor reads it
 * from the Federal Reserve's E-Payments Routing Directory. The sandbox knows a few well-known
 * numbers (the ones the tests and the demo use among them); for any other valid number the bank's
 * name is simply not known, and the receipt shows the account type and last four digits alone.
 */
const DIRECTORY: ReadonlyMap<string, string> = new Map([
  ['011000015', 'Federal Reserve Bank of Boston'],
  ['021000021', 'JPMorgan Chase Bank'],
  ['026009593', 'Bank of America'],
  ['121000248', 'Wells Fargo Bank'],
  ['011000138', 'Bank of America'],
  ['091000019', 'Wells Fargo Bank'],
]);

export function bankNameOf(routingNumber: string): string | undefined {
  return DIRECTORY.get(routingNumber);
}
