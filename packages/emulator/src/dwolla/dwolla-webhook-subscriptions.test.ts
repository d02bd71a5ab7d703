import { describe, expect, it } from 'vitest';
import {
  bodyOf,
  createDwollaHarness,
  HAL,
  idFromLocation,
  TEST_BASE,
} from '../../test/dwolla.test-helpers.js';
import { attachDwollaWebhooks } from './dwolla-webhooks.js';

function setup() {
  const harness = createDwollaHarness();
  const module = attachDwollaWebhooks(harness.module, harness.context);
  const subscribe = (body: unknown) => harness.call('POST', '/webhook-subscriptions', { body });
  return { harness, module, subscribe };
}

describe('Dwolla webhook subscriptions', () => {
  it('creates a subscription (201 + Location) and never shows its secret', async () => {
    const { harness, subscribe } = setup();
    const created = await subscribe({ url: 'https://example.com/dwolla', secret: 'sshhhhhh-secret' });
    expect(created.status).toBe(201);
    const id = idFromLocation(created);
    expect(created.headers?.['location']).toBe(`${TEST_BASE}/webhook-subscriptions/${id}`);
    const retrieved = await harness.call('GET', `/webhook-subscriptions/${id}`);
    expect(retrieved.status).toBe(200);
    expect(retrieved.body).toEqual({
      _links: {
        self: {
          href: `${TEST_BASE}/webhook-subscriptions/${id}`,
          type: HAL,
          'resource-type': 'webhook-subscription',
        },
        webhooks: {
          href: `${TEST_BASE}/webhook-subscriptions/${id}/webhooks`,
          type: HAL,
          'resource-type': 'webhook',
        },
      },
      id,
      url: 'https://example.com/dwolla',
      paused: false,
      created: new Date(harness.clock.now()).toISOString(),
    });
    const list = bodyOf(await harness.call('GET', '/webhook-subscriptions'));
    expect(list['total']).toBe(1);
    expect((list['_embedded'] as Record<string, unknown[]>)['webhook-subscriptions']).toEqual([
      retrieved.body,
    ]);
    expect(JSON.stringify(list)).not.toContain('sshhhhhh-secret');
  });

  it('validates url and secret like Dwolla (ValidationError with embedded errors) and needs a token', async () => {
    const { harness, subscribe } = setup();
    const missing = await subscribe({});
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({
      code: 'ValidationError',
      _embedded: {
        errors: [
          { code: 'Required', message: 'Url required.', path: '/url' },
          { code: 'Required', message: 'Secret required.', path: '/secret' },
        ],
      },
    });
    const badUrl = await subscribe({ url: 'not a url', secret: 's' });
    expect(badUrl.body).toMatchObject({
      _embedded: { errors: [{ code: 'InvalidFormat', message: 'Url must be a valid url.', path: '/url' }] },
    });
    const longSecret = await subscribe({ url: 'https://example.com/h', secret: 'x'.repeat(129) });
    expect(longSecret.body).toMatchObject({
      _embedded: {
        errors: [
          { code: 'InvalidFormat', message: 'Secret must be 128 or fewer characters.', path: '/secret' },
        ],
      },
    });
    expect((await subscribe({ url: 'https://example.com/h', secret: 'x'.repeat(128) })).status).toBe(201);
    const notJson = await harness.call('POST', '/webhook-subscriptions', {
      rawBody: '[1]',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.body).toMatchObject({ code: 'BadRequest' });
    const anonymous = await harness.call('GET', '/webhook-subscriptions', { anonymous: true });
    expect(anonymous.status).toBe(401);
  });

  it('allows ten subscriptions (Dwolla Sandbox limit), then MaxNumberOfResources', async () => {
    const { subscribe } = setup();
    for (let index = 0; index < 10; index += 1) {
      expect((await subscribe({ url: `https://example.com/${index}`, secret: 'secret' })).status).toBe(201);
    }
    const eleventh = await subscribe({ url: 'https://example.com/11', secret: 'secret' });
    expect(eleventh.status).toBe(400);
    expect(eleventh.body).toEqual({
      code: 'MaxNumberOfResources',
      message: 'The maximum number of subscriptions has been reached.',
    });
  });

  it('pauses, resumes and deletes; paused subscriptions get no webhooks', async () => {
    const { harness, module, subscribe } = setup();
    const id = idFromLocation(await subscribe({ url: 'https://example.com/dwolla', secret: 'secret' }));
    const paused = await harness.call('POST', `/webhook-subscriptions/${id}`, { body: { paused: true } });
    expect(bodyOf(paused)['paused']).toBe(true);
    await harness.createCustomer();
    expect(module.webhookDeliveries?.()).toEqual([]);
    const resumed = await harness.call('POST', `/webhook-subscriptions/${id}`, { body: { paused: false } });
    expect(bodyOf(resumed)['paused']).toBe(false);
    const customerId = await harness.createCustomer();
    expect(module.webhookDeliveries?.()).toEqual([
      expect.objectContaining({
        provider: 'dwolla',
        type: null,
        code: 'customer_created',
        subscriptionId: id,
        url: 'https://example.com/dwolla',
        status: 'skipped',
      }),
    ]);
    expect(harness.module.events().at(-1)).toMatchObject({
      topic: 'customer_created',
      resourceId: customerId,
    });
    const invalid = await harness.call('POST', `/webhook-subscriptions/${id}`, { body: { paused: 'yes' } });
    expect(invalid.body).toMatchObject({
      code: 'ValidationError',
      _embedded: { errors: [{ code: 'Invalid', path: '/paused' }] },
    });
    const deleted = await harness.call('DELETE', `/webhook-subscriptions/${id}`);
    expect(deleted.status).toBe(200);
    expect(bodyOf(deleted)['id']).toBe(id);
    const gone = await harness.call('GET', `/webhook-subscriptions/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ code: 'NotFound', message: 'Webhook subscription not found.' });
    expect((await harness.call('DELETE', `/webhook-subscriptions/${id}`)).status).toBe(404);
  });

  it('shows subscriptions (without secrets) in the snapshot; reset drops them and their deliveries', async () => {
    const { harness, module, subscribe } = setup();
    const id = idFromLocation(
      await subscribe({ url: 'https://example.com/dwolla', secret: 'hidden-secret' }),
    );
    await harness.createCustomer();
    const snapshot = module.snapshot();
    expect(snapshot['webhookSubscriptions']).toEqual([
      { id, url: 'https://example.com/dwolla', paused: false, created: expect.any(String) },
    ]);
    expect(JSON.stringify(snapshot)).not.toContain('hidden-secret');
    expect(module.webhookDeliveries?.()).toHaveLength(1);
    expect(snapshot['webhookDeliveries']).toEqual(module.webhookDeliveries?.());
    module.reset();
    expect(module.snapshot()['webhookSubscriptions']).toEqual([]);
    expect(module.webhookDeliveries?.()).toEqual([]);
    expect(module.events()).toEqual([]);
  });
});
