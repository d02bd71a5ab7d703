import { InputValidationError, PlaidApiError } from '@achbridge/core';
import { describe, expect, it } from 'vitest';
import { recordCall } from '../calls/call-context.js';
import type { ProviderCall } from '../calls/provider-call.js';
import { runFlow } from './flow-outcome.js';
import { createStepRunner, type StepEvent } from './step-runner.js';

const STEPS = [
  { id: 'one', label: 'Step one' },
  { id: 'two', label: 'Step two' },
  { id: 'three', label: 'Step three' },
];

const plaidCall = (endpoint: string): ProviderCall => ({
  provider: 'plaid',
  method: 'POST',
  endpoint,
  status: 200,
  requestId: `req-${endpoint}`,
});

function collector() {
  const events: StepEvent[] = [];
  return { events, listener: (event: StepEvent) => events.push(event) };
}

describe('createStepRunner', () => {
  it('starts with every step pending and emits running then done with detail and calls', async () => {
    const { events, listener } = collector();
    const runner = createStepRunner({ runId: 'r1', flow: 'test', steps: STEPS, listener });
    expect(runner.snapshot().map((step) => step.status)).toEqual(['pending', 'pending', 'pending']);
    const value = await runner.execute(() =>
      runner.run('one', async () => {
        recordCall(plaidCall('/item/get'));
        return { value: 42, detail: 'read the item' };
      }),
    );
    expect(value).toBe(42);
    const [first] = runner.snapshot();
    expect(first).toMatchObject({
      status: 'done',
      detail: 'read the item',
      calls: [plaidCall('/item/get')],
      error: null,
    });
    expect(first?.durationMs).toBeGreaterThanOrEqual(0);
    expect(events.map((event) => [event.runId, event.flow, event.step.id, event.step.status])).toEqual([
      ['r1', 'test', 'one', 'running'],
      ['r1', 'test', 'one', 'running'],
      ['r1', 'test', 'one', 'done'],
    ]);
    expect(events[1]?.step.calls).toHaveLength(1);
  });

  it('marks a failing step failed with the described error and rethrows', async () => {
    const runner = createStepRunner({ runId: 'r2', flow: 'test', steps: STEPS, ...collector() });
    const error = new PlaidApiError({
      error_type: 'ITEM_ERROR',
      error_code: 'ITEM_LOGIN_REQUIRED',
      error_message: 'login required',
      display_message: null,
    });
    await expect(runner.run('two', async () => Promise.reject(error))).rejects.toBe(error);
    expect(runner.snapshot()[1]).toMatchObject({
      status: 'failed',
      error: { code: 'ITEM_LOGIN_REQUIRED', category: 'user_action', type: 'PlaidApiError' },
    });
  });

  it('skips a step with a reason', () => {
    const runner = createStepRunner({ runId: 'r3', flow: 'test', steps: STEPS, ...collector() });
    runner.skip('three', 'not needed');
    expect(runner.snapshot()[2]).toMatchObject({ status: 'skipped', detail: 'not needed', durationMs: 0 });
  });

  it('splits one adapter call into phases at the matching provider call', async () => {
    const { events, listener } = collector();
    const runner = createStepRunner({ runId: 'r4', flow: 'test', steps: STEPS, listener });
    const result = await runner.execute(() =>
      runner.runPhases(
        [
          {
            id: 'one',
            until: (call) => call.endpoint === '/token',
            detail: (call) => `token ${call.requestId}`,
          },
          { id: 'two', until: (call) => call.endpoint === '/never' },
          { id: 'three' },
        ],
        async () => {
          recordCall(plaidCall('/item/get'));
          recordCall(plaidCall('/token'));
          recordCall(plaidCall('/attach'));
          return 'linked';
        },
        (value) => `finished: ${value}`,
      ),
    );
    expect(result).toBe('linked');
    const [one, two, three] = runner.snapshot();
    expect(one?.calls.map((call) => call.endpoint)).toEqual(['/item/get', '/token']);
    expect(one?.detail).toBe('token req-/token');
    expect(two?.calls.map((call) => call.endpoint)).toEqual(['/attach']);
    expect(two?.status).toBe('done');
    expect(three).toMatchObject({ status: 'done', detail: 'finished: linked' });
    const order = events.filter((event) => event.step.status !== 'running' || event.step.calls.length === 0);
    expect(order.map((event) => `${event.step.id}:${event.step.status}`)).toEqual([
      'one:running',
      'one:done',
      'two:running',
      'two:done',
      'three:running',
      'three:done',
    ]);
  });

  it('fails the phase that was running when the call throws', async () => {
    const runner = createStepRunner({ runId: 'r5', flow: 'test', steps: STEPS, ...collector() });
    await expect(
      runner.execute(() =>
        runner.runPhases(
          [{ id: 'one', until: (call) => call.endpoint === '/token' }, { id: 'two' }],
          async () => {
            recordCall(plaidCall('/token'));
            throw new Error('boom');
          },
          () => 'never',
        ),
      ),
    ).rejects.toThrow('boom');
    expect(runner.snapshot().map((step) => step.status)).toEqual(['done', 'failed', 'pending']);
  });

  it('validates its settings and step ids', async () => {
    expect(() => createStepRunner({ runId: '', flow: 'x', steps: STEPS, listener: () => {} })).toThrow(
      InputValidationError,
    );
    const runner = createStepRunner({ runId: 'r6', flow: 'test', steps: STEPS, listener: () => {} });
    expect(() => runner.skip('nope', 'x')).toThrow(RangeError);
  });
});

describe('runFlow', () => {
  it('returns ok with the result and the steps', async () => {
    const outcome = await runFlow(
      { runId: 'f1', flow: 'test', steps: STEPS, listener: () => {} },
      async (runner) => runner.run('one', async () => ({ value: 'done', detail: 'ok' })),
    );
    expect(outcome).toMatchObject({
      ok: true,
      status: 200,
      result: 'done',
      error: null,
      runId: 'f1',
      flow: 'test',
    });
    expect(outcome.steps[0]?.status).toBe('done');
  });

  it('turns a thrown error into a failed outcome with its HTTP status (never throws)', async () => {
    const outcome = await runFlow(
      { runId: 'f2', flow: 'test', steps: STEPS, listener: () => {} },
      async () => {
        throw new InputValidationError('op', [{ path: 'accountId', message: 'is required' }]);
      },
    );
    expect(outcome).toMatchObject({
      ok: false,
      status: 400,
      result: null,
      error: { code: 'INPUT_VALIDATION_ERROR', field: 'accountId' },
    });
  });
});
