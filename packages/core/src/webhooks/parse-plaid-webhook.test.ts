import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describePlaidError } from '../plaid/plaid-error-catalog.js';
import { parsePlaidWebhook } from './parse-plaid-webhook.js';
import type { PlaidWebhookEvent } from './plaid-webhook-events.js';
import { plaidWebhookSchemas } from './plaid-webhook-schemas.js';

const fixtures = JSON.parse(
  readFileSync(new URL('./test-data/plaid-webhook-payloads.json', import.meta.url), 'utf8'),
) as { payloads: Record<string, Record<string, unknown>> };
const payload = (name: string): Record<string, unknown> => {
  const found = fixtures.payloads[name];
  if (!found) throw new Error(`missing fixture ${name}`);
  return structuredClone(found);
};

describe('parsePlaidWebhook: recognised payloads', () => {
  it('reads the FAQ ITEM ERROR (no environment) with the catalog advice for ITEM_LOGIN_REQUIRED', () => {
    const event = parsePlaidWebhook(payload('faqItemError'));
    expect(event.kind).toBe('ITEM.ERROR');
    if (event.kind !== 'ITEM.ERROR') return;
    expect(event).toMatchObject({
      webhookType: 'ITEM',
      webhookCode: 'ERROR',
      itemId: 'wz666MBjYWTp2PDzzggYhM6oWWmBb',
      userId: null,
      environment: null,
    });
    expect(event.error).toEqual({
      errorType: 'ITEM_ERROR',
      errorCode: 'ITEM_LOGIN_REQUIRED',
      errorCodeReason: null,
      errorMessage: 'the provided credentials were not correct',
      displayMessage: 'The provided credentials were not correct. Please try again.',
      status: 400,
      documentationUrl: null,
      suggestedAction: null,
      category: 'user_action',
      remediation: describePlaidError('ITEM_LOGIN_REQUIRED').remediation,
    });
    expect(event.error?.remediation).toMatch(/update mode/);
  });

  it("reads today's ITEM ERROR with user_id, environment and error_code_reason", () => {
    const event = parsePlaidWebhook(payload('specItemError'));
    if (event.kind !== 'ITEM.ERROR') throw new Error(`unexpected ${event.kind}`);
    expect(event.userId).toBe('usr_9nSp2KuZ2x4JDw');
    expect(event.environment).toBe('production');
    expect(event.error?.errorCodeReason).toBe('OAUTH_INVALID_TOKEN');
  });

  it('gives an unknown error code the catalog fallback instead of failing', () => {
    const body = payload('faqItemError');
    body.error = {
      error_code: 'BRAND_NEW_CODE',
      error_type: 'ITEM_ERROR',
      error_message: 'new',
      display_message: null,
    };
    const event = parsePlaidWebhook(body);
    if (event.kind !== 'ITEM.ERROR') throw new Error(`unexpected ${event.kind}`);
    expect(event.error).toMatchObject({ errorCode: 'BRAND_NEW_CODE', category: 'unknown' });
    expect(event.error?.remediation).toMatch(/not in achbridge's catalog/);
  });

  it('accepts both new_webhook_url (today) and new_webhook (FAQ era)', () => {
    const today = parsePlaidWebhook(payload('specWebhookUpdateAcknowledged'));
    const faq = parsePlaidWebhook(payload('faqWebhookUpdateAcknowledged'));
    for (const event of [today, faq]) {
      if (event.kind !== 'ITEM.WEBHOOK_UPDATE_ACKNOWLEDGED') throw new Error(`unexpected ${event.kind}`);
      expect(event.newWebhookUrl).toBe('https://plaid.com/example/webhook');
      expect(event.error).toBeNull();
    }
    const neither = payload('specWebhookUpdateAcknowledged');
    delete neither.new_webhook_url;
    const event = parsePlaidWebhook(neither);
    expect(event).toMatchObject({ kind: 'unknown', reason: 'invalid_payload' });
    if (event.kind === 'unknown') expect(event.issues[0]?.path).toBe('new_webhook_url');
  });

  it.each([
    ['specUserPermissionRevoked', 'ITEM.USER_PERMISSION_REVOKED', { userId: 'usr_9nSp2KuZ2x4JDw' }],
    [
      'specPendingExpiration',
      'ITEM.PENDING_EXPIRATION',
      { consentExpirationTime: '2020-01-15T13:25:17.766Z' },
    ],
    [
      'specPendingDisconnect',
      'ITEM.PENDING_DISCONNECT',
      { reason: 'INSTITUTION_TOKEN_EXPIRATION', disconnectTime: '2024-01-15T13:25:17.766Z' },
    ],
    [
      'specLoginRepaired',
      'ITEM.LOGIN_REPAIRED',
      { itemId: 'gAXlMgVEw5uEGoQnnXZ6tn9E7Mn3LBc4PJVKZ', environment: 'sandbox' },
    ],
    ['specNewAccountsAvailable', 'ITEM.NEW_ACCOUNTS_AVAILABLE', { error: null }],
    [
      'specUserAccountRevoked',
      'ITEM.USER_ACCOUNT_REVOKED',
      { accountId: 'BxBXxLj1m4HMXBm9WZZmCWVbPjX16EHwv99vp' },
    ],
    [
      'specAutomaticallyVerified',
      'AUTH.AUTOMATICALLY_VERIFIED',
      { accountId: 'dVzbVMLjrxTnLjX4G66XUp5GLklm4oiZy88yK' },
    ],
    [
      'specVerificationExpired',
      'AUTH.VERIFICATION_EXPIRED',
      { accountId: 'BxBXxLj1m4HMXBm9WZZmCWVbPjX16EHwv99vp' },
    ],
    [
      'specAuthDefaultUpdate',
      'AUTH.DEFAULT_UPDATE',
      {
        accountIdsWithNewAuth: ['dVzbVMLjrxTnLjX4G66XUp5GLklm4oiZy88yK'],
        accountIdsWithUpdatedAuth: { BxBXxLj1m4HMXBm9WZZmCWVbPjX16EHwv99vp: ['ACCOUNT_NUMBER'] },
      },
    ],
    ['faqInitialUpdate', 'TRANSACTIONS.INITIAL_UPDATE', { newTransactions: 19, environment: null }],
    ['faqHistoricalUpdate', 'TRANSACTIONS.HISTORICAL_UPDATE', { newTransactions: 231 }],
    ['faqDefaultUpdate', 'TRANSACTIONS.DEFAULT_UPDATE', { newTransactions: 3 }],
    [
      'faqTransactionsRemoved',
      'TRANSACTIONS.TRANSACTIONS_REMOVED',
      {
        removedTransactions: [
          'yBVBEwrPyJs8GvR77N7QTxnGg6wG74H7dEDN6',
          'kgygNvAVPzSX9KkddNdWHaVGRVex1MHm3k9no',
        ],
      },
    ],
  ])('reads %s as %s', (name, kind, fields) => {
    const raw = payload(name);
    const event = parsePlaidWebhook(raw);
    expect(event.kind).toBe(kind);
    expect(event).toMatchObject(fields);
    expect(event.raw).toEqual(raw);
  });

  it('maps the embedded error of USER_PERMISSION_REVOKED through the catalog', () => {
    const event = parsePlaidWebhook(payload('specUserPermissionRevoked'));
    if (event.kind !== 'ITEM.USER_PERMISSION_REVOKED') throw new Error(`unexpected ${event.kind}`);
    expect(event.error).toMatchObject({ errorCode: 'USER_PERMISSION_REVOKED', category: 'user_action' });
  });

  it('has a fixture for every recognised kind', () => {
    const kinds = new Set(
      Object.keys(fixtures.payloads).map((name) => parsePlaidWebhook(payload(name)).kind),
    );
    expect([...kinds].sort()).toEqual(Object.keys(plaidWebhookSchemas()).sort());
  });

  it('parses raw JSON text the same way as the parsed value', () => {
    const raw = payload('faqDefaultUpdate');
    expect(parsePlaidWebhook(JSON.stringify(raw, null, 2))).toEqual(parsePlaidWebhook(raw));
  });

  it('narrows by kind at the type level', () => {
    const event: PlaidWebhookEvent = parsePlaidWebhook(payload('faqTransactionsRemoved'));
    let removed = 0;
    switch (event.kind) {
      case 'TRANSACTIONS.TRANSACTIONS_REMOVED':
        removed = event.removedTransactions.length;
        break;
      default:
        break;
    }
    expect(removed).toBe(2);
  });
});

describe('parsePlaidWebhook: everything else is unknown, never a throw', () => {
  it.each([
    ['null', null, 'not_an_object'],
    ['a number', 42, 'not_an_object'],
    ['an array', [{ webhook_type: 'ITEM' }], 'not_an_object'],
    ['text that is not JSON', 'webhook_type=ITEM', 'not_an_object'],
    ['an empty object', {}, 'unrecognized'],
    ['a non-string type', { webhook_type: 7, webhook_code: 'ERROR' }, 'unrecognized'],
  ] as const)('%s', (_label, input, reason) => {
    const event = parsePlaidWebhook(input);
    expect(event).toMatchObject({ kind: 'unknown', reason, raw: input });
  });

  it('keeps type, code and item id of a webhook achbridge does not model', () => {
    const raw = {
      webhook_type: 'HOLDINGS',
      webhook_code: 'DEFAULT_UPDATE',
      item_id: 'abc',
      environment: 'sandbox',
    };
    expect(parsePlaidWebhook(raw)).toEqual({
      kind: 'unknown',
      webhookType: 'HOLDINGS',
      webhookCode: 'DEFAULT_UPDATE',
      itemId: 'abc',
      environment: 'sandbox',
      reason: 'unrecognized',
      issues: [],
      raw,
    });
  });

  it('reports schema problems of a known kind as invalid_payload with the field path', () => {
    const raw = payload('faqInitialUpdate');
    raw.new_transactions = 'nineteen';
    const event = parsePlaidWebhook(raw);
    expect(event).toMatchObject({
      kind: 'unknown',
      reason: 'invalid_payload',
      webhookCode: 'INITIAL_UPDATE',
    });
    if (event.kind === 'unknown')
      expect(event.issues.map((issue) => issue.path)).toEqual(['new_transactions']);
  });

  it('does not treat prototype keys as kinds', () => {
    expect(parsePlaidWebhook({ webhook_type: '__proto__', webhook_code: 'x' }).kind).toBe('unknown');
    expect(parsePlaidWebhook({ webhook_type: 'constructor', webhook_code: 'name' }).kind).toBe('unknown');
  });
});

const knownKinds = Object.keys(plaidWebhookSchemas());
const isValidEvent = (event: PlaidWebhookEvent): boolean =>
  event.kind === 'unknown'
    ? ['not_an_object', 'unrecognized', 'invalid_payload'].includes(event.reason)
    : knownKinds.includes(event.kind) && event.kind === `${event.webhookType}.${event.webhookCode}`;

describe('parsePlaidWebhook: properties', () => {
  it('any JSON value gives a typed event or unknown, never a throw', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(isValidEvent(parsePlaidWebhook(value))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('any JSON text gives a typed event or unknown, never a throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), (text) => {
        expect(isValidEvent(parsePlaidWebhook(text))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('known type/code pairs with arbitrary fields never throw and keep the raw payload', () => {
    const pair = fc.constantFrom(...knownKinds.map((kind) => kind.split('.') as [string, string]));
    fc.assert(
      fc.property(pair, fc.dictionary(fc.string(), fc.jsonValue()), ([type, code], extra) => {
        const raw = { ...extra, webhook_type: type, webhook_code: code };
        const event = parsePlaidWebhook(raw);
        expect(isValidEvent(event)).toBe(true);
        expect(event.raw).toBe(raw);
      }),
      { numRuns: 300 },
    );
  });

  it('known payloads with extra unknown fields still parse to their kind', () => {
    const names = Object.keys(fixtures.payloads);
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.dictionary(
          fc.string().map((key) => `x_${key}`),
          fc.jsonValue(),
        ),
        (name, extra) => {
          const raw = { ...payload(name), ...extra };
          expect(parsePlaidWebhook(raw).kind).toBe(parsePlaidWebhook(payload(name)).kind);
        },
      ),
      { numRuns: 200 },
    );
  });
});
