/** Bank account checks for ACH debits (Nacha): the ABA routing number checksum and account format. */

export type RoutingIssueCode = 'bank.routing_empty' | 'bank.routing_length' | 'bank.routing_checksum';
export type AccountNumberIssueCode = 'bank.account_empty' | 'bank.account_format' | 'bank.account_mismatch';

/** 3(d1+d4+d7) + 7(d2+d5+d8) + (d3+d6+d9) is a multiple of 10: 021000021 passes, 123456789 does not. */
export function routingNumberValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  const d = Array.from(digits, Number);
  const sum = 3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]! + d[8]!);
  return sum % 10 === 0;
}

export function checkRoutingNumber(input: string): { ok: true; digits: string } | { ok: false; issue: RoutingIssueCode } {
  const digits = input.replace(/[\s-]/g, '');
  if (!digits) return { ok: false, issue: 'bank.routing_empty' };
  if (!/^\d{9}$/.test(digits)) return { ok: false, issue: 'bank.routing_length' };
  if (!routingNumberValid(digits)) return { ok: false, issue: 'bank.routing_checksum' };
  return { ok: true, digits };
}

/** US account numbers are 4 to 17 digits. The second entry must match the first. */
export function checkBankAccountNumber(
  input: string,
  confirmation?: string,
): { ok: true; digits: string } | { ok: false; issue: AccountNumberIssueCode } {
  const digits = input.replace(/[\s-]/g, '');
  if (!digits) return { ok: false, issue: 'bank.account_empty' };
  if (!/^\d{4,17}$/.test(digits)) return { ok: false, issue: 'bank.account_format' };
  if (confirmation !== undefined && confirmation.replace(/[\s-]/g, '') !== digits) return { ok: false, issue: 'bank.account_mismatch' };
  return { ok: true, digits };
}
