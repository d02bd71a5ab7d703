import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { callStripe, type StripeCallContext } from './call-stripe.js';
import { deriveIdempotencyKey } from './idempotency.js';
import { customerSchema, listSchema } from './schemas.js';

/** Metadata key achbridge sets on customers it creates: a hash of the email. */
export const CUSTOMER_REF_METADATA_KEY = 'achbridge_customer_ref';

/** Who to find or create. */
export interface CustomerByEmail {
  email: string;
  name?: string | undefined;
  metadata?: Record<string, string> | undefined;
}

const customerListSchema = listSchema(customerSchema);
type CustomerObject = z.output<typeof customerSchema>;

/** The value of the customer-ref metadata for an email (case-insensitive). */
export function customerRef(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
}

function pick(customers: CustomerObject[], ref: string): CustomerObject | undefined {
  const live = customers.filter((customer) => customer.deleted !== true);
  const ours = live.filter((customer) => customer.metadata?.[CUSTOMER_REF_METADATA_KEY] === ref);
  const pool = ours.length > 0 ? ours : live;
  // The oldest one: stable across re-runs even when more customers with the email appear later.
  return [...pool].sort((a, b) => a.created - b.created || a.id.localeCompare(b.id))[0];
}

/**
 * Finds the Stripe customer with this email (preferring one achbridge created, then the oldest) or
 * creates one. The create carries an idempotency key derived from the email, name and metadata, so a
 * retry or a concurrent re-run within Stripe's 24 h key window returns the same customer.
 */
export async function findOrCreateCustomer(
  context: StripeCallContext,
  customer: CustomerByEmail,
  signal: AbortSignal | undefined,
): Promise<{ customerId: string; created: boolean }> {
  const ref = customerRef(customer.email);
  const page = await callStripe(
    context,
    'GET /v1/customers',
    customerListSchema,
    (stripe, options) => stripe.customers.list({ email: customer.email, limit: 100 }, options),
    { signal },
  );
  const found = pick(page.data, ref);
  if (found) return { customerId: found.id, created: false };
  const metadata = { ...customer.metadata, [CUSTOMER_REF_METADATA_KEY]: ref };
  const sortedMetadata = JSON.stringify(Object.entries(metadata).sort(([a], [b]) => a.localeCompare(b)));
  const created = await callStripe(
    context,
    'POST /v1/customers',
    customerSchema,
    (stripe, options) =>
      stripe.customers.create(
        { email: customer.email, ...(customer.name === undefined ? {} : { name: customer.name }), metadata },
        options,
      ),
    {
      signal,
      idempotencyKey: deriveIdempotencyKey('customer', [customer.email, customer.name ?? '', sortedMetadata]),
    },
  );
  return { customerId: created.id, created: true };
}
