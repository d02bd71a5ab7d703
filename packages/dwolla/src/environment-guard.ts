import { createEnvironmentPairingGuard, plaidTokenEnvironment } from '@achbridge/core/internal';
import type { DwollaEnvironment } from './dwolla-environments.js';

/** The pairing rule from Plaid's Dwolla FAQ, quoted in every mismatch error. */
export const ENVIRONMENT_PAIRING_RULE =
  'Plaid Sandbox pairs with Dwolla Sandbox and Plaid Production with Dwolla Production; ' +
  '"The Dwolla Sandbox and Production environments are not compatible with the Plaid Development environment."';

/** The environment named by a Plaid token (`processor-sandbox-…` → `sandbox`), or undefined. */
export { plaidTokenEnvironment };

/** What `assertEnvironmentPairing` checks. */
export interface EnvironmentPairingInput {
  /** The public function doing the check, for the message. */
  operation: string;
  /** The Dwolla client's environment. */
  dwollaEnvironment: DwollaEnvironment;
  /** The Plaid client's environment, when a Plaid client is involved. */
  plaidEnvironment?: string | undefined;
  /** Plaid tokens in the input (`field` names the input field). */
  tokens?: { field: string; value: string }[];
}

const guard = createEnvironmentPairingGuard({
  code: 'DWOLLA_ENVIRONMENT_MISMATCH',
  rule: ENVIRONMENT_PAIRING_RULE,
  processorSide: (dwolla) => `the Dwolla client talks to Dwolla ${dwolla}`,
  advice: (plaid, dwolla) =>
    plaid === 'development'
      ? ' Plaid has retired Development: link the account again in Plaid Sandbox (with Dwolla Sandbox) or Production.'
      : ` Use a Plaid ${dwolla} client and token with this Dwolla client, or a Dwolla ${plaid} client.`,
});

/**
 * Refuses, before any network call, a Plaid client or token whose environment does not pair with the
 * Dwolla client's (Sandbox ↔ Sandbox, Production ↔ Production, never Development): core's one pairing guard
 * with Dwolla's wording.
 */
export function assertEnvironmentPairing(input: EnvironmentPairingInput): void {
  guard({
    operation: input.operation,
    processorEnvironment: input.dwollaEnvironment,
    plaidEnvironment: input.plaidEnvironment,
    tokens: input.tokens,
  });
}
