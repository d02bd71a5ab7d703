import { afterEach, describe, expect, it, vi } from 'vitest';
import { InputValidationError } from './errors.js';
import { createConsoleLogger, createRedactingLogger, type Logger, silentLogger } from './logger.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createConsoleLogger', () => {
  it('writes JSON lines at or above its level, warnings and errors to stderr', () => {
    const out = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const logger = createConsoleLogger('info');
    logger.debug('hidden');
    logger.info('shown', { step: 1 });
    logger.warn('careful');
    expect(out.mock.calls).toEqual([[JSON.stringify({ level: 'info', message: 'shown', step: 1 })]]);
    expect(err.mock.calls).toEqual([[JSON.stringify({ level: 'warn', message: 'careful' })]]);
  });

  it('rejects an unknown level with a typed error naming the field', () => {
    const error = (() => {
      try {
        createConsoleLogger('verbose' as never);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(InputValidationError.isInstance(error)).toBe(true);
    expect((error as InputValidationError).field).toBe('level');
  });
});

describe('createRedactingLogger', () => {
  it('redacts messages and fields before they reach the caller', () => {
    const lines: unknown[][] = [];
    const sink: Logger = {
      debug: (...args) => lines.push(args),
      info: (...args) => lines.push(args),
      warn: (...args) => lines.push(args),
      error: (...args) => lines.push(args),
    };
    const token = 'access-sandbox-11111111-2222-3333-4444-555555555555';
    createRedactingLogger(sink).info(`using ${token}`, { access_token: token, nested: { note: token } });
    expect(JSON.stringify(lines)).not.toContain(token);
    expect(lines).toEqual([
      ['using [REDACTED]', { access_token: '[REDACTED]', nested: { note: '[REDACTED]' } }],
    ]);
  });

  it('returns the silent logger when there is none, and swallows a throwing logger', () => {
    expect(createRedactingLogger(undefined)).toBe(silentLogger);
    const throwing: Logger = {
      debug: () => {
        throw new Error('broken sink');
      },
      info: () => {
        throw new Error('broken sink');
      },
      warn: () => {
        throw new Error('broken sink');
      },
      error: () => {
        throw new Error('broken sink');
      },
    };
    expect(() => createRedactingLogger(throwing).error('boom')).not.toThrow();
  });
});
