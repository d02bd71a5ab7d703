import { afterEach, describe, expect, it, vi } from 'vitest';
import { NetworkError, ProviderError } from './errors.js';
import { computeRetryDelay, isRetryableError, raceAbort, sleep, withRetry } from './retry.js';

const retryable = (retryAfterMs?: number): ProviderError =>
  new ProviderError('SERVER_ERROR', 'boom', {
    provider: 'plaid',
    status: 503,
    isRetryable: true,
    retryAfterMs,
  });
const clientError = (): ProviderError =>
  new ProviderError('INVALID_FIELD', 'bad', { provider: 'plaid', status: 400, isRetryable: false });

afterEach(() => {
  vi.useRealTimers();
});

describe('computeRetryDelay', () => {
  it('uses exponential backoff with full jitter, capped', () => {
    const options = { initialDelayMs: 100, maxDelayMs: 1000, random: () => 0.999999 };
    expect(computeRetryDelay(1, new Error('x'), options)).toBe(99);
    expect(computeRetryDelay(2, new Error('x'), options)).toBe(199);
    expect(computeRetryDelay(3, new Error('x'), options)).toBe(399);
    expect(computeRetryDelay(5, new Error('x'), options)).toBe(999);
    expect(computeRetryDelay(30, new Error('x'), options)).toBe(999);
    expect(computeRetryDelay(3, new Error('x'), { ...options, random: () => 0 })).toBe(0);
  });

  it('spreads delays over [0, ceiling) (full jitter)', () => {
    const values = [0, 0.25, 0.5, 0.75].map((r) =>
      computeRetryDelay(3, new Error('x'), { initialDelayMs: 100, random: () => r }),
    );
    expect(values).toEqual([0, 100, 200, 300]);
  });

  it('honours Retry-After over backoff and refuses hints longer than maxRetryAfterMs', () => {
    expect(computeRetryDelay(1, retryable(1500))).toBe(1500);
    expect(computeRetryDelay(4, retryable(0))).toBe(0);
    expect(computeRetryDelay(1, retryable(120_000))).toBeUndefined();
    expect(computeRetryDelay(1, retryable(120_000), { maxRetryAfterMs: 200_000 })).toBe(120_000);
  });
});

describe('isRetryableError', () => {
  it('reads the isRetryable flag only', () => {
    expect(isRetryableError(retryable())).toBe(true);
    expect(isRetryableError(clientError())).toBe(false);
    expect(isRetryableError(new Error('plain'))).toBe(false);
    expect(isRetryableError(null)).toBe(false);
    expect(isRetryableError(new NetworkError('plaid', '/x', 'reset', 'reset'))).toBe(true);
    expect(isRetryableError(new NetworkError('plaid', '/x', 'aborted', 'aborted'))).toBe(false);
  });
});

describe('withRetry', () => {
  it('returns the first success and passes the attempt number', async () => {
    const attempts: number[] = [];
    const result = await withRetry(
      async (attempt) => {
        attempts.push(attempt);
        if (attempt < 2) throw retryable();
        return 'ok';
      },
      { initialDelayMs: 0 },
    );
    expect(result).toBe('ok');
    expect(attempts).toEqual([0, 1, 2]);
  });

  it('bounds attempts to maxRetries + 1 and rethrows the last error unchanged', async () => {
    const errors = [retryable(), retryable(), retryable()];
    let calls = 0;
    const promise = withRetry(
      async () => {
        const error = errors[calls];
        calls += 1;
        throw error;
      },
      { maxRetries: 2, initialDelayMs: 0 },
    );
    await expect(promise).rejects.toBe(errors[2]);
    expect(calls).toBe(3);
  });

  it('maxRetries 0 disables retrying', async () => {
    const operation = vi.fn(async () => {
      throw retryable();
    });
    await expect(withRetry(operation, { maxRetries: 0 })).rejects.toThrow('boom');
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('never retries client errors or plain errors', async () => {
    for (const error of [clientError(), new Error('bug'), new TypeError('x')]) {
      const operation = vi.fn(async () => {
        throw error;
      });
      await expect(withRetry(operation, { maxRetries: 5, initialDelayMs: 0 })).rejects.toBe(error);
      expect(operation).toHaveBeenCalledTimes(1);
    }
  });

  it('waits the backoff between attempts and reports each retry', async () => {
    vi.useFakeTimers();
    const onRetry = vi.fn();
    const operation = vi.fn(async () => {
      if (operation.mock.calls.length < 3) throw retryable();
      return 'done';
    });
    const promise = withRetry(operation, { initialDelayMs: 100, random: () => 0.5, onRetry });
    await vi.advanceTimersByTimeAsync(0);
    expect(operation).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(49);
    expect(operation).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(operation).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(100);
    await expect(promise).resolves.toBe('done');
    expect(onRetry.mock.calls.map(([info]) => [info.attempt, info.delayMs])).toEqual([
      [1, 50],
      [2, 100],
    ]);
  });

  it('waits exactly Retry-After when the error carries it', async () => {
    vi.useFakeTimers();
    const operation = vi.fn(async () => {
      if (operation.mock.calls.length === 1) throw retryable(2000);
      return 'ok';
    });
    const promise = withRetry(operation, { initialDelayMs: 1, random: () => 0 });
    await vi.advanceTimersByTimeAsync(1999);
    expect(operation).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(promise).resolves.toBe('ok');
  });

  it('does not retry when Retry-After is longer than allowed', async () => {
    const operation = vi.fn(async () => {
      throw retryable(10 * 60_000);
    });
    await expect(withRetry(operation, { maxRetries: 3 })).rejects.toMatchObject({ retryAfterMs: 600_000 });
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('stops at once when aborted during a backoff wait', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const operation = vi.fn(async () => {
      throw retryable();
    });
    const promise = withRetry(operation, {
      signal: controller.signal,
      initialDelayMs: 10_000,
      random: () => 0.9,
      provider: 'stripe',
      endpoint: '/v1/customers',
    });
    const settled = promise.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(0);
    controller.abort();
    const error = await settled;
    expect(NetworkError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      reason: 'aborted',
      provider: 'stripe',
      endpoint: '/v1/customers',
      isRetryable: false,
    });
    expect(operation).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not start when the signal is already aborted', async () => {
    const operation = vi.fn(async () => 'never');
    await expect(withRetry(operation, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      reason: 'aborted',
    });
    expect(operation).not.toHaveBeenCalled();
  });

  it('turns a failure after abort into the abort error instead of retrying', async () => {
    const controller = new AbortController();
    const operation = vi.fn(async () => {
      controller.abort();
      throw retryable();
    });
    await expect(
      withRetry(operation, { signal: controller.signal, initialDelayMs: 0 }),
    ).rejects.toMatchObject({
      reason: 'aborted',
    });
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('keeps a NetworkError given as the abort reason', async () => {
    const reason = new NetworkError('dwolla', '/transfers', 'aborted', 'shutting down');
    const operation = vi.fn(async () => 'x');
    await expect(withRetry(operation, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });

  it('treats a negative maxRetries as 0', async () => {
    const operation = vi.fn(async () => {
      throw retryable();
    });
    await expect(withRetry(operation, { maxRetries: -3 })).rejects.toThrow();
    expect(operation).toHaveBeenCalledTimes(1);
  });
});

describe('sleep', () => {
  it('resolves after the delay and rejects at once on abort', async () => {
    vi.useFakeTimers();
    const done = vi.fn();
    const pending = sleep(100).then(done);
    await vi.advanceTimersByTimeAsync(99);
    expect(done).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(done).toHaveBeenCalled();
    const controller = new AbortController();
    const aborted = sleep(10_000, controller.signal, () => new Error('stopped'));
    controller.abort();
    await expect(aborted).rejects.toThrow('stopped');
  });
});

describe('raceAbort', () => {
  it('passes the value or error through when no signal fires', async () => {
    await expect(
      raceAbort(Promise.resolve(7), new AbortController().signal, 'dwolla', '/token'),
    ).resolves.toBe(7);
    await expect(raceAbort(Promise.reject(new Error('boom')), undefined, 'dwolla', '/token')).rejects.toThrow(
      'boom',
    );
  });

  it('rejects at once with an aborted NetworkError, and swallows the late rejection', async () => {
    const controller = new AbortController();
    let rejectLate: (error: Error) => void = () => {};
    const pending = new Promise<number>((_resolve, reject) => {
      rejectLate = reject;
    });
    const raced = raceAbort(pending, controller.signal, 'stripe', '/v1/customers');
    controller.abort();
    const error = await raced.catch((caught: unknown) => caught);
    expect(NetworkError.isInstance(error) && error.reason).toBe('aborted');
    expect((error as NetworkError).provider).toBe('stripe');
    rejectLate(new Error('late'));
    await new Promise((resolve) => setImmediate(resolve));
  });

  it('rejects without waiting when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const never = new Promise<number>(() => {});
    const error = await raceAbort(never, controller.signal, 'dwolla', '/token').catch(
      (caught: unknown) => caught,
    );
    expect(NetworkError.isInstance(error) && error.reason).toBe('aborted');
  });
});
