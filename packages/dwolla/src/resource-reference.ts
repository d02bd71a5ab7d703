import { ConfigError, InputValidationError } from '@achbridge/core';
import type { DwollaClient } from './dwolla-client.js';
import { DWOLLA_ENVIRONMENT_URLS, type DwollaEnvironment } from './dwolla-environments.js';
import { idFromReference, isDwollaId } from './dwolla-url.js';

/**
 * Turns an id or URL (already checked by the input schema) into an id. A URL on the other Dwolla
 * environment's host is a ConfigError; a URL on any host other than this client's is refused.
 */
export function resolveResourceId(
  client: DwollaClient,
  reference: string,
  collection: 'customers' | 'funding-sources' | 'transfers',
  where: { operation: string; field: string },
): string {
  const id = idFromReference(reference, collection);
  if (id === undefined) {
    throw new InputValidationError(where.operation, [
      { path: where.field, message: `expected a ${collection} id or URL` },
    ]);
  }
  if (isDwollaId(reference)) return id;
  const origin = new URL(reference).origin;
  const other: DwollaEnvironment = client.environment === 'sandbox' ? 'production' : 'sandbox';
  if (origin === new URL(DWOLLA_ENVIRONMENT_URLS[other]).origin) {
    throw new ConfigError(
      `${where.operation}: \`${where.field}\` is a Dwolla ${other} URL but the client talks to Dwolla ${client.environment}; ` +
        'Dwolla sandbox and production resources never cross.',
      { code: 'DWOLLA_ENVIRONMENT_MISMATCH' },
    );
  }
  const allowed = [
    new URL(client.baseUrl).origin,
    new URL(DWOLLA_ENVIRONMENT_URLS[client.environment]).origin,
  ];
  if (!allowed.includes(origin)) {
    throw new InputValidationError(where.operation, [
      {
        path: where.field,
        message: `is a URL on ${origin}, not on this client's Dwolla host ${client.baseUrl}`,
      },
    ]);
  }
  return id;
}
