import { assertAchDebitable } from './account-eligibility.js';
import { InputValidationError } from './errors.js';
import type { PlaidAccount } from './plaid/plaid-client-types.js';

/** What an adapter's `link` learns from the accounts read it runs beside its processor-token mint. */
export interface DebitAccountRead<T> {
  /** The Plaid account to debit: found on the Item and checked as ACH-debitable for the processor. */
  account: PlaidAccount;
  /** The Item the access token belongs to. */
  itemId: string;
  /** The mint's outcome: the caller decides when a failed mint matters (only before a processor write). */
  minted: PromiseSettledResult<T>;
}

/**
 * Reads the Plaid account and mints its processor token side by side (both need only the access token and
 * the account id, neither writes at the processor), so a fresh link waits one round trip less. Both settle
 * first; the read's verdict wins: its error, an account id not on the Item, or an account the processor
 * cannot debit is thrown before anything else, and a token minted beside it is dropped unused.
 */
export async function readDebitAccountBesideMint<T>(options: {
  readAccounts: () => Promise<{ accounts: PlaidAccount[]; item: { itemId: string } }>;
  mint: () => Promise<T>;
  accountId: string;
  /** The processor the account must be debitable for, named in the refusal. */
  processor: string;
  /** The public operation, named in an input error (default `link`). */
  operation?: string;
}): Promise<DebitAccountRead<T>> {
  const [read, minted] = await Promise.allSettled([options.readAccounts(), options.mint()]);
  if (read.status === 'rejected') throw read.reason;
  const account = read.value.accounts.find((candidate) => candidate.accountId === options.accountId);
  if (!account) {
    throw new InputValidationError(options.operation ?? 'link', [
      { path: 'accountId', message: 'is not an account of this Plaid Item' },
    ]);
  }
  // Refused before any write: non-US (non-USD), not depository, not checking/savings, unverified.
  assertAchDebitable(account, options.processor);
  return { account, itemId: read.value.item.itemId, minted };
}

/**
 * The bank account type a processor is told: the caller's `bankAccountType` when it agrees with Plaid's
 * subtype, else Plaid's checking/savings subtype; an input error naming `bankAccountType` when they
 * disagree or when Plaid's subtype says neither and the caller gave none.
 */
export function bankAccountTypeOf(
  account: PlaidAccount,
  requested: 'checking' | 'savings' | undefined,
  operation = 'link',
): 'checking' | 'savings' {
  const fail = (message: string): InputValidationError =>
    new InputValidationError(operation, [{ path: 'bankAccountType', message }]);
  const subtype =
    account.subtype === 'checking' || account.subtype === 'savings' ? account.subtype : undefined;
  if (requested !== undefined && subtype !== undefined && requested !== subtype) {
    throw fail(`is '${requested}' but Plaid reports a ${subtype} account`);
  }
  const type = requested ?? subtype;
  if (type === undefined) throw fail(`is required: Plaid reports subtype '${account.subtype ?? 'none'}'`);
  return type;
}
