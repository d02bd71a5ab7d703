import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, InputValidationError } from '../errors.js';
import { assertPlaidTokenFor, parsePlaidToken, tryParsePlaidToken } from './plaid-tokens.js';

describe('parsePlaidToken', () => {
  it.each([
    [
      'access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6',
      'access',
      'sandbox',
      'de3ce8ef-33f8-452c-a685-8671031fc0f6',
    ],
    [
      'public-sandbox-b0e2c4ee-a763-4df5-bfe9-46a46bce993d',
      'public',
      'sandbox',
      'b0e2c4ee-a763-4df5-bfe9-46a46bce993d',
    ],
    [
      'link-sandbox-af1a0311-da53-4636-b754-dd15cc058176',
      'link',
      'sandbox',
      'af1a0311-da53-4636-b754-dd15cc058176',
    ],
    ['processor-sandbox-0asd1-a92nc', 'processor', 'sandbox', '0asd1-a92nc'],
    ['processor-sandbox-plaidauth-123456', 'processor', 'sandbox', 'plaidauth-123456'],
    // The FAQ's own example (its id is not a strict UUID).
    [
      'access-development-7c69d345-hda9-ka68-ahs3-e9317406a2',
      'access',
      'development',
      '7c69d345-hda9-ka68-ahs3-e9317406a2',
    ],
    ['access-production-1111', 'access', 'production', '1111'],
  ])('parses %s', (token, kind, environment, id) => {
    expect(parsePlaidToken(token)).toEqual({ kind, environment, id });
  });

  it.each([
    '',
    'access',
    'access-sandbox',
    'access-sandbox-',
    'secret-sandbox-1234',
    'access-staging-1234',
    'Access-Sandbox-1234',
    'access-sandbox-12 34',
    'btok_5oEetfLzPklE1fwJZ7SG',
    'access-sandbox--1234',
  ])('rejects %j with an InputValidationError naming `token`', (token) => {
    let error: unknown;
    try {
      parsePlaidToken(token);
    } catch (caught) {
      error = caught;
    }
    expect(InputValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ field: 'token', operation: 'parsePlaidToken' });
  });

  it.each([undefined, null, 42, {}, ['access-sandbox-1']])('rejects non-strings (%j)', (value) => {
    expect(() => parsePlaidToken(value)).toThrow(InputValidationError);
    expect(tryParsePlaidToken(value)).toBeUndefined();
  });

  it('never echoes a malformed token in the error', () => {
    const token = 'access-sandboxx-abcdef-123456';
    try {
      parsePlaidToken(token);
    } catch (error) {
      expect(String(error)).not.toContain(token);
      expect(JSON.stringify(error)).not.toContain(token);
    }
  });

  it('round-trips any well-formed token (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('public', 'access', 'processor', 'link'),
        fc.constantFrom('sandbox', 'development', 'production'),
        fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,40}$/),
        (kind, environment, id) => {
          expect(parsePlaidToken(`${kind}-${environment}-${id}`)).toEqual({ kind, environment, id });
        },
      ),
    );
  });

  it('never throws anything but InputValidationError for arbitrary strings (property)', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        try {
          parsePlaidToken(value);
        } catch (error) {
          expect(InputValidationError.isInstance(error)).toBe(true);
        }
      }),
    );
  });
});

describe('assertPlaidTokenFor', () => {
  const expected = {
    kind: 'access',
    environment: 'sandbox',
    field: 'accessToken',
    operation: 'getItem',
  } as const;

  it('accepts a token of the right kind and environment', () => {
    expect(assertPlaidTokenFor('access-sandbox-abc-123', expected)).toMatchObject({ kind: 'access' });
  });

  it('refuses another kind with an InputValidationError naming the field', () => {
    expect(() => assertPlaidTokenFor('public-sandbox-abc-123', expected)).toThrow(
      expect.objectContaining({ name: 'InputValidationError', field: 'accessToken' }),
    );
  });

  it('refuses another environment with a ConfigError explaining the mismatch', () => {
    let error: unknown;
    try {
      assertPlaidTokenFor('access-production-abc-123', expected);
    } catch (caught) {
      error = caught;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'PLAID_ENVIRONMENT_MISMATCH' });
    expect((error as Error).message).toMatch(
      /belongs to Plaid production but this client talks to Plaid sandbox/,
    );
  });

  it('refuses Development tokens as retired', () => {
    expect(() => assertPlaidTokenFor('access-development-abc-123', expected)).toThrow(
      /retired the Development/,
    );
  });
});
