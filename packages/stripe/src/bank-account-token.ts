import { type PlaidClient, ProviderError, ResponseValidationError, registerSecret } from '@achbridge/core';
import { lazySchema, parseInput } from '@achbridge/core/internal';
import { z } from 'zod';
import { bankAccountTokenInputSchema } from './input-schemas.js';

/** Plaid's endpoint that mints a Stripe bank account token. */
export const BANK_ACCOUNT_TOKEN_ENDPOINT = '/processor/stripe/bank_account_token/create';

// Lenient on purpose: a missing token gets the FAQ's explanation below instead of a bare schema error.
const responseSchema = lazySchema(() =>
  z.object({
    stripe_bank_account_token: z.string().nullish(),
    request_id: z.string(),
  }),
);

/** The FAQ's causes of Plaid not returning a `stripe_bank_account_token`. */
export const TOKEN_NOT_RETURNED_REMEDIATION =
  'A stripe_bank_account_token is not returned when (1) the Stripe account has not been linked to the Plaid ' +
  'account - in the Plaid Dashboard open Integrations and click "Connect with Stripe"; (2) the Stripe account ' +
  'is not configured to accept ACH transfers - enable ACH in Stripe first, then link the accounts; or (3) no ' +
  'account was selected in Link - enable account selection so onSuccess passes the chosen account_id, and send ' +
  'that account_id here.';

/** Input of `createBankAccountToken`. */
export interface CreateBankAccountTokenInput {
  /** The Item's Plaid access token. */
  accessToken: string;
  /** The Plaid account chosen in Link. */
  accountId: string;
  /**
   * Aborts the call and any pending retry at once.
   * @deprecated Pass `{ signal }` as the second argument (`createBankAccountToken(input, { signal })`), as for every other
   * achbridge client; this field is read for one more minor version, and the second argument wins when both are set.
   */
  signal?: AbortSignal | undefined;
}

/** A freshly minted, single-use Stripe bank account token. */
export interface BankAccountTokenResult {
  /** `btok_...`; single use, attach it at once (secret: never log it). */
  bankAccountToken: string;
  /** Plaid's request id. */
  requestId: string;
}

/**
 * Mints a Stripe bank account token (`btok_...`) for a Plaid account via
 * `/processor/stripe/bank_account_token/create`; explains the FAQ's causes when Plaid returns none.
 */
export async function createBankAccountToken(
  plaid: PlaidClient,
  input: CreateBankAccountTokenInput,
): Promise<BankAccountTokenResult> {
  return mintBankAccountToken(
    plaid,
    parseInput('createBankAccountToken', bankAccountTokenInputSchema(), input),
  );
}

/** `createBankAccountToken` for `link`, whose access token and account id are validated already. */
export async function mintBankAccountToken(
  plaid: PlaidClient,
  { accessToken, accountId, signal }: CreateBankAccountTokenInput,
): Promise<BankAccountTokenResult> {
  const answer = await plaid.request(
    BANK_ACCOUNT_TOKEN_ENDPOINT,
    { access_token: accessToken, account_id: accountId },
    responseSchema(),
    signal ? { signal } : {},
  );
  const token = answer.stripe_bank_account_token;
  if (token === undefined || token === null || token.trim() === '') {
    throw new ProviderError(
      'STRIPE_BANK_ACCOUNT_TOKEN_NOT_RETURNED',
      `Plaid ${BANK_ACCOUNT_TOKEN_ENDPOINT} returned no stripe_bank_account_token. ${TOKEN_NOT_RETURNED_REMEDIATION}`,
      {
        provider: 'plaid',
        requestId: answer.request_id,
        isRetryable: false,
        remediation: TOKEN_NOT_RETURNED_REMEDIATION,
      },
    );
  }
  if (!token.startsWith('btok_')) {
    throw new ResponseValidationError({
      provider: 'plaid',
      endpoint: BANK_ACCOUNT_TOKEN_ENDPOINT,
      requestId: answer.request_id,
      issues: [
        { path: 'stripe_bank_account_token', message: 'expected a Stripe bank account token (btok_...)' },
      ],
    });
  }
  registerSecret(token);
  return { bankAccountToken: token, requestId: answer.request_id };
}
