import { InputValidationError } from '@achbridge/core';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nockToken, SANDBOX, TEST_KEY, TEST_SECRET } from '../test/dwolla.test-helpers.js';
import { createDwollaClient } from './dwolla-client.js';
import type { DwollaClientSettings } from './dwolla-client-settings.js';
import { fundingSourceSchema } from './dwolla-schemas.js';

const FS_ID = 'df8392e5-4c06-42ed-b247-c098ed6f5a11';

/** How many GETs a client with `settings` sends before giving up on a Dwolla that always answers 503. */
async function requestsFor(settings: DwollaClientSettings): Promise<number> {
  nockToken();
  let requests = 0;
  nock(SANDBOX)
    .get(`/funding-sources/${FS_ID}`)
    .times(10)
    .reply(() => {
      requests += 1;
      return [503, { code: 'ServerError', message: 'A server error occurred.' }];
    });
  const client = createDwollaClient({
    key: TEST_KEY,
    secret: TEST_SECRET,
    environment: 'sandbox',
    ...settings,
  });
  await expect(client.get(`/funding-sources/${FS_ID}`, fundingSourceSchema())).rejects.toMatchObject({
    status: 503,
  });
  nock.cleanAll();
  return requests;
}

describe('createDwollaClient retry settings', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('takes retry: { maxRetries, initialDelayMs, maxDelayMs }', async () => {
    expect(await requestsFor({ retry: { maxRetries: 1, initialDelayMs: 0, maxDelayMs: 0 } })).toBe(2);
    expect(await requestsFor({ retry: { maxRetries: 3, initialDelayMs: 1, maxDelayMs: 2 } })).toBe(4);
  });

  it('still takes the deprecated top-level maxRetries and retryInitialDelayMs', async () => {
    expect(await requestsFor({ maxRetries: 1, retryInitialDelayMs: 0 })).toBe(2);
  });

  it('lets retry win over the deprecated names when both are set', async () => {
    expect(
      await requestsFor({
        maxRetries: 3,
        retryInitialDelayMs: 0,
        retry: { maxRetries: 0, initialDelayMs: 0 },
      }),
    ).toBe(1);
  });

  it.each([
    [{ retry: { maxRetries: 99 } }, 'retry.maxRetries'],
    [{ retry: { maxDelayMs: -1 } }, 'retry.maxDelayMs'],
    [{ retry: { attempts: 3 } }, 'retry.attempts'],
  ])('names the invalid retry field (%j)', (settings, field) => {
    let caught: unknown;
    try {
      createDwollaClient(settings as DwollaClientSettings);
    } catch (error) {
      caught = error;
    }
    expect(InputValidationError.isInstance(caught)).toBe(true);
    expect((caught as InputValidationError).issues.map((issue) => issue.path)).toContain(field);
  });
});
