import { callStripe, type StripeCallContext } from './call-stripe.js';
import { deriveIdempotencyKey } from './idempotency.js';
import {
  bankAccountSchema,
  bankAccountTokenSchema,
  listSchema,
  type StripeBankAccountObject,
} from './schemas.js';
import { StripeApiError } from './stripe-errors.js';

const bankAccountListSchema = listSchema(bankAccountSchema());

/** Bank account statuses that can no longer be debited; a duplicate of one of these is not reused. */
const DEAD_STATUSES = new Set(['verification_failed', 'errored', 'tokenized_account_number_deactivated']);

/** Metadata keys achbridge sets on the bank accounts it attaches. */
export const BANK_ACCOUNT_METADATA_KEYS = {
  itemId: 'achbridge_plaid_item_id',
  accountId: 'achbridge_plaid_account_id',
  /** Plaid's `persistent_account_id`: the same account across Items at tokenized-account-number banks. */
  persistentAccountId: 'achbridge_plaid_persistent_account_id',
} as const;

/** The Stripe errors after which the existing bank account is looked up instead of failing. */
const LOOKUP_CODES = new Set(['bank_account_exists', 'token_already_used', 'idempotency_error']);

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

/** Lists every bank account of a customer (all pages) and returns the first usable one that `matches`. */
export async function findCustomerBankAccount(
  context: StripeCallContext,
  customerId: string,
  matches: (account: StripeBankAccountObject) => boolean,
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
    const match = page.data.find((account) => !DEAD_STATUSES.has(account.status) && matches(account));
    if (match) return match;
    const last = page.data.at(-1);
    if (!page.has_more || !last) return undefined;
    startingAfter = last.id;
  }
}

/** Lists every bank account of a customer (all pages) and returns the usable one matching `identity`. */
export function findExistingBankAccount(
  context: StripeCallContext,
  customerId: string,
  identity: BankAccountIdentity,
  signal: AbortSignal | undefined,
): Promise<StripeBankAccountObject | undefined> {
  return findCustomerBankAccount(context, customerId, (account) => isSameAccount(account, identity), signal);
}

/** Reads the fingerprint, routing number and last4 behind a btok (`GET /v1/tokens/{token}`). */
export async function readTokenIdentity(
  context: StripeCallContext,
  bankAccountToken: string,
  signal: AbortSignal | undefined,
): Promise<BankAccountIdentity> {
  const token = await callStripe(
    context,
    'GET /v1/tokens/{token}',
    bankAccountTokenSchema(),
    (stripe, options) => stripe.tokens.retrieve(bankAccountToken, {}, options),
    { signal },
  );
  return {
    fingerprint: token.bank_account.fingerprint ?? null,
    routingNumber: token.bank_account.routing_number ?? null,
    last4: token.bank_account.last4,
  };
}

/** Input of `attachBankAccount`. */
export interface AttachInput {
  customerId: string;
  bankAccountToken: string;
  /** Plaid's `persistent_account_id` of the account (tokenized-account-number banks), else null. */
  persistentAccountId: string | null;
  itemId: string;
  accountId: string;
  signal: AbortSignal | undefined;
}

/**
 * Attaches the token to the customer, or returns the customer's existing bank account for the same account
 * (`created: false`). The common path is one call: the attach, under an idempotency key derived from item,
 * account and customer. Only when Stripe answers `bank_account_exists` (documented: the customer already has
 * this routing and account number), `token_already_used` (an earlier attempt consumed the token) or
 * `idempotency_error` (an earlier run used the key with another token) are the token and the customer's
 * bank accounts read to return the one with the same fingerprint; when an earlier run's account is gone,
 * the token is attached under a key that also covers the token. At a tokenized-account-number bank (Plaid
 * gives a `persistent_account_id`) a re-link carries a new account number, hence a new fingerprint, so the
 * customer's bank accounts are first searched for the persistent id achbridge stores in their metadata.
 */
export async function attachBankAccount(
  context: StripeCallContext,
  input: AttachInput,
): Promise<{ bankAccount: StripeBankAccountObject; created: boolean }> {
  const { persistentAccountId } = input;
  if (persistentAccountId !== null) {
    const same = await findCustomerBankAccount(
      context,
      input.customerId,
      (account) => account.metadata?.[BANK_ACCOUNT_METADATA_KEYS.persistentAccountId] === persistentAccountId,
      input.signal,
    );
    if (same) return { bankAccount: same, created: false };
  }
  const metadata: Record<string, string> = {
    [BANK_ACCOUNT_METADATA_KEYS.itemId]: input.itemId,
    [BANK_ACCOUNT_METADATA_KEYS.accountId]: input.accountId,
    ...(persistentAccountId === null
      ? {}
      : { [BANK_ACCOUNT_METADATA_KEYS.persistentAccountId]: persistentAccountId }),
  };
  const attach = (idempotencyKey: string) =>
    callStripe(
      context,
      'POST /v1/customers/{customer}/sources',
      bankAccountSchema(),
      (stripe, options) =>
        stripe.customers.createSource(
          input.customerId,
          { source: input.bankAccountToken, metadata },
          options,
        ),
      { signal: input.signal, idempotencyKey },
    );
  const baseKey = deriveIdempotencyKey('attach', [input.itemId, input.accountId, input.customerId]);
  try {
    return { bankAccount: await attach(baseKey), created: true };
  } catch (error) {
    if (!StripeApiError.isInstance(error) || !LOOKUP_CODES.has(error.code)) throw error;
    const identity = await readTokenIdentity(context, input.bankAccountToken, input.signal);
    const attached = await findExistingBankAccount(context, input.customerId, identity, input.signal);
    if (attached) return { bankAccount: attached, created: error.code === 'token_already_used' };
    if (error.code !== 'idempotency_error') throw error;
    const tokenKey = deriveIdempotencyKey('attach-retry', [
      input.itemId,
      input.accountId,
      input.customerId,
      input.bankAccountToken,
    ]);
    return { bankAccount: await attach(tokenKey), created: true };
  }
}
