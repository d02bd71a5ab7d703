import { InputValidationError } from '@achbridge/core';
import { describe, expect, it } from 'vitest';
import { createEventHub, type PublishedEvent } from './event-hub.js';
import type { WebhookLogEvent } from './sample-event.js';

const webhook = (code: string): WebhookLogEvent => ({
  type: 'webhook',
  verified: true,
  receivedAt: '2026-01-01T00:00:00.000Z',
  kind: `ITEM.${code}`,
  webhookType: 'ITEM',
  webhookCode: code,
  itemId: 'item-1',
  error: null,
});

describe('createEventHub', () => {
  it('numbers events and delivers them to every subscriber until unsubscribed', () => {
    const hub = createEventHub();
    const first: PublishedEvent[] = [];
    const second: PublishedEvent[] = [];
    const stop = hub.subscribe((event) => first.push(event));
    hub.subscribe((event) => second.push(event));
    hub.publish(webhook('ERROR'));
    stop();
    hub.publish(webhook('LOGIN_REPAIRED'));
    expect(first.map((event) => event.id)).toEqual([1]);
    expect(second.map((event) => event.id)).toEqual([1, 2]);
  });

  it('keeps only recent webhook events as history (not progress steps)', () => {
    const hub = createEventHub(2);
    hub.publish(webhook('A'));
    hub.publish({
      type: 'step',
      runId: 'r',
      flow: 'f',
      step: {
        id: 's',
        label: 'S',
        status: 'running',
        detail: null,
        calls: [],
        durationMs: null,
        error: null,
      },
    });
    hub.publish(webhook('B'));
    hub.publish(webhook('C'));
    expect(hub.history().map((event) => (event.event as WebhookLogEvent).webhookCode)).toEqual(['B', 'C']);
  });

  it('keeps delivering when one subscriber throws', () => {
    const hub = createEventHub();
    const seen: number[] = [];
    hub.subscribe(() => {
      throw new Error('closed stream');
    });
    hub.subscribe((event) => seen.push(event.id));
    hub.publish(webhook('ERROR'));
    expect(seen).toEqual([1]);
  });

  it('validates its input', () => {
    const hub = createEventHub();
    expect(() => hub.publish({ type: 'nope' } as never)).toThrow(InputValidationError);
    expect(() => hub.subscribe('x' as never)).toThrow(InputValidationError);
    expect(() => createEventHub(-1)).toThrow(InputValidationError);
  });
});
