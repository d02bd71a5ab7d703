import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPlaidClient, ResponseValidationError } from '@achbridge/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStripeAdapter } from './stripe-adapter.js';

let server: Server;
let body = 'false';
let status = 200;

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    response.writeHead(status, { 'content-type': 'application/json', 'request-id': 'req_primitive' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('a Stripe answer whose JSON body is not an object', () => {
  it.each([
    [200, 'false'],
    [200, '0'],
    [500, '"maintenance"'],
    [402, 'true'],
    [200, 'null'],
  ])('HTTP %i with body %s rejects with a ResponseValidationError instead of hanging', async (code, text) => {
    status = code;
    body = text;
    const unhandled: unknown[] = [];
    const listener = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', listener);
    try {
      const { port } = server.address() as AddressInfo;
      const adapter = createStripeAdapter({
        plaid: createPlaidClient({ clientId: 'client', secret: 'secret-for-primitive-test' }),
        stripe: { secretKey: 'sk_test_primitiveBody0000', host: '127.0.0.1', port, protocol: 'http' },
        retry: { maxRetries: 0 },
      });
      const error = await adapter.getPayment('pi_primitive0000').catch((reason: unknown) => reason);
      expect(ResponseValidationError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ provider: 'stripe', isRetryable: true });
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });
});
