import { ConfigError } from '@achbridge/core';
import type Stripe from 'stripe';

/** The stripe-node constructor (the `stripe` package's default export). */
export type StripeSdk = typeof Stripe;

/**
 * Returns a function loading the `stripe` SDK once, on first use, so importing achbridge never pays for
 * it; a failed load is a ConfigError (STRIPE_SDK_UNAVAILABLE) and is retried on the next call.
 */
export function createStripeSdkLoader(
  importSdk: () => Promise<{ default: StripeSdk }> = () => import('stripe'),
): () => Promise<StripeSdk> {
  let loading: Promise<StripeSdk> | undefined;
  return () => {
    loading ??= importSdk().then(
      (module) => module.default,
      (error: unknown) => {
        loading = undefined;
        throw new ConfigError(
          'Could not load the `stripe` package, a peer dependency of @achbridge/stripe that it needs to build its own Stripe client: install it (`npm install stripe`) or pass a Stripe instance as `stripe`.',
          { code: 'STRIPE_SDK_UNAVAILABLE', cause: error },
        );
      },
    );
    return loading;
  };
}

/** Loads the `stripe` SDK on first use (shared by every adapter of this process). */
export const loadStripeSdk: () => Promise<StripeSdk> = createStripeSdkLoader();
