// Shared setup for the end-to-end tests: the offline emulator (Plaid Sandbox + Stripe test mode on
// 127.0.0.1, free port) and an adapter wired to it.
import { createPlaidClient, type PlaidClient } from '@achbridge/core';
import { emulatorSettings, type RunningEmulator } from '@achbridge/emulator';
import Stripe from 'stripe';
import { createStripeAdapter, type StripeAdapter } from '../src/index.js';

/**
 * An older Stripe API version that still takes `payment_method_types` on intents; most end-to-end tests
 * use stripe-node's default (endive, `allowed_payment_method_types`), one test pins this to cover both.
 */
export const EMULATOR_API_VERSION = '2026-07-29.dahlia';

/** Sandbox institution with Auth (First Platypus Bank). */
export const INSTITUTION_ID = 'ins_109508';

/** A Plaid client pointed at the emulator. */
export function emulatorPlaid(emulator: RunningEmulator, count?: () => void): PlaidClient {
  return createPlaidClient({
    ...emulatorSettings(emulator).plaid,
    maxRetries: 0,
    ...(count
      ? {
          fetch: (input: string | URL, init?: RequestInit) => {
            count();
            return fetch(input, init);
          },
        }
      : {}),
  });
}

/** A stripe-node client pointed at the emulator's Stripe test mode. */
export function emulatorStripe(emulator: RunningEmulator, key = emulator.stripe.secretKey): Stripe {
  return new Stripe(key, {
    host: emulator.stripe.host,
    port: emulator.stripe.port,
    protocol: emulator.stripe.protocol,
  });
}

/** An adapter wired to the emulator, building its own Stripe client from settings. */
export function emulatorAdapter(
  emulator: RunningEmulator,
  options: { maxRetries?: number; plaid?: PlaidClient } = {},
): StripeAdapter {
  return createStripeAdapter({
    plaid: options.plaid ?? emulatorPlaid(emulator),
    stripe: emulatorSettings(emulator).stripe,
    retry: { maxRetries: options.maxRetries ?? 2, initialDelayMs: 1, maxDelayMs: 5 },
  });
}

/** A fresh Sandbox Item: its checking account, a public token for it (as Link would give) and its access token. */
export async function sandboxAccount(
  emulator: RunningEmulator,
  plaid: PlaidClient,
  options: { institutionId?: string; subtype?: string } = {},
): Promise<{ publicToken: string; accessToken: string; accountId: string; itemId: string }> {
  const { publicToken: first } = await plaid.sandbox.createPublicToken({
    institutionId: options.institutionId ?? INSTITUTION_ID,
    initialProducts: ['auth'],
  });
  const { accessToken, itemId } = await plaid.exchangePublicToken({ publicToken: first });
  const { accounts } = await plaid.getAccounts({ accessToken });
  const subtype = options.subtype ?? 'checking';
  const checking = accounts.find((account) => account.subtype === subtype);
  if (!checking) throw new Error(`the sandbox Item has no ${subtype} account`);
  // A second, unused public token for the same Item: what Link's onSuccess hands the app.
  const { public_token: publicToken } = await emulator.control.plaid.createPublicToken(itemId);
  return { publicToken, accessToken, accountId: checking.accountId, itemId };
}

/** The emulated Stripe's object counts. */
export async function stripeCounts(emulator: RunningEmulator): Promise<Record<string, number>> {
  const state = await emulator.control.state();
  return (state.stripe['counts'] ?? {}) as Record<string, number>;
}
