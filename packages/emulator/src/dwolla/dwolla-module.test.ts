import { createOpenApiValidator } from '@achbridge/specs/openapi-validator';
import { describe, expect, it } from 'vitest';
import {
  bodyOf,
  buildRequest,
  createDwollaHarness,
  createTestBridge,
  createTestClock,
  idFromLocation,
  TEST_BASE,
} from '../../test/dwolla.test-helpers.js';
import { DEFAULT_CREDENTIALS, type ModuleContext } from '../types.js';
import { DwollaModuleConfigError } from './dwolla-config.js';
import { createDwollaModule } from './dwolla-module.js';

const dwollaSpec = createOpenApiValidator('dwolla');

describe('createDwollaModule', () => {
  it('mounts on /dwolla as the dwolla provider', () => {
    const { module } = createDwollaHarness();
    expect(module.name).toBe('dwolla');
    expect(module.prefix).toBe('/dwolla');
  });

  it('throws a typed error naming the bad setting, without printing secrets', () => {
    const base: ModuleContext = {
      clock: createTestClock(),
      bridge: createTestBridge(),
      credentials: DEFAULT_CREDENTIALS,
      options: { dwollaTokenTtlSeconds: 3600, webhookRetryDelayMs: 1, webhookTimeoutMs: 1 },
    };
    const ttl = () => createDwollaModule({ ...base, options: { ...base.options, dwollaTokenTtlSeconds: 0 } });
    expect(ttl).toThrow(DwollaModuleConfigError);
    expect(ttl).toThrow(/options\.dwollaTokenTtlSeconds/);
    const secret = () =>
      createDwollaModule({
        ...base,
        credentials: { ...DEFAULT_CREDENTIALS, dwolla: { key: 'k', secret: '' } },
      });
    expect(secret).toThrow(/credentials\.dwolla\.secret/);
    try {
      createDwollaModule({
        ...base,
        credentials: { ...DEFAULT_CREDENTIALS, dwolla: { key: '', secret: 'top-secret' } },
      });
    } catch (error) {
      expect((error as DwollaModuleConfigError).field).toBe('credentials.dwolla.key');
      expect(String(error)).not.toContain('top-secret');
    }
  });
});

describe('request handling', () => {
  it('answers 406 InvalidVersion without the Dwolla Accept header, even before authentication', async () => {
    const harness = createDwollaHarness();
    for (const accept of [undefined, 'application/json', '*/*']) {
      const response = await harness.call('GET', '/customers', { headers: { accept } });
      expect(response.status).toBe(406);
      expect(response.body).toEqual({ code: 'InvalidVersion', message: 'Missing or invalid API version.' });
    }
  });

  it('answers 404 NotFound in Dwolla shape for unknown routes and 405 for a wrong method', async () => {
    const harness = createDwollaHarness();
    const missing = await harness.call('GET', '/mass-payments');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ code: 'NotFound', message: 'The requested resource was not found.' });
    expect(dwollaSpec.schemaErrors('NotFoundError', missing.body)).toBeUndefined();
    const wrongMethod = await harness.call('DELETE', '/customers');
    expect(wrongMethod.status).toBe(405);
    expect(bodyOf(wrongMethod)['code']).toBe('MethodNotAllowed');
    expect(wrongMethod.headers?.['Allow']).toBe('POST, GET');
  });

  it('tolerates a trailing slash', async () => {
    const harness = createDwollaHarness();
    expect((await harness.call('GET', '/customers/')).status).toBe(200);
  });

  it('serves the API root with links', async () => {
    const harness = createDwollaHarness();
    const root = bodyOf(await harness.call('GET', '/'));
    expect(root['_links']).toMatchObject({ customers: { href: `${TEST_BASE}/customers` } });
    expect(bodyOf(await harness.call('GET', ''))['_links']).toBeDefined();
  });

  it('never throws: an unexpected failure becomes a Dwolla ServerError', async () => {
    const harness = createDwollaHarness();
    harness.module.addRoutes([
      {
        method: 'GET',
        path: '/explode',
        handler: () => {
          throw new Error('boom with secret sk_test_should_not_leak');
        },
      },
    ]);
    const response = await harness.call('GET', '/explode');
    expect(response.status).toBe(500);
    expect(bodyOf(response)['code']).toBe('ServerError');
    expect(JSON.stringify(response)).not.toContain('sk_test_should_not_leak');
  });

  it('lets later features mount authenticated routes (e.g. /webhook-subscriptions)', async () => {
    const harness = createDwollaHarness();
    harness.module.addRoutes([
      { method: 'GET', path: '/webhook-subscriptions', handler: () => ({ status: 200, body: { ok: true } }) },
    ]);
    expect((await harness.call('GET', '/webhook-subscriptions')).body).toEqual({ ok: true });
    expect((await harness.call('GET', '/webhook-subscriptions', { anonymous: true })).status).toBe(401);
  });

  it('matches OpenAPI schemas non-vacuously (sanity check of the schema helper)', () => {
    expect(dwollaSpec.schemaErrors('BaseCustomer', {})).toMatch(/required/);
    expect(dwollaSpec.responseErrors('POST', '/token', 200, { access_token: 1 })).toBeDefined();
  });
});

describe('events', () => {
  it('lists recorded events newest first and serves each one', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const created = await harness.call('POST', `/customers/${customerId}/funding-sources`, {
      body: { plaidToken: harness.mintProcessorToken(), name: 'Checking' },
    });
    const list = bodyOf(await harness.call('GET', '/events'));
    expect(list['total']).toBe(3);
    const events = (list['_embedded'] as { events: Array<Record<string, unknown>> }).events;
    expect(events.map((event) => event['topic'])).toEqual([
      'customer_funding_source_verified',
      'customer_funding_source_added',
      'customer_created',
    ]);
    const first = events[0];
    expect(first?.['_links']).toMatchObject({
      resource: { href: created.headers?.['location'] },
      customer: { href: `${TEST_BASE}/customers/${customerId}` },
    });
    const one = await harness.call('GET', `/events/${first?.['id']}`);
    expect(bodyOf(one)['resourceId']).toBe(idFromLocation(created));
    expect((await harness.call('GET', '/events/nope')).status).toBe(404);
  });

  it('keeps working when a listener throws', async () => {
    const harness = createDwollaHarness();
    harness.module.onEvent(() => {
      throw new Error('listener failure');
    });
    const response = await harness.call('POST', '/customers', {
      body: { firstName: 'A', lastName: 'B', email: 'listener@example.com' },
    });
    expect(response.status).toBe(201);
  });
});

describe('snapshot and reset', () => {
  it('summarises state without tokens or account numbers, and reset empties it', async () => {
    const harness = createDwollaHarness();
    const bearer = await harness.token();
    const customerId = await harness.createCustomer();
    const plaidToken = harness.mintProcessorToken();
    const source = await harness.call('POST', `/customers/${customerId}/funding-sources`, {
      body: { plaidToken, name: 'Checking' },
    });
    const snapshot = harness.module.snapshot();
    expect(snapshot['customers']).toEqual([
      expect.objectContaining({ id: customerId, status: 'unverified' }),
    ]);
    expect(snapshot['fundingSources']).toEqual([
      expect.objectContaining({
        id: idFromLocation(source),
        customer: customerId,
        status: 'verified',
        removed: false,
        name: 'Checking',
        fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
    expect(snapshot['tokens']).toEqual({ issued: 2, active: 2 });
    expect(snapshot['events']).toHaveLength(3);
    const text = JSON.stringify(snapshot);
    for (const secret of [bearer, plaidToken, '1111222233330000', DEFAULT_CREDENTIALS.dwolla.secret]) {
      expect(text).not.toContain(secret);
    }

    harness.module.reset();
    const empty = harness.module.snapshot();
    expect(empty).toMatchObject({
      customers: [],
      fundingSources: [],
      exchanges: [],
      events: [],
      idempotencyKeys: 0,
    });
    expect(empty['tokens']).toEqual({ issued: 0, active: 0 });
    const afterReset = await harness.module.handle(
      buildRequest('GET', '/customers', {
        headers: { accept: 'application/vnd.dwolla.v1.hal+json', authorization: `Bearer ${bearer}` },
      }),
    );
    expect(bodyOf(afterReset)['code']).toBe('InvalidAccessToken');
  });
});
