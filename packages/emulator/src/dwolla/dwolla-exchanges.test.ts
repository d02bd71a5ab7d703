import { createOpenApiValidator } from '@achbridge/specs/openapi-validator';
import { describe, expect, it } from 'vitest';
import {
  bodyOf,
  createDwollaHarness,
  type DwollaHarness,
  idFromLocation,
  TEST_BASE,
} from '../../test/dwolla.test-helpers.js';
import { DWOLLA_EXCHANGE_PARTNERS } from './dwolla-exchanges.js';

const dwollaSpec = createOpenApiValidator('dwolla');

async function plaidPartnerHref(harness: DwollaHarness): Promise<string> {
  const body = bodyOf(await harness.call('GET', '/exchange-partners'));
  const partners = (body['_embedded'] as { 'exchange-partners': Array<Record<string, unknown>> })[
    'exchange-partners'
  ];
  const plaid = partners.find((partner) => partner['name'] === 'Plaid');
  if (!plaid) throw new Error('no Plaid exchange partner');
  return (plaid['_links'] as { self: { href: string } }).self.href;
}

async function createExchange(harness: DwollaHarness, customerId: string, token: string) {
  const body = { _links: { 'exchange-partner': { href: await plaidPartnerHref(harness) } }, token };
  return harness.call('POST', `/customers/${customerId}/exchanges`, { body });
}

describe('GET /exchange-partners', () => {
  it('lists Plaid, MX, Finicity and Flinks as active partners', async () => {
    const harness = createDwollaHarness();
    const response = await harness.call('GET', '/exchange-partners');
    expect(response.status).toBe(200);
    const body = bodyOf(response);
    expect(dwollaSpec.responseErrors('GET', '/exchange-partners', 200, body)).toBeUndefined();
    const partners = (body['_embedded'] as { 'exchange-partners': Array<Record<string, unknown>> })[
      'exchange-partners'
    ];
    expect(partners.map((partner) => partner['name'])).toEqual(['Plaid', 'MX', 'Finicity', 'Flinks']);
    expect(partners.every((partner) => partner['status'] === 'active')).toBe(true);
    expect(body['total']).toBe(4);
  });

  it('retrieves one partner and 404s an unknown one', async () => {
    const harness = createDwollaHarness();
    const id = DWOLLA_EXCHANGE_PARTNERS[0]?.id;
    const found = bodyOf(await harness.call('GET', `/exchange-partners/${id}`));
    expect(found['name']).toBe('Plaid');
    expect(dwollaSpec.schemaErrors('ExchangePartner', found)).toBeUndefined();
    expect((await harness.call('GET', '/exchange-partners/nope')).status).toBe(404);
  });
});

describe('POST /customers/{id}/exchanges', () => {
  it('creates an exchange from a processor token: 201 + Location, retrievable and listed', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const token = harness.mintProcessorToken();
    const request = { _links: { 'exchange-partner': { href: await plaidPartnerHref(harness) } }, token };
    expect(dwollaSpec.schemaErrors('CreateTokenBasedExchange', request)).toBeUndefined();
    const response = await harness.call('POST', `/customers/${customerId}/exchanges`, { body: request });
    expect(response.status).toBe(201);
    expect(response.headers?.['location']).toMatch(new RegExp(`^${TEST_BASE}/exchanges/[0-9a-f-]{36}$`));
    const exchange = bodyOf(await harness.call('GET', `/exchanges/${idFromLocation(response)}`));
    expect(exchange).toMatchObject({ id: idFromLocation(response), status: 'active' });
    expect(JSON.stringify(exchange)).not.toContain(token);
    const list = bodyOf(await harness.call('GET', `/customers/${customerId}/exchanges`));
    expect(list['total']).toBe(1);
  });

  it('answers 400 InvalidExchangeToken for an unknown or revoked token, without echoing it', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const unknown = await createExchange(harness, customerId, 'processor-sandbox-never-minted');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({
      code: 'InvalidExchangeToken',
      message: 'The exchange token is not valid to perform this operation.',
    });
    // The spec's 400 is a oneOf of two structurally identical {code, message} schemas, which nothing can
    // satisfy exactly once, so check against the component schema instead.
    expect(dwollaSpec.schemaErrors('InvalidExchangeTokenError', unknown.body)).toBeUndefined();
    expect(JSON.stringify(unknown)).not.toContain('never-minted');

    const token = harness.mintProcessorToken({ itemId: 'item-gone' });
    harness.bridge.revokeItem('item-gone');
    expect(bodyOf(await createExchange(harness, customerId, token))['code']).toBe('InvalidExchangeToken');
  });

  it('rejects a Plaid processor token sent to a non-Plaid partner', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const mx = DWOLLA_EXCHANGE_PARTNERS.find((partner) => partner.name === 'MX');
    const response = await harness.call('POST', `/customers/${customerId}/exchanges`, {
      body: {
        _links: { 'exchange-partner': { href: `${TEST_BASE}/exchange-partners/${mx?.id}` } },
        token: harness.mintProcessorToken(),
      },
    });
    expect(bodyOf(response)['code']).toBe('InvalidExchangeToken');
  });

  it('answers 404 for an unknown partner or customer and ValidationError for missing fields', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const badPartner = await harness.call('POST', `/customers/${customerId}/exchanges`, {
      body: { _links: { 'exchange-partner': { href: `${TEST_BASE}/exchange-partners/nope` } }, token: 't' },
    });
    expect(badPartner.status).toBe(404);
    expect(
      dwollaSpec.responseErrors('POST', '/customers/{id}/exchanges', 404, badPartner.body),
    ).toBeUndefined();
    const badCustomer = await createExchange(
      harness,
      '00000000-0000-4000-8000-000000000000',
      harness.mintProcessorToken(),
    );
    expect(badCustomer.status).toBe(404);
    const missing = await harness.call('POST', `/customers/${customerId}/exchanges`, { body: {} });
    expect(missing.status).toBe(400);
    const errors = (bodyOf(missing)['_embedded'] as { errors: Array<{ path: string }> }).errors;
    expect(errors.map((error) => error.path)).toEqual(['/_links/exchange-partner/href', '/token']);
  });
});

describe('POST /customers/{id}/funding-sources with an exchange', () => {
  it('creates a verified bank from the exchange; the exchange cannot be used twice', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const exchange = await createExchange(harness, customerId, harness.mintProcessorToken());
    const request = {
      _links: { exchange: { href: exchange.headers?.['location'] } },
      bankAccountType: 'checking',
      name: 'Exchange checking',
    };
    expect(dwollaSpec.schemaErrors('CreateCustomerExchangeFundingSource', request)).toBeUndefined();
    const created = await harness.call('POST', `/customers/${customerId}/funding-sources`, { body: request });
    expect(created.status).toBe(201);
    const source = bodyOf(await harness.call('GET', `/funding-sources/${idFromLocation(created)}`));
    expect(source).toMatchObject({ status: 'verified', bankName: 'SANDBOX TEST BANK', channels: ['ach'] });
    expect(dwollaSpec.schemaErrors('FundingSource', source)).toBeUndefined();

    const reused = await harness.call('POST', `/customers/${customerId}/funding-sources`, {
      body: { ...request, name: 'again' },
    });
    expect(reused.status).toBe(400);
    expect(reused.body).toEqual({
      code: 'ValidationError',
      message:
        'Duplicate funding source or validation error. Authorization already associated to a funding source.',
    });
    expect(dwollaSpec.schemaErrors('DuplicateFundingSourceError', reused.body)).toBeUndefined();
  });

  it('answers DuplicateResource when a new exchange points at a bank the customer already has', async () => {
    const harness = createDwollaHarness(3600, 'DuplicateResource');
    const customerId = await harness.createCustomer();
    await harness.call('POST', `/customers/${customerId}/funding-sources`, {
      body: { plaidToken: harness.mintProcessorToken(), name: 'Direct' },
    });
    const exchange = await createExchange(harness, customerId, harness.mintProcessorToken());
    const response = await harness.call('POST', `/customers/${customerId}/funding-sources`, {
      body: {
        _links: { exchange: { href: exchange.headers?.['location'] } },
        bankAccountType: 'checking',
        name: 'x',
      },
    });
    expect(bodyOf(response)['code']).toBe('DuplicateResource');
  });

  it('answers InvalidExchangeToken when the Plaid Item was removed after the exchange', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const exchange = await createExchange(
      harness,
      customerId,
      harness.mintProcessorToken({ itemId: 'item-later-removed' }),
    );
    harness.bridge.revokeItem('item-later-removed');
    const response = await harness.call('POST', `/customers/${customerId}/funding-sources`, {
      body: {
        _links: { exchange: { href: exchange.headers?.['location'] } },
        bankAccountType: 'checking',
        name: 'x',
      },
    });
    expect(response.status).toBe(400);
    expect(bodyOf(response)['code']).toBe('InvalidExchangeToken');
    expect(dwollaSpec.schemaErrors('InvalidExchangeTokenError', response.body)).toBeUndefined();
  });

  it("answers 404 for an unknown exchange or another customer's exchange", async () => {
    const harness = createDwollaHarness();
    const owner = await harness.createCustomer();
    const other = await harness.createCustomer();
    const exchange = await createExchange(harness, owner, harness.mintProcessorToken());
    for (const [customerId, href] of [
      [other, exchange.headers?.['location']],
      [owner, `${TEST_BASE}/exchanges/00000000-0000-4000-8000-000000000000`],
    ]) {
      const response = await harness.call('POST', `/customers/${customerId}/funding-sources`, {
        body: { _links: { exchange: { href } }, bankAccountType: 'checking', name: 'x' },
      });
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ code: 'NotFound', message: 'Exchange not found.' });
    }
  });

  it('requires bankAccountType and name, and an href', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const response = await harness.call('POST', `/customers/${customerId}/funding-sources`, {
      body: { _links: { exchange: {} } },
    });
    const errors = (bodyOf(response)['_embedded'] as { errors: Array<{ path: string }> }).errors;
    expect(errors.map((error) => error.path)).toEqual(['/_links/exchange/href', '/bankAccountType', '/name']);
  });

  it('accepts exchange links from another host, as the SDK rewrites them', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const exchange = await createExchange(harness, customerId, harness.mintProcessorToken());
    const href = `https://api-sandbox.dwolla.com/exchanges/${idFromLocation(exchange)}`;
    const response = await harness.call('POST', `/customers/${customerId}/funding-sources`, {
      body: { _links: { exchange: { href } }, bankAccountType: 'savings', name: 'Other host' },
    });
    expect(response.status).toBe(201);
  });
});
