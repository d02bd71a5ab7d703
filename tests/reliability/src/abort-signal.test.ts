import { NetworkError } from '@achbridge/core';
import type { RunningEmulator } from '@achbridge/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABORT_CASES, type AbortCase } from './harness/abort-cases.js';
import { ABORT_RETRY_AFTER_SECONDS, type AbortFixture, createAbortFixture } from './harness/abort-fixture.js';
import { startSuiteEmulator } from './harness/credentials.js';
import { watchUnhandledRejections } from './harness/unhandled-rejections.js';

let emulator: RunningEmulator;
let fixture: AbortFixture;
const rejections = watchUnhandledRejections();

beforeAll(async () => {
  emulator = await startSuiteEmulator();
  fixture = await createAbortFixture(emulator);
});

afterAll(async () => {
  await emulator.close();
  rejections.stop();
  expect(rejections.reasons).toEqual([]);
});

/** Requests the fault with this id has seen (it never runs out: times is far above the retry budget). */
async function matched(id: string): Promise<number> {
  const rule = (await emulator.control.faults()).find((fault) => fault.id === id);
  if (!rule) throw new Error('the fault disappeared');
  return rule.matched;
}

/** Polls the emulator until the fault has seen a first request, i.e. the call's first attempt arrived. */
async function firstAttemptArrived(id: string): Promise<void> {
  for (let polls = 0; polls < 2_000; polls++) {
    if ((await matched(id)) >= 1) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('the first attempt never reached the emulator');
}

function expectAborted(error: unknown, label: string): void {
  expect(NetworkError.isInstance(error), `${label}: ${String(error)}`).toBe(true);
  expect(error, label).toMatchObject({ reason: 'aborted', isRetryable: false });
}

async function withFault(
  testCase: AbortCase,
  spec: { kind: 'status'; status: 503; retryAfterSeconds: number } | { kind: 'delay'; delayMs: number },
  run: (faultId: string) => Promise<void>,
): Promise<void> {
  const fault = await emulator.control.addFault({
    ...spec,
    method: testCase.method,
    path: testCase.path,
    times: 1_000,
  });
  try {
    await run(fault.id);
  } finally {
    await emulator.control.clearFaults();
  }
}

describe('every public async method stops at once when its AbortSignal fires', () => {
  it.each(ABORT_CASES)('$name: abort while waiting to retry a 503 (Retry-After 60 s)', async (testCase) => {
    await withFault(
      testCase,
      { kind: 'status', status: 503, retryAfterSeconds: ABORT_RETRY_AFTER_SECONDS },
      async (faultId) => {
        const controller = new AbortController();
        const pending = testCase.call(fixture, controller.signal).then(
          () => undefined,
          (error: unknown) => error,
        );
        await firstAttemptArrived(faultId);
        if (testCase.failsFast) {
          // No wait to abort: the first 503 already failed the call as retryable, with no second attempt.
          expect(await pending, testCase.name).toMatchObject({ isRetryable: true });
          expect(await matched(faultId), `${testCase.name}: attempts`).toBe(1);
          return;
        }
        controller.abort();
        // Without the abort this would wait 60 s for the next attempt and blow the test timeout.
        expectAborted(await pending, testCase.name);
        expect(await matched(faultId), `${testCase.name}: attempts after the abort`).toBe(1);
      },
    );
  });

  it.each(ABORT_CASES)('$name: abort while the request is in flight', async (testCase) => {
    await withFault(testCase, { kind: 'delay', delayMs: 60_000 }, async (faultId) => {
      const controller = new AbortController();
      const pending = testCase.call(fixture, controller.signal).then(
        () => undefined,
        (error: unknown) => error,
      );
      await firstAttemptArrived(faultId);
      controller.abort();
      expectAborted(await pending, testCase.name);
      expect(await matched(faultId), `${testCase.name}: attempts after the abort`).toBe(1);
    });
  });

  it.each(ABORT_CASES)('$name: an already aborted signal sends nothing', async (testCase) => {
    await withFault(
      testCase,
      { kind: 'status', status: 503, retryAfterSeconds: ABORT_RETRY_AFTER_SECONDS },
      async (faultId) => {
        const error = await testCase.call(fixture, AbortSignal.abort()).then(
          () => undefined,
          (reason: unknown) => reason,
        );
        expectAborted(error, testCase.name);
        expect(await matched(faultId), `${testCase.name}: requests sent`).toBe(0);
      },
    );
  });
});
