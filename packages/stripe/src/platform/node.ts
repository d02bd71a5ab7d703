import type Stripe from 'stripe';
import type { StripeSdk } from '../load-stripe-sdk.js';

/** stripe-node's Node HTTP client (node:http), the cheapest in CPU on Node. */
export function createPlatformHttpClient(sdk: StripeSdk): Stripe.HttpClient {
  return sdk.createNodeHttpClient();
}

/** The crypto provider for Stripe webhook signatures: undefined keeps stripe-node's Node default. */
export async function createPlatformCryptoProvider(): Promise<Stripe.CryptoProvider | undefined> {
  return undefined;
}
