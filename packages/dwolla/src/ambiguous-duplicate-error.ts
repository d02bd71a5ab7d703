import { AchBridgeError, hasErrorMarker, setErrorMarker } from '@achbridge/core';

/** What `DwollaAmbiguousDuplicateError` reports. */
export interface AmbiguousDuplicateDetails {
  /** Dwolla's error code: `ValidationError` (the documented form) or `DuplicateResource`. */
  dwollaCode: string;
  /** The funding-source name achbridge asked for. */
  requestedName: string;
  /** The account type achbridge asked for, when known. */
  requestedBankAccountType: string | undefined;
  /** How many of the customer's live bank funding sources matched name and type (0 or several). */
  matches: number;
  /** How many live bank funding sources the customer has. */
  bankFundingSources: number;
  /** For a `DuplicateResource` pointing at an account of another type: that funding source's id and type. */
  pointedAt?: { id: string; bankAccountType: string | null } | undefined;
  /** The Dwolla error. */
  cause: unknown;
}

/**
 * Dwolla answered "duplicate funding source" (or its documented ambiguous `ValidationError`, "Duplicate funding
 * source or validation error") and achbridge could not tell which existing funding source is this account,
 * so it refuses rather than return a different account. Nothing was created.
 */
export class DwollaAmbiguousDuplicateError extends AchBridgeError {
  /** Dwolla's error code. */
  readonly dwollaCode: string;
  /** The funding-source name asked for. */
  readonly requestedName: string;
  /** The account type asked for, when known. */
  readonly requestedBankAccountType: string | undefined;
  /** Matching live bank funding sources (0 or several). */
  readonly matches: number;
  /** Live bank funding sources of the customer. */
  readonly bankFundingSources: number;

  constructor(details: AmbiguousDuplicateDetails) {
    const wanted = `${details.requestedBankAccountType ?? 'bank'} account named '${details.requestedName}'`;
    const why =
      details.pointedAt !== undefined
        ? `Dwolla pointed at funding source ${details.pointedAt.id}, a ${details.pointedAt.bankAccountType ?? 'bank'} account, not the ${wanted}`
        : `${details.matches === 0 ? 'none' : details.matches} of the customer's ${details.bankFundingSources} bank funding sources ${details.matches === 1 ? 'is' : 'are'} a ${wanted}`;
    super(
      'DWOLLA_AMBIGUOUS_DUPLICATE',
      `Dwolla answered ${details.dwollaCode} (duplicate funding source or validation error) and achbridge cannot tell which funding source is this account: ${why}. Nothing was created; list the customer's funding sources, or remove the stale one and link again.`,
      { cause: details.cause },
    );
    this.name = 'DwollaAmbiguousDuplicateError';
    this.dwollaCode = details.dwollaCode;
    this.requestedName = details.requestedName;
    this.requestedBankAccountType = details.requestedBankAccountType;
    this.matches = details.matches;
    this.bankFundingSources = details.bankFundingSources;
    setErrorMarker(this, 'DwollaAmbiguousDuplicateError');
  }

  /** Whether `error` is a DwollaAmbiguousDuplicateError, even from another copy of the package. */
  static override isInstance(error: unknown): error is DwollaAmbiguousDuplicateError {
    return hasErrorMarker(error, 'DwollaAmbiguousDuplicateError');
  }
}
