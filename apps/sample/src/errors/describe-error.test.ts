import {
  ConfigError,
  InputValidationError,
  NetworkError,
  PlaidApiError,
  ProviderError,
  ResponseValidationError,
  WebhookVerificationError,
} from '@achbridge/core';
import { EmulatorControlError, EmulatorInputError } from '@achbridge/emulator';
import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error.js';
import { SampleError } from './sample-error.js';

const plaidError = (code: string, type: string, status?: number) =>
  new PlaidApiError(
    {
      error_type: type,
      error_code: code,
      error_message: 'message from Plaid',
      display_message: 'shown to users',
    },
    { status, requestId: 'plaid-req-9' },
  );

describe('describeError', () => {
  it('maps bad input to 400 naming the field', () => {
    const described = describeError(
      new InputValidationError('op', [{ path: 'source.itemId', message: 'is required' }]),
    );
    expect(described).toMatchObject({
      status: 400,
      error: { code: 'INPUT_VALIDATION_ERROR', field: 'source.itemId', type: 'InputValidationError' },
    });
  });

  it("keeps the sample's own status and details", () => {
    expect(describeError(new SampleError(409, 'DUPLICATE_ITEM', 'dup', { match: { itemId: 'i' } }))).toEqual({
      status: 409,
      error: {
        code: 'DUPLICATE_ITEM',
        message: 'dup',
        type: 'SampleError',
        details: { match: { itemId: 'i' } },
      },
    });
  });

  it('gives Plaid errors their category, remediation, request id and a 4xx (5xx becomes 502)', () => {
    expect(describeError(plaidError('ITEM_LOCKED', 'ITEM_ERROR', 400))).toMatchObject({
      status: 400,
      error: {
        code: 'ITEM_LOCKED',
        category: 'user_action',
        remediation: expect.stringContaining('contact their bank'),
        requestId: 'plaid-req-9',
        provider: 'plaid',
        details: { displayMessage: 'shown to users', errorType: 'ITEM_ERROR' },
      },
    });
    expect(describeError(plaidError('INTERNAL_SERVER_ERROR', 'API_ERROR', 500))).toMatchObject({
      status: 502,
      error: { category: 'retryable', retryable: true },
    });
    expect(describeError(plaidError('RATE_LIMIT', 'RATE_LIMIT_EXCEEDED', 429)).status).toBe(429);
    expect(describeError(plaidError('INVALID_API_KEYS', 'INVALID_INPUT', 400)).error.category).toBe(
      'client_action',
    );
  });

  it('maps other provider errors by status; authentication failures upstream are 502', () => {
    const dwolla = new ProviderError('NotFound', 'not found', { provider: 'dwolla', status: 404 });
    expect(describeError(dwolla)).toMatchObject({
      status: 404,
      error: { provider: 'dwolla', category: 'client_action' },
    });
    const auth = new ProviderError('invalid_client', 'bad key', { provider: 'dwolla', status: 401 });
    expect(describeError(auth).status).toBe(502);
    const malformed = new ResponseValidationError({ provider: 'stripe', endpoint: '/v1/x', issues: [] });
    expect(describeError(malformed).status).toBe(502);
  });

  it('maps configuration problems to 409 and network failures to 502/504', () => {
    expect(describeError(new ConfigError('mode mismatch', { code: 'STRIPE_MODE_MISMATCH' }))).toMatchObject({
      status: 409,
      error: { code: 'STRIPE_MODE_MISMATCH', type: 'ConfigError' },
    });
    expect(describeError(new NetworkError('plaid', '/item/get', 'timeout', 'timed out')).status).toBe(504);
    expect(describeError(new NetworkError('plaid', '/item/get', 'reset', 'reset')).status).toBe(502);
  });

  it('maps webhook verification failures to 400 with the reason', () => {
    expect(describeError(new WebhookVerificationError('bad_signature', 'nope'))).toMatchObject({
      status: 400,
      error: { type: 'WebhookVerificationError', details: { reason: 'bad_signature' } },
    });
  });

  it('maps emulator control errors', () => {
    expect(describeError(new EmulatorInputError('itemId', 'must be a non-empty string')).status).toBe(400);
    expect(describeError(new EmulatorControlError(404, 'item_not_found', 'No Plaid Item x.')).status).toBe(
      404,
    );
    expect(describeError(new EmulatorControlError(0, 'network_error', 'unreachable'))).toMatchObject({
      status: 502,
      error: { remediation: expect.stringContaining('npm start') },
    });
  });

  it('never exposes an unknown error (500 with a generic message)', () => {
    const described = describeError(new Error('secret sk_test_abcdefgh in a stack'));
    expect(described.status).toBe(500);
    expect(JSON.stringify(described)).not.toContain('sk_test_abcdefgh');
  });
});
