import { InputValidationError } from '@achbridge/core';
import { describe, expect, it, vi } from 'vitest';
import { withCallSink } from './call-context.js';
import type { ProviderCall } from './provider-call.js';
import { createRecordingFetch } from './recording-fetch.js';

async function record(work: () => Promise<unknown>): Promise<ProviderCall[]> {
  const calls: ProviderCall[] = [];
  await withCallSink(
    (call) => calls.push(call),
    async () => {
      await work();
    },
  );
  return calls;
}

describe('createRecordingFetch', () => {
  it("records Plaid's request_id from the body and leaves the body readable for the client", async () => {
    const inner = async () =>
      new Response(JSON.stringify({ item_id: 'item-1', request_id: 'plaid-req-1' }), { status: 200 });
    const fetch = createRecordingFetch({ provider: 'plaid', fetch: inner, basePath: '/plaid' });
    let body: unknown;
    const calls = await record(async () => {
      const response = await fetch('http://127.0.0.1:4010/plaid/item/get?x=1', { method: 'post' });
      body = await response.json();
    });
    expect(body).toEqual({ item_id: 'item-1', request_id: 'plaid-req-1' });
    expect(calls).toEqual([
      { provider: 'plaid', method: 'POST', endpoint: '/item/get', status: 200, requestId: 'plaid-req-1' },
    ]);
  });

  it('prefers the X-Request-Id header (Dwolla) and tolerates non-JSON bodies', async () => {
    const fetch = createRecordingFetch({
      provider: 'dwolla',
      fetch: async () =>
        new Response('<html>busy</html>', { status: 503, headers: { 'x-request-id': 'dw-1' } }),
    });
    const calls = await record(() => fetch('https://api-sandbox.dwolla.com/customers'));
    expect(calls).toEqual([
      { provider: 'dwolla', method: 'GET', endpoint: '/customers', status: 503, requestId: 'dw-1' },
    ]);
    const plain = createRecordingFetch({ provider: 'plaid', fetch: async () => new Response('not json') });
    expect((await record(() => plain('https://sandbox.plaid.com/item/get')))[0]?.requestId).toBeNull();
  });

  it("records Stripe's Request-Id header", async () => {
    const fetch = createRecordingFetch({
      provider: 'stripe',
      fetch: async () => new Response('{}', { status: 200, headers: { 'request-id': 'req_stripe1' } }),
    });
    const calls = await record(() => fetch('http://127.0.0.1:4010/v1/customers?email=a', { method: 'POST' }));
    expect(calls).toEqual([
      {
        provider: 'stripe',
        method: 'POST',
        endpoint: '/v1/customers',
        status: 200,
        requestId: 'req_stripe1',
      },
    ]);
  });

  it('records a call that got no answer and rethrows the network error', async () => {
    const fetch = createRecordingFetch({
      provider: 'plaid',
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    const calls: ProviderCall[] = [];
    await expect(
      withCallSink(
        (call) => calls.push(call),
        () => fetch('https://sandbox.plaid.com/item/get', { method: 'POST' }),
      ),
    ).rejects.toThrow('fetch failed');
    expect(calls).toEqual([
      { provider: 'plaid', method: 'POST', endpoint: '/item/get', status: null, requestId: null },
    ]);
  });

  it('outside a flow passes the response straight through without reading a clone of its body', async () => {
    const response = new Response(JSON.stringify({ request_id: 'plaid-req-2' }), { status: 200 });
    const clone = vi.spyOn(response, 'clone');
    const fetch = createRecordingFetch({ provider: 'plaid', fetch: async () => response });
    const answered = await fetch('https://sandbox.plaid.com/item/get', { method: 'POST' });
    expect(answered).toBe(response);
    expect(clone).not.toHaveBeenCalled();
    expect(await answered.json()).toEqual({ request_id: 'plaid-req-2' });
  });

  it('validates its options', () => {
    expect(() => createRecordingFetch({ provider: 'Not a provider', fetch: globalThis.fetch })).toThrow(
      InputValidationError,
    );
    expect(() => createRecordingFetch({ provider: 'plaid', fetch: 'x' as never })).toThrow(
      InputValidationError,
    );
  });
});
