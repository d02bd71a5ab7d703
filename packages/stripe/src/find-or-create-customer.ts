import { sha256HexOf } from '@achbridge/core/internal';
import type { z } from 'zod';
import { callStripe, type StripeCallContext } from './call-stripe.js';
import { deriveIdempotencyKey } from './idempotency.js';
import { normalizeEmail } from './normalize-email.js';
import { customerSchema, listSchema } from './schemas.js';

/** Metadata key achbridge sets on customers it creates: a hash of the email. */
export const CUSTOMER_REF_METADATA_KEY = 'achbridge_customer_ref';

/** Who to find or create. */
export interface CustomerByEmail {
  email: string;
  name?: string | undefined;
  metadata?: Record<string, string> | undefined;
}

const customerListSchema = listSchema(customerSchema());
type CustomerObject = z.output<ReturnType<typeof customerSchema>>;

/** The value of the customer-ref metadata for an email (case-insensitive). */
export function customerRef(email: string): string {
  return sha256HexOf(normalizeEmail(email)).slice(0, 32);
}

function pick(customers: CustomerObject[], ref: string): CustomerObject | undefined {
  const live = customers.filter((customer) => customer.deleted !== true);
  const ours = live.filter((customer) => customer.metadata?.[CUSTOMER_REF_METADATA_KEY] === ref);
  const pool = ours.length > 0 ? ours : live;
  // The oldest one: stable across re-runs even when more customers with the email appear later.
  return [...pool].sort((a, b) => a.created - b.created || a.id.localeCompare(b.id))[0];
}

async function listByEmail(
  context: StripeCallContext,
  email: string,
  signal: AbortSignal | undefined,
): Promise<CustomerObject[]> {
  const page = await callStripe(
    context,
    'GET /v1/customers',
    customerListSchema,
    (stripe, options) => stripe.customers.list({ email, limit: 100 }, options),
    { signal },
  );
  return page.data;
}

/**
 * Finds the Stripe customer with this email (preferring one achbridge created, then the oldest) or
 * creates one. The email is normalised once (`normalizeEmail`: trimmed, lower-cased) and that form is
 * looked up, stored and hashed into the create's idempotency key, so `Ada@Example.com` and
 * `ada@example.com` are one customer, sequentially or at once. A differently-cased input is also looked up
 * as typed (one more call), to find customers created with that exact spelling before. Within Stripe's 24 h
 * key window a retry or a concurrent re-run returns the same customer; later, the lookup finds it.
 */
export async function findOrCreateCustomer(
  context: StripeCallContext,
  customer: CustomerByEmail,
  signal: AbortSignal | undefined,
): Promise<{ customerId: string; created: boolean }> {
  const email = normalizeEmail(customer.email);
  const ref = customerRef(email);
  let found = pick(await listByEmail(context, email, signal), ref);
  const typed = customer.email.trim();
  if (!found && typed !== email) found = pick(await listByEmail(context, typed, signal), ref);
  if (found) return { customerId: found.id, created: false };
  const metadata = { ...customer.metadata, [CUSTOMER_REF_METADATA_KEY]: ref };
  const sortedMetadata = JSON.stringify(Object.entries(metadata).sort(([a], [b]) => a.localeCompare(b)));
  const created = await callStripe(
    context,
    'POST /v1/customers',
    customerSchema(),
    (stripe, options) =>
      stripe.customers.create(
        { email, ...(customer.name === undefined ? {} : { name: customer.name }), metadata },
        options,
      ),
    {
      signal,
      idempotencyKey: deriveIdempotencyKey('customer', [email, customer.name ?? '', sortedMetadata]),
    },
  );
  return { customerId: created.id, created: true };
}
