import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProviderError, ResponseValidationError } from '../errors.js';
import type { FetchFunction } from '../http.js';
import { silentLogger } from '../logger.js';
import { createProviderPipeline, type ProviderPipelineConfig } from './provider-pipeline.js';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** A fetch that answers from a script, one answer per call, and records what it was sent. */
function scriptedFetch(answers: Array<{ status: number; body: string; headers?: Record<string, string> }>) {
  const seen: Seen[] = [];
  const fetchFunction: FetchFunction = async (input, init) => {
    seen.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      body: init?.body as string | undefined,
    });
    const answer = answers.shift();
    if (!answer) throw new Error('no scripted answer left');
    return new Response(answer.body, { status: answer.status, headers: answer.headers ?? {} });
  };
  return { fetchFunction, seen };
}

class AcmeError extends ProviderError {}

function pipelineWith(fetchFunction: FetchFunction, overrides: Partial<ProviderPipelineConfig> = {}) {
  return createProviderPipeline({
    provider: 'acme',
    baseUrl: 'http://127.0.0.1:9/acme',
    fetch: fetchFunction,
    timeoutMs: 1000,
    retry: { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 2 },
    logger: silentLogger,
    headers: () => ({ Authorization: 'Bearer t' }),
    toError: (response, context) =>
      new AcmeError(`HTTP_${response.status}`, `acme ${context.endpoint} answered ${response.status}`, {
        provider: 'acme',
        status: response.status,
        isRetryable: response.status >= 500 || response.status === 429,
      }),
    ...overrides,
  });
}

describe('createProviderPipeline', () => {
  it('sends JSON with the idempotency key on every attempt, retries a 5xx and validates the answer', async () => {
    const { fetchFunction, seen } = scriptedFetch([
      { status: 503, body: '{}' },
      { status: 200, body: '{"id":"x_1"}', headers: { 'x-request-id': 'req_9' } },
    ]);
    const result = await pipelineWith(fetchFunction).request(
      { method: 'POST', path: '/things', endpoint: '/things', body: { a: 1 }, idempotencyKey: 'k-1' },
      z.object({ id: z.string() }),
    );
    expect(result).toMatchObject({ status: 200, data: { id: 'x_1' }, requestId: 'req_9' });
    expect(seen).toHaveLength(2);
    for (const request of seen) {
      expect(request).toMatchObject({
        url: 'http://127.0.0.1:9/acme/things',
        method: 'POST',
        body: '{"a":1}',
      });
      expect(request.headers).toMatchObject({
        'Idempotency-Key': 'k-1',
        'Content-Type': 'application/json',
        Authorization: 'Bearer t',
      });
    }
  });

  it('sends headers given synchronously or through a promise alike, and fails the call when they fail', async () => {
    for (const headers of [
      () => ({ Authorization: 'Bearer sync' }),
      async () => ({ Authorization: 'Bearer sync' }),
    ]) {
      const { fetchFunction, seen } = scriptedFetch([{ status: 200, body: '{"id":"x_1"}' }]);
      await pipelineWith(fetchFunction, { headers }).request(
        { method: 'GET', path: '/things/x_1' },
        z.object({ id: z.string() }),
      );
      expect(seen[0]?.headers).toEqual({ Authorization: 'Bearer sync' });
    }
    const broken = new Error('no credentials');
    for (const headers of [
      () => {
        throw broken;
      },
      async () => {
        throw broken;
      },
    ]) {
      const { fetchFunction, seen } = scriptedFetch([]);
      const call = pipelineWith(fetchFunction, { headers }).send({ method: 'GET', path: '/things' });
      await expect(call).rejects.toBe(broken);
      expect(seen).toHaveLength(0);
    }
  });

  it('throws the provider error of the last attempt once the retries are spent', async () => {
    const { fetchFunction, seen } = scriptedFetch([
      { status: 500, body: '' },
      { status: 500, body: '' },
      { status: 502, body: '' },
    ]);
    const failure = await pipelineWith(fetchFunction)
      .send({ method: 'GET', path: '/things' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AcmeError);
    expect((failure as AcmeError).status).toBe(502);
    expect(seen).toHaveLength(3);
  });

  it('does not retry a client error, and tells the handler about the attempt', async () => {
    const { fetchFunction, seen } = scriptedFetch([{ status: 400, body: '{"code":"bad"}' }]);
    const contexts: unknown[] = [];
    const pipeline = pipelineWith(fetchFunction, {
      toError: (response, context) => {
        contexts.push(context);
        return new AcmeError('bad', 'bad request', { provider: 'acme', status: response.status });
      },
    });
    await expect(
      pipeline.send({ method: 'POST', path: '/x', body: {}, idempotencyKey: 'k' }),
    ).rejects.toThrow('bad request');
    expect(seen).toHaveLength(1);
    expect(contexts).toEqual([
      expect.objectContaining({
        method: 'POST',
        endpoint: '/x',
        attempt: 0,
        maxRetries: 2,
        idempotent: true,
        answerLost: false,
        json: { ok: true, value: { code: 'bad' } },
      }),
    ]);
  });

  it('renews the credentials once on a 401 and resends with the new headers', async () => {
    const { fetchFunction, seen } = scriptedFetch([
      { status: 401, body: '{}' },
      { status: 200, body: '{"ok":true}' },
    ]);
    let token = 'old';
    const renewals: string[] = [];
    const pipeline = pipelineWith(fetchFunction, {
      headers: () => ({ Authorization: `Bearer ${token}` }),
      renewOnUnauthorized: (_response, _error, headers) => {
        renewals.push(headers.Authorization ?? '');
        token = 'new';
        return true;
      },
    });
    const result = await pipeline.request({ method: 'GET', path: '/me' }, z.object({ ok: z.boolean() }));
    expect(result.data).toEqual({ ok: true });
    expect(renewals).toEqual(['Bearer old']);
    expect(seen.map((request) => request.headers.Authorization)).toEqual(['Bearer old', 'Bearer new']);
  });

  it('renews at most once per call: a second 401 is the typed error', async () => {
    const { fetchFunction, seen } = scriptedFetch([
      { status: 401, body: '{}' },
      { status: 401, body: '{}' },
    ]);
    const pipeline = pipelineWith(fetchFunction, { renewOnUnauthorized: () => true });
    await expect(pipeline.send({ method: 'GET', path: '/me' })).rejects.toBeInstanceOf(AcmeError);
    expect(seen).toHaveLength(2);
  });

  it('builds the typed error once on a 401 whose renewal is declined, and throws that very error', async () => {
    const { fetchFunction, seen } = scriptedFetch([{ status: 401, body: '{"code":"expired"}' }]);
    const built: Error[] = [];
    const offered: Error[] = [];
    const pipeline = pipelineWith(fetchFunction, {
      toError: (response, context) => {
        const error = new AcmeError('HTTP_401', `acme ${context.endpoint} answered ${response.status}`, {
          provider: 'acme',
          status: response.status,
          isRetryable: false,
        });
        built.push(error);
        return error;
      },
      renewOnUnauthorized: (_response, error) => {
        offered.push(error);
        return false;
      },
    });
    const thrown = await pipeline.send({ method: 'GET', path: '/me' }).catch((error: unknown) => error);
    expect(seen).toHaveLength(1);
    expect(built).toHaveLength(1);
    expect(offered).toEqual(built);
    expect(thrown).toBe(built[0]);
  });

  it('builds one error per 401 answer when the renewed attempt is refused too', async () => {
    const { fetchFunction } = scriptedFetch([
      { status: 401, body: '{}' },
      { status: 401, body: '{}' },
    ]);
    let built = 0;
    const pipeline = pipelineWith(fetchFunction, {
      toError: (response) => {
        built += 1;
        return new AcmeError('HTTP_401', 'unauthorized', { provider: 'acme', status: response.status });
      },
      renewOnUnauthorized: () => true,
    });
    await expect(pipeline.send({ method: 'GET', path: '/me' })).rejects.toBeInstanceOf(AcmeError);
    expect(built).toBe(2);
  });

  it('refuses a 2xx answer that is not JSON or does not match the schema, and lets inspect see valid bodies', async () => {
    const inspected: unknown[] = [];
    const { fetchFunction } = scriptedFetch([
      { status: 200, body: '' },
      { status: 200, body: '{"id":5}' },
      { status: 200, body: '{"id":"a","live":false}' },
    ]);
    const pipeline = pipelineWith(fetchFunction, { inspect: (json) => inspected.push(json) });
    const schema = z.object({ id: z.string() });
    const empty = await pipeline
      .request({ method: 'GET', path: '/a' }, schema)
      .catch((error: unknown) => error);
    expect(empty).toBeInstanceOf(ResponseValidationError);
    expect((empty as ResponseValidationError).message).toContain('empty body');
    await expect(pipeline.request({ method: 'GET', path: '/a' }, schema)).rejects.toBeInstanceOf(
      ResponseValidationError,
    );
    await expect(pipeline.request({ method: 'GET', path: '/a' }, schema)).resolves.toMatchObject({
      data: { id: 'a' },
    });
    expect(inspected).toEqual([{ id: 'a', live: false }]);
  });

  it('sends to an absolute URL as given and honours a per-call maxRetries', async () => {
    const { fetchFunction, seen } = scriptedFetch([{ status: 503, body: '' }]);
    await expect(
      pipelineWith(fetchFunction).send({ method: 'GET', path: 'http://127.0.0.1:9/acme/abs', maxRetries: 0 }),
    ).rejects.toBeInstanceOf(AcmeError);
    expect(seen.map((request) => request.url)).toEqual(['http://127.0.0.1:9/acme/abs']);
  });
});
