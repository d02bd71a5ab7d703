import { createEnvironmentPairingGuard } from '@achbridge/core/internal';
import type { ModernTreasuryEnvironment } from './mt-environments.js';

/** The pairing rule, quoted in every mismatch error. */
export const MODERN_TREASURY_PAIRING_RULE =
  'Plaid Sandbox pairs with a Modern Treasury sandbox API key and Plaid Production with a production API key; Plaid has retired its Development environment.';

const guard = createEnvironmentPairingGuard({
  code: 'MODERN_TREASURY_ENVIRONMENT_MISMATCH',
  rule: MODERN_TREASURY_PAIRING_RULE,
  processorSide: (mt) => `the adapter talks to Modern Treasury ${mt}`,
  advice: (plaid, mt) =>
    plaid === 'development'
      ? ' Link the account again in Plaid Sandbox (with a sandbox key) or Production.'
      : ` Use a Plaid ${mt} client and token, or a Modern Treasury ${plaid === 'sandbox' ? 'sandbox' : 'production'} API key with modernTreasury.environment '${plaid}'.`,
});

/**
 * Refuses, before any network call, a Plaid client or token whose environment does not pair with the
 * Modern Treasury environment (sandbox ↔ sandbox, production ↔ production, never Development): core's one
 * pairing guard with Modern Treasury's wording.
 */
export function assertEnvironmentPairing(input: {
  operation: string;
  environment: ModernTreasuryEnvironment;
  plaidEnvironment?: string | undefined;
  tokens?: { field: string; value: string }[];
}): void {
  guard({
    operation: input.operation,
    processorEnvironment: input.environment,
    plaidEnvironment: input.plaidEnvironment,
    tokens: input.tokens,
  });
}
