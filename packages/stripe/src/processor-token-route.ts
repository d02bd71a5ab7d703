import { isKnownProcessorName, type ProcessorName } from '@achbridge/core';
import { lazySchema } from '@achbridge/core/internal';
import { z } from 'zod';

/**
 * The Stripe API version on which a `us_bank_account` PaymentMethod can be created from a Plaid processor token
 * (Stripe changelog "Adds Plaid processor tokens for ACH Direct Debit payment methods", 2026-10-28.preview).
 */
export const PROCESSOR_TOKEN_API_VERSION = '2026-10-28.preview';

/** Settings of Stripe's processor-token route (`processorTokenRoute` of `createStripeAdapter`). */
export interface ProcessorTokenRouteOptions {
  /**
   * The Plaid processor name that mints processor tokens for your Stripe account on `/processor/token/create`.
   * Neither Plaid's API spec (1.697.4) nor its Node SDK (plaid 47) lists one for Stripe, so achbridge does not
   * guess: use the name Plaid enabled for your client (Plaid Dashboard, Integrations).
   */
  plaidProcessor: ProcessorName;
  /**
   * Must be `'2026-10-28.preview'`: Stripe accepts `us_bank_account[external_token]` only on this preview API
   * version, which the route's PaymentMethod calls send; the other calls keep your pinned version.
   */
  apiVersion: typeof PROCESSOR_TOKEN_API_VERSION;
}

/** Validates `processorTokenRoute`. */
export const processorTokenRouteSchema = lazySchema(() =>
  z
    .object({
      plaidProcessor: z
        .string({ error: 'must be the Plaid processor name Plaid enabled for your Stripe account' })
        .trim()
        .regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a Plaid processor name (lower-case letters, digits and _)')
        .refine((name) => !isKnownProcessorName(name), {
          message:
            "is Plaid's processor name for another partner; use the name Plaid enabled for your Stripe account",
        }),
      apiVersion: z.literal(PROCESSOR_TOKEN_API_VERSION, {
        error: `must be '${PROCESSOR_TOKEN_API_VERSION}': Stripe accepts Plaid processor tokens only on that preview API version`,
      }),
    })
    .strict(),
);
