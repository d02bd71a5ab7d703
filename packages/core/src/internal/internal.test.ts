import { describe, expect, it } from 'vitest';
import * as publicEntry from '../index.js';
import * as internal from './index.js';

describe('@achbridge/core/internal', () => {
  it('exposes the adapter plumbing, the same functions the deprecated public re-exports point to', () => {
    const plumbing: Record<string, unknown> = { ...internal };
    const entry: Record<string, unknown> = { ...publicEntry };
    const names = Object.keys(plumbing).sort();
    expect(names).toEqual([
      'computeRetryDelay',
      'createAbortError',
      'hasErrorMarker',
      'isRetryableError',
      'isRetryableStatus',
      'lazySetting',
      'loadSetting',
      'parseInput',
      'parseJsonText',
      'parseResponse',
      'parseRetryAfter',
      'raceAbort',
      'sendHttpRequest',
      'setErrorMarker',
      'sleep',
      'toInputIssues',
      'withRetry',
      'withoutTrailingSlash',
    ]);
    for (const name of names) {
      expect(entry[name], name).toBe(plumbing[name]);
    }
  });
});
