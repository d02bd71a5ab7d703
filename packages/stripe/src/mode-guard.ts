import { ConfigError } from '@achbridge/core';
import { lazySchema, parseInput } from '@achbridge/core/internal';
import { z } from 'zod';

/** Stripe's two modes; test and live objects never cross. */
export type StripeMode = 'test' | 'live';

/** The FAQ's explanation of Stripe's "No such token" answer, quoted in mode errors. */
export const NO_SUCH_TOKEN_EXPLANATION =
  'Stripe answers "No such token" when a test mode bank account token is used in a live Stripe API call. ' +
  'Bank account tokens minted in Plaid Sandbox belong to Stripe test mode, and tokens minted in Plaid ' +
  'Production belong to live mode; they also belong to the Stripe account linked to Plaid in the Plaid ' +
  'Dashboard (Integrations), so a key from another Stripe account cannot see them either.';

const modesSchema = lazySchema(() =>
  z.object({
    plaidEnvironment: z.enum(['sandbox', 'production']),
    stripeMode: z.enum(['test', 'live']),
  }),
);

const keyInputSchema = lazySchema(() => z.object({ key: z.string().min(1) }));

/** Reads the mode of a Stripe secret or restricted key; throws a ConfigError for any other key shape. */
export function stripeModeOfKey(key: string): StripeMode {
  parseInput('stripeModeOfKey', keyInputSchema(), { key });
  if (/^(?:sk|rk)_test_/.test(key)) return 'test';
  if (/^(?:sk|rk)_live_/.test(key)) return 'live';
  if (/^pk_(?:test|live)_/.test(key)) {
    throw new ConfigError(
      'The Stripe key is a publishable key (pk_...). Server-side calls need a secret key (sk_test_/sk_live_) or a restricted key (rk_test_/rk_live_).',
      { code: 'STRIPE_KEY_INVALID' },
    );
  }
  throw new ConfigError(
    'The Stripe key is not a secret or restricted key: expected a value starting with sk_test_, sk_live_, rk_test_ or rk_live_.',
    { code: 'STRIPE_KEY_INVALID' },
  );
}

/** Which Stripe mode a Plaid environment's bank account tokens belong to. */
export function stripeModeForPlaidEnvironment(environment: 'sandbox' | 'production'): StripeMode {
  return environment === 'sandbox' ? 'test' : 'live';
}

/** Throws a ConfigError (before any network call) when the Plaid environment and the Stripe mode disagree. */
export function assertModesMatch(plaidEnvironment: 'sandbox' | 'production', stripeMode: StripeMode): void {
  parseInput('assertModesMatch', modesSchema(), { plaidEnvironment, stripeMode });
  const expected = stripeModeForPlaidEnvironment(plaidEnvironment);
  if (expected === stripeMode) return;
  const keyHint =
    expected === 'test'
      ? 'a test mode key (sk_test_... or rk_test_...)'
      : 'a live mode key (sk_live_... or rk_live_...)';
  throw new ConfigError(
    `The Plaid client uses the ${plaidEnvironment} environment but the Stripe key is a ${stripeMode} mode key; ` +
      `use ${keyHint} with Plaid ${plaidEnvironment === 'sandbox' ? 'Sandbox' : 'Production'}. ${NO_SUCH_TOKEN_EXPLANATION}`,
    { code: 'STRIPE_MODE_MISMATCH' },
  );
}
