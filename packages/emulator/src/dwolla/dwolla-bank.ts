import { createHash } from 'node:crypto';

/** The bank name Dwolla Sandbox shows for its test routing numbers. */
export const SANDBOX_BANK_NAME = 'SANDBOX TEST BANK';

/** Routing numbers used by Plaid Sandbox test institutions (see the package README). */
const SANDBOX_ROUTING_NUMBERS = new Set([
  '011401533',
  '021000021',
  '011000138',
  '011200365',
  '011400495',
  '333333334',
]);

/**
 * A stable fingerprint of a bank account: the same routing + account number gives the same value for every
 * customer and survives removal, like Dwolla's `fingerprint` (64 hex characters).
 */
export function bankFingerprint(routingNumber: string, accountNumber: string): string {
  return createHash('sha256').update(`achbridge-emulator:${routingNumber}:${accountNumber}`).digest('hex');
}

/**
 * The `bankName` of a funding source: Plaid Sandbox routing numbers show `SANDBOX TEST BANK`; other accounts
 * from Plaid show the institution's name upper-cased (real Dwolla derives it from the routing number).
 */
export function bankNameFor(routingNumber: string, institutionName?: string): string {
  if (SANDBOX_ROUTING_NUMBERS.has(routingNumber)) return SANDBOX_BANK_NAME;
  const name = institutionName?.trim();
  return name ? name.toUpperCase() : SANDBOX_BANK_NAME;
}

/** Whether a 9-digit ABA routing number has a valid checksum (weights 3, 7, 1). */
export function isValidRoutingNumber(routingNumber: string): boolean {
  if (!/^\d{9}$/.test(routingNumber)) return false;
  const weights = [3, 7, 1, 3, 7, 1, 3, 7, 1];
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(routingNumber[i]) * (weights[i] ?? 0);
  return sum % 10 === 0;
}

/** Whether an account number looks like a US bank account number (4-17 digits). */
export function isValidAccountNumber(accountNumber: string): boolean {
  return /^\d{4,17}$/.test(accountNumber);
}
