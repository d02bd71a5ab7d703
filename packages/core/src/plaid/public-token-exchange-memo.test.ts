import { describe, expect, it } from 'vitest';
import { InputValidationError, NetworkError } from '../errors.js';
import { createPublicTokenExchangeMemo } from './public-token-exchange-memo.js';

const PUBLIC_TOKEN = 'public-sandbox-11111111-2222-3333-4444-555555555555';

function fakePlaid(answers: (() => Promise<{ accessToken: string; itemId: string }>)[]) {
  let calls = 0;
  return {
    calls: () => calls,
    exchangePublicToken: () => {
      const answer = answers[calls] ?? answers.at(-1);
      calls += 1;
      if (!answer) throw new Error('no answer configured');
      return answer().then((result) => ({ ...result, requestId: `req-${calls}` }));
    },
  };
}

describe('createPublicTokenExchangeMemo', () => {
  it('exchanges a public token once and shares the result with concurrent and later callers', async () => {
    const plaid = fakePlaid([async () => ({ accessToken: 'access-sandbox-aaaa-1', itemId: 'item-1' })]);
    const memo = createPublicTokenExchangeMemo(plaid);
    const results = await Promise.all([1, 2, 3].map(() => memo.exchange(PUBLIC_TOKEN, undefined)));
    const later = await memo.exchange(PUBLIC_TOKEN, undefined);
    expect(plaid.calls()).toBe(1);
    expect(new Set([...results, later].map((result) => result.accessToken))).toEqual(
      new Set(['access-sandbox-aaaa-1']),
    );
  });

  it('forgets a failed exchange so the next call tries again', async () => {
    const plaid = fakePlaid([
      async () => {
        throw new Error('network down');
      },
      async () => ({ accessToken: 'access-sandbox-bbbb-2', itemId: 'item-2' }),
    ]);
    const memo = createPublicTokenExchangeMemo(plaid);
    await expect(memo.exchange(PUBLIC_TOKEN, undefined)).rejects.toThrow('network down');
    await expect(memo.exchange(PUBLIC_TOKEN, undefined)).resolves.toEqual({
      accessToken: 'access-sandbox-bbbb-2',
      itemId: 'item-2',
    });
    expect(plaid.calls()).toBe(2);
  });

  it('drops results after the time to live', async () => {
    let now = 0;
    const plaid = fakePlaid([async () => ({ accessToken: 'access-sandbox-cccc-3', itemId: 'item-3' })]);
    const memo = createPublicTokenExchangeMemo(plaid, { ttlMs: 1000, now: () => now });
    await memo.exchange(PUBLIC_TOKEN, undefined);
    now = 1000;
    await memo.exchange(PUBLIC_TOKEN, undefined);
    expect(plaid.calls()).toBe(2);
  });

  it('evicts the oldest result first when full, counting a re-exchanged token as new', async () => {
    let now = 0;
    const plaid = fakePlaid([async () => ({ accessToken: 'access-sandbox-ffff-6', itemId: 'item-6' })]);
    const memo = createPublicTokenExchangeMemo(plaid, { ttlMs: 1000, maxEntries: 2, now: () => now });
    const [a, b, c] = ['a', 'b', 'c'].map((suffix) => `${PUBLIC_TOKEN}-${suffix}`) as [
      string,
      string,
      string,
    ];
    await memo.exchange(a, undefined);
    now = 10;
    await memo.exchange(b, undefined);
    now = 1000; // a has expired, b has not
    await memo.exchange(a, undefined);
    now = 1005;
    await memo.exchange(c, undefined); // full: b is now the oldest and goes
    expect(plaid.calls()).toBe(4);
    await memo.exchange(a, undefined);
    await memo.exchange(c, undefined);
    expect(plaid.calls()).toBe(4);
    await memo.exchange(b, undefined);
    expect(plaid.calls()).toBe(5);
  });

  it('rejects a public token that is not a string with a typed error naming the field', async () => {
    const plaid = fakePlaid([async () => ({ accessToken: 'access-sandbox-dddd-4', itemId: 'item-4' })]);
    const memo = createPublicTokenExchangeMemo(plaid);
    const error = await memo
      .exchange(undefined as unknown as string, undefined)
      .catch((caught: unknown) => caught);
    expect(InputValidationError.isInstance(error)).toBe(true);
    expect((error as InputValidationError).field).toBe('publicToken');
    expect(plaid.calls()).toBe(0);
  });

  it('rejects bad settings with a typed error naming the field', () => {
    const plaid = fakePlaid([async () => ({ accessToken: 'access-sandbox-eeee-5', itemId: 'item-5' })]);
    expect(() => createPublicTokenExchangeMemo(plaid, { ttlMs: -1 })).toThrow(
      expect.objectContaining({ code: 'INPUT_VALIDATION_ERROR', field: 'settings.ttlMs' }),
    );
    expect(() => createPublicTokenExchangeMemo({} as typeof plaid)).toThrow(
      expect.objectContaining({ code: 'INPUT_VALIDATION_ERROR', field: 'plaid' }),
    );
  });
});

describe('createPublicTokenExchangeMemo with abort signals', () => {
  it("one caller's abort releases that caller only; a concurrent caller exchanges again and gets the result", async () => {
    let calls = 0;
    const plaid = {
      exchangePublicToken: (_input: { publicToken: string }, options?: { signal?: AbortSignal }) => {
        calls += 1;
        const signal = options?.signal;
        if (calls === 1) {
          // The first exchange hangs until its caller aborts, like a slow request.
          return new Promise<never>((_resolve, reject) => {
            signal?.addEventListener('abort', () =>
              reject(new NetworkError('plaid', '/item/public_token/exchange', 'aborted', 'aborted')),
            );
          });
        }
        return Promise.resolve({ accessToken: 'access-sandbox-dddd-4', itemId: 'item-4', requestId: 'req' });
      },
    };
    const memo = createPublicTokenExchangeMemo(plaid);
    const first = new AbortController();
    const second = new AbortController();
    const aborted = memo.exchange(PUBLIC_TOKEN, first.signal);
    const waiting = memo.exchange(PUBLIC_TOKEN, second.signal);
    first.abort();
    const error = await aborted.catch((caught: unknown) => caught);
    expect(NetworkError.isInstance(error) && error.reason).toBe('aborted');
    await expect(waiting).resolves.toEqual({ accessToken: 'access-sandbox-dddd-4', itemId: 'item-4' });
    expect(calls).toBe(2);
  });
});
