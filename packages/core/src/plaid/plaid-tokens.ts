import { ConfigError, InputValidationError } from '../errors.js';
import type { PlaidEnvironment } from './plaid-client-types.js';
import { developmentRetiredMessage, type PlaidTokenEnvironment } from './plaid-environments.js';

/** The kinds of Plaid tokens that follow the `[type]-[env]-[id]` format. */
export type PlaidTokenKind = 'public' | 'access' | 'processor' | 'link';

/** A parsed Plaid token; `id` is the part after the environment. */
export interface ParsedPlaidToken {
  kind: PlaidTokenKind;
  environment: PlaidTokenEnvironment;
  id: string;
}

const TOKEN_PATTERN =
  /^(public|access|processor|link)-(sandbox|development|production)-([A-Za-z0-9][A-Za-z0-9-]*)$/;

/** Parses a token without throwing; `undefined` when it does not follow `[type]-[env]-[id]`. */
export function tryParsePlaidToken(token: unknown): ParsedPlaidToken | undefined {
  if (typeof token !== 'string') return undefined;
  const match = TOKEN_PATTERN.exec(token.trim());
  if (!match) return undefined;
  return {
    kind: match[1] as PlaidTokenKind,
    environment: match[2] as PlaidTokenEnvironment,
    id: match[3] as string,
  };
}

/**
 * Parses a `[type]-[env]-[id]` Plaid token (public, access, processor or link); the environment may be
 * `development` so callers can refuse it with a clear message. Throws an InputValidationError (never
 * echoing the token) when it is malformed.
 */
export function parsePlaidToken(
  token: unknown,
  field = 'token',
  operation = 'parsePlaidToken',
): ParsedPlaidToken {
  const parsed = tryParsePlaidToken(token);
  if (parsed) return parsed;
  const message =
    typeof token === 'string'
      ? 'not a Plaid token; expected `<type>-<environment>-<id>` with type public, access, processor or link and environment sandbox or production'
      : `expected a string, received ${token === null ? 'null' : typeof token}`;
  throw new InputValidationError(operation, [{ path: field, message }]);
}

/** Checks a token's kind and environment against the client's before any network call. */
export function assertPlaidTokenFor(
  token: string,
  expected: { kind: PlaidTokenKind; environment: PlaidEnvironment; field: string; operation: string },
): ParsedPlaidToken {
  const parsed = parsePlaidToken(token, expected.field, expected.operation);
  if (parsed.kind !== expected.kind) {
    throw new InputValidationError(expected.operation, [
      {
        path: expected.field,
        message: `expected a${expected.kind === 'access' ? 'n' : ''} ${expected.kind} token, received a ${parsed.kind} token`,
      },
    ]);
  }
  if (parsed.environment === 'development') {
    throw new ConfigError(
      developmentRetiredMessage(`${expected.operation}: \`${expected.field}\` is a Development token`),
      { code: 'PLAID_ENVIRONMENT_RETIRED' },
    );
  }
  if (parsed.environment !== expected.environment) {
    throw new ConfigError(
      `${expected.operation}: \`${expected.field}\` belongs to Plaid ${parsed.environment} but this client talks to ` +
        `Plaid ${expected.environment}. Plaid environments are separate: tokens and Items never cross between them. ` +
        `Create the client with environment '${parsed.environment}' (and that environment's secret) or link the account again in ${expected.environment}.`,
      { code: 'PLAID_ENVIRONMENT_MISMATCH' },
    );
  }
  return parsed;
}
