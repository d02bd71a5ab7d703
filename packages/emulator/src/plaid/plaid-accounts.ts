import { createHash, randomInt } from 'node:crypto';
import { randomAlphanumeric } from '../ids.js';
import type { PlaidInstitution } from './plaid-institutions.js';
import type { PlaidAccount } from './plaid-state.js';

type AccountTemplate = Omit<
  PlaidAccount,
  'account_id' | 'verificationStatus' | 'persistentAccountId' | 'tokenized'
>;

// Plaid's default Sandbox user (user_good) accounts: names, masks and balances as in Plaid's docs examples.
const DEFAULT_ACCOUNTS: readonly AccountTemplate[] = [
  {
    name: 'Plaid Checking',
    official_name: 'Plaid Gold Standard 0% Interest Checking',
    type: 'depository',
    subtype: 'checking',
    mask: '0000',
    balances: { available: 100, current: 110, limit: null },
    accountNumber: '1111222233330000',
  },
  {
    name: 'Plaid Saving',
    official_name: 'Plaid Silver Standard 0.1% Interest Saving',
    type: 'depository',
    subtype: 'savings',
    mask: '1111',
    balances: { available: 200, current: 210, limit: null },
    accountNumber: '1111222233331111',
  },
  {
    name: 'Plaid CD',
    official_name: 'Plaid Bronze Standard 0.2% Interest CD',
    type: 'depository',
    subtype: 'cd',
    mask: '2222',
    balances: { available: null, current: 1000, limit: null },
    accountNumber: null,
  },
  {
    name: 'Plaid Credit Card',
    official_name: 'Plaid Diamond 12.5% APR Interest Credit Card',
    type: 'credit',
    subtype: 'credit card',
    mask: '3333',
    balances: { available: null, current: 410, limit: 2000 },
    accountNumber: null,
  },
  {
    name: 'Plaid Money Market',
    official_name: 'Plaid Platinum Standard 1.85% Interest Money Market',
    type: 'depository',
    subtype: 'money market',
    mask: '4444',
    balances: { available: 43200, current: 43200, limit: null },
    accountNumber: null,
  },
];

/** Plaid's `wire_routing` for emulated US accounts. */
export const SANDBOX_WIRE_ROUTING = '021000021';
/** Routing number Auth returns for emulated US accounts (Plaid's `/auth/get` example). */
export const SANDBOX_ROUTING = '011401533';

/** The same `persistent_account_id` for the same Sandbox account at an institution, on every Item. */
export function persistentAccountIdFor(institutionId: string, mask: string): string {
  return createHash('sha256').update(`achbridge-emulator:persistent:${institutionId}:${mask}`).digest('hex');
}

/** A fresh 16-digit tokenized account number (a different one on every Item). */
function tokenizedAccountNumber(): string {
  let digits = '';
  for (let index = 0; index < 16; index += 1) digits += String(randomInt(10));
  return digits;
}

/**
 * Fresh accounts (new ids) for a `user_good` Item; micro-deposit Items get only a pending checking account.
 * At a TAN institution checking and savings get a new account number per Item and every depository account
 * the same `persistent_account_id` on every Item; at the OAuth institution only the persistent id is set.
 */
export function createSandboxAccounts(
  microDeposits: boolean,
  institution?: Pick<PlaidInstitution, 'institution_id' | 'tokenizedAccountNumbers' | 'persistentAccountIds'>,
): PlaidAccount[] {
  const templates = microDeposits ? DEFAULT_ACCOUNTS.slice(0, 1) : DEFAULT_ACCOUNTS;
  const tokenized = institution?.tokenizedAccountNumbers === true;
  const persistent = tokenized || institution?.persistentAccountIds === true;
  return templates.map((template) => ({
    ...template,
    balances: { ...template.balances },
    account_id: randomAlphanumeric(37),
    verificationStatus: microDeposits ? 'pending_automatic_verification' : null,
    accountNumber:
      tokenized && template.accountNumber !== null ? tokenizedAccountNumber() : template.accountNumber,
    tokenized: tokenized && template.accountNumber !== null,
    persistentAccountId:
      persistent && institution !== undefined && template.type === 'depository'
        ? persistentAccountIdFor(institution.institution_id, template.mask)
        : null,
  }));
}

/** True for accounts Auth returns numbers for (ACH-capable checking and savings). */
export function isAuthEligible(account: PlaidAccount): boolean {
  return account.type === 'depository' && (account.subtype === 'checking' || account.subtype === 'savings');
}

/** Plaid's `AccountBase` object for `account`. */
export function accountView(account: PlaidAccount, currency: string): Record<string, unknown> {
  const view: Record<string, unknown> = {
    account_id: account.account_id,
    balances: {
      available: account.balances.available,
      current: account.balances.current,
      limit: account.balances.limit,
      iso_currency_code: currency,
      unofficial_currency_code: null,
    },
    mask: account.mask,
    name: account.name,
    official_name: account.official_name,
    type: account.type,
    subtype: account.subtype,
    holder_category: 'personal',
    verification_status: account.verificationStatus ?? undefined,
    persistent_account_id: account.persistentAccountId ?? undefined,
  };
  return view;
}
