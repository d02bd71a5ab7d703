import { EmulatorInputError } from './emulator-errors.js';
import type { RunningEmulator } from './start-emulator.js';

/** Settings for `createPlaidClient` (from `@achbridge/core`) that point it at the emulated Plaid Sandbox. */
export interface EmulatorPlaidSettings {
  /** Always `sandbox`: the emulator's Items pair with Stripe test mode, Dwolla Sandbox and Modern Treasury sandbox. */
  environment: 'sandbox';
  /** The emulated Plaid API root, e.g. `http://127.0.0.1:4010/plaid`. */
  baseUrl: string;
  /** The client id the emulator accepts. */
  clientId: string;
  /** The secret the emulator accepts. */
  secret: string;
}

/** Settings for the `stripe` option of `createStripeAdapter` (from `@achbridge/stripe`). */
export interface EmulatorStripeSettings {
  /** The test mode secret key the emulator accepts (`sk_test_...`). */
  secretKey: string;
  /** The emulator's origin; stripe-node calls `${baseUrl}/v1/...`. */
  baseUrl: string;
}

/** Settings for `createDwollaClient` (from `@achbridge/dwolla`). */
export interface EmulatorDwollaSettings {
  /** Always `sandbox`. */
  environment: 'sandbox';
  /** The emulated Dwolla API root, e.g. `http://127.0.0.1:4010/dwolla`. */
  baseUrl: string;
  /** The application key the emulator accepts. */
  key: string;
  /** The application secret the emulator accepts. */
  secret: string;
}

/** Settings for the `modernTreasury` option of `createModernTreasuryAdapter` (from `@achbridge/modern-treasury`). */
export interface EmulatorModernTreasurySettings {
  /** Always `sandbox`: the key is a sandbox key. */
  environment: 'sandbox';
  /** The emulated Modern Treasury API root, e.g. `http://127.0.0.1:4010/modern-treasury`. */
  baseUrl: string;
  /** The organization id the emulator accepts. */
  organizationId: string;
  /** The sandbox API key the emulator accepts. */
  apiKey: string;
}

/** Client settings for every provider the emulator serves, each ready to pass to the matching factory. */
export interface EmulatorClientSettings {
  /** For `createPlaidClient(settings.plaid)`. */
  plaid: EmulatorPlaidSettings;
  /** For `createStripeAdapter({ plaid, stripe: settings.stripe })`. */
  stripe: EmulatorStripeSettings;
  /** For `createDwollaClient(settings.dwolla)`. */
  dwolla: EmulatorDwollaSettings;
  /** For `createModernTreasuryAdapter({ plaid, modernTreasury: settings.modernTreasury })`. */
  modernTreasury: EmulatorModernTreasurySettings;
}

/** The parts of a running emulator that `emulatorSettings` reads. */
export type EmulatorEndpoints = Pick<
  RunningEmulator,
  'url' | 'plaid' | 'stripe' | 'dwolla' | 'modernTreasury'
>;

function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new EmulatorInputError(
      field,
      'expected a non-empty string (pass the value startEmulator() resolved to)',
    );
  }
  return value;
}

function requireObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) {
    throw new EmulatorInputError(field, 'expected an object (pass the value startEmulator() resolved to)');
  }
  return value as Record<string, unknown>;
}

/**
 * Wires every achbridge client to a running emulator in one line: the base URLs and the credentials it
 * accepts, for Plaid, Stripe, Dwolla and Modern Treasury (sandbox / test mode), e.g.
 * `const settings = emulatorSettings(emulator); const plaid = createPlaidClient(settings.plaid);`.
 */
export function emulatorSettings(emulator: EmulatorEndpoints): EmulatorClientSettings {
  const root = requireObject(emulator, 'emulator');
  const url = requireString(root['url'], 'emulator.url');
  const plaid = requireObject(root['plaid'], 'emulator.plaid');
  const stripe = requireObject(root['stripe'], 'emulator.stripe');
  const dwolla = requireObject(root['dwolla'], 'emulator.dwolla');
  const modernTreasury = requireObject(root['modernTreasury'], 'emulator.modernTreasury');
  return {
    plaid: {
      environment: 'sandbox',
      baseUrl: requireString(plaid['baseUrl'], 'emulator.plaid.baseUrl'),
      clientId: requireString(plaid['clientId'], 'emulator.plaid.clientId'),
      secret: requireString(plaid['secret'], 'emulator.plaid.secret'),
    },
    stripe: {
      secretKey: requireString(stripe['secretKey'], 'emulator.stripe.secretKey'),
      baseUrl: url,
    },
    dwolla: {
      environment: 'sandbox',
      baseUrl: requireString(dwolla['baseUrl'], 'emulator.dwolla.baseUrl'),
      key: requireString(dwolla['key'], 'emulator.dwolla.key'),
      secret: requireString(dwolla['secret'], 'emulator.dwolla.secret'),
    },
    modernTreasury: {
      environment: 'sandbox',
      baseUrl: requireString(modernTreasury['baseUrl'], 'emulator.modernTreasury.baseUrl'),
      organizationId: requireString(
        modernTreasury['organizationId'],
        'emulator.modernTreasury.organizationId',
      ),
      apiKey: requireString(modernTreasury['apiKey'], 'emulator.modernTreasury.apiKey'),
    },
  };
}
