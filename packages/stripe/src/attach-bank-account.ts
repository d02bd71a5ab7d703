import { callStripe, type StripeCallContext } from './call-stripe.js';
import { deriveIdempotencyKey } from './idempotency.js';
import { bankAccountSchema, listSchema, type StripeBankAccountObject } from './schemas.js';
import { StripeApiError } from './stripe-errors.js';

const bankAccountListSchema = listSchema(bankAccountSchema);

/** Bank account statuses that can no longer be debited; a duplicate of one of these is not reused. */
const DEAD_STATUSES = new Set(['verification_failed', 'errored', 'tokenized_account_number_deactivated']);

/** What identifies the account behind a bank account token. */
export interface BankAccountIdentity {
  fingerprint: string | null;
  routingNumber: string | null;
  last4: string;
}

/** Whether a customer's bank account is the same account as `identity` (fingerprint, else routing + last4). */
export function isSameAccount(account: StripeBankAccountObject, identity: BankAccountIdentity): boolean {
  if (identity.fingerprint && account.fingerprint) return account.fingerprint === identity.fingerprint;
  return (
    identity.routingNumber !== null &&
    account.routing_number === identity.routingNumber &&
    account.last4 === identity.last4
  );
}

/** Lists every bank account of a customer (all pages) and returns the usable one matching `identity`. */
export async function findExistingBankAccount(
  context: StripeCallContext,
  customerId: string,
  identity: BankAccountIdentity,
  signal: AbortSignal | undefined,
): Promise<StripeBankAccountObject | undefined> {
  let startingAfter: string | undefined;
  for (;;) {
    const page = await callStripe(
      context,
      'GET /v1/customers/{customer}/sources',
      bankAccountListSchema,
      (stripe, options) =>
        stripe.customers.listSources(
          customerId,
          { object: 'bank_account', limit: 100, ...(startingAfter ? { starting_after: startingAfter } : {}) },
          options,
        ),
      { signal },
    );
    const match = page.data.find(
      (account) => !DEAD_STATUSES.has(account.status) && isSameAccount(account, identity),
    );
    if (match) return match;
    const last = page.data.at(-1);
    if (!page.has_more || !last) return undefined;
    startingAfter = last.id;
  }
}

/** Input of `attachBankAccount`. */
export interface AttachInput {
  customerId: string;
  bankAccountToken: string;
  identity: BankAccountIdentity;
  itemId: string;
  accountId: string;
  signal: AbortSignal | undefined;
}

/**
 * Returns the customer's existing bank account for the same account (`created: false`), or attaches
 * the token with an idempotency key derived from item, account and customer. A `token_already_used`
 * answer (an earlier attempt of this call consumed the fresh token) or an `idempotency_error` (the key
 * was used by an earlier run with another token) resolves to the attached account; when an earlier
 * run's account is gone, the token is attached under a key that also covers the token.
 */
export async function attachBankAccount(
  context: StripeCallContext,
  input: AttachInput,
): Promise<{ bankAccount: StripeBankAccountObject; created: boolean }> {
  const existing = await findExistingBankAccount(context, input.customerId, input.identity, input.signal);
  if (existing) return { bankAccount: existing, created: false };
  const attach = (idempotencyKey: string) =>
    callStripe(
      context,
      'POST /v1/customers/{customer}/sources',
      bankAccountSchema,
      (stripe, options) =>
        stripe.customers.createSource(
          input.customerId,
          {
            source: input.bankAccountToken,
            metadata: { achbridge_plaid_item_id: input.itemId, achbridge_plaid_account_id: input.accountId },
          },
          options,
        ),
      { signal: input.signal, idempotencyKey },
    );
  const baseKey = deriveIdempotencyKey('attach', [input.itemId, input.accountId, input.customerId]);
  try {
    return { bankAccount: await attach(baseKey), created: true };
  } catch (error) {
    if (!StripeApiError.isInstance(error)) throw error;
    if (error.code !== 'token_already_used' && error.code !== 'idempotency_error') throw error;
    const attached = await findExistingBankAccount(context, input.customerId, input.identity, input.signal);
    if (attached) return { bankAccount: attached, created: error.code === 'token_already_used' };
    if (error.code === 'token_already_used') throw error;
    const tokenKey = deriveIdempotencyKey('attach-retry', [
      input.itemId,
      input.accountId,
      input.customerId,
      input.bankAccountToken,
    ]);
    return { bankAccount: await attach(tokenKey), created: true };
  }
}
