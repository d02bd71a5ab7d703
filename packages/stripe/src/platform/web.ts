import type Stripe from 'stripe';
import type { StripeSdk } from '../load-stripe-sdk.js';

/**
 * stripe-node's own fetch HTTP client (`Stripe.createFetchHttpClient()`, a documented option), for
 * workerd, Deno, Bun and edge functions, where stripe-node's `worker` build has no Node client.
 */
export function createPlatformHttpClient(sdk: StripeSdk): Stripe.HttpClient {
  return sdk.createFetchHttpClient();
}
