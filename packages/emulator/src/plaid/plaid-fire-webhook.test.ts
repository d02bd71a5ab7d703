import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { linkSandboxItem, plaidPost } from '../../test/emulator.test-helpers.js';
import { type RunningEmulator, startEmulator } from '../start-emulator.js';

type Row = Record<string, unknown>;

describe('/sandbox/item/fire_webhook', () => {
  let emulator: RunningEmulator;
  const hook = 'https://example.com/plaid-hook';

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  beforeEach(() => emulator.control.reset());
  afterAll(() => emulator.close());

  const fire = (accessToken: string, webhookCode: string, webhookType?: string) =>
    plaidPost(emulator, '/sandbox/item/fire_webhook', {
      access_token: accessToken,
      webhook_code: webhookCode,
      ...(webhookType === undefined ? {} : { webhook_type: webhookType }),
    });
  const lastPayload = async (): Promise<Row> => {
    const events = (await emulator.control.state()).plaid['webhookEvents'] as Row[];
    return events.at(-1)?.['payload'] as Row;
  };
  const item = (products: string[] = ['auth', 'transactions', 'assets', 'investments', 'liabilities']) =>
    linkSandboxItem(emulator, { webhook: hook, products });

  it('fires every code Plaid allows, with Plaid’s payload shapes', async () => {
    const { accessToken, itemId } = await item();
    const accounts = await plaidPost(emulator, '/accounts/get', { access_token: accessToken });
    const accountIds = (accounts.body['accounts'] as Row[]).map((account) => account['account_id']);
    const base = { item_id: itemId, environment: 'sandbox' };
    const cases: Array<[string, string | undefined, Row]> = [
      ['DEFAULT_UPDATE', undefined, { webhook_type: 'TRANSACTIONS', new_transactions: 3, error: null }],
      [
        'DEFAULT_UPDATE',
        'AUTH',
        {
          webhook_type: 'AUTH',
          account_ids_with_new_auth: [],
          account_ids_with_updated_auth: {},
          error: null,
        },
      ],
      [
        'DEFAULT_UPDATE',
        'HOLDINGS',
        { webhook_type: 'HOLDINGS', new_holdings: 0, updated_holdings: 0, error: null },
      ],
      [
        'DEFAULT_UPDATE',
        'INVESTMENTS_TRANSACTIONS',
        {
          webhook_type: 'INVESTMENTS_TRANSACTIONS',
          new_investments_transactions: 0,
          canceled_investments_transactions: 0,
          error: null,
        },
      ],
      [
        'DEFAULT_UPDATE',
        'LIABILITIES',
        {
          webhook_type: 'LIABILITIES',
          account_ids_with_new_liabilities: [],
          account_ids_with_updated_liabilities: {},
          error: null,
        },
      ],
      ['NEW_ACCOUNTS_AVAILABLE', undefined, { webhook_type: 'ITEM', error: null }],
      [
        'SMS_MICRODEPOSITS_VERIFICATION',
        undefined,
        { webhook_type: 'AUTH', account_id: accountIds[0], status: 'MANUALLY_VERIFIED' },
      ],
      ['AUTHORIZATION_GRANTED', undefined, { webhook_type: 'ITEM' }],
      [
        'USER_PERMISSION_REVOKED',
        'ITEM',
        {
          webhook_type: 'ITEM',
          error: {
            error_type: 'ITEM_ERROR',
            error_code: 'USER_PERMISSION_REVOKED',
            error_message:
              'the holder of this account has revoked their permission for your application to access it',
            display_message: null,
            status: 400,
          },
        },
      ],
      ['USER_ACCOUNT_REVOKED', undefined, { webhook_type: 'ITEM', account_id: accountIds[0] }],
      [
        'PENDING_DISCONNECT',
        undefined,
        { webhook_type: 'ITEM', reason: 'INSTITUTION_MIGRATION', disconnect_time: expect.any(String) },
      ],
      [
        'RECURRING_TRANSACTIONS_UPDATE',
        undefined,
        {
          webhook_type: 'TRANSACTIONS',
          account_ids: [accountIds[0], accountIds[1], accountIds[2], accountIds[4]],
        },
      ],
      ['LOGIN_REPAIRED', undefined, { webhook_type: 'ITEM' }],
      [
        'SYNC_UPDATES_AVAILABLE',
        undefined,
        { webhook_type: 'TRANSACTIONS', initial_update_complete: true, historical_update_complete: true },
      ],
      [
        'PRODUCT_READY',
        undefined,
        { webhook_type: 'ASSETS', asset_report_id: expect.any(String), report_type: 'FULL' },
      ],
      [
        'ERROR',
        'ASSETS',
        {
          webhook_type: 'ASSETS',
          asset_report_id: expect.any(String),
          error: expect.objectContaining({ error_type: 'ASSET_REPORT_ERROR', status: 400 }),
        },
      ],
    ];
    for (const [code, type, fields] of cases) {
      const answer = await fire(accessToken, code, type);
      expect(answer.status, `${code} ${type}`).toBe(200);
      expect(answer.body).toEqual({ webhook_fired: true, request_id: answer.requestIdHeader });
      expect(await lastPayload(), `${code} ${type}`).toEqual({ webhook_code: code, ...fields, ...base });
    }
    const before = await emulator.control.clock();
    await fire(accessToken, 'PENDING_DISCONNECT');
    const after = await emulator.control.clock();
    const disconnectAt = Date.parse(String((await lastPayload())['disconnect_time']));
    expect(disconnectAt).toBeGreaterThanOrEqual(before.nowMs + 7 * 86_400_000);
    expect(disconnectAt).toBeLessThanOrEqual(after.nowMs + 7 * 86_400_000);
  });

  it('only sends: the Item keeps its state (USER_PERMISSION_REVOKED and LOGIN_REPAIRED change nothing)', async () => {
    const { accessToken } = await item(['auth']);
    await fire(accessToken, 'USER_PERMISSION_REVOKED');
    const got = await plaidPost(emulator, '/item/get', { access_token: accessToken });
    expect((got.body['item'] as Row)['error']).toBeNull();
    await plaidPost(emulator, '/sandbox/item/reset_login', { access_token: accessToken });
    await fire(accessToken, 'LOGIN_REPAIRED');
    const after = await plaidPost(emulator, '/item/get', { access_token: accessToken });
    expect(((after.body['item'] as Row)['error'] as Row)['error_code']).toBe('ITEM_LOGIN_REQUIRED');
  });

  it('refuses the codes Plaid cannot fire, unknown codes and mismatched webhook types with INVALID_FIELD', async () => {
    const { accessToken } = await item(['auth']);
    const refusals: Array<[string, string | undefined, RegExp]> = [
      ['WEBHOOK_UPDATE_ACKNOWLEDGED', undefined, /\/item\/webhook\/update/],
      ['AUTOMATICALLY_VERIFIED', undefined, /micro-deposits/],
      ['VERIFICATION_EXPIRED', undefined, /cannot be fired/],
      ['TRANSACTIONS_REMOVED', undefined, /must be one of the following values: DEFAULT_UPDATE/],
      [
        'NEW_ACCOUNTS_AVAILABLE',
        'AUTH',
        /webhook_type AUTH cannot be used with webhook_code NEW_ACCOUNTS_AVAILABLE/,
      ],
      ['ERROR', 'ITEM', /use one of: ASSETS/],
    ];
    for (const [code, type, message] of refusals) {
      const answer = await fire(accessToken, code, type);
      expect(answer.status, code).toBe(400);
      expect(answer.body).toMatchObject({ error_type: 'INVALID_REQUEST', error_code: 'INVALID_FIELD' });
      expect(String(answer.body['error_message'])).toMatch(message);
    }
    const badType = await fire(accessToken, 'DEFAULT_UPDATE', 'IDENTITY');
    expect(badType.body).toMatchObject({
      error_code: 'INVALID_FIELD',
      error_message: expect.stringMatching(/webhook_type/),
    });
    const missing = await plaidPost(emulator, '/sandbox/item/fire_webhook', { access_token: accessToken });
    expect(missing.body).toMatchObject({
      error_code: 'MISSING_FIELDS',
      error_message: expect.stringMatching(/webhook_code/),
    });
    const events = (await emulator.control.state()).plaid['webhookEvents'] as Row[];
    expect(events).toEqual([]);
  });

  it('answers SANDBOX_PRODUCT_NOT_ENABLED for a product the Item does not have', async () => {
    const { accessToken } = await item(['auth']);
    for (const [code, type, product] of [
      ['DEFAULT_UPDATE', undefined, 'transactions'],
      ['SYNC_UPDATES_AVAILABLE', undefined, 'transactions'],
      ['RECURRING_TRANSACTIONS_UPDATE', undefined, 'transactions'],
      ['PRODUCT_READY', undefined, 'assets'],
      ['ERROR', undefined, 'assets'],
      ['DEFAULT_UPDATE', 'HOLDINGS', 'investments'],
      ['DEFAULT_UPDATE', 'LIABILITIES', 'liabilities'],
    ] as const) {
      const answer = await fire(accessToken, code, type);
      expect(answer.status, `${code} ${type}`).toBe(400);
      expect(answer.body).toMatchObject({
        error_type: 'SANDBOX_ERROR',
        error_code: 'SANDBOX_PRODUCT_NOT_ENABLED',
        error_message: `The ${product} product is not enabled on this item`,
      });
    }
    const transactionsOnly = await item(['transactions']);
    const sms = await fire(transactionsOnly.accessToken, 'SMS_MICRODEPOSITS_VERIFICATION');
    expect(sms.body).toMatchObject({ error_code: 'SANDBOX_PRODUCT_NOT_ENABLED' });
  });

  it('answers SANDBOX_WEBHOOK_INVALID for an Item without a webhook, and INVALID_ACCESS_TOKEN for bad tokens', async () => {
    const { accessToken } = await linkSandboxItem(emulator);
    const answer = await fire(accessToken, 'NEW_ACCOUNTS_AVAILABLE');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      error_type: 'SANDBOX_ERROR',
      error_code: 'SANDBOX_WEBHOOK_INVALID',
      error_message:
        "Webhook for this item is either not set up, or invalid. Please update the item's webhook and try again.",
    });
    const unknown = await fire(
      'access-sandbox-00000000-0000-0000-0000-000000000000',
      'NEW_ACCOUNTS_AVAILABLE',
    );
    expect(unknown.body).toMatchObject({ error_code: 'INVALID_ACCESS_TOKEN' });
  });
});
