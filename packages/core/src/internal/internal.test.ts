import { describe, expect, it } from 'vitest';
import * as publicEntry from '../index.js';
import * as internal from './index.js';

describe('@achbridge/core/internal', () => {
  it('exposes the adapter plumbing: the same functions the deprecated public re-exports point to, plus internal-only helpers', () => {
    const plumbing: Record<string, unknown> = { ...internal };
    const entry: Record<string, unknown> = { ...publicEntry };
    const names = Object.keys(plumbing).sort();
    expect(names).toEqual([
      'bankAccountTypeOf',
      'baseUrlFromEnvironment',
      'computeRetryDelay',
      'createAbortError',
      'createEnvironmentPairingGuard',
      'createProviderPipeline',
      'deriveStableKey',
      'hasErrorMarker',
      'hmacSha256HexOf',
      'isRetryableError',
      'isRetryableStatus',
      'lazySchema',
      'lazySetting',
      'linkTokensOf',
      'loadSetting',
      'parseInput',
      'parseJsonText',
      'parseResponse',
      'parseRetryAfter',
      'plaidTokenEnvironment',
      'raceAbort',
      'readDebitAccountBesideMint',
      'readEnvironmentVariable',
      'registerTypedTwin',
      'resolveLinkAccessToken',
      'retrySettingsSchema',
      'sendHttpRequest',
      'setErrorMarker',
      'sha256HexOf',
      'sleep',
      'stableKeyDigest',
      'timingSafeEqualTextOf',
      'toInputIssues',
      'typedTwin',
      'webhookRequestSchema',
      'withHiddenAccessToken',
      'withRetry',
      'withoutTrailingSlash',
    ]);
    // Added after the public re-exports were deprecated: internal only.
    const internalOnly = [
      'bankAccountTypeOf',
      'baseUrlFromEnvironment',
      'createProviderPipeline',
      'deriveStableKey',
      'readDebitAccountBesideMint',
      'stableKeyDigest',
      'readEnvironmentVariable',
      'retrySettingsSchema',
      'webhookRequestSchema',
      'registerTypedTwin',
      'typedTwin',
      'hmacSha256HexOf',
      'sha256HexOf',
      'timingSafeEqualTextOf',
      'lazySchema',
      'linkTokensOf',
      'resolveLinkAccessToken',
      'withHiddenAccessToken',
      'createEnvironmentPairingGuard',
      'plaidTokenEnvironment',
    ];
    for (const name of names) {
      if (internalOnly.includes(name)) expect(entry[name], name).toBeUndefined();
      else expect(entry[name], name).toBe(plumbing[name]);
    }
  });
});
