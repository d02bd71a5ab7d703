import { ConfigError } from '@achbridge/core';
import type { DwollaEnvironment } from './dwolla-environments.js';

/** The pairing rule from Plaid's Dwolla FAQ, quoted in every mismatch error. */
export const ENVIRONMENT_PAIRING_RULE =
  'Plaid Sandbox pairs with Dwolla Sandbox and Plaid Production with Dwolla Production; ' +
  '"The Dwolla Sandbox and Production environments are not compatible with the Plaid Development environment."';

const TOKEN_ENVIRONMENT = /^(?:public|access|processor)-(sandbox|development|production)-/;

/** The environment named by a Plaid token (`processor-sandbox-…` → `sandbox`), or undefined. */
export function plaidTokenEnvironment(token: string): string | undefined {
  return TOKEN_ENVIRONMENT.exec(token)?.[1];
}

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

function mismatch(operation: string, what: string, plaid: string, dwolla: DwollaEnvironment): ConfigError {
  const development = plaid === 'development';
  return new ConfigError(
    `${operation}: ${what} Plaid ${plaid}, but the Dwolla client talks to Dwolla ${dwolla}. ${ENVIRONMENT_PAIRING_RULE}` +
      (development
        ? ' Plaid has retired Development: link the account again in Plaid Sandbox (with Dwolla Sandbox) or Production.'
        : ` Use a Plaid ${dwolla} client and token with this Dwolla client, or a Dwolla ${plaid} client.`),
    { code: 'DWOLLA_ENVIRONMENT_MISMATCH' },
  );
}

/**
 * Refuses, before any network call, a Plaid client or token whose environment does not pair with the
 * Dwolla client's (Sandbox ↔ Sandbox, Production ↔ Production, never Development).
 */
export function assertEnvironmentPairing(input: EnvironmentPairingInput): void {
  const { operation, dwollaEnvironment } = input;
  if (input.plaidEnvironment !== undefined && input.plaidEnvironment !== dwollaEnvironment) {
    throw mismatch(operation, 'the Plaid client talks to', input.plaidEnvironment, dwollaEnvironment);
  }
  for (const token of input.tokens ?? []) {
    const environment = plaidTokenEnvironment(token.value);
    if (environment !== undefined && environment !== dwollaEnvironment) {
      throw mismatch(operation, `\`${token.field}\` was issued by`, environment, dwollaEnvironment);
    }
  }
}
