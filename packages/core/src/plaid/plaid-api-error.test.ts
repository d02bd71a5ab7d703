import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AchBridgeError, ProviderError, ResponseValidationError } from '../errors.js';
import { PlaidApiError } from './plaid-api-error.js';

const body = {
  error_type: 'ITEM_ERROR',
  error_code: 'ITEM_LOGIN_REQUIRED',
  error_message: 'the login details of this item have changed',
  display_message: 'Please log in again.',
  request_id: 'HNTDNrA8F1shFEW',
  documentation_url: 'https://plaid.com/docs/errors/item/#item_login_required',
  suggested_action: null,
};

describe('PlaidApiError', () => {
  it('carries Plaid fields, catalog category and remediation', () => {
    const error = new PlaidApiError(body, { status: 400, endpoint: '/auth/get' });
    expect(error).toMatchObject({
      name: 'PlaidApiError',
      code: 'ITEM_LOGIN_REQUIRED',
      provider: 'plaid',
      status: 400,
      requestId: 'HNTDNrA8F1shFEW',
      errorType: 'ITEM_ERROR',
      errorCode: 'ITEM_LOGIN_REQUIRED',
      errorMessage: 'the login details of this item have changed',
      displayMessage: 'Please log in again.',
      causes: [],
      category: 'user_action',
      when: ['api'],
      isRetryable: false,
      documentationUrl: 'https://plaid.com/docs/errors/item/#item_login_required',
      suggestedAction: undefined,
      endpoint: '/auth/get',
    });
    expect(error.remediation).toMatch(/update mode/);
    expect(error.message).toBe(
      'Plaid ITEM_ERROR ITEM_LOGIN_REQUIRED from /auth/get: the login details of this item have changed',
    );
  });

  it('is an AchBridgeError and ProviderError, but not a ResponseValidationError', () => {
    const error = new PlaidApiError(body);
    expect(error).toBeInstanceOf(ProviderError);
    expect(AchBridgeError.isInstance(error)).toBe(true);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(PlaidApiError.isInstance(error)).toBe(true);
    expect(ResponseValidationError.isInstance(error)).toBe(false);
    expect(PlaidApiError.isInstance(new Error('x'))).toBe(false);
    expect(PlaidApiError.isInstance(undefined)).toBe(false);
  });

  it('recognises errors from another copy of the package through the marker', () => {
    const foreign = new Error('copy');
    Object.defineProperty(foreign, Symbol.for('achbridge.error.PlaidApiError'), { value: true });
    expect(PlaidApiError.isInstance(foreign)).toBe(true);
  });

  it.each([
    ['API_ERROR', 'INTERNAL_SERVER_ERROR', 500, true],
    ['API_ERROR', 'PLANNED_MAINTENANCE', 503, true],
    ['RATE_LIMIT_EXCEEDED', 'RATE_LIMIT', 429, true],
    ['RATE_LIMIT_EXCEEDED', 'SOME_NEW_LIMIT', 429, true],
    ['INSTITUTION_ERROR', 'INSTITUTION_DOWN', 400, true],
    ['INSTITUTION_ERROR', 'INSTITUTION_NOT_RESPONDING', 400, true],
    ['INSTITUTION_ERROR', 'INSTITUTION_NOT_AVAILABLE', 400, true],
    ['INSTITUTION_ERROR', 'INSTITUTION_NO_LONGER_SUPPORTED', 400, false],
    ['API_ERROR', 'BRAND_NEW_API_ERROR', 500, true],
    ['ITEM_ERROR', 'BRAND_NEW_ITEM_ERROR', 500, true],
    ['ITEM_ERROR', 'BRAND_NEW_ITEM_ERROR', 400, false],
    ['ITEM_ERROR', 'ITEM_LOCKED', 400, false],
    ['INVALID_REQUEST', 'INVALID_FIELD', 400, false],
    ['INVALID_INPUT', 'INVALID_API_KEYS', 400, false],
  ] as const)('%s / %s (HTTP %d) is retryable: %s', (type, code, status, retryable) => {
    const error = new PlaidApiError(
      { error_type: type, error_code: code, error_message: 'm', display_message: null },
      { status },
    );
    expect(error.isRetryable).toBe(retryable);
  });

  it('takes status from a webhook-embedded error and keeps Retry-After', () => {
    const error = new PlaidApiError(
      { ...body, status: 400, request_id: undefined },
      { retryAfterMs: 3000, requestId: 'hdr' },
    );
    expect(error).toMatchObject({ status: 400, requestId: 'hdr', retryAfterMs: 3000 });
  });

  it('serialises to redacted JSON and inspect output', () => {
    const token = 'access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6';
    const error = new PlaidApiError({
      ...body,
      error_message: `bad token ${token}`,
      causes: [{ access_token: token, item_id: 'item-1' }],
    });
    const json = JSON.parse(JSON.stringify(error)) as Record<string, unknown>;
    expect(json).toMatchObject({
      name: 'PlaidApiError',
      errorCode: 'ITEM_LOGIN_REQUIRED',
      requestId: 'HNTDNrA8F1shFEW',
    });
    expect(JSON.stringify(error)).not.toContain(token);
    expect(inspect(error)).not.toContain(token);
    expect(error.causes).toEqual([{ access_token: '[REDACTED]', item_id: 'item-1' }]);
  });
});
