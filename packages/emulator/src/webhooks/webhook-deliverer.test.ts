import { describe, expect, it } from 'vitest';
import { createWebhookDeliverer, type WebhookMessage } from './webhook-deliverer.js';
import type { WebhookPost, WebhookPostRequest, WebhookPostResult } from './webhook-post.js';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

function message(overrides: Partial<WebhookMessage> = {}): WebhookMessage {
  return {
    eventId: 'event-1',
    type: 'ITEM',
    code: 'ERROR',
    url: 'http://127.0.0.1:9/hook',
    subscriptionId: null,
    body: '{"webhook_code":"ERROR"}',
    headers: (attempt) => ({ 'X-Attempt': String(attempt) }),
    ...overrides,
  };
}

/** A scripted transport: answers from `results` in order and records the requests. */
function scripted(results: WebhookPostResult[]): { post: WebhookPost; seen: WebhookPostRequest[] } {
  const seen: WebhookPostRequest[] = [];
  const post: WebhookPost = async (request) => {
    seen.push(request);
    return results[seen.length - 1] ?? { kind: 'answered', status: 200 };
  };
  return { post, seen };
}

function deliverer(post: WebhookPost, accepts: (status: number) => boolean = (status) => status === 200) {
  return createWebhookDeliverer({
    provider: 'plaid',
    retryDelayMs: 1,
    timeoutMs: 1000,
    now: () => NOW,
    accepts,
    post,
  });
}

describe('createWebhookDeliverer', () => {
  it('delivers once on a 200 and records the attempt', async () => {
    const { post, seen } = scripted([{ kind: 'answered', status: 200 }]);
    const webhooks = deliverer(post);
    const record = webhooks.deliver(message());
    expect(record).toMatchObject({ provider: 'plaid', status: 'pending', attempts: [], skippedReason: null });
    await webhooks.idle();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.body).toBe('{"webhook_code":"ERROR"}');
    expect(seen[0]?.timeoutMs).toBe(1000);
    expect(webhooks.list()).toEqual([
      {
        id: record.id,
        provider: 'plaid',
        eventId: 'event-1',
        type: 'ITEM',
        code: 'ERROR',
        url: 'http://127.0.0.1:9/hook',
        subscriptionId: null,
        status: 'delivered',
        skippedReason: null,
        createdAt: new Date(NOW).toISOString(),
        attempts: [
          {
            attempt: 1,
            startedAt: new Date(NOW).toISOString(),
            outcome: 'delivered',
            status: 200,
            error: null,
          },
        ],
      },
    ]);
  });

  it('retries a refused status twice, building the headers afresh for every attempt', async () => {
    const { post, seen } = scripted([
      { kind: 'answered', status: 500 },
      { kind: 'answered', status: 500 },
      { kind: 'answered', status: 200 },
    ]);
    const webhooks = deliverer(post);
    webhooks.deliver(message());
    await webhooks.idle();
    expect(seen.map((request) => request.headers['X-Attempt'])).toEqual(['1', '2', '3']);
    const [record] = webhooks.list();
    expect(record?.status).toBe('delivered');
    expect(record?.attempts.map(({ attempt, outcome, status }) => [attempt, outcome, status])).toEqual([
      [1, 'http_error', 500],
      [2, 'http_error', 500],
      [3, 'delivered', 200],
    ]);
  });

  it('fails after three attempts without an answer; a 204 is not a Plaid delivery', async () => {
    const { post, seen } = scripted([
      { kind: 'timeout' },
      { kind: 'failed', message: 'connect ECONNREFUSED 127.0.0.1:9' },
      { kind: 'answered', status: 204 },
      { kind: 'answered', status: 200 },
    ]);
    const webhooks = deliverer(post);
    webhooks.deliver(message());
    await webhooks.idle();
    expect(seen).toHaveLength(3);
    const [record] = webhooks.list();
    expect(record?.status).toBe('failed');
    expect(record?.attempts.map(({ outcome, status, error }) => [outcome, status, error])).toEqual([
      ['timeout', null, 'no answer in time'],
      ['network_error', null, 'connect ECONNREFUSED 127.0.0.1:9'],
      ['http_error', 204, null],
    ]);
  });

  it('accepts what the provider accepts (Dwolla: any 2xx)', async () => {
    const { post } = scripted([{ kind: 'answered', status: 202 }]);
    const webhooks = deliverer(post, (status) => status >= 200 && status < 300);
    webhooks.deliver(message());
    await webhooks.idle();
    expect(webhooks.list()[0]?.status).toBe('delivered');
  });

  it('never sends to hosts that are not loopback, and says why', async () => {
    const { post, seen } = scripted([]);
    const webhooks = deliverer(post);
    const record = webhooks.deliver(message({ url: 'https://example.com/hook' }));
    await webhooks.idle();
    expect(seen).toHaveLength(0);
    expect(record.status).toBe('skipped');
    expect(record.skippedReason).toMatch(/not a loopback host/);
  });

  it('records a transport that throws as a network error and retries', async () => {
    let calls = 0;
    const post: WebhookPost = async () => {
      calls += 1;
      if (calls === 1) throw new Error('socket exploded');
      return { kind: 'answered', status: 200 };
    };
    const webhooks = deliverer(post);
    webhooks.deliver(message());
    await webhooks.idle();
    expect(webhooks.list()[0]?.attempts.map(({ outcome, error }) => [outcome, error])).toEqual([
      ['network_error', 'socket exploded'],
      ['delivered', null],
    ]);
  });

  it('records a failure to build the headers without sending', async () => {
    const { post, seen } = scripted([]);
    const webhooks = deliverer(post);
    webhooks.deliver(
      message({
        headers: () => {
          throw new Error('no key');
        },
      }),
    );
    await webhooks.idle();
    expect(seen).toHaveLength(0);
    expect(webhooks.list()[0]).toMatchObject({
      status: 'failed',
      attempts: [{ attempt: 1, outcome: 'network_error', error: 'could not prepare the request: no key' }],
    });
  });

  it('reset cancels in-flight attempts and scheduled retries and forgets the records', async () => {
    const seen: WebhookPostRequest[] = [];
    const post: WebhookPost = (request) =>
      new Promise((resolve) => {
        seen.push(request);
        request.signal.addEventListener('abort', () => resolve({ kind: 'failed', message: 'cancelled' }));
      });
    const webhooks = deliverer(post);
    webhooks.deliver(message());
    while (seen.length === 0) await new Promise((resolve) => setImmediate(resolve));
    webhooks.reset();
    await webhooks.idle();
    expect(seen[0]?.signal.aborted).toBe(true);
    expect(webhooks.list()).toEqual([]);
    expect(seen).toHaveLength(1);
  });

  it('after close, new webhooks are recorded as skipped and nothing is sent', async () => {
    const { post, seen } = scripted([]);
    const webhooks = deliverer(post);
    webhooks.close();
    const record = webhooks.deliver(message());
    await webhooks.idle();
    expect(record).toMatchObject({ status: 'skipped', skippedReason: 'the emulator is closed' });
    expect(seen).toHaveLength(0);
  });
});
