import type { DwollaClient } from './dwolla-client.js';
import { DwollaApiError } from './dwolla-errors.js';
import type { DwollaFundingSource } from './dwolla-models.js';
import { idFromDwollaUrl } from './dwolla-url.js';
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
 * Finds the existing funding source a duplicate error refers to: `_links.about` (DuplicateResource),
 * an `id=` in the message, an embedded error's about link, or else the customer's one non-removed bank
 * funding source with the requested name (or the only one). Returns undefined when it cannot be told.
 */
export async function findDuplicateFundingSource(
  client: DwollaClient,
  error: DwollaApiError,
  context: { customerId: string; name: string; signal?: AbortSignal | undefined },
): Promise<DwollaFundingSource | undefined> {
  const direct =
    error.aboutUrl ??
    error.embeddedErrors.find((e) => e.aboutUrl !== undefined)?.aboutUrl ??
    BANK_ID_IN_MESSAGE.exec(error.dwollaMessage)?.[1];
  if (direct !== undefined) {
    const id = direct.includes('/') ? idFromDwollaUrl(direct) : direct;
    if (id !== undefined) return fetchFundingSource(client, id, context.signal);
  }
  const banks = (
    await fetchCustomerFundingSources(client, context.customerId, { removed: false, signal: context.signal })
  ).filter((source) => source.type === 'bank' && !source.removed);
  const named = banks.filter((source) => source.name === context.name);
  if (named.length === 1) return named[0];
  if (banks.length === 1) return banks[0];
  return undefined;
}
