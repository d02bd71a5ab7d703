import { ConfigError, type PlaidClient, parseInput } from '@achbridge/core';
import { createStripeAdapter, NO_SUCH_TOKEN_EXPLANATION } from '@achbridge/stripe';
import { z } from 'zod';

/** A syntactically live Stripe key used only to show the guard; it is refused before any request is sent. */
export const DEMO_LIVE_KEY = 'sk_live_achbridgeSampleModeGuardDemo';

/** What the mode-guard demonstration observed. */
export interface ModeGuardDemo {
  /** True when the adapter refused the live key before any network call. */
  refused: boolean;
  /** The Plaid environment the adapter was given. */
  plaidEnvironment: string;
  /** The refusal's code, e.g. `STRIPE_MODE_MISMATCH`. */
  code: string | null;
  /** The refusal's message (the key itself is never in it). */
  message: string;
  /** The FAQ's explanation of Stripe's "No such token". */
  explanation: string;
}

const inputSchema = z.object({
  plaid: z.custom<PlaidClient>(
    (value) => typeof value === 'object' && value !== null && 'environment' in value && 'request' in value,
    { message: 'must be a Plaid client' },
  ),
  liveKey: z
    .string()
    .regex(/^(sk|rk)_live_/, 'must be a live mode key (sk_live_...)')
    .default(DEMO_LIVE_KEY),
});

/**
 * Builds a Stripe adapter with a live mode key against the sandbox Plaid client, which the adapter refuses
 * with a ConfigError before any network call (a sandbox btok would answer "No such token" in live mode).
 */
export function demonstrateModeGuard(input: { plaid: PlaidClient; liveKey?: string }): ModeGuardDemo {
  const { plaid, liveKey } = parseInput('demonstrateModeGuard', inputSchema, input);
  try {
    createStripeAdapter({ plaid, stripe: { secretKey: liveKey } });
  } catch (error) {
    if (ConfigError.isInstance(error)) {
      return {
        refused: true,
        plaidEnvironment: plaid.environment,
        code: error.code,
        message: error.message,
        explanation: NO_SUCH_TOKEN_EXPLANATION,
      };
    }
    throw error;
  }
  return {
    refused: false,
    plaidEnvironment: plaid.environment,
    code: null,
    message: 'The adapter accepted a live key against a sandbox Plaid client; the mode guard did not run.',
    explanation: NO_SUCH_TOKEN_EXPLANATION,
  };
}
