import { describe, expect, it } from 'vitest';
import { functionSchema } from './function-schema.js';

describe('functionSchema', () => {
  it('accepts functions, async ones included, and returns them unchanged', async () => {
    const schema = functionSchema<() => Promise<number>>();
    const work = async () => 42;
    expect(schema.parse(work)).toBe(work);
    expect(await schema.parse(work)()).toBe(42);
  });

  it('rejects anything else with "must be a function"', () => {
    for (const value of ['fn', 42, null, undefined, {}, [() => 1]]) {
      const result = functionSchema<() => void>().safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('must be a function');
    }
  });
});
