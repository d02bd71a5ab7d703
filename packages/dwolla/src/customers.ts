import type { DwollaClient } from './dwolla-client.js';
import { DwollaApiError } from './dwolla-errors.js';
import { type DwollaCustomer, type DwollaCustomerResult, toCustomer } from './dwolla-models.js';
import { customerSchema } from './dwolla-schemas.js';
import { idFromDwollaUrl } from './dwolla-url.js';

/** The body of `POST /customers` for an unverified or receive-only customer. */
export interface CreateCustomerBody {
  firstName: string;
  lastName: string;
  email: string;
  type: 'unverified' | 'receive-only';
  businessName?: string | undefined;
  correlationId?: string | undefined;
  ipAddress?: string | undefined;
  phone?: string | undefined;
}

/** Reads one customer by id. */
export async function fetchCustomer(
  client: DwollaClient,
  id: string,
  signal?: AbortSignal,
): Promise<DwollaCustomer> {
  const url = client.resolveUrl(`/customers/${id}`);
  const response = await client.get(url, customerSchema, signal ? { signal } : {});
  return toCustomer(response.data, url);
}

/**
 * Creates a customer with an Idempotency-Key; when Dwolla answers that the email already belongs to a
 * customer (embedded `Duplicate` on `/email` with an about link), that customer is returned with
 * `created: false`.
 */
export async function createCustomerResource(
  client: DwollaClient,
  body: CreateCustomerBody,
  options: { idempotencyKey: string; signal?: AbortSignal | undefined },
): Promise<DwollaCustomerResult> {
  const payload: Record<string, unknown> = Object.fromEntries(
    Object.entries(body).filter(([, value]) => value !== undefined),
  );
  try {
    const created = await client.create('/customers', payload, options);
    return { ...(await fetchCustomer(client, created.id, options.signal)), created: true };
  } catch (error) {
    if (!DwollaApiError.isInstance(error)) throw error;
    const duplicate = error.embeddedErrors.find(
      (e) => e.code.toLowerCase() === 'duplicate' && e.path === '/email' && e.aboutUrl !== undefined,
    );
    const existingId = duplicate?.aboutUrl === undefined ? undefined : idFromDwollaUrl(duplicate.aboutUrl);
    if (existingId === undefined) throw error;
    return { ...(await fetchCustomer(client, existingId, options.signal)), created: false };
  }
}
