import { describe, expect, it } from 'vitest';
import { readHeader } from './webhook-headers.js';

describe('readHeader', () => {
  it('finds a header in any case in a plain object, trimming it', () => {
    expect(readHeader({ 'Plaid-Verification': ' a.b.c ' }, 'plaid-verification')).toEqual({
      found: 'one',
      value: 'a.b.c',
    });
    expect(readHeader({ 'PLAID-VERIFICATION': 'x' }, 'Plaid-Verification')).toEqual({
      found: 'one',
      value: 'x',
    });
  });

  it('reads Node IncomingHttpHeaders arrays and reports conflicting duplicates', () => {
    expect(readHeader({ 'plaid-verification': ['x'] }, 'plaid-verification')).toEqual({
      found: 'one',
      value: 'x',
    });
    expect(readHeader({ 'plaid-verification': ['x', 'y'] }, 'plaid-verification')).toEqual({
      found: 'many',
      count: 2,
    });
    expect(
      readHeader({ 'Plaid-Verification': 'x', 'plaid-verification': 'y' }, 'plaid-verification'),
    ).toEqual({
      found: 'many',
      count: 2,
    });
  });

  it('reads fetch Headers and anything with a get method', () => {
    expect(readHeader(new Headers({ 'Plaid-Verification': 'x' }), 'plaid-verification')).toEqual({
      found: 'one',
      value: 'x',
    });
    expect(
      readHeader(
        { get: (name: string) => (name === 'plaid-verification' ? 'y' : null) },
        'Plaid-Verification',
      ),
    ).toEqual({
      found: 'one',
      value: 'y',
    });
  });

  it('treats absent, undefined, empty and non-string values as missing', () => {
    for (const headers of [
      {},
      { 'plaid-verification': undefined },
      { 'plaid-verification': '' },
      { 'plaid-verification': [] },
    ]) {
      expect(readHeader(headers, 'plaid-verification')).toEqual({ found: 'none' });
    }
    expect(readHeader(new Headers(), 'plaid-verification')).toEqual({ found: 'none' });
  });

  it('rejects missing headers or an empty name with a typed error naming the field', () => {
    expect(() => readHeader(null as never, 'plaid-verification')).toThrow(
      expect.objectContaining({ code: 'INPUT_VALIDATION_ERROR', field: 'headers' }),
    );
    expect(() => readHeader({}, '')).toThrow(
      expect.objectContaining({ code: 'INPUT_VALIDATION_ERROR', field: 'name' }),
    );
  });
});
