import { DwollaAmbiguousDuplicateError } from './ambiguous-duplicate-error.js';
import type { DwollaClient } from './dwolla-client.js';
import { DwollaApiError } from './dwolla-errors.js';
import type { DwollaFundingSource } from './dwolla-models.js';
import { idFromDwollaUrl } from './dwolla-url.js';
import { type FundingSourceIdentity, matchingFundingSources } from './funding-source-identity.js';
import { fetchCustomerFundingSources, fetchFundingSource } from './funding-sources.js';

const DUPLICATE_MESSAGE = /duplicate funding source|already associated to a funding source|already exists/i;
const BANK_ID_IN_MESSAGE = /\bid=([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/i;

/** Whether a Dwolla error says "this bank is already a funding source" (either documented form). */
export function isDuplicateFundingSourceError(error: unknown): error is DwollaApiError {
  if (!DwollaApiError.isInstance(error)) return false;
  if (error.hasCode('DuplicateResource')) return true;
  if (!error.hasCode('ValidationError')) return false;
  if (error.embeddedErrors.some((e) => e.code.toLowerCase() === 'duplicate')) return true;
  return DUPLICATE_MESSAGE.test(error.dwollaMessage);
}

/**
 * Resolves a duplicate answer to the existing funding source of the same account, or throws
 * `DwollaAmbiguousDuplicateError`; it never returns another account. When Dwolla points at the existing
 * funding source (`DuplicateResource`'s `_links.about`, an `id=` in the message, an embedded error's about
 * link) that one is read and returned if its account type agrees. Dwolla's documented answer for customer
 * funding sources is a `ValidationError` without any id ("Duplicate funding source or validation error.
 * Authorization already associated to a funding source.", OpenAPI `DuplicateFundingSourceError`); then the
 * customer's live bank funding sources are matched on the account's identity (type and name, the name
 * carrying the persistent-id tag at tokenized-account-number banks) and exactly one must match.
 */
export async function resolveDuplicateFundingSource(
  client: DwollaClient,
  error: DwollaApiError,
  context: { customerId: string; identity: FundingSourceIdentity; signal?: AbortSignal | undefined },
): Promise<DwollaFundingSource> {
  const { identity } = context;
  const ambiguity = {
    dwollaCode: error.code,
    requestedName: identity.name,
    requestedBankAccountType: identity.bankAccountType,
    cause: error,
  };
  const direct =
    error.aboutUrl ??
    error.embeddedErrors.find((e) => e.aboutUrl !== undefined)?.aboutUrl ??
    BANK_ID_IN_MESSAGE.exec(error.dwollaMessage)?.[1];
  const directId = direct === undefined ? undefined : direct.includes('/') ? idFromDwollaUrl(direct) : direct;
  if (directId !== undefined) {
    const pointed = await fetchFundingSource(client, directId, context.signal);
    const typeAgrees =
      identity.bankAccountType === undefined || pointed.bankAccountType === identity.bankAccountType;
    if (typeAgrees && !pointed.removed) return pointed;
    throw new DwollaAmbiguousDuplicateError({
      ...ambiguity,
      matches: 0,
      bankFundingSources: 1,
      pointedAt: { id: pointed.id, bankAccountType: pointed.bankAccountType },
    });
  }
  const banks = (
    await fetchCustomerFundingSources(client, context.customerId, { removed: false, signal: context.signal })
  ).filter((source) => source.type === 'bank' && !source.removed);
  const matches = matchingFundingSources(banks, identity);
  if (matches.length === 1 && matches[0] !== undefined) return matches[0];
  throw new DwollaAmbiguousDuplicateError({
    ...ambiguity,
    matches: matches.length,
    bankFundingSources: banks.length,
  });
}
