import { describe, expect, it } from 'vitest';
import { createRedactingLogger, type LogFields, silentLogger } from './logger.js';
import { isSecretKey, REDACTED, redactSecrets, redactValue, registerSecret } from './redact.js';

describe('redactSecrets', () => {
  it('redacts token shapes wherever they appear', () => {
    const text =
      'a access-production-1234abcd-ef b public-sandbox-b0e2c4ee-a763 c link-sandbox-af1a0311-da53 d processor-sandbox-0asd1-a92nc e rk_live_abcdef123 f whsec_abcdef123456 g Basic dXNlcjpwYXNzd29yZA==';
    const out = redactSecrets(text);
    for (const secret of [
      '1234abcd',
      'b0e2c4ee',
      'af1a0311',
      '0asd1',
      'rk_live_abcdef123',
      'whsec_abcdef',
      'dXNlcjpw',
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('Basic [REDACTED]');
  });

  it('redacts Stripe bank account tokens (btok_) in text and in values', () => {
    const token = 'btok_5oEetfLzPklE1fwJZ7SG';
    const text = `attach ${token} to cus_123 failed: No such token: '${token}'`;
    expect(redactSecrets(text)).toBe(`attach ${REDACTED} to cus_123 failed: No such token: '${REDACTED}'`);
    expect(redactValue({ detail: `source=${token}`, customer: 'cus_123' })).toEqual({
      detail: `source=${REDACTED}`,
      customer: 'cus_123',
    });
    expect(redactSecrets('btok_ alone and abtok_5oEetfLzPklE1fwJZ7SG stay')).toBe(
      'btok_ alone and abtok_5oEetfLzPklE1fwJZ7SG stay',
    );
  });

  it('redacts registered secrets of any shape and length; short ones as whole tokens only', () => {
    registerSecret('opaque-Secret-Value');
    registerSecret('q7Z');
    registerSecret(undefined);
    expect(redactSecrets('x opaque-Secret-Value y q7Z')).toBe(`x ${REDACTED} y ${REDACTED}`);
    // Inside a longer word or id a short secret is ordinary text, not the secret.
    expect(redactSecrets('aq7Z q7Zb q7Z_1 id_q7Z')).toBe('aq7Z q7Zb q7Z_1 id_q7Z');
    expect(redactSecrets('"q7Z", key=q7Z; (q7Z) q7Z.')).toBe(
      `"${REDACTED}", key=${REDACTED}; (${REDACTED}) ${REDACTED}.`,
    );
    expect(redactValue({ value: 'q7Z', nested: ['q7Z', 'q7Zq7Z'] })).toEqual({
      value: REDACTED,
      nested: [REDACTED, 'q7Zq7Z'],
    });
    registerSecret('1');
    expect(redactSecrets('pin 1, not 10 or 21')).toBe(`pin ${REDACTED}, not 10 or 21`);
  });

  it('leaves ordinary text alone', () => {
    expect(redactSecrets('item M5eVJqLnv3tbzdngLDp9FL5OlDNxlNhlE55op request Aim3b')).toBe(
      'item M5eVJqLnv3tbzdngLDp9FL5OlDNxlNhlE55op request Aim3b',
    );
  });
});

describe('redactValue', () => {
  it('redacts secret-named keys deeply, handles cycles and errors', () => {
    const value: Record<string, unknown> = {
      accessToken: 'anything',
      nested: { 'plaid-secret': 'x1', password: 'hunter22', list: [{ processor_token: 'p' }] },
      error: new Error('bad access-sandbox-123456-abc'),
      keep: 'visible',
      nothing: null,
    };
    value.self = value;
    expect(redactValue(value)).toEqual({
      accessToken: REDACTED,
      nested: { 'plaid-secret': REDACTED, password: REDACTED, list: [{ processor_token: REDACTED }] },
      error: { name: 'Error', message: `bad ${REDACTED}` },
      keep: 'visible',
      nothing: null,
      self: '[Circular]',
    });
    expect(isSecretKey('Authorization')).toBe(true);
    expect(isSecretKey('accountId')).toBe(false);
  });
});

describe('createRedactingLogger', () => {
  it('redacts messages and fields before they reach the caller logger', () => {
    const lines: [string, LogFields | undefined][] = [];
    const sink = (message: string, fields?: LogFields): void => {
      lines.push([message, fields]);
    };
    const logger = createRedactingLogger({ debug: sink, info: sink, warn: sink, error: sink });
    logger.warn('calling with access-sandbox-1234567-abc', { secret: 's3cr3t-value', endpoint: '/item/get' });
    expect(lines).toEqual([[`calling with ${REDACTED}`, { secret: REDACTED, endpoint: '/item/get' }]]);
  });

  it('is silent without a logger', () => {
    expect(createRedactingLogger(undefined)).toBe(silentLogger);
  });
});
