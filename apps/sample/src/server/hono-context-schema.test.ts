import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { honoContextSchema } from './hono-context-schema.js';

describe('honoContextSchema', () => {
  it('accepts the context Hono hands a handler', async () => {
    const app = new Hono();
    let accepted = false;
    app.get('/', (c) => {
      accepted = honoContextSchema.safeParse(c).success;
      return c.text('ok');
    });
    await app.request('/');
    expect(accepted).toBe(true);
  });

  it('rejects values that are not a context, with "must be a Hono context"', () => {
    for (const value of [null, 'c', { req: {} }, { json: () => null }]) {
      const result = honoContextSchema.safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('must be a Hono context');
    }
  });
});
