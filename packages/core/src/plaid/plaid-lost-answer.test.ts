import { describe, expect, it } from 'vitest';
import type { FetchFunction } from '../http.js';
import { createPlaidClient } from './create-plaid-client.js';
import { PlaidApiError } from './plaid-api-error.js';
import { describePlaidError } from './plaid-error-catalog.js';
import { LOST_EXCHANGE_REMEDIATION, remediationAfterLostAnswer } from './plaid-lost-answer.js';

const PUBLIC_TOKEN = 'public-sandbox-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';

function jsonAnswer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const invalidPublicToken = {
  error_type: 'INVALID_INPUT',
  error_code: 'INVALID_PUBLIC_TOKEN',
  error_message: 'provided public token is expired or has already been exchanged',
  display_message: null,
  request_id: 'req-lost-2',
};

/** A fetch whose first call loses the answer (connection reset), then answers from `then`. */
function loseFirstAnswer(then: () => Response): { fetch: FetchFunction; calls: () => number } {
  let calls = 0;
  return {
    calls: () => calls,
    fetch: async () => {
      calls += 1;
      if (calls === 1) throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      return then();
    },
  };
}

function client(fetch: FetchFunction) {
  return createPlaidClient({
    clientId: 'lost-answer-client',
    secret: 'lost-answer-secret-000',
    fetch,
    retry: { maxRetries: 2, initialDelayMs: 0 },
  });
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('an exchange whose answer was lost', () => {
  it('explains that the lost attempt consumed the public token when the retry gets INVALID_PUBLIC_TOKEN', async () => {
    const transport = loseFirstAnswer(() => jsonAnswer(400, invalidPublicToken));
    const error = await rejectionOf(
      client(transport.fetch).exchangePublicToken({ publicToken: PUBLIC_TOKEN }),
    );
    expect(transport.calls()).toBe(2);
    expect(PlaidApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      errorCode: 'INVALID_PUBLIC_TOKEN',
      isRetryable: false,
      remediation: LOST_EXCHANGE_REMEDIATION,
    });
    expect(LOST_EXCHANGE_REMEDIATION).toContain('consumed the single-use public token');
    expect(LOST_EXCHANGE_REMEDIATION).toContain('Link again');
  });

  it("keeps the catalog's advice when no attempt was lost", async () => {
    const error = await rejectionOf(
      client(async () => jsonAnswer(400, invalidPublicToken)).exchangePublicToken({
        publicToken: PUBLIC_TOKEN,
      }),
    );
    expect(error).toMatchObject({
      errorCode: 'INVALID_PUBLIC_TOKEN',
      remediation: describePlaidError('INVALID_PUBLIC_TOKEN').remediation,
    });
  });

  it('still succeeds when the retry gets the answer', async () => {
    const transport = loseFirstAnswer(() =>
      jsonAnswer(200, { access_token: 'access-sandbox-1a2b3c4d-0000', item_id: 'item-1', request_id: 'r' }),
    );
    const result = await client(transport.fetch).exchangePublicToken({ publicToken: PUBLIC_TOKEN });
    expect(result).toEqual({ accessToken: 'access-sandbox-1a2b3c4d-0000', itemId: 'item-1', requestId: 'r' });
  });
});

describe('remediationAfterLostAnswer', () => {
  it('only overrides INVALID_PUBLIC_TOKEN on the exchange endpoint', () => {
    expect(remediationAfterLostAnswer('/item/public_token/exchange', 'INVALID_PUBLIC_TOKEN')).toBe(
      LOST_EXCHANGE_REMEDIATION,
    );
    expect(
      remediationAfterLostAnswer('/item/public_token/exchange', 'INTERNAL_SERVER_ERROR'),
    ).toBeUndefined();
    expect(remediationAfterLostAnswer('/item/get', 'INVALID_PUBLIC_TOKEN')).toBeUndefined();
  });
});
