import type { RunningEmulator } from '@achbridge/emulator';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSuiteEmulator } from './harness/credentials.js';

/** Random bodies per provider: a few hundred, as the issue asks. */
const RUNS = 300;

let emulator: RunningEmulator;
let accessToken: string;
let accountId: string;
let stripeCustomer: string;
let dwollaCustomer: string;
let dwollaBearer: string;

async function json(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

beforeAll(async () => {
  emulator = await startSuiteEmulator();
  const plaidPost = async (path: string, body: Record<string, unknown>) =>
    (await json(
      await fetch(`${emulator.plaid.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ client_id: emulator.plaid.clientId, secret: emulator.plaid.secret, ...body }),
      }),
    )) as Record<string, unknown>;
  const created = await plaidPost('/sandbox/public_token/create', {
    institution_id: 'ins_109508',
    initial_products: ['auth'],
  });
  const exchanged = await plaidPost('/item/public_token/exchange', { public_token: created['public_token'] });
  accessToken = String(exchanged['access_token']);
  const accounts = (await plaidPost('/accounts/get', { access_token: accessToken }))['accounts'] as {
    account_id: string;
  }[];
  accountId = accounts[0]?.account_id ?? '';
  const customer = (await json(
    await fetch(`${emulator.url}/v1/customers`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${emulator.stripe.secretKey}` },
      body: new URLSearchParams({ email: 'fuzz@example.com' }),
    }),
  )) as { id: string };
  stripeCustomer = customer.id;
  const token = (await json(
    await fetch(`${emulator.dwolla.baseUrl}/token`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${emulator.dwolla.key}:${emulator.dwolla.secret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    }),
  )) as { access_token: string };
  dwollaBearer = token.access_token;
  const dwollaCreated = await fetch(`${emulator.dwolla.baseUrl}/customers`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${dwollaBearer}`,
      Accept: 'application/vnd.dwolla.v1.hal+json',
      'Content-Type': 'application/vnd.dwolla.v1.hal+json',
    },
    body: JSON.stringify({ firstName: 'Fuzz', lastName: 'Target', email: 'fuzz@example.com' }),
  });
  dwollaCustomer = (dwollaCreated.headers.get('location') ?? '').split('/').at(-1) ?? '';
});

afterAll(async () => {
  await emulator.close();
});

/** Values that reach deep into handlers: real ids and tokens, near-misses, and arbitrary JSON. */
function fieldValue(real: () => string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(...real()),
    fc.jsonValue({ maxDepth: 3 }),
    fc.string({ maxLength: 40 }),
    fc.integer(),
    fc.constant(null),
  );
}

/** A JSON object mixing known field names with random ones, or any JSON value, or raw text. */
function jsonBody(fields: string[], real: () => string[]): fc.Arbitrary<string> {
  const known = fc.dictionary(fc.constantFrom(...fields), fieldValue(real), { maxKeys: 6 });
  const mixed = fc
    .tuple(known, fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }))
    .map(([a, b]) => ({ ...b, ...a }));
  return fc.oneof(
    { weight: 5, arbitrary: mixed.map((value) => JSON.stringify(value)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
    { weight: 1, arbitrary: fc.constantFrom('', '{', '[1,', '{"a":}', 'null', '\u0000') },
  );
}

function expectNoServerError(status: number, body: unknown, label: string): void {
  expect(status, `${label}: ${JSON.stringify(body).slice(0, 300)}`).toBeLessThan(500);
}

describe('emulator endpoints answer arbitrary bodies with the provider’s validation error, never a 500', () => {
  it(`Plaid: ${RUNS} random bodies across every endpoint`, async () => {
    const paths = [
      '/sandbox/public_token/create',
      '/sandbox/item/reset_login',
      '/sandbox/item/fire_webhook',
      '/item/public_token/exchange',
      '/item/public_token/create',
      '/link/token/create',
      '/item/get',
      '/item/webhook/update',
      '/accounts/get',
      '/auth/get',
      '/institutions/get',
      '/institutions/search',
      '/institutions/get_by_id',
      '/processor/stripe/bank_account_token/create',
      '/processor/token/create',
      '/webhook_verification_key/get',
    ];
    const fields = [
      'client_id',
      'secret',
      'access_token',
      'public_token',
      'account_id',
      'institution_id',
      'initial_products',
      'products',
      'country_codes',
      'options',
      'processor',
      'query',
      'count',
      'offset',
      'webhook',
      'webhook_code',
      'user',
      'client_name',
      'language',
      'key_id',
    ];
    const real = () => [
      accessToken,
      accountId,
      emulator.plaid.clientId,
      emulator.plaid.secret,
      'ins_109508',
      'dwolla',
      'US',
      'auth',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        jsonBody(fields, real),
        fc.boolean(),
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
        async (path, body, withKeys, contentType) => {
          const headers: Record<string, string> = { 'Content-Type': contentType };
          if (withKeys) {
            headers['PLAID-CLIENT-ID'] = emulator.plaid.clientId;
            headers['PLAID-SECRET'] = emulator.plaid.secret;
          }
          const response = await fetch(`${emulator.plaid.baseUrl}${path}`, { method: 'POST', headers, body });
          const answer = await json(response);
          expectNoServerError(response.status, answer, `POST ${path} ${body.slice(0, 80)}`);
          if (response.status >= 400) {
            expect(answer).toMatchObject({ error_type: expect.any(String), error_code: expect.any(String) });
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it(`Stripe: ${RUNS} random form bodies across the emulated endpoints`, async () => {
    const params = [
      'email',
      'name',
      'description',
      'source',
      'customer',
      'payment_method',
      'amount',
      'currency',
      'confirm',
      'mandate',
      'metadata[order]',
      'metadata',
      'payment_method_types[]',
      'payment_method_types[0]',
      'allowed_payment_method_types[0]',
      'mandate_data[customer_acceptance][type]',
      'mandate_data[customer_acceptance][online][ip_address]',
      'limit',
      'starting_after',
      'expand[]',
      'object',
    ];
    const value = fc.oneof(
      fc.constantFrom(
        stripeCustomer,
        'usd',
        'true',
        'false',
        '100',
        '-1',
        'us_bank_account',
        'offline',
        'btok_x',
      ),
      fc.string({ maxLength: 30 }),
    );
    const form = fc.oneof(
      {
        weight: 5,
        arbitrary: fc
          .array(fc.tuple(fc.oneof(fc.constantFrom(...params), fc.string({ maxLength: 15 })), value), {
            maxLength: 8,
          })
          .map((pairs) => new URLSearchParams(pairs).toString()),
      },
      { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom('a[', 'a[b]=1&a=2', 'amount[]=1&amount=2', '%zz', 'a[][][]=x'),
      },
    );
    const targets = () => [
      { method: 'POST', path: '/v1/customers' },
      { method: 'POST', path: `/v1/customers/${stripeCustomer}` },
      { method: 'POST', path: `/v1/customers/${stripeCustomer}/sources` },
      { method: 'POST', path: '/v1/setup_intents' },
      { method: 'POST', path: '/v1/payment_intents' },
      { method: 'POST', path: '/v1/payment_intents/pi_unknown/confirm' },
      { method: 'POST', path: '/v1/setup_intents/seti_unknown/confirm' },
      { method: 'GET', path: '/v1/customers' },
      { method: 'GET', path: `/v1/customers/${stripeCustomer}/sources` },
      { method: 'GET', path: '/v1/payment_intents' },
    ];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 9 }), form, async (index, body) => {
        const target = targets()[index] ?? { method: 'POST', path: '/v1/customers' };
        const url =
          target.method === 'GET' ? `${emulator.url}${target.path}?${body}` : `${emulator.url}${target.path}`;
        const response = await fetch(url, {
          method: target.method,
          headers: {
            Authorization: `Bearer ${emulator.stripe.secretKey}`,
            'Content-Type': 'application/x-www-form-urlencoded',
          },
          ...(target.method === 'POST' ? { body } : {}),
        });
        const answer = await json(response);
        expectNoServerError(response.status, answer, `${target.method} ${target.path} ${body.slice(0, 80)}`);
        if (response.status >= 400) {
          expect(answer).toMatchObject({ error: { type: expect.any(String), message: expect.any(String) } });
        }
      }),
      { numRuns: RUNS },
    );
  });

  it(`Dwolla: ${RUNS} random bodies across the emulated POST endpoints and /token`, async () => {
    const fields = [
      'firstName',
      'lastName',
      'email',
      'type',
      'businessName',
      'ipAddress',
      'correlationId',
      'plaidToken',
      'name',
      'bankAccountType',
      'routingNumber',
      'accountNumber',
      'removed',
      'token',
      '_links',
    ];
    const real = () => [
      'checking',
      'savings',
      'receive-only',
      'fuzz@example.com',
      `processor-sandbox-${accountId}`,
    ];
    const targets = () => [
      '/customers',
      `/customers/${dwollaCustomer}`,
      `/customers/${dwollaCustomer}/funding-sources`,
      `/customers/${dwollaCustomer}/exchanges`,
      '/funding-sources/00000000-0000-4000-8000-000000000000',
    ];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 5 }), jsonBody(fields, real), async (index, body) => {
        if (index === 5) {
          const response = await fetch(`${emulator.dwolla.baseUrl}/token`, {
            method: 'POST',
            headers: {
              Authorization: `Basic ${Buffer.from(body.slice(0, 40)).toString('base64')}`,
              'Content-Type': 'application/x-www-form-urlencoded',
            },
            body,
          });
          const answer = await json(response);
          expectNoServerError(response.status, answer, `POST /token ${body.slice(0, 80)}`);
          if (response.status >= 400) expect(answer).toMatchObject({ error: expect.any(String) });
          return;
        }
        const path = targets()[index] ?? '/customers';
        const response = await fetch(`${emulator.dwolla.baseUrl}${path}`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${dwollaBearer}`,
            Accept: 'application/vnd.dwolla.v1.hal+json',
            'Content-Type': 'application/vnd.dwolla.v1.hal+json',
          },
          body,
        });
        const answer = await json(response);
        expectNoServerError(response.status, answer, `POST ${path} ${body.slice(0, 80)}`);
        if (response.status >= 400) {
          expect(answer).toMatchObject({ code: expect.any(String), message: expect.any(String) });
        }
      }),
      { numRuns: RUNS },
    );
  });
});
