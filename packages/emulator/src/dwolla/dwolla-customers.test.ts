import { createOpenApiValidator } from '@achbridge/specs/openapi-validator';
import { describe, expect, it } from 'vitest';
import {
  bodyOf,
  createDwollaHarness,
  HAL,
  idFromLocation,
  TEST_BASE,
} from '../../test/dwolla.test-helpers.js';

const dwollaSpec = createOpenApiValidator('dwolla');

const unverified = { firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com', type: 'unverified' };
const personal = {
  firstName: 'John',
  lastName: 'Smith',
  email: 'john@example.com',
  type: 'personal',
  address1: '99-99 33rd St',
  city: 'Some City',
  state: 'NY',
  postalCode: '11101',
  dateOfBirth: '1980-09-12',
  ssn: '1234',
};

function embedded(body: Record<string, unknown>): Array<Record<string, unknown>> {
  return (body['_embedded'] as { errors: Array<Record<string, unknown>> }).errors;
}

describe('POST /customers', () => {
  it('creates an unverified customer: 201, empty body, Location under the emulator base', async () => {
    const harness = createDwollaHarness();
    expect(dwollaSpec.schemaErrors('CreateUnverifiedCustomer', unverified)).toBeUndefined();
    const response = await harness.call('POST', '/customers', { body: unverified });
    expect(response.status).toBe(201);
    expect(response.body).toBe('');
    expect(response.headers?.['location']).toMatch(new RegExp(`^${TEST_BASE}/customers/[0-9a-f-]{36}$`));

    const fetched = await harness.call('GET', `/customers/${idFromLocation(response)}`);
    expect(fetched.status).toBe(200);
    expect(fetched.headers?.['content-type']).toContain(HAL);
    const body = bodyOf(fetched);
    expect(body).toMatchObject({
      id: idFromLocation(response),
      firstName: 'Jane',
      lastName: 'Doe',
      email: 'jane@example.com',
      type: 'unverified',
      status: 'unverified',
      created: '2026-01-15T12:00:00.000Z',
    });
    expect(body['_links']).toMatchObject({
      self: { href: response.headers?.['location'], type: HAL, 'resource-type': 'customer' },
      'funding-sources': { href: `${response.headers?.['location']}/funding-sources` },
    });
    expect(dwollaSpec.responseErrors('GET', '/customers/{id}', 200, body)).toBeUndefined();
    expect(dwollaSpec.schemaErrors('UnverifiedCustomer', body)).toBeUndefined();
  });

  it('defaults the type to unverified when omitted (as the docs show)', async () => {
    const harness = createDwollaHarness();
    const id = await harness.createCustomer({ type: undefined });
    expect(bodyOf(await harness.call('GET', `/customers/${id}`))['type']).toBe('unverified');
  });

  it('creates a receive-only customer', async () => {
    const harness = createDwollaHarness();
    const body = { ...unverified, type: 'receive-only', businessName: 'Jane Corp llc' };
    expect(dwollaSpec.schemaErrors('CreateReceiveOnlyUser', body)).toBeUndefined();
    const response = await harness.call('POST', '/customers', { body });
    expect(response.status).toBe(201);
    const customer = bodyOf(await harness.call('GET', `/customers/${idFromLocation(response)}`));
    expect(customer).toMatchObject({
      type: 'receive-only',
      status: 'unverified',
      businessName: 'Jane Corp llc',
    });
    expect(dwollaSpec.schemaErrors('ReceiveOnlyCustomer', customer)).toBeUndefined();
  });

  it('creates a verified personal customer with a balance funding source, never returning SSN or birth date', async () => {
    const harness = createDwollaHarness();
    expect(dwollaSpec.schemaErrors('CreateVerifiedPersonalCustomer', personal)).toBeUndefined();
    const response = await harness.call('POST', '/customers', { body: personal });
    expect(response.status).toBe(201);
    const id = idFromLocation(response);
    const customer = bodyOf(await harness.call('GET', `/customers/${id}`));
    expect(customer).toMatchObject({
      type: 'personal',
      status: 'verified',
      address1: '99-99 33rd St',
      state: 'NY',
    });
    expect(customer).not.toHaveProperty('ssn');
    expect(customer).not.toHaveProperty('dateOfBirth');
    expect(JSON.stringify(harness.module.snapshot())).not.toContain('1980-09-12');
    expect(dwollaSpec.schemaErrors('VerifiedPersonalCustomer', customer)).toBeUndefined();

    const sources = bodyOf(await harness.call('GET', `/customers/${id}/funding-sources`));
    const list = (sources['_embedded'] as { 'funding-sources': Array<Record<string, unknown>> })[
      'funding-sources'
    ];
    expect(list).toEqual([expect.objectContaining({ type: 'balance', status: 'verified', name: 'Balance' })]);
    expect(harness.module.events().map((event) => event.topic)).toEqual([
      'customer_created',
      'customer_verified',
    ]);
  });

  it('reports every missing required field with JSON pointers', async () => {
    const harness = createDwollaHarness();
    const response = await harness.call('POST', '/customers', { body: { type: 'unverified' } });
    expect(response.status).toBe(400);
    const body = bodyOf(response);
    expect(body['code']).toBe('ValidationError');
    expect(body['message']).toBe('Validation error(s) present. See embedded errors list for more details.');
    expect(embedded(body)).toEqual([
      { code: 'Required', message: 'FirstName required.', path: '/firstName', _links: {} },
      { code: 'Required', message: 'LastName required.', path: '/lastName', _links: {} },
      { code: 'Required', message: 'Email required.', path: '/email', _links: {} },
    ]);
    expect(dwollaSpec.schemaErrors('BadRequestSchema', body)).toBeUndefined();
  });

  it('validates formats and limits', async () => {
    const harness = createDwollaHarness();
    const response = await harness.call('POST', '/customers', {
      body: {
        firstName: 'J'.repeat(51),
        lastName: 'Doe!',
        email: 'not-an-email',
        type: 'business',
        correlationId: 'has spaces',
        phone: '555-1234',
        ipAddress: 'nope',
      },
    });
    expect(response.status).toBe(400);
    const paths = embedded(bodyOf(response)).map((error) => [error['path'], error['code']]);
    expect(paths).toEqual([
      ['/type', 'Invalid'],
      ['/firstName', 'Invalid'],
      ['/lastName', 'Invalid'],
      ['/email', 'InvalidFormat'],
      ['/correlationId', 'InvalidFormat'],
      ['/ipAddress', 'InvalidFormat'],
      ['/phone', 'InvalidFormat'],
    ]);
  });

  it('checks the personal-customer fields, including age 18-125 on the emulated clock', async () => {
    const harness = createDwollaHarness();
    const response = await harness.call('POST', '/customers', {
      body: {
        ...personal,
        state: 'XX',
        postalCode: '123',
        dateOfBirth: '2010-01-01',
        ssn: '12',
        address1: undefined,
      },
    });
    expect(response.status).toBe(400);
    expect(embedded(bodyOf(response)).map((error) => error['path'])).toEqual([
      '/address1',
      '/state',
      '/postalCode',
      '/dateOfBirth',
      '/ssn',
    ]);
    const badDate = await harness.call('POST', '/customers', {
      body: { ...personal, dateOfBirth: '1980-02-30' },
    });
    expect(embedded(bodyOf(badDate))).toEqual([
      expect.objectContaining({ path: '/dateOfBirth', code: 'InvalidFormat' }),
    ]);
  });

  it('answers Duplicate at /email (case-insensitive) with a link to the existing customer', async () => {
    const harness = createDwollaHarness();
    const first = await harness.call('POST', '/customers', { body: unverified });
    const again = await harness.call('POST', '/customers', {
      body: { ...unverified, email: 'JANE@example.com', firstName: 'Janet' },
    });
    expect(again.status).toBe(400);
    const body = bodyOf(again);
    expect(body['code']).toBe('ValidationError');
    expect(embedded(body)).toEqual([
      {
        code: 'Duplicate',
        message: 'A customer with the specified email already exists.',
        path: '/email',
        _links: { about: { href: first.headers?.['location'], type: HAL, 'resource-type': 'customer' } },
      },
    ]);
  });

  it('rejects a duplicate correlationId', async () => {
    const harness = createDwollaHarness();
    await harness.createCustomer({ correlationId: 'order-1' });
    const response = await harness.call('POST', '/customers', {
      body: { ...unverified, email: 'other@example.com', correlationId: 'ORDER-1' },
    });
    expect(embedded(bodyOf(response))).toEqual([
      expect.objectContaining({ code: 'Duplicate', path: '/correlationId' }),
    ]);
  });

  it.each([
    ['invalid JSON', '{"firstName":'],
    ['an empty body', ''],
    ['a JSON array', '[]'],
    ['a JSON string', '"x"'],
  ])('answers 400 BadRequest for %s', async (_label, rawBody) => {
    const harness = createDwollaHarness();
    const response = await harness.call('POST', '/customers', {
      rawBody,
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      code: 'BadRequest',
      message: 'The request body contains bad syntax or is incomplete.',
    });
    expect(dwollaSpec.responseErrors('POST', '/customers', 400, response.body)).toBeUndefined();
  });

  it('accepts the HAL content type for request bodies too', async () => {
    const harness = createDwollaHarness();
    const response = await harness.call('POST', '/customers', {
      body: unverified,
      headers: { 'content-type': 'application/vnd.dwolla.v1.hal+json' },
    });
    expect(response.status).toBe(201);
  });
});

describe('GET /customers/{id}', () => {
  it('answers 404 NotFound for an unknown id', async () => {
    const harness = createDwollaHarness();
    const response = await harness.call('GET', '/customers/5c0bf7a2-0000-4000-8000-000000000000');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ code: 'NotFound', message: 'Customer not found.' });
    expect(dwollaSpec.responseErrors('GET', '/customers/{id}', 404, response.body)).toBeUndefined();
  });

  it('finds customers by id case-insensitively (Dwolla ids appear upper-cased in docs)', async () => {
    const harness = createDwollaHarness();
    const id = await harness.createCustomer();
    expect((await harness.call('GET', `/customers/${id.toUpperCase()}`)).status).toBe(200);
  });
});

describe('GET /customers', () => {
  it('lists newest first under _embedded.customers with total and paging links', async () => {
    const harness = createDwollaHarness();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      ids.push(await harness.createCustomer({ firstName: `Person${i}` }));
      harness.clock.advance(1000);
    }
    const response = await harness.call('GET', '/customers', { query: 'limit=2' });
    const body = bodyOf(response);
    const customers = (body['_embedded'] as { customers: Array<{ id: string }> }).customers;
    expect(customers.map((customer) => customer.id)).toEqual([ids[2], ids[1]]);
    expect(body['total']).toBe(3);
    expect(body['_links']).toMatchObject({
      next: { href: `${TEST_BASE}/customers?limit=2&offset=2` },
      first: { href: `${TEST_BASE}/customers?limit=2&offset=0` },
      last: { href: `${TEST_BASE}/customers?limit=2&offset=2` },
    });
    const second = bodyOf(await harness.call('GET', '/customers', { query: 'limit=2&offset=2' }));
    expect((second['_embedded'] as { customers: Array<{ id: string }> }).customers.map((c) => c.id)).toEqual([
      ids[0],
    ]);
  });

  it('filters by email, status and search', async () => {
    const harness = createDwollaHarness();
    await harness.createCustomer({ email: 'find.me@example.com', firstName: 'Findable' });
    await harness.createCustomer();
    await harness.call('POST', '/customers', { body: personal });
    const count = async (query: string) =>
      bodyOf(await harness.call('GET', '/customers', { query }))['total'];
    expect(await count('email=FIND.ME@example.com')).toBe(1);
    expect(await count('status=verified')).toBe(1);
    expect(await count('search=findable')).toBe(1);
    expect(await count('')).toBe(3);
  });
});
