import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN, CLIENT_ID, SECRET } from '../../test/plaid-fixtures.test-helpers.js';
import { InputValidationError } from '../errors.js';
import type { FetchFunction } from '../http.js';
import { createPlaidClient } from './create-plaid-client.js';
import type { PlaidClientSettings } from './plaid-client-types.js';
import { resolvePlaidSettings } from './plaid-settings.js';

/** A Plaid that always answers a retryable 500, counting the requests it gets. */
function failingPlaid(): { fetch: FetchFunction; requests: () => number } {
  let requests = 0;
  const fetch: FetchFunction = async () => {
    requests += 1;
    return new Response(
      JSON.stringify({
        error_type: 'API_ERROR',
        error_code: 'INTERNAL_SERVER_ERROR',
        error_message: 'an unexpected error occurred',
        display_message: null,
        request_id: `req${requests}`,
      }),
      { status: 500, headers: { 'content-type': 'application/json' } },
    );
  };
  return { fetch, requests: () => requests };
}

async function requestsFor(settings: PlaidClientSettings): Promise<number> {
  const plaid = failingPlaid();
  const client = createPlaidClient({ clientId: CLIENT_ID, secret: SECRET, fetch: plaid.fetch, ...settings });
  await expect(client.getItem({ accessToken: ACCESS_TOKEN })).rejects.toMatchObject({ status: 500 });
  return plaid.requests();
}

describe('createPlaidClient retry settings', () => {
  it('takes retry: { maxRetries, initialDelayMs, maxDelayMs }', async () => {
    expect(await requestsFor({ retry: { maxRetries: 1, initialDelayMs: 0, maxDelayMs: 0 } })).toBe(2);
    expect(await requestsFor({ retry: { maxRetries: 0 } })).toBe(1);
  });

  it('still takes the deprecated top-level maxRetries, initialRetryDelayMs and maxRetryDelayMs', async () => {
    expect(await requestsFor({ maxRetries: 1, initialRetryDelayMs: 0, maxRetryDelayMs: 0 })).toBe(2);
  });

  it('lets retry win over the deprecated names when both are set', async () => {
    expect(
      await requestsFor({
        maxRetries: 3,
        initialRetryDelayMs: 0,
        retry: { maxRetries: 0, initialDelayMs: 0 },
      }),
    ).toBe(1);
    const resolved = resolvePlaidSettings({
      initialRetryDelayMs: 100,
      maxRetryDelayMs: 200,
      retry: { initialDelayMs: 5, maxDelayMs: 7 },
    });
    expect(resolved).toMatchObject({ maxRetries: 2, initialRetryDelayMs: 5, maxRetryDelayMs: 7 });
    expect(resolvePlaidSettings({ initialRetryDelayMs: 100 })).toMatchObject({ initialRetryDelayMs: 100 });
  });

  it.each([
    [{ retry: { maxRetries: 99 } }, 'retry.maxRetries'],
    [{ retry: { initialDelayMs: -1 } }, 'retry.initialDelayMs'],
    [{ retry: { maxDelayMs: 'soon' } }, 'retry.maxDelayMs'],
    [{ retry: { attempts: 3 } }, 'retry.attempts'],
  ])('names the invalid retry field (%j)', (settings, field) => {
    let caught: unknown;
    try {
      createPlaidClient(settings as PlaidClientSettings);
    } catch (error) {
      caught = error;
    }
    expect(InputValidationError.isInstance(caught)).toBe(true);
    const paths = (caught as InputValidationError).issues.map((issue) => issue.path);
    expect(paths).toContain(field);
  });
});
