import { sha256HexOf } from '@achbridge/core/internal';
import type { DwollaFundingSource } from './dwolla-models.js';

/** Dwolla's longest funding-source name. */
const MAX_NAME_LENGTH = 50;

/** What makes a funding source "the same account" for achbridge's duplicate handling. */
export interface FundingSourceIdentity {
  /** The name achbridge sends (with the persistent-id tag at tokenized-account-number banks). */
  name: string;
  /** `checking` or `savings`, from Plaid's subtype (or the caller); undefined when not known. */
  bankAccountType: 'checking' | 'savings' | undefined;
  /** Plaid's `persistent_account_id` (tokenized-account-number banks), else null. */
  persistentAccountId: string | null;
}

/**
 * The tag achbridge appends to a funding-source name at a tokenized-account-number bank: ` #` and 8 hex
 * characters of the SHA-256 of Plaid's `persistent_account_id`. Dwolla funding sources carry no metadata and
 * their fingerprint follows the (tokenized) account number, which changes on every link; the name is the
 * only field achbridge controls that Dwolla keeps, so it carries the account's persistent identity.
 */
export function persistentAccountTag(persistentAccountId: string): string {
  return ` #${sha256HexOf(persistentAccountId).slice(0, 8)}`;
}

/** The name to send: the caller's, shortened when needed to fit the tag within Dwolla's 50 characters. */
export function fundingSourceName(name: string, persistentAccountId: string | null): string {
  if (persistentAccountId === null) return name;
  const tag = persistentAccountTag(persistentAccountId);
  return `${name.slice(0, MAX_NAME_LENGTH - tag.length).trimEnd()}${tag}`;
}

function isLiveBank(source: DwollaFundingSource): boolean {
  return source.type === 'bank' && !source.removed;
}

/**
 * The customer's live bank funding source for the same tokenized account: its name ends with the
 * persistent-id tag and its account type agrees. Undefined when none; several are impossible unless
 * renamed by hand, and then the oldest is returned.
 */
export function findByPersistentTag(
  sources: readonly DwollaFundingSource[],
  identity: FundingSourceIdentity,
): DwollaFundingSource | undefined {
  if (identity.persistentAccountId === null) return undefined;
  const tag = persistentAccountTag(identity.persistentAccountId);
  return sources
    .filter(
      (source) =>
        isLiveBank(source) &&
        source.name.endsWith(tag) &&
        (identity.bankAccountType === undefined || source.bankAccountType === identity.bankAccountType),
    )
    .sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''))[0];
}

/**
 * The customer's live bank funding sources that are the same account as `identity`: the same account type
 * (when known) and the same name (which, at tokenized-account-number banks, carries the persistent-id tag).
 */
export function matchingFundingSources(
  sources: readonly DwollaFundingSource[],
  identity: FundingSourceIdentity,
): DwollaFundingSource[] {
  return sources.filter(
    (source) =>
      isLiveBank(source) &&
      source.name === identity.name &&
      (identity.bankAccountType === undefined || source.bankAccountType === identity.bankAccountType),
  );
}
