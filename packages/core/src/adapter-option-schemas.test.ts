import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  abortSignalSchema,
  absoluteHttpUrlSchema,
  clientTransportSettingsFields,
  credentialSettingSchema,
  fetchSchema,
  idempotencyKeySchema,
  isFunction,
  isPlaidClientLike,
  loggerSchema,
} from './adapter-option-schemas.js';
import { silentLogger } from './logger.js';

const messagesOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((issue) => issue.message) ?? [];

describe('adapter option schemas', () => {
  it('accept what an adapter option takes and name what they expect otherwise', () => {
    expect(isFunction(() => 1)).toBe(true);
    expect(isFunction({})).toBe(false);
    expect(abortSignalSchema().safeParse(new AbortController().signal).success).toBe(true);
    expect(messagesOf(abortSignalSchema().safeParse({ aborted: false }))).toEqual([
      'expected an AbortSignal',
    ]);
    expect(loggerSchema().safeParse(silentLogger).success).toBe(true);
    expect(messagesOf(loggerSchema().safeParse({ info: () => {} }))).toEqual([
      'expected a logger with debug, info, warn and error',
    ]);
    expect(fetchSchema().safeParse(fetch).success).toBe(true);
    expect(messagesOf(fetchSchema().safeParse('fetch'))).toEqual(['expected a fetch-compatible function']);
  });

  it('take an idempotency key of 1-255 printable ASCII characters without spaces', () => {
    expect(idempotencyKeySchema().safeParse('order-42').success).toBe(true);
    expect(idempotencyKeySchema().safeParse('x'.repeat(255)).success).toBe(true);
    expect(idempotencyKeySchema().safeParse('x'.repeat(256)).success).toBe(false);
    expect(idempotencyKeySchema().safeParse('').success).toBe(false);
    expect(messagesOf(idempotencyKeySchema().safeParse('order 42'))).toEqual([
      'must be printable ASCII without spaces',
    ]);
  });

  it('take an absolute http(s) base URL and a non-empty credential', () => {
    expect(absoluteHttpUrlSchema().safeParse('http://127.0.0.1:4010/dwolla').success).toBe(true);
    for (const url of ['ftp://example.com', '/dwolla', 'https://']) {
      expect(messagesOf(absoluteHttpUrlSchema().safeParse(url)), url).toEqual([
        'expected an absolute http(s) URL',
      ]);
    }
    expect(credentialSettingSchema().parse('  key  ')).toBe('key');
    expect(messagesOf(credentialSettingSchema().safeParse('   '))).toEqual(['must not be empty']);
  });

  it('give a client settings schema its transport fields, all optional', () => {
    const schema = z.strictObject({
      apiKey: credentialSettingSchema().optional(),
      ...clientTransportSettingsFields(),
    });
    expect(schema.parse({})).toEqual({});
    expect(
      schema.parse({ environment: 'production', baseUrl: 'https://api.example.com', timeoutMs: 600_000 }),
    ).toEqual({ environment: 'production', baseUrl: 'https://api.example.com', timeoutMs: 600_000 });
    const refused = schema.safeParse({ environment: 'development', timeoutMs: 600_001, fetch: 1 });
    expect(refused.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'environment',
      'fetch',
      'timeoutMs',
    ]);
  });

  it('recognise a Plaid client by its methods and a known environment', () => {
    const client = {
      environment: 'sandbox',
      exchangePublicToken: () => {},
      getAccounts: () => {},
      request: () => {},
    };
    expect(isPlaidClientLike(client)).toBe(true);
    expect(isPlaidClientLike({ ...client, environment: 'staging' })).toBe(false);
    expect(isPlaidClientLike({ ...client, request: undefined })).toBe(false);
    expect(isPlaidClientLike(null)).toBe(false);
  });
});
