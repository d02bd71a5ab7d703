import { createPlaidClient, InputValidationError } from '@achbridge/core';
import { describe, expect, it } from 'vitest';
import { createModernTreasuryAdapter } from './mt-adapter.js';
import { createModernTreasuryApiError, ModernTreasuryApiError } from './mt-errors.js';
import { deriveModernTreasuryKey } from './mt-keys.js';
import type { ModernTreasuryPaymentOrder } from './mt-models.js';
import { MODERN_TREASURY_OUTCOME_STATUS, modernTreasuryPaymentOutcome } from './mt-payment-outcome.js';
import { modernTreasuryRequirements } from './mt-requirements.js';

const ID = '0f8e3719-3dfd-4613-9bbf-c0333781b59f';

function offlineAdapter() {
  let requests = 0;
  const fetch = async (): Promise<Response> => {
    requests += 1;
    throw new Error('no network in unit tests');
  };
  const plaid = createPlaidClient({ environment: 'sandbox', clientId: 'id', secret: 'secret', fetch });
  const adapter = createModernTreasuryAdapter({
    plaid,
    modernTreasury: { organizationId: 'org', apiKey: 'test-unit-key', baseUrl: 'http://127.0.0.1:9', fetch },
  });
  return { adapter, requests: () => requests };
}

async function validationError(promise: Promise<unknown>): Promise<InputValidationError> {
  const error = await promise.catch((caught: unknown) => caught);
  if (!InputValidationError.isInstance(error))
    throw new Error(`expected InputValidationError, got ${String(error)}`);
  return error;
}

function response(status: number, text: string, headers: Record<string, string> = {}) {
  return { status, text, headers: new Headers(headers) };
}

describe('createModernTreasuryAdapter: settings', () => {
  it('names the bad setting', () => {
    const plaid = createPlaidClient({ environment: 'sandbox', clientId: 'id', secret: 'secret' });
    expect(() => createModernTreasuryAdapter({ plaid, modernTreasury: { baseUrl: 'not a url' } })).toThrow(
      expect.objectContaining({ field: 'baseUrl' }),
    );
    expect(() => createModernTreasuryAdapter({ plaid: {} as never, modernTreasury: {} })).toThrow(
      expect.objectContaining({ field: 'plaid' }),
    );
    expect(() =>
      createModernTreasuryAdapter({ plaid, modernTreasury: { environment: 'development' as never } }),
    ).toThrow(expect.objectContaining({ code: 'MODERN_TREASURY_ENVIRONMENT_INVALID' }));
    expect(() =>
      createModernTreasuryAdapter({ plaid, modernTreasury: { apiKey: 'k', unknown: 1 } as never }),
    ).toThrow(InputValidationError);
  });

  it('declares processor, requirements and environment', () => {
    const { adapter } = offlineAdapter();
    expect(adapter.processor).toBe('modern_treasury');
    expect(adapter.environment).toBe('sandbox');
    expect(adapter.requirements).toBe(modernTreasuryRequirements);
    expect(Object.isFrozen(modernTreasuryRequirements)).toBe(true);
    expect(modernTreasuryRequirements).toMatchObject({ products: ['auth'], institutionCountries: ['US'] });
  });
});

describe('input validation before any request', () => {
  it('link, createAchDebit, createCounterparty and the readers name the field', async () => {
    const { adapter, requests } = offlineAdapter();
    const cases: [Promise<unknown>, string][] = [
      [adapter.link({ accessToken: 'nope', accountId: 'a', counterparty: ID }), 'accessToken'],
      [
        adapter.link({ accessToken: 'access-sandbox-x', accountId: 'a', counterparty: 'cus_1' }),
        'counterparty',
      ],
      [adapter.link({ accountId: 'a', counterparty: ID }), 'publicToken'],
      [
        adapter.createAchDebit({
          externalAccountId: ID,
          originatingAccountId: ID,
          amount: 10.5,
          idempotencyKey: 'k',
        }),
        'amount',
      ],
      [
        adapter.createAchDebit({
          externalAccountId: ID,
          originatingAccountId: ID,
          amount: 0,
          idempotencyKey: 'k',
        }),
        'amount',
      ],
      [
        adapter.createAchDebit({
          externalAccountId: 'x',
          originatingAccountId: ID,
          amount: 1,
          idempotencyKey: 'k',
        }),
        'externalAccountId',
      ],
      [
        adapter.createAchDebit({
          externalAccountId: ID,
          originatingAccountId: ID,
          amount: 1,
          idempotencyKey: 'a b',
        }),
        'idempotencyKey',
      ],
      [adapter.createCounterparty({ name: '' }), 'name'],
      [adapter.createCounterparty({ name: 'A', email: 'not-an-email' }), 'email'],
      [adapter.getPaymentOrder('po_1'), 'id'],
      [adapter.getExternalAccount(''), 'id'],
      [adapter.listExternalAccounts(ID, { signal: 'no' } as never), 'signal'],
    ];
    for (const [promise, field] of cases) {
      expect((await validationError(promise)).field).toBe(field);
    }
    expect(requests()).toBe(0);
  });
});

describe('error mapping', () => {
  it('reads { errors: { code, message, parameter } } into a typed error with remediation', () => {
    const error = createModernTreasuryApiError(
      response(
        422,
        JSON.stringify({ errors: { code: 'parameter_invalid', message: 'bad', parameter: 'amount' } }),
        {
          'x-request-id': 'req-1',
        },
      ),
      { method: 'POST', endpoint: '/api/payment_orders' },
    );
    expect(ModernTreasuryApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'parameter_invalid',
      parameter: 'amount',
      status: 422,
      requestId: 'req-1',
    });
    expect(error.isRetryable).toBe(false);
    expect(error.remediation).toContain('parameter');
    expect(error.message).toContain('on amount');
  });

  it('turns HTML, empty and foreign bodies into status-derived codes; 429, 5xx and 409 POSTs are retryable', () => {
    const html = createModernTreasuryApiError(
      response(502, '<html>502</html>', { 'content-type': 'text/html' }),
      {
        method: 'GET',
        endpoint: '/api/ping',
      },
    );
    expect(html).toMatchObject({ code: 'server_error', isRetryable: true });
    const limited = createModernTreasuryApiError(response(429, '', { 'retry-after': '3' }), {
      method: 'GET',
      endpoint: '/api/ping',
    });
    expect(limited).toMatchObject({ code: 'rate_limit_exceeded', isRetryable: true, retryAfterMs: 3000 });
    const conflict = createModernTreasuryApiError(response(409, '{"error":"x"}'), {
      method: 'POST',
      endpoint: '/api/payment_orders',
    });
    expect(conflict).toMatchObject({ code: 'conflict', isRetryable: true });
    expect(conflict.remediation).toContain('Idempotency-Key');
    const notFound = createModernTreasuryApiError(response(404, 'nope'), {
      method: 'GET',
      endpoint: '/api/x',
    });
    expect(notFound).toMatchObject({ code: 'resource_not_found', isRetryable: false });
  });

  it('redacts a token echoed in Modern Treasury’s message', () => {
    const error = new ModernTreasuryApiError('parameter_invalid', 'token processor-sandbox-abc-123 is bad', {
      status: 422,
      method: 'POST',
      endpoint: '/api/external_accounts',
    });
    expect(error.message).not.toContain('processor-sandbox-abc-123');
  });
});

describe('keys and outcomes', () => {
  it('derives stable, namespaced keys that reveal nothing', () => {
    const key = deriveModernTreasuryKey('payment-order', ['order-1']);
    expect(key).toBe(deriveModernTreasuryKey('payment-order', ['order-1']));
    expect(key).not.toBe(deriveModernTreasuryKey('counterparty', ['order-1']));
    expect(key).toMatch(/^achbridge-payment-order-[0-9a-f]{40}$/);
    expect(key).not.toContain('order-1');
  });

  it('maps every documented payment order status to an outcome', () => {
    const order: ModernTreasuryPaymentOrder = {
      id: ID,
      status: 'completed',
      type: 'ach',
      direction: 'debit',
      amount: 100,
      currency: 'USD',
      originatingAccountId: ID,
      receivingAccountId: ID,
      counterpartyId: null,
      description: null,
      metadata: {},
      returnCode: null,
      returnReason: null,
      liveMode: false,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-02T00:00:00.000Z',
    };
    expect(Object.keys(MODERN_TREASURY_OUTCOME_STATUS).sort()).toEqual([
      'approved',
      'cancelled',
      'completed',
      'denied',
      'failed',
      'held',
      'needs_approval',
      'pending',
      'processing',
      'returned',
      'reversed',
      'sent',
      'stopped',
    ]);
    expect(modernTreasuryPaymentOutcome(order)).toEqual({
      provider: 'modern_treasury',
      paymentId: ID,
      status: 'succeeded',
      providerStatus: 'completed',
      occurredAt: '2026-01-02T00:00:00.000Z',
      source: 'api',
    });
    expect(
      modernTreasuryPaymentOutcome({ ...order, status: 'returned', returnCode: 'R02' }, 'poll'),
    ).toMatchObject({
      status: 'failed',
      returnCode: 'R02',
      source: 'poll',
    });
    expect(modernTreasuryPaymentOutcome({ ...order, status: 'mystery' })).toBeUndefined();
    expect(() => modernTreasuryPaymentOutcome({ ...order, amount: 'x' } as never)).toThrow(
      InputValidationError,
    );
  });
});
