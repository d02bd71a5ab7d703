import { parseInput } from '@achbridge/core';
import { z } from 'zod';
import { functionSchema } from '../validation/function-schema.js';
import type { SampleEvent } from './sample-event.js';

/** A published event with its sequence number (the SSE `id`). */
export interface PublishedEvent {
  id: number;
  event: SampleEvent;
}

/** In-process publish/subscribe for the page's live event log and progress. */
export interface EventHub {
  /** Delivers `event` to every subscriber; webhook events are also kept for late subscribers. */
  publish(event: SampleEvent): PublishedEvent;
  /** Calls `listener` for each new event; returns the unsubscribe function. */
  subscribe(listener: (published: PublishedEvent) => void): () => void;
  /** The most recent webhook events, oldest first (replayed to a page that connects later). */
  history(): PublishedEvent[];
}

const eventSchema = z.looseObject({ type: z.enum(['step', 'webhook', 'webhook_rejected']) });
const listenerSchema = functionSchema<(published: PublishedEvent) => void>();

/** Creates an event hub keeping the last `historySize` webhook events (default 50). */
export function createEventHub(historySize = 50): EventHub {
  const size = parseInput('createEventHub', z.number().int().min(0).max(10_000), historySize);
  const listeners = new Set<(published: PublishedEvent) => void>();
  const kept: PublishedEvent[] = [];
  let sequence = 0;
  return {
    publish(event) {
      parseInput('EventHub.publish', eventSchema, event);
      sequence += 1;
      const published = { id: sequence, event };
      if (event.type !== 'step') {
        kept.push(published);
        if (kept.length > size) kept.shift();
      }
      for (const listener of listeners) {
        try {
          listener(published);
        } catch {
          // A broken subscriber (closed stream) must not stop the others.
        }
      }
      return published;
    },
    subscribe(listener) {
      const valid = parseInput('EventHub.subscribe', listenerSchema, listener);
      listeners.add(valid);
      return () => {
        listeners.delete(valid);
      };
    },
    history: () => [...kept],
  };
}
