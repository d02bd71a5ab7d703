import { InputValidationError } from '@achbridge/core';
import { type Context, Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SampleError } from '../errors/sample-error.js';
import { readJsonBody, readObjectBody, readValidBody } from './read-json-body.js';

type Handler = (c: Context) => Promise<Response>;

/** Runs `read` inside a POST handler for `body` and answers with what it returned or the error's name. */
async function readWith(body: string, read: Handler): Promise<unknown> {
  const app = new Hono();
  app.post('/', read);
  app.onError((error, c) =>
    c.json({
      thrown: SampleError.isInstance(error)
        ? error.code
        : InputValidationError.isInstance(error)
          ? 'INPUT'
          : 'OTHER',
    }),
  );
  const response = await app.request('/', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
  });
  return response.json();
}

describe('readJsonBody', () => {
  it('parses JSON, counts an empty body as {} and rejects non-JSON with INVALID_JSON', async () => {
    expect(await readWith('[1,2]', async (c) => c.json({ body: await readJsonBody(c) }))).toEqual({
      body: [1, 2],
    });
    expect(await readWith('  ', async (c) => c.json({ body: await readJsonBody(c) }))).toEqual({ body: {} });
    expect(await readWith('{nope', async (c) => c.json({ body: await readJsonBody(c) }))).toEqual({
      thrown: 'INVALID_JSON',
    });
  });
});

describe('readObjectBody', () => {
  it('returns a JSON object as it is and anything else as {}', async () => {
    const read: Handler = async (c) => c.json({ body: await readObjectBody(c) });
    expect(await readWith('{"runId":"r1"}', read)).toEqual({ body: { runId: 'r1' } });
    for (const body of ['[{"runId":"r1"}]', '"text"', '42', 'null', '']) {
      expect(await readWith(body, read)).toEqual({ body: {} });
    }
  });
});

describe('readValidBody', () => {
  it('validates the body with the schema', async () => {
    const read: Handler = async (c) =>
      c.json({ body: await readValidBody(c, 'test', z.object({ n: z.number() })) });
    expect(await readWith('{"n":1}', read)).toEqual({ body: { n: 1 } });
    expect(await readWith('{"n":"one"}', read)).toEqual({ thrown: 'INPUT' });
  });
});
