import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  assertPlaidTokenFor,
  categoryOfPlaidErrorType,
  createPlaidClient,
  describePlaidError,
  type FetchFunction,
  listPlaidErrorCodes,
  parsePlaidToken,
  parsePlaidWebhook,
  tryParsePlaidToken,
} from '@achbridge/core';
import {
  createDwollaClient,
  isDwollaErrorCode,
  signDwollaWebhook,
  verifyDwollaWebhook,
} from '@achbridge/dwolla';
import { createStripeAdapter } from '@achbridge/stripe';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { anyValue, tokenLike } from './harness/arbitraries.js';
import { expectValueOrTypedError } from './harness/typed-outcome.js';
import { watchUnhandledRejections } from './harness/unhandled-rejections.js';

const RUNS = 200;
const rejections = watchUnhandledRejections();

afterAll(() => {
  rejections.stop();
  expect(rejections.reasons, 'unhandled rejections while parsing arbitrary answers').toEqual([]);
});

describe('Plaid token parsing', () => {
  it('parsePlaidToken: any input → a parsed token or an InputValidationError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(tokenLike, anyValue), async (token) => {
        await expectValueOrTypedError('parsePlaidToken', () => parsePlaidToken(token));
        const parsed = tryParsePlaidToken(token);
        if (parsed !== undefined) expect(['public', 'access', 'processor', 'link']).toContain(parsed.kind);
      }),
      { numRuns: RUNS },
    );
  });

  it('assertPlaidTokenFor: any token → accepted, InputValidationError or ConfigError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(tokenLike, anyValue),
        fc.constantFrom('access', 'public', 'processor', 'link'),
        fc.constantFrom('sandbox', 'production'),
        async (token, kind, environment) => {
          await expectValueOrTypedError('assertPlaidTokenFor', () =>
            assertPlaidTokenFor(token as string, {
              kind,
              environment,
              field: 'token',
              operation: 'property',
            }),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('Plaid error descriptions', () => {
  it('describePlaidError: any code and type → a description with a category and a remediation, never a throw', () => {
    const known = listPlaidErrorCodes();
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...known), fc.string(), anyValue),
        fc.oneof(fc.string(), anyValue),
        (code, type) => {
          const description = describePlaidError(code, type);
          expect(description.remediation.length).toBeGreaterThan(0);
          expect(typeof description.category).toBe('string');
          if (typeof type === 'string') expect(typeof categoryOfPlaidErrorType(type)).toBe('string');
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('Plaid webhook parsing', () => {
  const webhookPayload = fc.record(
    {
      webhook_type: fc.oneof(fc.constantFrom('ITEM', 'AUTH', 'TRANSACTIONS', 'HOLDINGS'), anyValue),
      webhook_code: fc.oneof(
        fc.constantFrom(
          'ERROR',
          'PENDING_EXPIRATION',
          'USER_PERMISSION_REVOKED',
          'WEBHOOK_UPDATE_ACKNOWLEDGED',
          'LOGIN_REPAIRED',
          'NEW_ACCOUNTS_AVAILABLE',
          'AUTOMATICALLY_VERIFIED',
          'VERIFICATION_EXPIRED',
          'DEFAULT_UPDATE',
          'TRANSACTIONS_REMOVED',
        ),
        anyValue,
      ),
      item_id: fc.oneof(fc.string(), anyValue),
      account_id: fc.oneof(fc.string(), anyValue),
      error: fc.oneof(
        fc.constant(null),
        fc.record(
          {
            error_type: fc.string(),
            error_code: fc.string(),
            error_message: fc.string(),
            display_message: fc.oneof(fc.string(), fc.constant(null)),
          },
          { requiredKeys: [] },
        ),
        anyValue,
      ),
      consent_expiration_time: fc.oneof(
        fc.date().map((date) => (Number.isNaN(date.getTime()) ? 'x' : date.toISOString())),
        anyValue,
      ),
      environment: fc.oneof(fc.constantFrom('sandbox', 'production'), anyValue),
      removed_transactions: fc.oneof(fc.array(fc.string()), anyValue),
      new_transactions: fc.oneof(fc.integer(), anyValue),
    },
    { requiredKeys: [] },
  );

  it('parsePlaidWebhook: any payload (object, JSON text or junk) → a typed event, never a throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          webhookPayload,
          webhookPayload.map((payload) => safeJson(payload)),
          anyValue,
          fc.string(),
        ),
        (payload) => {
          const event = parsePlaidWebhook(payload);
          expect(typeof event.kind).toBe('string');
        },
      ),
      { numRuns: RUNS },
    );
  });
});

/** A response body made of the fields provider error bodies have, with arbitrary values. */
function errorBody(fields: string[]): fc.Arbitrary<string> {
  const value = fc.oneof(fc.string({ maxLength: 20 }), anyValue, fc.constant(null));
  const object = fc.dictionary(fc.constantFrom(...fields), value, { maxKeys: 6 });
  return fc.oneof(
    { weight: 4, arbitrary: object.map((body) => safeJson(body)) },
    { weight: 1, arbitrary: fc.jsonValue().map((body) => JSON.stringify(body)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('', '<html><body>502 Bad Gateway</body></html>', '{"code":', 'null'),
    },
  );
}

function safeJson(value: unknown): string {
  try {
    return (
      JSON.stringify(value, (_key, inner: unknown) =>
        typeof inner === 'bigint' ? inner.toString() : inner,
      ) ?? 'null'
    );
  } catch {
    return '{}';
  }
}

const answer = fc.record({
  status: fc.oneof(
    fc.integer({ min: 200, max: 599 }),
    fc.constantFrom(400, 401, 403, 404, 409, 429, 500, 502, 503),
  ),
  contentType: fc.constantFrom(
    'application/json',
    'application/vnd.dwolla.v1.hal+json',
    'text/html',
    'text/plain',
    '',
  ),
  retryAfter: fc.oneof(
    fc.constant(undefined),
    // Header-safe characters only (a control character could not be sent as a header at all).
    fc.string({ unit: fc.constantFrom(...' 0123456789.-:,abcdefGMTWed'), maxLength: 30 }),
    fc.integer({ min: -5, max: 100_000 }).map(String),
    fc.date({ noInvalidDate: true }).map((date) => date.toUTCString()),
  ),
});

function fetchAnswering(
  status: number,
  contentType: string,
  retryAfter: string | undefined,
  body: string,
): FetchFunction {
  return async () => {
    const headers = new Headers();
    if (contentType !== '') headers.set('content-type', contentType);
    if (retryAfter !== undefined) headers.set('retry-after', retryAfter);
    headers.set('location', 'https://api-sandbox.dwolla.com/customers/5b29279d-6359-4c87-a318-e09095532733');
    return new Response([204, 205, 304].includes(status) ? null : body, { status, headers });
  };
}

describe('provider answers of any shape become values or typed errors', () => {
  const dwollaFields = [
    'code',
    'message',
    '_embedded',
    '_links',
    'error',
    'error_description',
    'access_token',
    'expires_in',
    'token_type',
    'id',
    'status',
  ];

  it('Dwolla error parsing: any status and body → a value or a typed error (DwollaApiError, ResponseValidationError)', async () => {
    await fc.assert(
      fc.asyncProperty(answer, errorBody(dwollaFields), async ({ status, contentType, retryAfter }, body) => {
        const client = createDwollaClient({
          key: 'property-key',
          secret: 'property-secret-000',
          baseUrl: 'https://api-sandbox.dwolla.com',
          retry: { maxRetries: 0 },
          fetch: fetchAnswering(status, contentType, retryAfter, body),
        });
        await expectValueOrTypedError('DwollaClient.get', () => client.get('/customers', z.looseObject({})));
        await expectValueOrTypedError('DwollaClient.create', () =>
          client.create('/customers', { firstName: 'A' }, { idempotencyKey: 'k-1' }),
        );
        const error = await client.get('/', z.looseObject({})).catch((reason: unknown) => reason);
        expect(typeof isDwollaErrorCode(error, 'NotFound')).toBe('boolean');
      }),
      { numRuns: RUNS },
    );
  });

  it('Plaid error parsing: any status and body → a value or a typed error (PlaidApiError, ResponseValidationError)', async () => {
    const plaidFields = [
      'error_type',
      'error_code',
      'error_message',
      'display_message',
      'request_id',
      'causes',
      'status',
      'documentation_url',
      'suggested_action',
      'error_code_reason',
      'item',
      'accounts',
    ];
    await fc.assert(
      fc.asyncProperty(answer, errorBody(plaidFields), async ({ status, contentType, retryAfter }, body) => {
        const plaid = createPlaidClient({
          clientId: 'property-client',
          secret: 'property-secret-000',
          retry: { maxRetries: 0 },
          fetch: fetchAnswering(status, contentType, retryAfter, body),
        });
        await expectValueOrTypedError('plaid.getItem', () =>
          plaid.getItem({ accessToken: 'access-sandbox-00000000-0000-4000-8000-000000000000' }),
        );
      }),
      { numRuns: RUNS },
    );
  });

  describe('Stripe error parsing (through stripe-node, against a local server answering at random)', () => {
    let server: Server;
    let next = {
      status: 200,
      contentType: 'application/json',
      retryAfter: undefined as string | undefined,
      body: '{}',
    };
    beforeAll(async () => {
      server = createServer((request, response) => {
        request.resume();
        const headers: Record<string, string> = { 'request-id': 'req_property' };
        if (next.contentType !== '') headers['content-type'] = next.contentType;
        if (next.retryAfter !== undefined) headers['retry-after'] = next.retryAfter;
        response.writeHead(next.status, headers);
        response.end(next.body);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('any status and body → a value or a typed error (StripeApiError, ResponseValidationError, NetworkError)', async () => {
      const { port } = server.address() as AddressInfo;
      const plaid = createPlaidClient({ clientId: 'p', secret: 'property-secret-000' });
      const adapter = createStripeAdapter({
        plaid,
        stripe: {
          secretKey: 'sk_test_propertyKey0000',
          host: '127.0.0.1',
          port,
          protocol: 'http',
          timeoutMs: 2_000,
        },
        retry: { maxRetries: 0 },
      });
      const stripeFields = [
        'error',
        'type',
        'code',
        'message',
        'param',
        'decline_code',
        'doc_url',
        'id',
        'object',
        'status',
        'amount',
      ];
      const stripeBody = fc.oneof(
        errorBody(stripeFields),
        fc
          .dictionary(fc.constantFrom(...stripeFields), fc.oneof(fc.string({ maxLength: 20 }), anyValue), {
            maxKeys: 5,
          })
          .map((error) => safeJson({ error })),
      );
      await fc.assert(
        fc.asyncProperty(answer, stripeBody, async ({ status, contentType, retryAfter }, body) => {
          next = { status, contentType, retryAfter, body };
          await expectValueOrTypedError('stripe.getPayment', () => adapter.getPayment('pi_property0000'));
        }),
        { numRuns: 100 },
      );
    });
  });
});

describe('Dwolla webhook verification', () => {
  it('verifyDwollaWebhook: any body, headers and secret → an event or a typed error', async () => {
    const secret = 'property-webhook-secret';
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          anyValue,
          fc.jsonValue().map((value) => JSON.stringify(value)),
        ),
        fc.oneof(
          fc.record({
            'X-Request-Signature-SHA-256': fc.oneof(
              fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }),
              fc.string(),
              anyValue,
            ),
            'X-Dwolla-Topic': fc.oneof(
              fc.constantFrom('customer_funding_source_added', 'transfer_completed'),
              anyValue,
            ),
          }),
          anyValue,
        ),
        fc.boolean(),
        async (body, headers, signCorrectly) => {
          const signedHeaders =
            signCorrectly && typeof body === 'string'
              ? {
                  'X-Request-Signature-SHA-256': signDwollaWebhook(body, secret),
                  'X-Dwolla-Topic': 'customer_funding_source_added',
                }
              : headers;
          await expectValueOrTypedError('verifyDwollaWebhook', () =>
            verifyDwollaWebhook({ body, headers: signedHeaders, secret } as Parameters<
              typeof verifyDwollaWebhook
            >[0]),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });
});
