import { ConfigError } from '../errors.js';
import type { PlaidEnvironment } from './plaid-client-types.js';

/** Plaid API hosts per environment (Development was decommissioned in 2024). */
export const PLAID_ENVIRONMENT_URLS: Readonly<Record<PlaidEnvironment, string>> = Object.freeze({
  sandbox: 'https://sandbox.plaid.com',
  production: 'https://production.plaid.com',
});

/** The only Plaid API version achbridge speaks, sent as the `Plaid-Version` header. */
export const PLAID_API_VERSION = '2020-09-14';

/** The environments a Plaid token may name, including the retired `development`. */
export type PlaidTokenEnvironment = PlaidEnvironment | 'development';

/** Explains that Plaid retired Development and what to use instead. */
export function developmentRetiredMessage(context: string): string {
  return (
    `${context}: Plaid retired the Development environment in 2024 (https://development.plaid.com no longer answers). ` +
    "Use 'sandbox' with test credentials for building and testing, or 'production' for live Items " +
    '(Plaid offers Limited Production access for testing with real data); Items created in Development must be linked again.'
  );
}

/** Validates an environment setting; `development` gets a ConfigError explaining its retirement. */
export function resolvePlaidEnvironment(value: unknown, context = 'createPlaidClient'): PlaidEnvironment {
  if (value === undefined) return 'sandbox';
  if (value === 'sandbox' || value === 'production') return value;
  if (value === 'development') {
    throw new ConfigError(
      developmentRetiredMessage(`${context}: environment 'development' is not supported`),
      {
        code: 'PLAID_ENVIRONMENT_RETIRED',
      },
    );
  }
  throw new ConfigError(
    `${context}: invalid \`environment\`: expected 'sandbox' or 'production', got ${describeValue(value)}.`,
    { code: 'INVALID_SETTING' },
  );
}

/** Environment-like words a wrong `environment` is quoted back as; anything else might be a pasted secret. */
const ENVIRONMENT_WORDS = new Set(['sandbox', 'development', 'production', 'test', 'live', 'prod', 'dev']);

/** Names a wrong environment value only when it is a known environment word, never a pasted secret. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    return ENVIRONMENT_WORDS.has(value.trim().toLowerCase())
      ? `'${value}'`
      : `a ${value.length}-character string (not shown)`;
  }
  return value === null ? 'null' : typeof value;
}
