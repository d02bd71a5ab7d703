import { describe, expect, it } from 'vitest';
import { DWOLLA_WEBHOOK_RETRY_DELAYS_MS } from '../dwolla/dwolla-webhook-retries.js';
import { PLAID_WEBHOOK_RETRY_DELAYS_MS } from '../plaid/plaid-webhook-retries.js';
import { createWebhookDeliverer, type WebhookMessage } from './webhook-deliverer.js';
import type { WebhookPost } from './webhook-post.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const message: WebhookMessage = {
  eventId: 'event-1',
  type: 'ITEM',
  code: 'ERROR',
  url: 'http://127.0.0.1:9/hook',
  subscriptionId: null,
  body: '{}',
  headers: (attempt) => ({ 'X-Attempt': String(attempt) }),
};

/** Waits until `check` holds, polling in real time (the deliverer's clock checks run every 100 ms). */
async function until(check: () => boolean): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 5000) throw new Error('condition not reached in 5 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A deliverer on a hand-moved clock whose receiver always answers 500. */
function failingDeliverer(schedule: readonly number[]) {
  let now = Date.UTC(2026, 0, 15, 12);
  let posts = 0;
  const post: WebhookPost = async () => {
    posts += 1;
    return { kind: 'answered', status: 500 };
  };
  const deliverer = createWebhookDeliverer({
    provider: 'plaid',
    retryDelayMs: 1,
    timeoutMs: 1000,
    now: () => now,
    accepts: (status) => status === 200,
    post,
    retrySchedule: schedule,
  });
  return {
    deliverer,
    posts: () => posts,
    advance(ms: number) {
      now += ms;
    },
  };
}

describe('provider webhook retry schedules', () => {
  it("Plaid: retries start 30 s later and grow 4 times each, and stop within Plaid's 24 hours", () => {
    // Plaid Docs, "Webhook retries": up to 24 hours, starting at 30 seconds, each delay 4 times the previous.
    expect(PLAID_WEBHOOK_RETRY_DELAYS_MS[0]).toBe(30_000);
    for (let index = 1; index < PLAID_WEBHOOK_RETRY_DELAYS_MS.length; index++) {
      expect(PLAID_WEBHOOK_RETRY_DELAYS_MS[index]).toBe((PLAID_WEBHOOK_RETRY_DELAYS_MS[index - 1] ?? 0) * 4);
    }
    const total = PLAID_WEBHOOK_RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0);
    expect(total).toBeLessThanOrEqual(24 * HOUR);
    expect(total + (PLAID_WEBHOOK_RETRY_DELAYS_MS.at(-1) ?? 0) * 4).toBeGreaterThan(24 * HOUR);
  });

  it('Dwolla: 8 retries over 72 hours', () => {
    // developers.dwolla.com/docs/api-reference/webhook-subscriptions: "re-attempt delivery 8 times over the
    // course of 72 hours".
    expect(DWOLLA_WEBHOOK_RETRY_DELAYS_MS).toHaveLength(8);
    expect(DWOLLA_WEBHOOK_RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0)).toBe(72 * HOUR);
  });

  it('a retry waits for the emulated clock: none before its delay, then each as the clock reaches it', async () => {
    const { deliverer, posts, advance } = failingDeliverer(PLAID_WEBHOOK_RETRY_DELAYS_MS);
    deliverer.deliver(message);
    await until(() => posts() === 1);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(posts()).toBe(1);
    advance(29_000);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(posts()).toBe(1);
    advance(1_000);
    await until(() => posts() === 2);
    advance(2 * MINUTE);
    await until(() => posts() === 3);
    // A jump past every remaining delay delivers the due retries one after another, then stops.
    for (let retry = 3; retry <= PLAID_WEBHOOK_RETRY_DELAYS_MS.length; retry++) {
      advance(24 * HOUR);
      await until(() => posts() === retry + 1);
    }
    await deliverer.idle();
    const [record] = deliverer.list();
    expect(record?.status).toBe('failed');
    expect(record?.attempts).toHaveLength(PLAID_WEBHOOK_RETRY_DELAYS_MS.length + 1);
    advance(48 * HOUR);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(posts()).toBe(PLAID_WEBHOOK_RETRY_DELAYS_MS.length + 1);
  });

  it('reset cancels retries that wait for the clock', async () => {
    const { deliverer, posts, advance } = failingDeliverer(DWOLLA_WEBHOOK_RETRY_DELAYS_MS);
    deliverer.deliver(message);
    await until(() => posts() === 1);
    deliverer.reset();
    advance(HOUR);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(posts()).toBe(1);
    await deliverer.idle();
  });
});
