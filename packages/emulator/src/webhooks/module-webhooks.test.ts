import { describe, expect, it } from 'vitest';
import { createTokenBridge } from '../kernel/token-bridge.js';
import type { EmulatorTuning, ModuleContext, ProviderModule } from '../types.js';
import { DEFAULT_CREDENTIALS } from '../types.js';
import { createModuleDeliverer, isSuccessStatus, webhookLifecycle } from './module-webhooks.js';
import type { WebhookMessage } from './webhook-deliverer.js';
import type { WebhookPost } from './webhook-post.js';

const MESSAGE: WebhookMessage = {
  eventId: 'event-1',
  type: null,
  code: 'thing_created',
  url: 'http://127.0.0.1:9/hook',
  subscriptionId: null,
  body: '{}',
  headers: () => ({}),
};

function contextWith(tuning: Partial<EmulatorTuning>): ModuleContext {
  return {
    clock: { now: () => Date.UTC(2026, 0, 15), advance: () => undefined, reset: () => undefined },
    bridge: createTokenBridge(),
    credentials: DEFAULT_CREDENTIALS,
    options: { dwollaTokenTtlSeconds: 3600, webhookRetryDelayMs: 1, webhookTimeoutMs: 1000, ...tuning },
  };
}

/** A receiver that answers every attempt with `status`, counting the attempts. */
function receiver(status: number): { post: WebhookPost; attempts: () => number } {
  let attempts = 0;
  return {
    post: async () => {
      attempts += 1;
      return { kind: 'answered', status };
    },
    attempts: () => attempts,
  };
}

describe('createModuleDeliverer', () => {
  it('retries quickly by default, ignoring the provider schedule', async () => {
    const failing = receiver(500);
    const deliverer = createModuleDeliverer(contextWith({}), {
      provider: 'acme',
      accepts: isSuccessStatus,
      providerSchedule: [0],
      post: failing.post,
    });
    deliverer.deliver(MESSAGE);
    await deliverer.idle();
    expect(failing.attempts()).toBe(3);
    expect(deliverer.list()[0]).toMatchObject({
      provider: 'acme',
      status: 'failed',
      createdAt: '2026-01-15T00:00:00.000Z',
    });
    deliverer.close();
  });

  it("follows the provider schedule with webhookRetries: 'provider'", async () => {
    const failing = receiver(500);
    const deliverer = createModuleDeliverer(contextWith({ webhookRetries: 'provider' }), {
      provider: 'acme',
      accepts: isSuccessStatus,
      providerSchedule: [0],
      post: failing.post,
    });
    deliverer.deliver(MESSAGE);
    await deliverer.idle();
    expect(failing.attempts()).toBe(2);
    deliverer.close();
  });

  it('counts what `accepts` accepts as delivered', async () => {
    const ok = receiver(204);
    const deliverer = createModuleDeliverer(contextWith({}), {
      provider: 'acme',
      accepts: isSuccessStatus,
      post: ok.post,
    });
    deliverer.deliver(MESSAGE);
    await deliverer.idle();
    expect(deliverer.list()[0]?.status).toBe('delivered');
    expect([199, 200, 299, 300].map(isSuccessStatus)).toEqual([false, true, true, false]);
    deliverer.close();
  });
});

describe('webhookLifecycle', () => {
  it('resets the module, then the extras, then the deliveries; closes both; lists the deliveries', async () => {
    const calls: string[] = [];
    const module = {
      reset: () => calls.push('module.reset'),
      close: () => calls.push('module.close'),
    } as unknown as ProviderModule;
    const ok = receiver(200);
    const deliverer = createModuleDeliverer(contextWith({}), {
      provider: 'acme',
      accepts: isSuccessStatus,
      post: ok.post,
    });
    const lifecycle = webhookLifecycle(module, deliverer, () => calls.push('clear'));
    deliverer.deliver(MESSAGE);
    await deliverer.idle();
    expect(lifecycle.webhookDeliveries()).toHaveLength(1);
    lifecycle.reset();
    expect(calls).toEqual(['module.reset', 'clear']);
    expect(lifecycle.webhookDeliveries()).toEqual([]);
    lifecycle.close();
    expect(calls).toEqual(['module.reset', 'clear', 'module.close']);
    deliverer.deliver(MESSAGE);
    expect(lifecycle.webhookDeliveries()[0]?.status).toBe('skipped');
  });
});
