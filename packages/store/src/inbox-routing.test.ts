import { describe, expect, it } from 'vitest';
import { enqueueOptionSchema, inboxRunOptionSchema, recordThenProcess } from './inbox-routing.js';
import type { InboxDelivery, InboxRecordInput, InboxRunOptions } from './webhook-inbox.js';

/** An inbox that records what it was asked, with `inserted` false for a key seen before. */
function fakeInbox() {
  const calls: unknown[][] = [];
  const seen = new Set<string>();
  return {
    calls,
    inbox: {
      record: async (input: InboxRecordInput) => {
        calls.push(['record', input.dedupeKey]);
        const inserted = !seen.has(input.dedupeKey);
        seen.add(input.dedupeKey);
        return { delivery: {} as InboxDelivery, inserted };
      },
      process: async (dedupeKey: string, _handle: unknown, run?: InboxRunOptions) => {
        calls.push(['process', dedupeKey, run]);
        return 'processed' as const;
      },
    },
  };
}

const record = { provider: 'acme', dedupeKey: 'acme:evt_1', envelope: { id: 'evt_1' } };
const handle = async () => {};

describe('recordThenProcess', () => {
  it('stores the delivery first, then processes it inline (the default) with the run options', async () => {
    const { inbox, calls } = fakeInbox();
    const run = { maxAttempts: 3 };
    await expect(
      recordThenProcess(inbox, record, { mode: undefined, enqueue: undefined, handle, run }),
    ).resolves.toEqual({
      dedupeKey: 'acme:evt_1',
      duplicate: false,
      result: 'processed',
    });
    await expect(
      recordThenProcess(inbox, record, { mode: 'inline', enqueue: undefined, handle, run }),
    ).resolves.toMatchObject({
      duplicate: true,
    });
    expect(calls).toEqual([
      ['record', 'acme:evt_1'],
      ['process', 'acme:evt_1', run],
      ['record', 'acme:evt_1'],
      ['process', 'acme:evt_1', run],
    ]);
  });

  it('in queue mode stores and enqueues, a redelivery too, without processing', async () => {
    const { inbox, calls } = fakeInbox();
    const enqueued: string[] = [];
    const enqueue = async (dedupeKey: string) => enqueued.push(dedupeKey);
    const routing = { mode: 'queue' as const, enqueue, handle, run: {} };
    expect(await recordThenProcess(inbox, record, routing)).toEqual({
      dedupeKey: 'acme:evt_1',
      duplicate: false,
      result: 'queued',
    });
    expect((await recordThenProcess(inbox, record, routing)).duplicate).toBe(true);
    expect(enqueued).toEqual(['acme:evt_1', 'acme:evt_1']);
    expect(calls.map(([call]) => call)).toEqual(['record', 'record']);
  });
});

describe('router option schemas', () => {
  it('take run tuning and an enqueue function, and refuse anything else', () => {
    expect(inboxRunOptionSchema.parse({ leaseMs: 10, maxAttempts: 1, retryDelayMs: 0 })).toEqual({
      leaseMs: 10,
      maxAttempts: 1,
      retryDelayMs: 0,
    });
    expect(inboxRunOptionSchema.safeParse({ leaseMs: 9 }).success).toBe(false);
    expect(inboxRunOptionSchema.safeParse({ providers: ['plaid'] }).success).toBe(false);
    expect(enqueueOptionSchema.safeParse(async () => {}).success).toBe(true);
    expect(enqueueOptionSchema.safeParse('queue').error?.issues[0]?.message).toBe('must be a function');
  });
});
