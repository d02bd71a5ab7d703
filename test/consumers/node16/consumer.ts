// Consumer type-check fixture (moduleResolution node16): compiled with tsc against the packages' built
// declarations through their `exports`; never run. It uses each package's main API with real types.
import {
  AchBridgeError,
  createPlaidClient,
  InputValidationError,
  type PlaidClient,
  type ProcessorAdapter,
  parsePlaidToken,
} from '@achbridge/core';
import { createAdapterContractCases } from '@achbridge/core/testing';
import {
  createDwollaAdapter,
  createDwollaClient,
  type DwollaAdapter,
  DwollaApiError,
} from '@achbridge/dwolla';
import { type RunningEmulator, startEmulator } from '@achbridge/emulator';
import {
  createModernTreasuryAdapter,
  type ModernTreasuryAdapter,
  ModernTreasuryApiError,
  modernTreasuryRequirements,
} from '@achbridge/modern-treasury';
import {
  createStripeAdapter,
  type StripeAdapter,
  StripeApiError,
  type StripeLinkInput,
  type StripeLinkResult,
} from '@achbridge/stripe';

/** Wires the adapters to a running emulator, as an application would wire them to the real providers. */
export async function wire(): Promise<{
  stripe: StripeAdapter;
  dwolla: DwollaAdapter;
  modernTreasury: ModernTreasuryAdapter;
  emulator: RunningEmulator;
}> {
  const emulator = await startEmulator();
  const plaid: PlaidClient = createPlaidClient({
    environment: 'sandbox',
    baseUrl: emulator.plaid.baseUrl,
    clientId: emulator.plaid.clientId,
    secret: emulator.plaid.secret,
  });
  const stripe = createStripeAdapter({
    plaid,
    stripe: { secretKey: emulator.stripe.secretKey, host: emulator.stripe.host, port: emulator.stripe.port },
  });
  const dwolla = createDwollaAdapter({
    plaid,
    dwolla: createDwollaClient({
      baseUrl: emulator.dwolla.baseUrl,
      key: emulator.dwolla.key,
      secret: emulator.dwolla.secret,
    }),
  });
  const modernTreasury = createModernTreasuryAdapter({
    plaid,
    modernTreasury: {
      baseUrl: emulator.modernTreasury.baseUrl,
      organizationId: emulator.modernTreasury.organizationId,
      apiKey: emulator.modernTreasury.apiKey,
    },
  });
  return { stripe, dwolla, modernTreasury, emulator };
}

/** The adapters satisfy core's processor contract. */
export const adapters = (
  stripe: StripeAdapter,
  dwolla: DwollaAdapter,
  modernTreasury: ModernTreasuryAdapter,
): ProcessorAdapter[] => [stripe, dwolla, modernTreasury];

/** Links an account and narrows the typed errors a caller handles. */
export async function linkOrExplain(stripe: StripeAdapter, input: StripeLinkInput): Promise<string> {
  try {
    const result: StripeLinkResult = await stripe.link(input);
    return `${result.bankAccount.id} (${result.created ? 'new' : 'existing'})`;
  } catch (error) {
    if (InputValidationError.isInstance(error)) return `bad input: ${error.message}`;
    if (StripeApiError.isInstance(error)) return `stripe ${error.code ?? 'error'} (${String(error.status)})`;
    if (ModernTreasuryApiError.isInstance(error))
      return `modern treasury ${error.code} on ${error.parameter}`;
    if (DwollaApiError.isInstance(error) || AchBridgeError.isInstance(error)) return error.message;
    throw error;
  }
}

/** Token parsing and the contract-suite factory are part of the public surface too. */
export const surface = { parsePlaidToken, createAdapterContractCases, modernTreasuryRequirements };
