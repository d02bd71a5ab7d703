import { type RunningEmulator, startEmulator } from '@achbridge/emulator';

/**
 * Distinctive credentials the suite configures the emulator with, so that a leak of any of them can be
 * found by plain substring search (none of them is a real key).
 */
export const SUITE_CREDENTIALS = {
  plaid: { clientId: 'reltest-plaid-client-id', secret: 'RelTestPlaidSecret7f3a9c2e' },
  stripe: { secretKey: 'sk_test_RelTestStripeKey9c41d7', liveSecretKey: 'sk_live_RelTestStripeLive77b2' },
  dwolla: { key: 'RelTestDwollaKey51abf0', secret: 'RelTestDwollaSecretD2e8C6x' },
} as const;

/** Starts an emulator (127.0.0.1, free port) that accepts only the suite's distinctive credentials. */
export function startSuiteEmulator(): Promise<RunningEmulator> {
  return startEmulator({
    credentials: {
      plaid: { ...SUITE_CREDENTIALS.plaid },
      stripe: { ...SUITE_CREDENTIALS.stripe },
      dwolla: { ...SUITE_CREDENTIALS.dwolla },
    },
  });
}
