import { emulatorSettings, type RunningEmulator } from '@achbridge/emulator';
import Stripe from 'stripe';
import type { ScenarioConfig, ScenarioReport } from '../scenario/scenario.ts';

/** A `payment_intent.processing` delivery as Stripe sends it, signed with stripe-node's own test helper. */
function signedStripeDelivery(runId: string): ScenarioConfig['stripeWebhook'] {
  const eventId = `evt_runtime_${runId.replace(/[^A-Za-z0-9]/g, '')}`;
  const body = JSON.stringify(
    {
      id: eventId,
      object: 'event',
      api_version: '2026-07-29.dahlia',
      created: Math.floor(Date.now() / 1000),
      type: 'payment_intent.processing',
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: `order-${runId}` },
      data: {
        object: {
          id: 'pi_3RuntimeMatrix0001',
          object: 'payment_intent',
          amount: 1099,
          currency: 'usd',
          status: 'processing',
          payment_method_types: ['us_bank_account'],
        },
      },
    },
    null,
    2,
  );
  const secret = `whsec_runtime_${runId.replace(/[^A-Za-z0-9]/g, '')}`;
  const signature = new Stripe('sk_test_signingOnly').webhooks.generateTestHeaderString({
    payload: body,
    secret,
  });
  return { body, signature, secret, eventId };
}

/** The scenario's config for one run against a started emulator. */
export function scenarioConfig(emulator: RunningEmulator, runId: string): ScenarioConfig {
  return {
    runId,
    emulatorUrl: emulator.url,
    plaid: emulator.plaid,
    stripe: emulatorSettings(emulator).stripe,
    dwolla: emulator.dwolla,
    modernTreasury: {
      baseUrl: emulator.modernTreasury.baseUrl,
      organizationId: emulator.modernTreasury.organizationId,
      apiKey: emulator.modernTreasury.apiKey,
    },
    stripeWebhook: signedStripeDelivery(runId),
  };
}

/** Every secret of a run: none may appear in any serialization of the typed error. */
export function secretsOf(config: ScenarioConfig): string[] {
  return [
    config.plaid.secret,
    config.stripe.secretKey,
    config.dwolla.secret,
    config.modernTreasury.apiKey,
    `wrong-mt-key-${config.runId}`,
    config.stripeWebhook.secret,
    `wrong-secret-${config.runId}`,
  ];
}

/** Narrows the JSON a runtime printed to the report shape (the test then checks each field). */
export function asReport(value: unknown): ScenarioReport {
  if (typeof value !== 'object' || value === null || !('stripe' in value) || !('dwolla' in value)) {
    throw new Error(`not a scenario report: ${JSON.stringify(value)}`);
  }
  return value as ScenarioReport;
}
