import { describe, expect, it } from 'vitest';
import { EmulatorInputError } from './emulator-errors.js';
import { parseFaultSpec } from './faults-parse.js';

function fieldOf(input: unknown): string {
  try {
    parseFaultSpec(input);
  } catch (error) {
    if (error instanceof EmulatorInputError) return error.field;
    throw error;
  }
  throw new Error('expected an EmulatorInputError');
}

describe('parseFaultSpec', () => {
  it('accepts each kind with its own options', () => {
    expect(
      parseFaultSpec({ path: '/plaid/item/get', kind: 'status', status: 429, retryAfterSeconds: 2 }),
    ).toMatchObject({
      kind: 'status',
      status: 429,
      retryAfterSeconds: 2,
    });
    expect(parseFaultSpec({ path: '/v1/**', kind: 'delay', delayMs: 10, method: 'GET' })).toMatchObject({
      delayMs: 10,
    });
    expect(
      parseFaultSpec({ path: '/dwolla/customers/*/funding-sources', kind: 'lost_response', every: 5 }),
    ).toMatchObject({
      every: 5,
    });
  });

  it('names the offending field', () => {
    expect(fieldOf(null)).toBe('fault');
    expect(fieldOf({ kind: 'drop' })).toBe('path');
    expect(fieldOf({ path: 'plaid', kind: 'drop' })).toBe('path');
    expect(fieldOf({ path: '/x', kind: 'explode' })).toBe('kind');
    expect(fieldOf({ path: '/x', kind: 'status' })).toBe('status');
    expect(fieldOf({ path: '/x', kind: 'status', status: 200 })).toBe('status');
    expect(fieldOf({ path: '/x', kind: 'delay' })).toBe('delayMs');
    expect(fieldOf({ path: '/x', kind: 'drop', status: 500 })).toBe('status');
    expect(fieldOf({ path: '/x', kind: 'drop', delayMs: 5 })).toBe('delayMs');
    expect(fieldOf({ path: '/x', kind: 'drop', times: 0 })).toBe('times');
    expect(fieldOf({ path: '/x', kind: 'drop', every: 1.5 })).toBe('every');
    expect(fieldOf({ path: '/x', kind: 'drop', method: 'G E T' })).toBe('method');
    expect(fieldOf({ path: '/x', kind: 'drop', colour: 'red' })).toBe('colour');
  });
});
