// Shared by the recipes: one Plaid webhook verifier per process (it caches Plaid's signing keys).
// Credentials come from PLAID_CLIENT_ID / PLAID_SECRET; PLAID_BASE_URL points at a local emulator in tests.
import { createPlaidClient, createPlaidWebhookVerifier, type PlaidWebhookVerifier } from '@achbridge/core';
import type { verifyStripeWebhook } from '@achbridge/stripe';

/** A verified Stripe event, as `verifyStripeWebhook` returns it. */
export type StripeWebhookEvent = Awaited<ReturnType<typeof verifyStripeWebhook>>;

/**
 * The settings the recipes read (PLAID_CLIENT_ID, PLAID_SECRET, PLAID_BASE_URL, DWOLLA_WEBHOOK_SECRET,
 * STRIPE_WEBHOOK_SECRET):
 * `process.env` on Node, the Worker's `env` bindings on Cloudflare.
 */
export type WebhookEnv = Readonly<Record<string, string | undefined>>;

let verifier: PlaidWebhookVerifier | undefined;

/** The process-wide Plaid webhook verifier, created on first use. */
export function plaidWebhookVerifier(env: WebhookEnv): PlaidWebhookVerifier {
  verifier ??= createPlaidWebhookVerifier({
    plaid: createPlaidClient({
      environment: 'sandbox',
      clientId: env.PLAID_CLIENT_ID,
      secret: env.PLAID_SECRET,
      baseUrl: env.PLAID_BASE_URL,
    }),
  });
  return verifier;
}

/** The Dwolla webhook subscription secret. */
export function dwollaWebhookSecret(env: WebhookEnv): string {
  return env.DWOLLA_WEBHOOK_SECRET ?? '';
}

/** The Stripe webhook endpoint's signing secret (`whsec_…`). */
export function stripeWebhookSecret(env: WebhookEnv): string {
  return env.STRIPE_WEBHOOK_SECRET ?? '';
}
