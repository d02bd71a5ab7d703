import { readFileSync } from 'node:fs';
import type { FetchFunction } from '../src/http.js';
import { createPlaidClient } from '../src/plaid/create-plaid-client.js';
import type { PlaidClient } from '../src/plaid/plaid-client-types.js';

/** Plaid's OpenAPI examples for /item/get and /link/token/create (see test-data/plaid-item-examples.json). */
export const plaidExamples = JSON.parse(
  readFileSync(new URL('../src/item-health/test-data/plaid-item-examples.json', import.meta.url), 'utf8'),
) as { itemGet: { item: Record<string, unknown> }; linkTokenCreate: Record<string, unknown> };

/** A sandbox access token in Plaid's format. */
export const ACCESS_TOKEN = 'access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6';

/** A Plaid secret the tests check never leaks. */
export const PLAID_SECRET = 'plaid-secret-item-health-42';

/** One request the fake Plaid received. */
export interface SeenRequest {
  path: string;
  body: Record<string, unknown>;
}

/** A real PlaidClient whose fetch answers /item/get with `item` overrides and /link/token/create with the example. */
export function createFakePlaid(itemOverrides: Record<string, unknown> = {}): {
  plaid: PlaidClient;
  seen: SeenRequest[];
} {
  const seen: SeenRequest[] = [];
  const fetch: FetchFunction = async (input, init) => {
    const path = new URL(String(input)).pathname;
    const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
    seen.push({ path, body });
    const json =
      path === '/item/get'
        ? { ...plaidExamples.itemGet, item: { ...plaidExamples.itemGet.item, ...itemOverrides } }
        : path === '/link/token/create'
          ? plaidExamples.linkTokenCreate
          : {
              error_type: 'INVALID_REQUEST',
              error_code: 'NOT_FOUND',
              error_message: 'not found',
              display_message: null,
            };
    const status = path === '/item/get' || path === '/link/token/create' ? 200 : 404;
    return new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } });
  };
  return {
    plaid: createPlaidClient({ clientId: 'client-1', secret: PLAID_SECRET, fetch, maxRetries: 0 }),
    seen,
  };
}
