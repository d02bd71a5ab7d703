import { describe, expect, it } from 'vitest';
import type { FetchFunction } from '../http.js';
import { createPlaidClient } from './create-plaid-client.js';
import { PlaidApiError } from './plaid-api-error.js';
import { describePlaidError } from './plaid-error-catalog.js';
import { LOST_EXCHANGE_REMEDIATION } from './plaid-lost-answer.js';
import {
  ALREADY_EXCHANGED_REMEDIATION,
  exhaustedRetriesRemediation,
  remediationInContext,
} from './plaid-remediation-context.js';

const exchange = {
  endpoint: '/item/public_token/exchange',
  errorCode: 'INVALID_PUBLIC_TOKEN',
  errorMessage: 'provided public token has already been exchanged',
  answerLost: false,
};

describe('remediationInContext', () => {
  it('tells the caller to pass accessToken when Plaid says the public token was already exchanged', () => {
    expect(remediationInContext(exchange)).toBe(ALREADY_EXCHANGED_REMEDIATION);
    expect(ALREADY_EXCHANGED_REMEDIATION).toContain('pass the accessToken');
  });

  it('prefers the lost-answer explanation when an earlier attempt got no answer', () => {
    expect(remediationInContext({ ...exchange, answerLost: true })).toBe(LOST_EXCHANGE_REMEDIATION);
  });

  it("keeps the catalog's advice for ambiguous messages, other codes and other endpoints", () => {
    expect(
      remediationInContext({
        ...exchange,
        errorMessage: 'provided public token is expired or has already been exchanged',
      }),
    ).toBeUndefined();
    expect(
      remediationInContext({ ...exchange, errorMessage: 'could not find matching public token' }),
    ).toBeUndefined();
    expect(remediationInContext({ ...exchange, errorCode: 'INVALID_ACCESS_TOKEN' })).toBeUndefined();
    expect(remediationInContext({ ...exchange, endpoint: '/item/get' })).toBeUndefined();
  });
});

describe('exhaustedRetriesRemediation', () => {
  it('says how often the request was tried and keeps the catalog advice', () => {
    const advice = exhaustedRetriesRemediation(500, 3, 'Plaid could not process the request.');
    expect(advice).toMatch(/^Plaid answered HTTP 500 on all 3 attempts: achbridge already retried/);
    expect(advice).toContain('(Plaid could not process the request.)');
  });
});

describe('catalog advice for a bank without Auth', () => {
  it('PRODUCTS_NOT_SUPPORTED asks the user to pick another bank', () => {
    const description = describePlaidError('PRODUCTS_NOT_SUPPORTED');
    expect(description.category).toBe('user_action');
    expect(description.remediation).toContain('Ask the user to pick another bank');
  });
});

function jsonAnswer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function client(fetch: FetchFunction) {
  return createPlaidClient({
    clientId: 'context-client',
    secret: 'context-secret-000',
    fetch,
    retry: { maxRetries: 2, initialDelayMs: 0 },
  });
}

const PUBLIC_TOKEN = 'public-sandbox-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
const ACCESS_TOKEN = 'access-sandbox-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';

describe('the Plaid client picks advice by context', () => {
  it('an exchange of an already-exchanged public token says to pass accessToken', async () => {
    const fetch: FetchFunction = async () =>
      jsonAnswer(400, {
        error_type: 'INVALID_INPUT',
        error_code: 'INVALID_PUBLIC_TOKEN',
        error_message: 'provided public token has already been exchanged',
        display_message: null,
        request_id: 'req-ctx-1',
      });
    const error = await client(fetch)
      .exchangePublicToken({ publicToken: PUBLIC_TOKEN })
      .catch((caught: unknown) => caught);
    expect(PlaidApiError.isInstance(error)).toBe(true);
    expect((error as PlaidApiError).remediation).toBe(ALREADY_EXCHANGED_REMEDIATION);
  });

  it('a 500 on every attempt says it was already retried, and how often', async () => {
    let calls = 0;
    const fetch: FetchFunction = async () => {
      calls += 1;
      return jsonAnswer(500, {
        error_type: 'API_ERROR',
        error_code: 'INTERNAL_SERVER_ERROR',
        error_message: 'an unexpected error occurred',
        display_message: null,
        request_id: `req-ctx-${calls}`,
      });
    };
    const error = await client(fetch)
      .getItem({ accessToken: ACCESS_TOKEN })
      .catch((caught: unknown) => caught);
    expect(calls).toBe(3);
    expect(error).toMatchObject({
      errorCode: 'INTERNAL_SERVER_ERROR',
      isRetryable: true,
      requestId: 'req-ctx-3',
    });
    expect((error as PlaidApiError).remediation).toMatch(/^Plaid answered HTTP 500 on all 3 attempts/);
  });

  it('with retries off, a 500 keeps the catalog advice (nothing was retried)', async () => {
    const fetch: FetchFunction = async () =>
      jsonAnswer(500, {
        error_type: 'API_ERROR',
        error_code: 'INTERNAL_SERVER_ERROR',
        error_message: 'an unexpected error occurred',
        display_message: null,
        request_id: 'req-ctx-0',
      });
    const noRetries = createPlaidClient({
      clientId: 'context-client',
      secret: 'context-secret-000',
      fetch,
      maxRetries: 0,
    });
    const error = await noRetries.getItem({ accessToken: ACCESS_TOKEN }).catch((caught: unknown) => caught);
    expect((error as PlaidApiError).remediation).toBe(
      describePlaidError('INTERNAL_SERVER_ERROR').remediation,
    );
  });
});
