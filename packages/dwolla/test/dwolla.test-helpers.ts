import { readFileSync } from 'node:fs';
import nock from 'nock';
import { createDwollaClient, type DwollaClient } from '../src/dwolla-client.js';
import type { DwollaClientSettings } from '../src/dwolla-client-settings.js';

/** Dwolla response bodies from the spec/docs (see `_source` in the JSON file). */
export const fixtures = JSON.parse(
  readFileSync(new URL('../src/test-data/dwolla-responses.json', import.meta.url), 'utf8'),
) as Record<string, Record<string, unknown>>;

/** The sandbox host the unit tests intercept. */
export const SANDBOX = 'https://api-sandbox.dwolla.com';
/** The HAL media type every request must carry. */
export const HAL = 'application/vnd.dwolla.v1.hal+json';
/** Test application key (never real). */
export const TEST_KEY = 'unit-test-dwolla-key';
/** Test application secret (never real). */
export const TEST_SECRET = 'unit-test-dwolla-secret-9f8e7d';

/** A sandbox client with fast retries for nock tests. */
export function testClient(overrides: DwollaClientSettings = {}): DwollaClient {
  return createDwollaClient({
    key: TEST_KEY,
    secret: TEST_SECRET,
    environment: 'sandbox',
    ...overrides,
    retry: { initialDelayMs: 1, ...overrides.retry },
  });
}

/** Intercepts `POST /token` answering `token`, `times` times. */
export function nockToken(
  token = 'bearer-token-0001',
  options: { times?: number; expiresIn?: number } = {},
): nock.Scope {
  return nock(SANDBOX)
    .post('/token', 'grant_type=client_credentials')
    .times(options.times ?? 1)
    .reply(200, { access_token: token, token_type: 'bearer', expires_in: options.expiresIn ?? 3600 });
}

/** The Basic header Dwolla expects for the test credentials. */
export const BASIC = `Basic ${Buffer.from(`${TEST_KEY}:${TEST_SECRET}`).toString('base64')}`;
