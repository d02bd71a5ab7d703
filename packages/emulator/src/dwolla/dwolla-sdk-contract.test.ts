import { randomUUID } from 'node:crypto';
import { createOpenApiValidator } from '@achbridge/specs/openapi-validator';
import { Client } from 'dwolla-v2';
import {
  Configuration,
  PlaidApi,
  PlaidEnvironments,
  ProcessorTokenCreateRequestProcessorEnum,
  Products,
} from 'plaid';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../start-emulator.js';

const dwollaSpec = createOpenApiValidator('dwolla');

/** dwolla-v2 has no base-URL option; it reads these instance properties at request time. */
interface DwollaClientUrls {
  apiUrl: string;
  tokenUrl: string;
}

/** What dwolla-v2 rejects with for HTTP >= 400. */
interface DwollaSdkError extends Error {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

let emulator: RunningEmulator;
let plaid: PlaidApi;

function dwollaClient(): Client {
  const client = new Client({
    key: emulator.dwolla.key,
    secret: emulator.dwolla.secret,
    environment: 'sandbox',
  });
  const urls: DwollaClientUrls = {
    apiUrl: emulator.dwolla.baseUrl,
    tokenUrl: `${emulator.dwolla.baseUrl}/token`,
  };
  Object.assign(client, urls);
  return client;
}

async function rejection(promise: Promise<unknown>): Promise<DwollaSdkError> {
  try {
    await promise;
  } catch (error) {
    return error as DwollaSdkError;
  }
  throw new Error('expected the SDK call to reject');
}

/** Plaid Sandbox flow with the official SDK: public token -> access token -> Dwolla processor token. */
async function processorToken(
  subtype: 'checking' | 'savings' = 'checking',
): Promise<{ token: string; itemAccessToken: string }> {
  const publicToken = await plaid.sandboxPublicTokenCreate({
    institution_id: 'ins_109508',
    initial_products: [Products.Auth],
  });
  const exchange = await plaid.itemPublicTokenExchange({ public_token: publicToken.data.public_token });
  const accessToken = exchange.data.access_token;
  const accounts = await plaid.accountsGet({ access_token: accessToken });
  const account = accounts.data.accounts.find((candidate) => candidate.subtype === subtype);
  if (!account) throw new Error(`no ${subtype} account`);
  const processor = await plaid.processorTokenCreate({
    access_token: accessToken,
    account_id: account.account_id,
    processor: ProcessorTokenCreateRequestProcessorEnum.Dwolla,
  });
  return { token: processor.data.processor_token, itemAccessToken: accessToken };
}

async function createCustomer(dwolla: Client): Promise<string> {
  const response = await dwolla.post('customers', {
    firstName: 'Jane',
    lastName: 'Doe',
    email: `jane+${randomUUID()}@example.com`,
    type: 'unverified',
  });
  expect(response.status).toBe(201);
  const location = response.headers.get('location');
  if (location === null) throw new Error('no Location');
  return location;
}

beforeAll(async () => {
  // The DuplicateResource form (Dwolla drop-in docs) is checked through the SDK here; the default is the
  // documented ValidationError form (see dwolla-funding-source-create.test.ts).
  emulator = await startEmulator({ tuning: { dwollaDuplicateAnswer: 'DuplicateResource' } });
  plaid = new PlaidApi(
    new Configuration({
      basePath: emulator.plaid.baseUrl,
      baseOptions: {
        headers: { 'PLAID-CLIENT-ID': emulator.plaid.clientId, 'PLAID-SECRET': emulator.plaid.secret },
      },
    }),
  );
});

afterAll(async () => {
  await emulator?.close();
});

beforeEach(async () => {
  await emulator.control.reset();
});

describe('dwolla-v2 + plaid SDKs against the running emulator', () => {
  it('points the SDKs somewhere other than the real sandbox', () => {
    expect(emulator.dwolla.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dwolla$/);
    expect(emulator.plaid.baseUrl).not.toBe(PlaidEnvironments['sandbox']);
  });

  it('processor token -> customer -> funding source -> retrieve -> list -> duplicate -> remove', async () => {
    const dwolla = dwollaClient();
    const { token } = await processorToken();
    expect(token).toMatch(/^processor-sandbox-/);
    const customerUrl = await createCustomer(dwolla);
    const customer = await dwolla.get(customerUrl);
    expect(customer.body).toMatchObject({ type: 'unverified', status: 'unverified' });
    expect(dwollaSpec.responseErrors('GET', '/customers/{id}', 200, customer.body)).toBeUndefined();

    const created = await dwolla.post(
      `${customerUrl}/funding-sources`,
      { plaidToken: token, name: "Jane Doe's Checking", bankAccountType: 'checking' },
      { 'Idempotency-Key': randomUUID() },
    );
    expect(created.status).toBe(201);
    const sourceUrl = created.headers.get('location');
    expect(sourceUrl).toMatch(new RegExp(`^${emulator.dwolla.baseUrl}/funding-sources/[0-9a-f-]{36}$`));

    const source = await dwolla.get(sourceUrl ?? '');
    expect(source.body).toMatchObject({
      status: 'verified',
      type: 'bank',
      bankAccountType: 'checking',
      name: "Jane Doe's Checking",
      removed: false,
      channels: ['ach'],
      bankName: 'SANDBOX TEST BANK',
    });
    expect(dwollaSpec.responseErrors('GET', '/funding-sources/{id}', 200, source.body)).toBeUndefined();

    const list = await dwolla.get(`${customerUrl}/funding-sources`);
    expect(
      dwollaSpec.responseErrors('GET', '/customers/{id}/funding-sources', 200, list.body),
    ).toBeUndefined();
    expect(list.body._embedded['funding-sources']).toHaveLength(1);

    const { token: secondToken } = await processorToken();
    const duplicate = await rejection(
      dwolla.post(`${customerUrl}/funding-sources`, {
        plaidToken: secondToken,
        name: 'Again',
        bankAccountType: 'checking',
      }),
    );
    expect(duplicate.status).toBe(400);
    expect(duplicate.body).toMatchObject({
      code: 'DuplicateResource',
      message: `Bank already exists: id=${source.body.id}`,
      _links: { about: { href: sourceUrl } },
    });
    expect(dwollaSpec.schemaErrors('DuplicateResourceSchema', duplicate.body)).toBeUndefined();

    const removed = await dwolla.post(sourceUrl ?? '', { removed: true });
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ id: source.body.id, removed: true });
    const active = await dwolla.get(`${customerUrl}/funding-sources`, { removed: 'false' });
    expect(active.body._embedded['funding-sources']).toEqual([]);

    const state = await emulator.control.state();
    expect(state.dwolla['fundingSources']).toEqual([
      expect.objectContaining({ id: source.body.id, removed: true, status: 'verified' }),
    ]);
  });

  it('Secure Exchange: exchange partners -> exchange -> funding source', async () => {
    const dwolla = dwollaClient();
    const { token } = await processorToken('savings');
    const customerUrl = await createCustomer(dwolla);
    const partners = await dwolla.get('exchange-partners');
    expect(dwollaSpec.responseErrors('GET', '/exchange-partners', 200, partners.body)).toBeUndefined();
    const plaidPartner = partners.body._embedded['exchange-partners'].find(
      (partner: { name: string }) => partner.name === 'Plaid',
    );
    const exchange = await dwolla.post(`${customerUrl}/exchanges`, {
      _links: { 'exchange-partner': { href: plaidPartner._links.self.href } },
      token,
    });
    expect(exchange.status).toBe(201);
    const exchangeUrl = exchange.headers.get('location');
    expect(exchangeUrl).toMatch(/\/exchanges\/[0-9a-f-]{36}$/);

    const created = await dwolla.post(`${customerUrl}/funding-sources`, {
      _links: { exchange: { href: exchangeUrl } },
      bankAccountType: 'savings',
      name: 'Savings via exchange',
    });
    expect(created.status).toBe(201);
    const source = await dwolla.get(created.headers.get('location') ?? '');
    expect(source.body).toMatchObject({
      status: 'verified',
      bankAccountType: 'savings',
      name: 'Savings via exchange',
    });

    const badToken = await rejection(
      dwolla.post(`${customerUrl}/exchanges`, {
        _links: { 'exchange-partner': { href: plaidPartner._links.self.href } },
        token: 'processor-sandbox-00000000-0000-4000-8000-000000000000',
      }),
    );
    expect(badToken.status).toBe(400);
    expect(badToken.body).toMatchObject({ code: 'InvalidExchangeToken' });
  });

  it('a processor token stops working once Plaid removes the Item; existing banks stay', async () => {
    const dwolla = dwollaClient();
    const { token, itemAccessToken } = await processorToken();
    const customerUrl = await createCustomer(dwolla);
    const created = await dwolla.post(`${customerUrl}/funding-sources`, {
      plaidToken: token,
      name: 'Checking',
    });
    await plaid.itemRemove({ access_token: itemAccessToken });
    const otherCustomer = await createCustomer(dwolla);
    const error = await rejection(
      dwolla.post(`${otherCustomer}/funding-sources`, { plaidToken: token, name: 'Checking' }),
    );
    expect(error.status).toBe(400);
    expect(error.body).toMatchObject({
      code: 'ValidationError',
      _embedded: { errors: [{ code: 'Invalid', path: '/plaidToken' }] },
    });
    expect(error.message).not.toContain(token);
    const existing = await dwolla.get(created.headers.get('location') ?? '');
    expect(existing.body).toMatchObject({ removed: false, status: 'verified' });
  });

  it('Idempotency-Key retries get the original 201 and Location through the SDK', async () => {
    const dwolla = dwollaClient();
    const body = { firstName: 'Idem', lastName: 'Potent', email: 'idem@example.com' };
    const key = randomUUID();
    const first = await dwolla.post('customers', body, { 'Idempotency-Key': key });
    const retry = await dwolla.post('customers', body, { 'Idempotency-Key': key });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('location')).toBe(first.headers.get('location'));
    const customers = await dwolla.get('customers');
    expect(customers.body.total).toBe(1);
  });

  it('answers validation errors, 404s and expired tokens in Dwolla shape through the SDK', async () => {
    const dwolla = dwollaClient();
    const invalid = await rejection(dwolla.post('customers', { firstName: 'Only' }));
    expect(invalid.status).toBe(400);
    expect(invalid.body['code']).toBe('ValidationError');
    const paths = (invalid.body['_embedded'] as { errors: Array<{ path: string }> }).errors.map(
      (e) => e.path,
    );
    expect(paths).toEqual(['/lastName', '/email']);

    const missing = await rejection(dwolla.get('funding-sources/00000000-0000-4000-8000-000000000000'));
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ code: 'NotFound', message: 'Funding source not found.' });

    // The SDK caches its token using real time; moving the emulated clock past the TTL makes the
    // cached token expire server-side, which is what a long-lived process sees after an hour.
    await emulator.control.advanceClock(3601 * 1000);
    const expired = await rejection(dwolla.get('customers'));
    expect(expired.status).toBe(401);
    expect(expired.body['code']).toBe('ExpiredAccessToken');
    expect((await dwollaClient().get('customers')).status).toBe(200);
  });

  it('injected faults answer Dwolla-shaped 429s and Cloudflare-like HTML 503s', async () => {
    const dwolla = dwollaClient();
    await dwolla.get('customers');
    await emulator.control.addFault({
      path: '/dwolla/customers',
      kind: 'status',
      status: 429,
      retryAfterSeconds: 3,
    });
    const limited = await rejection(dwolla.get('customers'));
    expect(limited.status).toBe(429);
    expect(limited.body['code']).toBe('TooManyRequests');
    expect(limited.headers.get('retry-after')).toBe('3');

    await emulator.control.addFault({ path: '/dwolla/customers', kind: 'status', status: 503, html: true });
    const outage = await rejection(dwolla.get('customers'));
    expect(outage.status).toBe(503);
    expect(String(outage.body)).toContain('<html>');
    expect((await dwolla.get('customers')).status).toBe(200);
  });
});
