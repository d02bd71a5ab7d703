import type { DwollaClient } from './dwolla-client.js';
import { DwollaApiError } from './dwolla-errors.js';
import { type DwollaCustomer, type DwollaCustomerResult, toCustomer } from './dwolla-models.js';
import { customerListSchema, customerSchema } from './dwolla-schemas.js';
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
  const response = await client.get(url, customerSchema(), signal ? { signal } : {});
  return toCustomer(response.data, url);
}

/** The customer whose email is `email` (case-insensitive), from `GET /customers?email=`, if any. */
export async function findCustomerByEmail(
  client: DwollaClient,
  email: string,
  signal?: AbortSignal,
): Promise<DwollaCustomer | undefined> {
  const url = client.resolveUrl('/customers');
  const response = await client.get(url, customerListSchema(), {
    query: { email, limit: '25' },
    ...(signal ? { signal } : {}),
  });
  const match = response.data._embedded.customers.find(
    (customer) => customer.email?.toLowerCase() === email.toLowerCase(),
  );
  return match === undefined ? undefined : toCustomer(match, client.resolveUrl(`/customers/${match.id}`));
}

/**
 * Creates a customer with an Idempotency-Key, reporting `created: false` for a customer that already
 * existed: first it looks the email up (`GET /customers?email=`), so an identical repeat - which Dwolla
 * would answer by replaying the original 201 - is recognised; and when Dwolla answers that the email
 * already belongs to a customer (embedded `Duplicate` on `/email` with an about link, e.g. a concurrent
 * create), that customer is returned with `created: false` too.
 */
export async function createCustomerResource(
  client: DwollaClient,
  body: CreateCustomerBody,
  options: { idempotencyKey: string; signal?: AbortSignal | undefined },
): Promise<DwollaCustomerResult> {
  const payload: Record<string, unknown> = Object.fromEntries(
    Object.entries(body).filter(([, value]) => value !== undefined),
  );
  const existing = await findCustomerByEmail(client, body.email, options.signal);
  if (existing !== undefined) return { ...existing, created: false };
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
