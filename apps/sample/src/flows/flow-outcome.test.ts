import { describe, expect, it } from 'vitest';
import { runFlow, runIdOf } from './flow-outcome.js';
import type { StepEvent } from './step-runner.js';

describe('runIdOf', () => {
  it("uses the caller's run id when it is a non-empty string", () => {
    expect(runIdOf({ runId: 'run-1', other: 1 })).toBe('run-1');
  });

  it('falls back to invalid-run for anything else, without throwing', () => {
    for (const input of [undefined, null, 'run-1', 42, {}, { runId: '' }, { runId: '   ' }, { runId: 7 }]) {
      expect(runIdOf(input)).toBe('invalid-run');
    }
  });
});

describe('runFlow', () => {
  const steps = [{ id: 'one', label: 'Step one' }];

  it('returns the result and the finished steps on success', async () => {
    const events: StepEvent[] = [];
    const outcome = await runFlow(
      { runId: 'run-ok', flow: 'test', steps, listener: (event) => events.push(event) },
      (runner) => runner.run('one', async () => ({ value: 5, detail: 'five' })),
    );
    expect(outcome).toMatchObject({
      runId: 'run-ok',
      flow: 'test',
      ok: true,
      result: 5,
      error: null,
      status: 200,
      itemId: null,
    });
    expect(outcome.steps[0]).toMatchObject({ id: 'one', status: 'done', detail: 'five' });
    expect(events.every((event) => event.runId === 'run-ok')).toBe(true);
  });

  it('turns a thrown error into a failed outcome with its status instead of throwing', async () => {
    const outcome = await runFlow({ runId: 'run-bad', flow: 'test', steps, listener: () => {} }, async () => {
      throw new Error('boom');
    });
    expect(outcome).toMatchObject({ ok: false, result: null, status: 500, itemId: null });
    expect(outcome.error?.code).toBe('INTERNAL_ERROR');
  });

  it('reports the Item the run recorded, also when the run fails afterwards', async () => {
    const outcome = await runFlow(
      { runId: 'run-item', flow: 'test', steps, listener: () => {} },
      async (_, run) => {
        run.itemId = 'item-1';
        throw new Error('after the exchange');
      },
    );
    expect(outcome).toMatchObject({ ok: false, itemId: 'item-1' });
  });
});
