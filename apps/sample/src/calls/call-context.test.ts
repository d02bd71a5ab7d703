import { InputValidationError, registerSecret } from '@achbridge/core';
import { describe, expect, it } from 'vitest';
import { recordCall, sanitizeEndpoint, withCallSink } from './call-context.js';
import type { ProviderCall } from './provider-call.js';

const call = (endpoint: string): ProviderCall => ({
  provider: 'stripe',
  method: 'GET',
  endpoint,
  status: 200,
  requestId: 'req_1',
});

describe('withCallSink / recordCall', () => {
  it('delivers calls made inside the flow, including across awaits and timers', async () => {
    const seen: ProviderCall[] = [];
    await withCallSink(
      (recorded) => seen.push(recorded),
      async () => {
        recordCall(call('/v1/customers'));
        await new Promise((resolve) => setTimeout(resolve, 1));
        recordCall(call('/v1/setup_intents'));
      },
    );
    expect(seen.map((recorded) => recorded.endpoint)).toEqual(['/v1/customers', '/v1/setup_intents']);
  });

  it('keeps concurrent flows apart and ignores calls outside any flow', async () => {
    const first: string[] = [];
    const second: string[] = [];
    recordCall(call('/outside'));
    await Promise.all([
      withCallSink(
        (recorded) => first.push(recorded.endpoint),
        async () => {
          await new Promise((resolve) => setTimeout(resolve, 2));
          recordCall(call('/first'));
        },
      ),
      withCallSink(
        (recorded) => second.push(recorded.endpoint),
        async () => {
          recordCall(call('/second'));
        },
      ),
    ]);
    expect(first).toEqual(['/first']);
    expect(second).toEqual(['/second']);
  });

  it('validates what it is given', async () => {
    expect(() => withCallSink('nope' as never, async () => 1)).toThrow(InputValidationError);
    await withCallSink(
      () => {},
      async () => {
        expect(() => recordCall({ ...call('/x'), provider: 'paypal' as never })).toThrow(
          InputValidationError,
        );
      },
    );
  });
});

describe('sanitizeEndpoint', () => {
  it('hides bank account tokens, registered secrets, Plaid token shapes and query strings', () => {
    expect(sanitizeEndpoint('/v1/tokens/btok_1AbCdEfGh')).toBe('/v1/tokens/[REDACTED]');
    registerSecret('custom-secret-value-123');
    expect(sanitizeEndpoint('/x/custom-secret-value-123/y')).toBe('/x/[REDACTED]/y');
    expect(sanitizeEndpoint('/a/processor-sandbox-1234-abcd/b')).toBe('/a/[REDACTED]/b');
    expect(sanitizeEndpoint('/v1/customers?email=ada%40example.com')).toBe('/v1/customers');
  });

  it('applies to every recorded call', async () => {
    const seen: string[] = [];
    await withCallSink(
      (recorded) => seen.push(recorded.endpoint),
      async () => recordCall(call('/v1/tokens/btok_1AbCdEfGh')),
    );
    expect(seen).toEqual(['/v1/tokens/[REDACTED]']);
  });
});
