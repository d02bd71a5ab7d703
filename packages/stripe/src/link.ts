import type { AdapterStore, LinkResult, PlaidClient, PublicTokenExchangeMemo } from '@achbridge/core';
import { parseInput, readLinkAccount, withHiddenAccessToken } from '@achbridge/core/internal';
import { attachBankAccount } from './attach-bank-account.js';
import { attachPaymentMethodFromProcessorToken } from './attach-payment-method.js';
import { mintBankAccountToken } from './bank-account-token.js';
import type { StripeCallContext } from './call-stripe.js';
import { findOrCreateCustomer } from './find-or-create-customer.js';
import { linkInputSchema } from './input-schemas.js';
import type { ProcessorTokenRouteOptions } from './processor-token-route.js';
import { attachOnce, type StripeAttachedAccount } from './store-integration.js';

/** Who owns the bank account in Stripe: an existing customer, or one found or created by email. */
export type StripeCustomerInput =
  | { id: string }
  | { email: string; name?: string | undefined; metadata?: Record<string, string> | undefined };

/** Input of `link`: a Link public token (exchanged here) or an access token, the account and the customer. */
export interface StripeLinkInput {
  /** The public token from Link's onSuccess; exchanged once (repeat calls in this process reuse the exchange). */
  publicToken?: string | undefined;
  /** An access token you already hold, instead of a public token. */
  accessToken?: string | undefined;
  /** The Plaid account chosen in Link. */
  accountId: string;
  /** The Stripe customer to attach the bank account to. */
  customer: StripeCustomerInput;
  /**
   * Aborts the call and any pending retry at once.
   * @deprecated Pass `{ signal }` as the second argument (`link(input, { signal })`), as for every other
   * achbridge client; this field is read for one more minor version, and the second argument wins when both are set.
   */
  signal?: AbortSignal | undefined;
}

/** The customer bank account (or, on the processor-token route, the PaymentMethod) achbridge attached or found. */
export interface StripeBankAccount {
  /** `ba_...` (or `pm_...` on the processor-token route); usable as a PaymentMethod once a mandate exists. */
  id: string;
  /** `bank_account` (a customer bank account) or `payment_method` (a `us_bank_account` PaymentMethod). */
  object: 'bank_account' | 'payment_method';
  last4: string;
  bankName: string | null;
  routingNumber: string | null;
  /**
   * Stripe's status: `new`, `validated`, `verified`, `verification_failed`, `errored`, ...; a PaymentMethod has
   * no status and reads `verified` (Stripe creates processor-token PaymentMethods verified).
   */
  status: string;
  /** Stable per account number; the duplicate check's key. */
  fingerprint: string | null;
}

/** What `link` returns. */
export interface StripeLinkResult extends LinkResult {
  processor: 'stripe';
  bankAccount: StripeBankAccount;
  /**
   * The access token obtained by exchanging `publicToken` (absent when you passed `accessToken`). Store it
   * (encrypted): it is the only way to call Plaid for this Item again. Non-enumerable, so logging or
   * serializing the result never prints it.
   */
  readonly accessToken?: string;
}

/** What `link` needs. */
export interface LinkDependencies {
  plaid: PlaidClient;
  /** The Stripe call context; checks the Plaid/Stripe modes before resolving (no network call). */
  stripe: () => Promise<StripeCallContext>;
  exchanges: PublicTokenExchangeMemo;
  /** When given, the bank account is attached once per (item, account, customer) across processes. */
  store?: AdapterStore | undefined;
  /** When set, the account goes to Stripe as a Plaid processor token on a `us_bank_account` PaymentMethod. */
  processorTokenRoute?: ProcessorTokenRouteOptions | undefined;
}

function toBankAccount(account: StripeAttachedAccount): StripeBankAccount {
  if (account.object === 'payment_method') {
    return {
      id: account.id,
      object: 'payment_method',
      last4: account.us_bank_account.last4,
      bankName: account.us_bank_account.bank_name ?? null,
      routingNumber: account.us_bank_account.routing_number ?? null,
      status: 'verified',
      fingerprint: account.us_bank_account.fingerprint ?? null,
    };
  }
  return {
    id: account.id,
    object: 'bank_account',
    last4: account.last4,
    bankName: account.bank_name ?? null,
    routingNumber: account.routing_number ?? null,
    status: account.status,
    fingerprint: account.fingerprint ?? null,
  };
}

/**
 * Hands a Plaid account to Stripe: exchanges the public token (if given), reads the account (refusing,
 * before any write, one Stripe ACH cannot debit: non-US, not checking or savings, unverified) while minting
 * a btok in parallel, finds or creates the customer (by normalised email) and attaches the bank account or returns the
 * customer's existing one for the same account (also across Items at tokenized-account-number banks), so
 * retries and re-runs never create duplicates.
 */
export async function link(
  dependencies: LinkDependencies,
  input: StripeLinkInput,
): Promise<StripeLinkResult> {
  const parsed = parseInput('link', linkInputSchema(), input);
  const context = await dependencies.stripe();
  const { signal } = parsed;
  // The accounts read (for the up-front refusal and the TAN identity) and the btok mint run side by side,
  // so a fresh link is 3 sequential round trips; a btok minted for a refused account is dropped unused. The
  // processor-token route mints no btok: its processor token is minted only when no PaymentMethod for this
  // account exists yet.
  const route = dependencies.processorTokenRoute;
  const { accessToken, exchanged, itemId, minted, persistentAccountId } = await readLinkAccount(
    dependencies,
    parsed,
    {
      processor: 'stripe',
      mint: async (accessToken) =>
        route === undefined
          ? mintBankAccountToken(dependencies.plaid, { accessToken, accountId: parsed.accountId, signal })
          : undefined,
      signal,
    },
  );
  if (minted.status === 'rejected') throw minted.reason;
  const bankAccountToken = minted.value?.bankAccountToken;
  const customerId =
    'id' in parsed.customer
      ? parsed.customer.id
      : (await findOrCreateCustomer(context, parsed.customer, signal)).customerId;
  const linkKey = { itemId, accountId: parsed.accountId, customerId, signal };
  const { bankAccount, created } = await attachOnce(dependencies.store, linkKey, () =>
    route === undefined
      ? attachBankAccount(context, {
          customerId,
          bankAccountToken: bankAccountToken as string,
          persistentAccountId,
          itemId,
          accountId: parsed.accountId,
          signal,
        })
      : attachPaymentMethodFromProcessorToken(context, dependencies.plaid, {
          accessToken,
          itemId,
          accountId: parsed.accountId,
          customerId,
          persistentAccountId,
          route,
          signal,
        }),
  );
  context.logger.info(
    created ? 'stripe link: bank account attached' : 'stripe link: existing bank account reused',
    {
      provider: 'stripe',
      itemId,
      accountId: parsed.accountId,
      customerId,
      bankAccountId: bankAccount.id,
    },
  );
  const result: StripeLinkResult = {
    processor: 'stripe',
    itemId,
    accountId: parsed.accountId,
    customerId,
    bankAccount: toBankAccount(bankAccount),
    created,
  };
  // A given access token is the caller's already; only an exchanged one is handed back (non-enumerable).
  return exchanged ? withHiddenAccessToken(result, accessToken) : result;
}
