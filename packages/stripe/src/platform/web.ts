import type Stripe from 'stripe';
import { loadStripeSdk, type StripeSdk } from '../load-stripe-sdk.js';

/**
 * stripe-node's own fetch HTTP client (`Stripe.createFetchHttpClient()`, a documented option), for
 * workerd, Deno, Bun and edge functions, where stripe-node's `worker` build has no Node client.
 */
export function createPlatformHttpClient(sdk: StripeSdk): Stripe.HttpClient {
  return sdk.createFetchHttpClient();
}

/**
 * stripe-node's SubtleCrypto provider (`Stripe.createSubtleCryptoProvider()`, a documented option) for
 * webhook signatures: WebCrypto's HMAC is async only, so verification goes through `constructEventAsync`.
 */
export async function createPlatformCryptoProvider(): Promise<Stripe.CryptoProvider | undefined> {
  return (await loadStripeSdk()).createSubtleCryptoProvider();
}
