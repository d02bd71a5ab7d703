import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';

describe('lazySchema', () => {
  it('builds nothing until the first use, then builds once and returns the same schema every time', () => {
    const build = vi.fn(() => z.object({ name: z.string() }));
    const schema = lazySchema(build);
    expect(build).not.toHaveBeenCalled();

    const first = schema();
    expect(first.parse({ name: 'a' })).toEqual({ name: 'a' });
    expect(schema()).toBe(first);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('keeps a built value that is falsy, and builds again after a build that threw', () => {
    const zero = vi.fn(() => 0);
    const lazyZero = lazySchema(zero);
    expect([lazyZero(), lazyZero()]).toEqual([0, 0]);
    expect(zero).toHaveBeenCalledTimes(1);

    let attempts = 0;
    const flaky = lazySchema(() => {
      attempts += 1;
      if (attempts === 1) throw new Error('first build fails');
      return z.string();
    });
    expect(() => flaky()).toThrow('first build fails');
    expect(flaky().parse('ok')).toBe('ok');
  });
});
