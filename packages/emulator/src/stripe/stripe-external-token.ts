import type { MintedToken } from '../kernel/token-bridge.js';
import { isVersionAtLeast } from './stripe-api-version.js';
import type { StripeHandlerContext } from './stripe-context.js';
import { invalidParameter } from './stripe-errors.js';

/**
 * The preview API version that added `us_bank_account[external_token]` (Stripe changelog "Adds Plaid processor
 * tokens for ACH Direct Debit payment methods", docs.stripe.com/changelog/endive/2026-10-28/
 * us-bank-account-external-token-parameter-support: "Set type to plaid_processor_token, and provide the token
 * in plaid_processor_token", on API version 2026-10-28.preview).
 */
export const EXTERNAL_TOKEN_API_VERSION = '2026-10-28.preview';

/** The bracket name of the token parameter, as Stripe's errors report it. */
export const PROCESSOR_TOKEN_PARAM = 'us_bank_account[external_token][plaid_processor_token]';

/** Whether a request's API version knows `us_bank_account[external_token]` (that preview or a later one). */
export function acceptsExternalToken(version: string): boolean {
  return version.endsWith('.preview') && isVersionAtLeast(version, EXTERNAL_TOKEN_API_VERSION);
}

/**
 * Claims a Plaid processor token for Stripe through the bridge, once. Only tokens Plaid minted for the
 * processor name enabled for Stripe (`plaidProcessor` of the module's options) are valid, and only in test mode (Plaid
 * Sandbox tokens). The token is never echoed in the error.
 */
export function claimStripeProcessorToken(context: StripeHandlerContext, token: string): MintedToken {
  const processor = context.options.plaidProcessor;
  const sandbox = token.startsWith('processor-sandbox-');
  const claimed =
    processor === null || sandbox === context.caller.livemode
      ? undefined
      : context.module.bridge.claim(processor, token);
  if (claimed === 'claimed') {
    throw invalidParameter(PROCESSOR_TOKEN_PARAM, 'This Plaid processor token has already been used.');
  }
  if (claimed === undefined) {
    throw invalidParameter(
      PROCESSOR_TOKEN_PARAM,
      processor === null
        ? 'Plaid processor tokens are not enabled for this account.'
        : `Invalid Plaid processor token: it is unknown, revoked, of the other mode, or not created for the processor '${processor}'.`,
    );
  }
  return claimed;
}
