import { ConfigError } from '@achbridge/core';
import type { ModernTreasuryEnvironment } from './mt-environments.js';

/** The pairing rule, quoted in every mismatch error. */
export const MODERN_TREASURY_PAIRING_RULE =
  'Plaid Sandbox pairs with a Modern Treasury sandbox API key and Plaid Production with a production API key; Plaid has retired its Development environment.';

const TOKEN_ENVIRONMENT = /^(?:public|access|processor)-(sandbox|development|production)-/;

function mismatch(
  operation: string,
  what: string,
  plaid: string,
  mt: ModernTreasuryEnvironment,
): ConfigError {
  return new ConfigError(
    `${operation}: ${what} Plaid ${plaid}, but the adapter talks to Modern Treasury ${mt}. ${MODERN_TREASURY_PAIRING_RULE}` +
      (plaid === 'development'
        ? ' Link the account again in Plaid Sandbox (with a sandbox key) or Production.'
        : ` Use a Plaid ${mt} client and token, or a Modern Treasury ${plaid === 'sandbox' ? 'sandbox' : 'production'} API key with modernTreasury.environment '${plaid}'.`),
    { code: 'MODERN_TREASURY_ENVIRONMENT_MISMATCH' },
  );
}

/**
 * Refuses, before any network call, a Plaid client or token whose environment does not pair with the
 * Modern Treasury environment (sandbox ↔ sandbox, production ↔ production, never Development).
 */
export function assertEnvironmentPairing(input: {
  operation: string;
  environment: ModernTreasuryEnvironment;
  plaidEnvironment?: string | undefined;
  tokens?: { field: string; value: string }[];
}): void {
  const { operation, environment } = input;
  if (input.plaidEnvironment !== undefined && input.plaidEnvironment !== environment) {
    throw mismatch(operation, 'the Plaid client talks to', input.plaidEnvironment, environment);
  }
  for (const token of input.tokens ?? []) {
    const tokenEnvironment = TOKEN_ENVIRONMENT.exec(token.value)?.[1];
    if (tokenEnvironment !== undefined && tokenEnvironment !== environment) {
      throw mismatch(operation, `\`${token.field}\` was issued by`, tokenEnvironment, environment);
    }
  }
}
