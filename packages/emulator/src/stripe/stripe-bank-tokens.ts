import { createHash } from 'node:crypto';
import type { StripeHandlerContext } from './stripe-context.js';
import { nowSeconds, STRIPE_BANK_ACCOUNT_TOKEN_KIND } from './stripe-context.js';
import { resourceMissing, StripeApiError } from './stripe-errors.js';
import { createStripeId } from './stripe-ids.js';
import type { BankAccountRecord } from './stripe-state.js';

/** Stripe's US test bank: every Plaid Sandbox btok maps to it (per the Plaid + Stripe FAQ). */
export const STRIPE_TEST_ROUTING_NUMBER = '110000000';
/** The account number of Stripe's succeeding US test bank account. */
export const STRIPE_TEST_ACCOUNT_NUMBER = '000123456789';
/** The bank name Stripe shows for its test routing number. */
export const STRIPE_TEST_BANK_NAME = 'STRIPE TEST BANK';

/** Stripe's documented magic test tokens: account number and the failure code a debit ends with. */
const MAGIC_TOKENS: Record<string, { accountNumber: string; failureCode: string | null }> = {
  btok_us_verified: { accountNumber: '000123456789', failureCode: null },
  btok_us_verified_noAccount: { accountNumber: '000111111116', failureCode: 'no_account' },
  btok_us_verified_accountClosed: { accountNumber: '000111111113', failureCode: 'account_closed' },
  btok_us_verified_insufficientFunds: { accountNumber: '000222222227', failureCode: 'insufficient_funds' },
  btok_us_verified_debitNotAuthorized: { accountNumber: '000333333335', failureCode: 'debit_not_authorized' },
  btok_us_verified_invalidCurrency: { accountNumber: '000444444440', failureCode: 'invalid_currency' },
};

/** A bank account token as the emulated Stripe sees it. */
export interface ResolvedBankToken {
  id: string;
  livemode: boolean;
  created: number;
  /** Magic test tokens may be used any number of times; Plaid's btoks once. */
  reusable: boolean;
  /** The `ba_` id this token's bank account has (stable per Plaid btok). */
  bankAccountId: string;
  accountHolderName: string | null;
  accountHolderType: 'individual' | 'company' | null;
  accountType: 'checking' | 'savings' | null;
  routingNumber: string;
  accountNumber: string;
  failureCode: string | null;
}

/** A stable fingerprint per routing + account number, so every Plaid Sandbox btok shares one like in Stripe. */
export function bankAccountFingerprint(routingNumber: string, accountNumber: string): string {
  const digest = createHash('sha256').update(`achbridge-emulator:${routingNumber}:${accountNumber}`).digest();
  return digest
    .toString('base64')
    .replaceAll(/[^A-Za-z0-9]/g, '')
    .slice(0, 16);
}

function toSeconds(createdAt: number): number {
  // The bridge records milliseconds; tolerate seconds too.
  return createdAt > 100_000_000_000 ? Math.floor(createdAt / 1000) : Math.floor(createdAt);
}

/**
 * Resolves a `btok_…` id (a Plaid-minted token from the bridge, or one of Stripe's magic test tokens)
 * in the caller's mode, or throws `resource_missing` (mentioning test mode when a live key is used).
 */
export function resolveBankToken(
  context: StripeHandlerContext,
  tokenId: string,
  source: { param: string; inPath: boolean },
): ResolvedBankToken {
  const magic = MAGIC_TOKENS[tokenId];
  if (magic !== undefined) {
    if (context.caller.livemode) {
      throw resourceMissing('token', tokenId, source.param, {
        inPath: source.inPath,
        otherModeExists: 'test',
      });
    }
    return {
      id: tokenId,
      livemode: false,
      created: nowSeconds(context),
      reusable: true,
      bankAccountId: createStripeId('ba'),
      accountHolderName: null,
      accountHolderType: 'individual',
      accountType: 'checking',
      routingNumber: STRIPE_TEST_ROUTING_NUMBER,
      accountNumber: magic.accountNumber,
      failureCode: magic.failureCode,
    };
  }
  const minted = context.module.bridge.peek(STRIPE_BANK_ACCOUNT_TOKEN_KIND, tokenId);
  // Plaid Sandbox mints test-mode btoks only.
  const livemode = false;
  if (minted === undefined || livemode !== context.caller.livemode) {
    const otherModeExists = minted === undefined ? undefined : 'test';
    throw resourceMissing('token', tokenId, source.param, { inPath: source.inPath, otherModeExists });
  }
  let bankAccountId = context.state.tokenBankAccountIds.get(tokenId);
  if (bankAccountId === undefined) {
    bankAccountId = createStripeId('ba');
    context.state.tokenBankAccountIds.set(tokenId, bankAccountId);
  }
  const details = minted.details;
  // Plaid Sandbox btoks always point at Stripe's test bank account (see the Plaid + Stripe FAQ), except a TAN
  // bank's, which carry the Item's tokenized account number (so the fingerprint differs per Item).
  const routingNumber = STRIPE_TEST_ROUTING_NUMBER;
  const accountNumber = details.tokenized === true ? details.accountNumber : STRIPE_TEST_ACCOUNT_NUMBER;
  return {
    id: tokenId,
    livemode,
    created: toSeconds(minted.createdAt),
    reusable: false,
    bankAccountId,
    accountHolderName: details.holderName.length > 0 ? details.holderName : null,
    accountHolderType: 'individual',
    accountType: details.accountType,
    routingNumber,
    accountNumber,
    failureCode: null,
  };
}

/** Whether a (non-reusable) token was already consumed. */
export function isTokenUsed(context: StripeHandlerContext, token: ResolvedBankToken): boolean {
  return !token.reusable && context.state.usedTokens.has(token.id);
}

/** Throws Stripe's `token_already_used` when the token was consumed before. */
export function assertTokenUnused(
  context: StripeHandlerContext,
  token: ResolvedBankToken,
  param: string,
): void {
  if (!isTokenUsed(context, token)) return;
  throw new StripeApiError(
    400,
    {
      type: 'invalid_request_error',
      code: 'token_already_used',
      param,
      message: `You cannot use a Stripe token more than once: ${token.id}.`,
    },
    'execution',
  );
}

/** Builds the bank account record a token produces, attached to `customer` (not stored yet). */
export function bankAccountFromToken(
  context: StripeHandlerContext,
  token: ResolvedBankToken,
  customer: string | null,
  metadata: Record<string, string>,
): BankAccountRecord {
  return {
    id: token.bankAccountId,
    livemode: token.livemode,
    created: nowSeconds(context),
    customer,
    accountHolderName: token.accountHolderName,
    accountHolderType: token.accountHolderType,
    accountType: token.accountType,
    bankName: STRIPE_TEST_BANK_NAME,
    routingNumber: token.routingNumber,
    accountNumberLast4: token.accountNumber.slice(-4),
    fingerprint: bankAccountFingerprint(token.routingNumber, token.accountNumber),
    status: 'verified',
    metadata,
    tokenId: token.id,
    failureCode: token.failureCode,
  };
}

/**
 * Consumes a token and attaches its bank account to a customer, enforcing single use and Stripe's
 * `bank_account_exists` rule (a customer cannot hold two accounts with the same fingerprint).
 */
export function attachTokenToCustomer(
  context: StripeHandlerContext,
  token: ResolvedBankToken,
  customerId: string,
  metadata: Record<string, string>,
  param: string,
): BankAccountRecord {
  assertTokenUnused(context, token, param);
  const record = bankAccountFromToken(context, token, customerId, metadata);
  const customer = context.state.customers.get(customerId);
  if (customer !== undefined) {
    const duplicate = customer.sourceIds
      .map((id) => context.state.bankAccounts.get(id))
      .find((account) => account !== undefined && account.fingerprint === record.fingerprint);
    if (duplicate !== undefined) {
      throw new StripeApiError(
        400,
        {
          type: 'invalid_request_error',
          code: 'bank_account_exists',
          param,
          message:
            'A bank account with that routing number and account number already exists for this customer.',
        },
        'execution',
      );
    }
  }
  if (!token.reusable) context.state.usedTokens.add(token.id);
  context.state.bankAccounts.set(record.id, record);
  if (customer !== undefined) {
    customer.sourceIds.push(record.id);
    if (customer.defaultSource === null) customer.defaultSource = record.id;
  }
  return record;
}
