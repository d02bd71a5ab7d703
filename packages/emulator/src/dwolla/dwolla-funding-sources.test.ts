import { createOpenApiValidator } from '@achbridge/specs/openapi-validator';
import { describe, expect, it } from 'vitest';
import {
  bodyOf,
  createDwollaHarness,
  type DwollaHarness,
  idFromLocation,
  TEST_BASE,
} from '../../test/dwolla.test-helpers.js';

const dwollaSpec = createOpenApiValidator('dwolla');

async function addPlaidBank(harness: DwollaHarness, customerId: string, accountNumber = '1111222233330000') {
  const response = await harness.call('POST', `/customers/${customerId}/funding-sources`, {
    body: {
      plaidToken: harness.mintProcessorToken({ accountNumber }),
      name: `Bank ${accountNumber.slice(-4)}`,
    },
  });
  return idFromLocation(response);
}

function listed(body: Record<string, unknown>): Array<Record<string, unknown>> {
  return (body['_embedded'] as { 'funding-sources': Array<Record<string, unknown>> })['funding-sources'];
}

describe('GET /customers/{id}/funding-sources', () => {
  it('lists all funding sources including removed ones; removed=false filters them out', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const keep = await addPlaidBank(harness, customerId, '1111222233330000');
    const drop = await addPlaidBank(harness, customerId, '1111222233331111');
    await harness.call('POST', `/funding-sources/${drop}`, { body: { removed: true } });

    const all = bodyOf(await harness.call('GET', `/customers/${customerId}/funding-sources`));
    expect(dwollaSpec.responseErrors('GET', '/customers/{id}/funding-sources', 200, all)).toBeUndefined();
    expect(listed(all).map((source) => [source['id'], source['removed']])).toEqual([
      [keep, false],
      [drop, true],
    ]);
    expect(all['_links']).toMatchObject({
      self: { href: `${TEST_BASE}/customers/${customerId}/funding-sources` },
      customer: { href: `${TEST_BASE}/customers/${customerId}` },
    });
    const active = bodyOf(
      await harness.call('GET', `/customers/${customerId}/funding-sources`, { query: 'removed=false' }),
    );
    expect(listed(active).map((source) => source['id'])).toEqual([keep]);
    const explicitAll = bodyOf(
      await harness.call('GET', `/customers/${customerId}/funding-sources`, { query: 'removed=true' }),
    );
    expect(listed(explicitAll)).toHaveLength(2);
  });

  it("lists only the customer's own funding sources and 404s an unknown customer", async () => {
    const harness = createDwollaHarness();
    const a = await harness.createCustomer();
    const b = await harness.createCustomer();
    await addPlaidBank(harness, a);
    expect(listed(bodyOf(await harness.call('GET', `/customers/${b}/funding-sources`)))).toEqual([]);
    const missing = await harness.call(
      'GET',
      '/customers/00000000-0000-4000-8000-000000000000/funding-sources',
    );
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ code: 'NotFound', message: 'Customer not found.' });
    expect(
      dwollaSpec.responseErrors('GET', '/customers/{id}/funding-sources', 404, missing.body),
    ).toBeUndefined();
  });
});

describe('GET /funding-sources/{id}', () => {
  it('answers 404 NotFound for an unknown funding source', async () => {
    const harness = createDwollaHarness();
    const response = await harness.call('GET', '/funding-sources/00000000-0000-4000-8000-000000000000');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ code: 'NotFound', message: 'Funding source not found.' });
    expect(dwollaSpec.responseErrors('GET', '/funding-sources/{id}', 404, response.body)).toBeUndefined();
  });
});

describe('POST /funding-sources/{id}', () => {
  it('soft-deletes with {removed: true}: 200 with the resource, still retrievable, event recorded', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const id = await addPlaidBank(harness, customerId);
    const response = await harness.call('POST', `/funding-sources/${id}`, { body: { removed: true } });
    expect(response.status).toBe(200);
    const body = bodyOf(response);
    expect(body).toMatchObject({ id, removed: true, status: 'verified' });
    expect(body['_links']).not.toHaveProperty('remove');
    expect(dwollaSpec.schemaErrors('FundingSource', body)).toBeUndefined();
    expect(bodyOf(await harness.call('GET', `/funding-sources/${id}`))['removed']).toBe(true);
    expect(harness.module.events().at(-1)).toMatchObject({
      topic: 'customer_funding_source_removed',
      resourceId: id,
    });
  });

  it('lets a removed verified bank be added again as a new funding source with the same fingerprint', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const id = await addPlaidBank(harness, customerId);
    await harness.call('POST', `/funding-sources/${id}`, { body: { removed: true } });
    const again = await addPlaidBank(harness, customerId);
    expect(again).not.toBe(id);
    const [oldOne, newOne] = await Promise.all(
      [id, again].map(async (sourceId) => bodyOf(await harness.call('GET', `/funding-sources/${sourceId}`))),
    );
    expect(newOne?.['fingerprint']).toBe(oldOne?.['fingerprint']);
  });

  it('answers 403 InvalidResourceState when removing twice or modifying a removed bank or a balance', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const id = await addPlaidBank(harness, customerId);
    await harness.call('POST', `/funding-sources/${id}`, { body: { removed: true } });
    const twice = await harness.call('POST', `/funding-sources/${id}`, { body: { removed: true } });
    expect(twice.status).toBe(403);
    expect(twice.body).toEqual({ code: 'InvalidResourceState', message: 'Resource cannot be modified.' });
    expect(dwollaSpec.schemaErrors('InvalidResourceStateSchema', twice.body)).toBeUndefined();
    expect((await harness.call('POST', `/funding-sources/${id}`, { body: { name: 'x' } })).status).toBe(403);

    const personal = await harness.createCustomer({
      type: 'personal',
      address1: '1 Main St',
      city: 'Des Moines',
      state: 'IA',
      postalCode: '50309',
      dateOfBirth: '1970-01-01',
      ssn: '1234',
    });
    const balance = listed(bodyOf(await harness.call('GET', `/customers/${personal}/funding-sources`)))[0];
    const response = await harness.call('POST', `/funding-sources/${balance?.['id']}`, {
      body: { removed: true },
    });
    expect(response.status).toBe(403);
  });

  it('renames a verified bank but refuses to change its account details', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const id = await addPlaidBank(harness, customerId);
    const renamed = await harness.call('POST', `/funding-sources/${id}`, { body: { name: 'New name' } });
    expect(renamed.status).toBe(200);
    expect(bodyOf(renamed)['name']).toBe('New name');
    const refused = await harness.call('POST', `/funding-sources/${id}`, {
      body: { routingNumber: '222222226', accountNumber: '123456789' },
    });
    expect(refused.status).toBe(400);
    const errors = (bodyOf(refused)['_embedded'] as { errors: Array<{ code: string; path: string }> }).errors;
    expect(errors.map((error) => [error.code, error.path])).toEqual([
      ['ReadOnly', '/routingNumber'],
      ['ReadOnly', '/accountNumber'],
    ]);
  });

  it("updates an unverified bank's numbers and type, refusing a clash with another bank", async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const manual = {
      routingNumber: '222222226',
      accountNumber: '123456789',
      bankAccountType: 'checking',
      name: 'M',
    };
    const first = idFromLocation(
      await harness.call('POST', `/customers/${customerId}/funding-sources`, { body: manual }),
    );
    const second = idFromLocation(
      await harness.call('POST', `/customers/${customerId}/funding-sources`, {
        body: { ...manual, accountNumber: '987654321' },
      }),
    );
    const before = bodyOf(await harness.call('GET', `/funding-sources/${second}`))['fingerprint'];
    const updated = await harness.call('POST', `/funding-sources/${second}`, {
      body: { routingNumber: '011401533', accountNumber: '55554444', bankAccountType: 'savings' },
    });
    expect(updated.status).toBe(200);
    expect(bodyOf(updated)).toMatchObject({ bankAccountType: 'savings', bankName: 'SANDBOX TEST BANK' });
    expect(bodyOf(updated)['fingerprint']).not.toBe(before);
    const clash = await harness.call('POST', `/funding-sources/${second}`, {
      body: { routingNumber: '222222226', accountNumber: '123456789' },
    });
    expect(bodyOf(clash)).toMatchObject({
      code: 'DuplicateResource',
      message: `Bank already exists: id=${first}`,
    });
    const half = await harness.call('POST', `/funding-sources/${second}`, {
      body: { routingNumber: '222222226' },
    });
    const errors = (bodyOf(half)['_embedded'] as { errors: Array<{ path: string }> }).errors;
    expect(errors.map((error) => error.path)).toEqual(['/accountNumber']);
  });

  it('validates the body: removed must be true, something must change', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const id = await addPlaidBank(harness, customerId);
    const notTrue = await harness.call('POST', `/funding-sources/${id}`, { body: { removed: false } });
    expect(notTrue.status).toBe(400);
    expect((bodyOf(notTrue)['_embedded'] as { errors: Array<{ path: string }> }).errors[0]?.path).toBe(
      '/removed',
    );
    const empty = await harness.call('POST', `/funding-sources/${id}`, { body: {} });
    expect((bodyOf(empty)['_embedded'] as { errors: Array<{ path: string }> }).errors[0]?.path).toBe('/name');
    expect((await harness.call('POST', `/funding-sources/${id}`, { rawBody: 'nope' })).status).toBe(400);
    const unknown = await harness.call('POST', '/funding-sources/00000000-0000-4000-8000-000000000000', {
      body: { removed: true },
    });
    expect(unknown.status).toBe(404);
  });
});
