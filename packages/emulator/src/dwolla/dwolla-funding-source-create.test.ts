import { createOpenApiValidator } from '@achbridge/specs/openapi-validator';
import { describe, expect, it } from 'vitest';
import {
  bodyOf,
  createDwollaHarness,
  HAL,
  idFromLocation,
  TEST_BASE,
} from '../../test/dwolla.test-helpers.js';
import { bankFingerprint } from './dwolla-bank.js';

const dwollaSpec = createOpenApiValidator('dwolla');

function embedded(body: Record<string, unknown>): Array<Record<string, unknown>> {
  return (body['_embedded'] as { errors: Array<Record<string, unknown>> }).errors;
}

describe('POST /customers/{id}/funding-sources with plaidToken', () => {
  it('creates a verified bank: 201 + Location, bankName, stable fingerprint, ach channel', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const plaidToken = harness.mintProcessorToken();
    const request = { plaidToken, name: "Jane Doe's Checking", bankAccountType: 'checking' };
    expect(dwollaSpec.schemaErrors('CreateCustomerBankFundingSourceWithPlaid', request)).toBeUndefined();
    const response = await harness.call('POST', `/customers/${customerId}/funding-sources`, {
      body: request,
    });
    expect(response.status).toBe(201);
    expect(response.body).toBe('');
    expect(response.headers?.['location']).toMatch(
      new RegExp(`^${TEST_BASE}/funding-sources/[0-9a-f-]{36}$`),
    );

    const id = idFromLocation(response);
    const source = bodyOf(await harness.call('GET', `/funding-sources/${id}`));
    expect(source).toEqual({
      _links: {
        self: { href: `${TEST_BASE}/funding-sources/${id}`, type: HAL, 'resource-type': 'funding-source' },
        customer: { href: `${TEST_BASE}/customers/${customerId}`, type: HAL, 'resource-type': 'customer' },
        remove: { href: `${TEST_BASE}/funding-sources/${id}`, type: HAL, 'resource-type': 'funding-source' },
      },
      id,
      status: 'verified',
      type: 'bank',
      bankAccountType: 'checking',
      name: "Jane Doe's Checking",
      created: '2026-01-15T12:00:00.000Z',
      removed: false,
      channels: ['ach'],
      bankName: 'SANDBOX TEST BANK',
      fingerprint: bankFingerprint('011401533', '1111222233330000'),
    });
    expect(source['fingerprint']).toMatch(/^[0-9a-f]{64}$/);
    expect(dwollaSpec.responseErrors('GET', '/funding-sources/{id}', 200, source)).toBeUndefined();
    expect(dwollaSpec.schemaErrors('FundingSource', source)).toBeUndefined();
    expect(JSON.stringify(source)).not.toContain('1111222233330000');
  });

  it('works without bankAccountType (as the docs and Dwolla example send it), using the Plaid subtype', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const plaidToken = harness.mintProcessorToken({
      accountType: 'savings',
      accountNumber: '1111222233331111',
    });
    const response = await harness.call('POST', `/customers/${customerId}/funding-sources`, {
      body: { plaidToken, name: 'Savings' },
    });
    expect(response.status).toBe(201);
    const source = bodyOf(await harness.call('GET', `/funding-sources/${idFromLocation(response)}`));
    expect(source['bankAccountType']).toBe('savings');
  });

  it('names non-sandbox routing numbers after the Plaid institution', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const plaidToken = harness.mintProcessorToken({
      routingNumber: '121000358',
      institutionName: 'Tartan Bank',
    });
    const response = await harness.call('POST', `/customers/${customerId}/funding-sources`, {
      body: { plaidToken, name: 'Tartan' },
    });
    expect(
      bodyOf(await harness.call('GET', `/funding-sources/${idFromLocation(response)}`))['bankName'],
    ).toBe('TARTAN BANK');
  });

  it('adds the wire channel when requested', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const response = await harness.call('POST', `/customers/${customerId}/funding-sources`, {
      body: { plaidToken: harness.mintProcessorToken(), name: 'Wire', channels: ['wire'] },
    });
    expect(
      bodyOf(await harness.call('GET', `/funding-sources/${idFromLocation(response)}`))['channels'],
    ).toEqual(['ach', 'wire']);
  });

  it('records funding_source_added and _verified events for the webhook feature', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const seen: string[] = [];
    const unsubscribe = harness.module.onEvent((event) => seen.push(event.topic));
    const response = await harness.call('POST', `/customers/${customerId}/funding-sources`, {
      body: { plaidToken: harness.mintProcessorToken(), name: 'Checking' },
    });
    unsubscribe();
    expect(seen).toEqual(['customer_funding_source_added', 'customer_funding_source_verified']);
    const last = harness.module.events().at(-1);
    expect(last).toMatchObject({
      resourceId: idFromLocation(response),
      resourceCollection: 'funding-sources',
      customerId,
    });
  });

  // Dwolla OpenAPI (Dwolla/dwolla-openapi `openapi.yml`), `POST /customers/{id}/funding-sources` 400 →
  // `DuplicateFundingSourceError`: `{code: ValidationError, message: "Duplicate funding source or validation error.
  // Authorization already associated to a funding source."}`: the documented answer, and the default.
  it('answers the documented ValidationError (no id) by default when the same bank is added again', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    await harness.call('POST', `/customers/${customerId}/funding-sources`, {
      body: { plaidToken: harness.mintProcessorToken(), name: 'Checking', bankAccountType: 'checking' },
    });
    const again = await harness.call('POST', `/customers/${customerId}/funding-sources`, {
      body: { plaidToken: harness.mintProcessorToken(), name: 'Checking again', bankAccountType: 'checking' },
    });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({
      code: 'ValidationError',
      message:
        'Duplicate funding source or validation error. Authorization already associated to a funding source.',
    });
    expect(dwollaSpec.schemaErrors('DuplicateFundingSourceError', again.body)).toBeUndefined();
  });

  // Dwolla's drop-in components docs (Dwolla/dev-portal `using-drop-in-components.mdx`) show the other form:
  // `{"code":"DuplicateResource","message":"Bank already exists: id=…","_links":{"about":…}}`; the spec's
  // `DuplicateResourceSchema`. Configurable with `tuning.dwollaDuplicateAnswer: 'DuplicateResource'`.
  it('answers DuplicateResource with a link to the existing bank when configured so', async () => {
    const harness = createDwollaHarness(3600, 'DuplicateResource');
    const customerId = await harness.createCustomer();
    const first = await harness.call('POST', `/customers/${customerId}/funding-sources`, {
      body: { plaidToken: harness.mintProcessorToken(), name: 'Checking' },
    });
    const existingId = idFromLocation(first);
    const again = await harness.call('POST', `/customers/${customerId}/funding-sources`, {
      body: { plaidToken: harness.mintProcessorToken(), name: 'Checking again' },
    });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({
      code: 'DuplicateResource',
      message: `Bank already exists: id=${existingId}`,
      _links: {
        about: {
          href: `${TEST_BASE}/funding-sources/${existingId}`,
          type: HAL,
          'resource-type': 'funding-source',
        },
      },
    });
    expect(dwollaSpec.schemaErrors('DuplicateResourceSchema', again.body)).toBeUndefined();
  });

  it('lets the same bank be added to another customer, with the same fingerprint', async () => {
    const harness = createDwollaHarness();
    const plaidToken = harness.mintProcessorToken();
    const fingerprints: unknown[] = [];
    for (const customerId of [await harness.createCustomer(), await harness.createCustomer()]) {
      const response = await harness.call('POST', `/customers/${customerId}/funding-sources`, {
        body: { plaidToken, name: 'Shared' },
      });
      expect(response.status).toBe(201);
      fingerprints.push(
        bodyOf(await harness.call('GET', `/funding-sources/${idFromLocation(response)}`))['fingerprint'],
      );
    }
    expect(fingerprints[0]).toBe(fingerprints[1]);
  });

  it('re-uses a processor token: still valid at Plaid, so the same customer gets DuplicateResource', async () => {
    const harness = createDwollaHarness(3600, 'DuplicateResource');
    const customerId = await harness.createCustomer();
    const plaidToken = harness.mintProcessorToken();
    await harness.call('POST', `/customers/${customerId}/funding-sources`, {
      body: { plaidToken, name: 'A' },
    });
    const again = await harness.call('POST', `/customers/${customerId}/funding-sources`, {
      body: { plaidToken, name: 'B' },
    });
    expect(bodyOf(again)['code']).toBe('DuplicateResource');
  });

  it('answers ValidationError on /plaidToken for an unknown token, without echoing it', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const response = await harness.call('POST', `/customers/${customerId}/funding-sources`, {
      body: { plaidToken: 'processor-sandbox-unknown-secret-value', name: 'Checking' },
    });
    expect(response.status).toBe(400);
    const body = bodyOf(response);
    expect(body['code']).toBe('ValidationError');
    expect(embedded(body)).toEqual([
      { code: 'Invalid', message: 'Invalid plaid token.', path: '/plaidToken', _links: {} },
    ]);
    expect(JSON.stringify(response)).not.toContain('unknown-secret-value');
  });

  it('rejects a token whose Plaid Item was removed, but keeps banks already created from it', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const plaidToken = harness.mintProcessorToken({ itemId: 'item-to-remove' });
    const created = await harness.call('POST', `/customers/${customerId}/funding-sources`, {
      body: { plaidToken, name: 'Before removal' },
    });
    harness.bridge.revokeItem('item-to-remove');
    const otherCustomer = await harness.createCustomer();
    const after = await harness.call('POST', `/customers/${otherCustomer}/funding-sources`, {
      body: { plaidToken, name: 'After removal' },
    });
    expect(after.status).toBe(400);
    expect(embedded(bodyOf(after))[0]).toMatchObject({ path: '/plaidToken', code: 'Invalid' });
    const existing = bodyOf(await harness.call('GET', `/funding-sources/${idFromLocation(created)}`));
    expect(existing).toMatchObject({ status: 'verified', removed: false });
  });

  it('validates name and bankAccountType together with the token', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const response = await harness.call('POST', `/customers/${customerId}/funding-sources`, {
      body: {
        plaidToken: harness.mintProcessorToken(),
        name: 'N'.repeat(51),
        bankAccountType: 'loan',
        channels: ['x'],
      },
    });
    expect(embedded(bodyOf(response)).map((error) => [error['path'], error['code']])).toEqual([
      ['/name', 'Invalid'],
      ['/bankAccountType', 'Invalid'],
      ['/channels', 'Invalid'],
    ]);
    const missing = await harness.call('POST', `/customers/${customerId}/funding-sources`, {
      body: { plaidToken: '' },
    });
    expect(embedded(bodyOf(missing)).map((error) => error['path'])).toEqual(['/plaidToken', '/name']);
  });

  it('answers 404 with Dwolla wording for an unknown customer', async () => {
    const harness = createDwollaHarness();
    const response = await harness.call(
      'POST',
      '/customers/00000000-0000-4000-8000-000000000000/funding-sources',
      {
        body: { plaidToken: harness.mintProcessorToken(), name: 'x' },
      },
    );
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ code: 'NotFound', message: 'Customer ID not found. Check Customer ID.' });
    expect(
      dwollaSpec.responseErrors('POST', '/customers/{id}/funding-sources', 404, response.body),
    ).toBeUndefined();
  });
});

describe('POST /customers/{id}/funding-sources with account numbers', () => {
  const manual = {
    routingNumber: '222222226',
    accountNumber: '123456789',
    bankAccountType: 'checking',
    name: 'Manual',
  };

  it('creates an unverified bank without storing the account number', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    expect(
      dwollaSpec.schemaErrors('CreateCustomerBankFundingSourceWithAccountNumbers', manual),
    ).toBeUndefined();
    const response = await harness.call('POST', `/customers/${customerId}/funding-sources`, { body: manual });
    expect(response.status).toBe(201);
    const source = bodyOf(await harness.call('GET', `/funding-sources/${idFromLocation(response)}`));
    expect(source).toMatchObject({ status: 'unverified', type: 'bank', bankName: 'SANDBOX TEST BANK' });
    expect(JSON.stringify(harness.module.snapshot())).not.toContain('123456789"');
    expect(harness.module.events().at(-1)?.topic).toBe('customer_funding_source_added');
  });

  it('validates routing checksum, account number, type and name', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const response = await harness.call('POST', `/customers/${customerId}/funding-sources`, {
      body: { routingNumber: '123456789', accountNumber: '12', bankAccountType: 'x' },
    });
    expect(embedded(bodyOf(response)).map((error) => [error['path'], error['code']])).toEqual([
      ['/routingNumber', 'Invalid'],
      ['/accountNumber', 'Invalid'],
      ['/bankAccountType', 'Invalid'],
      ['/name', 'Required'],
    ]);
  });

  it('reactivates a removed unverified bank under the same id within 48 hours, not after', async () => {
    const harness = createDwollaHarness(7 * 24 * 3600);
    const customerId = await harness.createCustomer();
    const first = await harness.call('POST', `/customers/${customerId}/funding-sources`, { body: manual });
    const id = idFromLocation(first);
    await harness.call('POST', `/funding-sources/${id}`, { body: { removed: true } });
    harness.clock.advance(47 * 3600 * 1000);
    const again = await harness.call('POST', `/customers/${customerId}/funding-sources`, {
      body: { ...manual, name: 'Renamed' },
    });
    expect(idFromLocation(again)).toBe(id);
    expect(bodyOf(await harness.call('GET', `/funding-sources/${id}`))).toMatchObject({
      removed: false,
      name: 'Renamed',
    });

    await harness.call('POST', `/funding-sources/${id}`, { body: { removed: true } });
    harness.clock.advance(49 * 3600 * 1000);
    const later = await harness.call('POST', `/customers/${customerId}/funding-sources`, { body: manual });
    expect(later.status).toBe(201);
    expect(idFromLocation(later)).not.toBe(id);
  });
});
