import {
  type AdapterStore,
  type LinkResult,
  type PlaidClient,
  type PublicTokenExchangeMemo,
  parseInput,
} from '@achbridge/core';
import { attachBankAccount } from './attach-bank-account.js';
import { createBankAccountToken } from './bank-account-token.js';
import { callStripe, type StripeCallContext } from './call-stripe.js';
import { findOrCreateCustomer } from './find-or-create-customer.js';
import { linkInputSchema } from './input-schemas.js';
import { bankAccountTokenSchema, type StripeBankAccountObject } from './schemas.js';
import { attachOnce } from './store-integration.js';

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
  /** Aborts the flow and any pending retry at once. */
  signal?: AbortSignal | undefined;
}

/** The customer bank account achbridge attached or found. */
export interface StripeBankAccount {
  /** `ba_...`; usable as a PaymentMethod in PaymentIntents once a mandate exists. */
  id: string;
  last4: string;
  bankName: string | null;
  routingNumber: string | null;
  /** Stripe's status: `new`, `validated`, `verified`, `verification_failed`, `errored`, ... */
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
}

function toBankAccount(account: StripeBankAccountObject): StripeBankAccount {
  return {
    id: account.id,
    last4: account.last4,
    bankName: account.bank_name ?? null,
    routingNumber: account.routing_number ?? null,
    status: account.status,
    fingerprint: account.fingerprint ?? null,
  };
}

/**
 * Hands a Plaid account to Stripe: exchanges the public token (if given), mints a btok, reads its
 * fingerprint, finds or creates the customer and returns the customer's existing bank account for the
 * same account or attaches a new one, so retries and re-runs never create duplicates.
 */
export async function link(
  dependencies: LinkDependencies,
  input: StripeLinkInput,
): Promise<StripeLinkResult> {
  const parsed = parseInput('link', linkInputSchema, input);
  const context = await dependencies.stripe();
  const { signal } = parsed;
  const plaidOptions = signal ? { signal } : {};
  let accessToken: string;
  let itemId: string;
  let exchanged = false;
  if (parsed.publicToken !== undefined) {
    ({ accessToken, itemId } = await dependencies.exchanges.exchange(parsed.publicToken, signal));
    exchanged = true;
  } else {
    accessToken = parsed.accessToken as string;
    ({
      item: { itemId },
    } = await dependencies.plaid.getItem({ accessToken }, plaidOptions));
  }
  const { bankAccountToken } = await createBankAccountToken(dependencies.plaid, {
    accessToken,
    accountId: parsed.accountId,
    signal,
  });
  const token = await callStripe(
    context,
    'GET /v1/tokens/{token}',
    bankAccountTokenSchema,
    (stripe, options) => stripe.tokens.retrieve(bankAccountToken, {}, options),
    { signal },
  );
  const customerId =
    'id' in parsed.customer
      ? parsed.customer.id
      : (await findOrCreateCustomer(context, parsed.customer, signal)).customerId;
  const linkKey = { itemId, accountId: parsed.accountId, customerId, signal };
  const { bankAccount, created } = await attachOnce(dependencies.store, linkKey, () =>
    attachBankAccount(context, {
      customerId,
      bankAccountToken,
      identity: {
        fingerprint: token.bank_account.fingerprint ?? null,
        routingNumber: token.bank_account.routing_number ?? null,
        last4: token.bank_account.last4,
      },
      itemId,
      accountId: parsed.accountId,
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
  if (exchanged) Object.defineProperty(result, 'accessToken', { value: accessToken, enumerable: false });
  return result;
}
