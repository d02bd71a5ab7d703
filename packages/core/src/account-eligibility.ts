import { AchBridgeError, type AchBridgeErrorOptions, hasErrorMarker, setErrorMarker } from './errors.js';
import type { PlaidAccount } from './plaid/plaid-client-types.js';

/** Why a Plaid account cannot be debited by ACH. */
export type AccountRefusalReason =
  | 'non_us_account'
  | 'not_depository'
  | 'unsupported_subtype'
  | 'not_verified';

/** The Plaid `verification_status` values of accounts whose numbers are not usable yet. */
const UNVERIFIED_STATUSES = new Set([
  'pending_automatic_verification',
  'pending_manual_verification',
  'unsent',
  'verification_expired',
  'verification_failed',
]);

/** The verdict of `checkAchDebitable`. */
export type AchDebitVerdict =
  | { debitable: true }
  | { debitable: false; reason: AccountRefusalReason; explanation: string };

/**
 * Whether ACH (Stripe ACH Direct Debit, Dwolla) can debit this Plaid account: a US dollar (`USD`; Plaid reports
 * Canadian accounts in `CAD`), depository checking or savings account whose numbers are verified. A missing
 * subtype or currency is left to the processor.
 */
export function checkAchDebitable(account: PlaidAccount): AchDebitVerdict {
  const currency = account.balances.isoCurrencyCode;
  if (currency !== null && currency.toUpperCase() !== 'USD') {
    return {
      debitable: false,
      reason: 'non_us_account',
      explanation: `it is held in ${currency}, not USD: ACH debits only US bank accounts (a non-US institution)`,
    };
  }
  if (account.type !== 'depository') {
    return {
      debitable: false,
      reason: 'not_depository',
      explanation: `Plaid reports type '${account.type}'; ACH debits only depository checking or savings accounts`,
    };
  }
  if (account.subtype !== null && account.subtype !== 'checking' && account.subtype !== 'savings') {
    return {
      debitable: false,
      reason: 'unsupported_subtype',
      explanation: `Plaid reports subtype '${account.subtype}'; ACH debits only checking or savings accounts`,
    };
  }
  const status = account.verificationStatus ?? null;
  if (status !== null && UNVERIFIED_STATUSES.has(status)) {
    return {
      debitable: false,
      reason: 'not_verified',
      explanation: `its numbers are not verified yet (Plaid verification_status '${status}'); link it once verified`,
    };
  }
  return { debitable: true };
}

/** Details of an `AccountNotDebitableError`. */
export interface AccountNotDebitableDetails extends AchBridgeErrorOptions {
  /** Why the account was refused. */
  reason: AccountRefusalReason;
  /** The Plaid account id. */
  accountId: string;
  /** The processor that would have debited it, e.g. `stripe`. */
  processor: string;
  /** A sentence explaining the refusal. */
  explanation: string;
}

/** A Plaid account was refused before any provider write because the processor cannot debit it. */
export class AccountNotDebitableError extends AchBridgeError {
  /** Why: `non_us_account`, `not_depository`, `unsupported_subtype` or `not_verified`. */
  readonly reason: AccountRefusalReason;
  /** The Plaid account id. */
  readonly accountId: string;
  /** The processor that would have debited it. */
  readonly processor: string;

  constructor(details: AccountNotDebitableDetails) {
    super(
      'ACCOUNT_NOT_DEBITABLE',
      `${details.processor} cannot debit Plaid account ${details.accountId}: ${details.explanation}. Ask the user to link a US checking or savings account.`,
      details,
    );
    this.name = 'AccountNotDebitableError';
    this.reason = details.reason;
    this.accountId = details.accountId;
    this.processor = details.processor;
    setErrorMarker(this, 'AccountNotDebitableError');
  }

  /** Whether `error` is an AccountNotDebitableError, even from another copy of the package. */
  static override isInstance(error: unknown): error is AccountNotDebitableError {
    return hasErrorMarker(error, 'AccountNotDebitableError');
  }
}

/** Throws `AccountNotDebitableError` unless `checkAchDebitable(account)` says the processor can debit it. */
export function assertAchDebitable(account: PlaidAccount, processor: string): void {
  const verdict = checkAchDebitable(account);
  if (verdict.debitable) return;
  throw new AccountNotDebitableError({
    reason: verdict.reason,
    accountId: account.accountId,
    processor,
    explanation: verdict.explanation,
  });
}
