/**
 * The one form of an email address the Stripe adapter looks up, stores and derives idempotency keys from:
 * trimmed and lower-cased as a whole. Stripe's customer list filters on `email` case-sensitively (stripe-node
 * 23 `CustomerListParams.email`: "A case-sensitive filter on the list based on the customer's `email`
 * field"), so `Ada@Example.com` and `ada@example.com` would otherwise be two customers. Lower-casing the local
 * part too is a deliberate choice: providers treat it case-insensitively in practice, and one person typing
 * their address in two ways must not get two customers and two bank accounts.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
