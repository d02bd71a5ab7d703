import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  AchBridgeError,
  ConfigError,
  InputValidationError,
  NetworkError,
  ProviderError,
  ResponseValidationError,
  setErrorMarker,
} from './errors.js';
import { registerSecret } from './redact.js';

const ACCESS_TOKEN = 'access-sandbox-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
const PROCESSOR_TOKEN = 'processor-sandbox-161c86dd-d470-47e9-a741-d381c2b2cb6f';
const STRIPE_KEY = 'sk_test_51HxYzAbCdEfGhIjKlMnOp';
const DWOLLA_SECRET = 'dwolla-secret-Z9y8X7w6';
const BEARER = 'pBA9fVDBEyYZCEsLf/wKehyh1RTpzjUj5KzIRfDi0wKTii7DqY';

registerSecret(DWOLLA_SECRET);

const leaky = `access ${ACCESS_TOKEN} processor ${PROCESSOR_TOKEN} key ${STRIPE_KEY} secret ${DWOLLA_SECRET} Authorization: Bearer ${BEARER}`;
const secrets = [ACCESS_TOKEN, PROCESSOR_TOKEN, STRIPE_KEY, DWOLLA_SECRET, BEARER];

const errors: [string, AchBridgeError][] = [
  ['AchBridgeError', new AchBridgeError('X', leaky, { cause: new Error(leaky) })],
  ['ConfigError', new ConfigError(leaky)],
  ['InputValidationError', new InputValidationError('link', [{ path: 'accessToken', message: leaky }])],
  [
    'ProviderError',
    new ProviderError('E', leaky, {
      provider: 'stripe',
      status: 402,
      requestId: 'req_1',
      remediation: leaky,
      cause: new Error(leaky),
    }),
  ],
  [
    'ResponseValidationError',
    new ResponseValidationError({
      provider: 'dwolla',
      endpoint: '/customers',
      issues: [{ path: 'id', message: leaky }],
    }),
  ],
  ['NetworkError', new NetworkError('dwolla', '/token', 'reset', leaky, { cause: new Error(leaky) })],
];

describe('error serialisation never shows a secret', () => {
  it.each(errors)(
    '%s: String, message, stack, JSON.stringify and util.inspect are redacted',
    (_name, error) => {
      const views = [
        String(error),
        error.message,
        error.stack ?? '',
        JSON.stringify(error),
        inspect(error),
        inspect(error, { showHidden: true, depth: 10 }),
        inspect({ nested: [error] }, { depth: 10 }),
        JSON.stringify((error as ProviderError).remediation ?? ''),
        JSON.stringify((error as InputValidationError).issues ?? []),
      ];
      for (const view of views) {
        for (const secret of secrets) expect(view).not.toContain(secret);
      }
      expect(JSON.stringify(error)).toContain('[REDACTED]');
    },
  );
});

describe('error hierarchy', () => {
  it('marker-based isInstance follows the hierarchy', () => {
    const response = new ResponseValidationError({ provider: 'plaid', endpoint: '/item/get', issues: [] });
    expect(AchBridgeError.isInstance(response)).toBe(true);
    expect(ProviderError.isInstance(response)).toBe(true);
    expect(ResponseValidationError.isInstance(response)).toBe(true);
    expect(ConfigError.isInstance(response)).toBe(false);
    expect(NetworkError.isInstance(new NetworkError('plaid', '/x', 'timeout', 't'))).toBe(true);
    expect(AchBridgeError.isInstance({ message: 'plain object' })).toBe(false);
  });

  it('InputValidationError names the first field and counts the rest', () => {
    const error = new InputValidationError('createLinkToken', [
      { path: 'clientName', message: 'is required' },
      { path: 'products', message: 'is required' },
    ]);
    expect(error.field).toBe('clientName');
    expect(error.message).toBe('createLinkToken: invalid `clientName`: is required (and 1 more issue)');
  });

  it('NetworkError is retryable unless aborted', () => {
    expect(new NetworkError('plaid', '/x', 'timeout', 't').isRetryable).toBe(true);
    expect(new NetworkError('plaid', '/x', 'aborted', 'a').isRetryable).toBe(false);
  });
});

describe('redaction is a property of every error, set at creation', () => {
  const endpointWithSecret = `/customers/${DWOLLA_SECRET}/funding-sources`;
  const raw: [string, AchBridgeError][] = [
    ['NetworkError', new NetworkError('dwolla', endpointWithSecret, 'reset', 'socket hang up')],
    [
      'ResponseValidationError',
      new ResponseValidationError({ provider: 'dwolla', endpoint: endpointWithSecret, issues: [] }),
    ],
    ['AchBridgeError', new AchBridgeError('X', 'plain', { cause: new Error(leaky) })],
    ...errors,
  ];

  it.each(raw)(
    '%s: Object.entries, own properties and inspect without custom inspect hold no secret',
    (_n, error) => {
      const views = [
        JSON.stringify(Object.entries(error)),
        inspect(error, { customInspect: false, depth: 10, showHidden: true }),
        inspect(error, { customInspect: false, depth: 10 }),
        String((error as { endpoint?: unknown }).endpoint ?? ''),
      ];
      for (const view of views) {
        for (const secret of secrets) expect(view).not.toContain(secret);
      }
    },
  );

  it('redacts nested string properties and secret-named keys a subclass sets', () => {
    class CustomError extends AchBridgeError {
      readonly details: { headers: Record<string, string>; notes: string[] };
      constructor() {
        super('CUSTOM', 'custom failure');
        this.name = 'CustomError';
        this.details = { headers: { authorization: 'opaque', accept: 'json' }, notes: [`key ${STRIPE_KEY}`] };
        setErrorMarker(this, 'CustomError');
      }
    }
    const error = new CustomError();
    expect(error.details).toEqual({
      headers: { authorization: '[REDACTED]', accept: 'json' },
      notes: ['key [REDACTED]'],
    });
    expect(error.stack?.split('\n')[0]).toBe('CustomError: custom failure');
  });

  it.each([
    ['AchBridgeError', new AchBridgeError('X', 'm')],
    ['ConfigError', new ConfigError('m')],
    ['InputValidationError', new InputValidationError('op', [{ path: 'a', message: 'm' }])],
    ['ProviderError', new ProviderError('E', 'm', { provider: 'plaid' })],
    [
      'ResponseValidationError',
      new ResponseValidationError({ provider: 'plaid', endpoint: '/x', issues: [] }),
    ],
    ['NetworkError', new NetworkError('plaid', '/x', 'timeout', 'm')],
  ] as const)(
    '%s: the stack starts with its own class name; name is not an own enumerable field',
    (name, error) => {
      expect(error.stack?.split('\n')[0]?.startsWith(`${name}: `)).toBe(true);
      expect(error.name).toBe(name);
      expect(Object.keys(error)).not.toContain('name');
      expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name });
      expect(String(error).startsWith(`${name}: `)).toBe(true);
    },
  );
});
