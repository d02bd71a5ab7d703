import type { DwollaClient } from './dwolla-client.js';
import { DwollaApiError } from './dwolla-errors.js';
import { type DwollaFundingSource, toFundingSource } from './dwolla-models.js';
import { fundingSourceListSchema, fundingSourceSchema } from './dwolla-schemas.js';

/** Reads one funding source by id (or by a URL from Dwolla). */
export async function fetchFundingSource(
  client: DwollaClient,
  idOrUrl: string,
  signal?: AbortSignal,
): Promise<DwollaFundingSource> {
  const path = idOrUrl.includes('/') ? idOrUrl : `/funding-sources/${idOrUrl}`;
  const url = client.resolveUrl(path);
  const response = await client.get(url, fundingSourceSchema(), signal ? { signal } : {});
  return toFundingSource(response.data, url);
}

/** Lists a customer's funding sources; `removed: false` leaves out removed ones. */
export async function fetchCustomerFundingSources(
  client: DwollaClient,
  customerId: string,
  options: { removed?: boolean | undefined; signal?: AbortSignal | undefined } = {},
): Promise<DwollaFundingSource[]> {
  const query: Record<string, string> = {};
  if (options.removed !== undefined) query['removed'] = String(options.removed);
  const response = await client.get(`/customers/${customerId}/funding-sources`, fundingSourceListSchema(), {
    query,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return response.data._embedded['funding-sources'].map((item) =>
    toFundingSource(item, client.resolveUrl(`/funding-sources/${item.id}`)),
  );
}

/**
 * Soft-deletes a funding source (`POST /funding-sources/{id}` with `{ removed: true }`). Removing one that
 * is already removed returns it instead of failing, so the call is safe to repeat.
 */
export async function removeFundingSourceById(
  client: DwollaClient,
  id: string,
  options: { idempotencyKey: string; signal?: AbortSignal | undefined },
): Promise<DwollaFundingSource> {
  const url = client.resolveUrl(`/funding-sources/${id}`);
  try {
    const response = await client.post(url, { removed: true }, fundingSourceSchema(), options);
    return toFundingSource(response.data, url);
  } catch (error) {
    if (!DwollaApiError.isInstance(error) || error.status === undefined || error.status >= 500) throw error;
    if (error.hasCode('NotFound')) throw error;
    const current = await fetchFundingSource(client, url, options.signal);
    if (current.removed) return current;
    throw error;
  }
}
