import { inspect } from 'node:util';
import {
  AccountNotDebitableError,
  InputValidationError,
  NetworkError,
  PlaidApiError,
  ProviderError,
  ResponseValidationError,
} from '@achbridge/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCESS_TOKEN,
  ACCOUNT_ID,
  accountsAnswer,
  createTestAdapter,
  createTestPlaid,
  ITEM_ID,
  mockAccounts,
  mockBankAccountToken,
  mockExchange,
  PLAID_HOST,
  PUBLIC_TOKEN,
  STRIPE_HOST,
  stripeErrorBody,
  stripeList,
  stripeObjects,
  TEST_KEY,
  useNock,
} from '../test/unit-harness.test-helpers.js';
import { CUSTOMER_REF_METADATA_KEY, customerRef } from './find-or-create-customer.js';
import { createStripeAdapter } from './stripe-adapter.js';
import { StripeApiError } from './stripe-errors.js';

const BTOK = 'btok_5oEetfLzPklE1fwJZ7SG';
const CUSTOMER_ID = 'cus_TestCustomer0001';
const SOURCES_PATH = `/v1/customers/${CUSTOMER_ID}/sources`;

beforeAll(useNock);
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

function mockTokenRetrieve(): nock.Scope {
  return nock(STRIPE_HOST)
    .get(`/v1/tokens/${BTOK}`)
    .reply(200, stripeObjects().token, { 'request-id': 'req_token' });
}

function mockSources(data: unknown[]): nock.Scope {
  return nock(STRIPE_HOST)
    .get(SOURCES_PATH)
    .query((query) => query.object === 'bank_account')
    .reply(200, stripeList(data));
}

describe('link', () => {
  it('exchanges the public token, mints a btok and attaches it with a derived idempotency key', async () => {
    mockExchange();
    mockAccounts();
    mockBankAccountToken();
    let attachBody: Record<string, unknown> | undefined;
    let attachKey: string | undefined;
    nock(STRIPE_HOST)
      .post(SOURCES_PATH, (body: Record<string, unknown>) => {
        attachBody = body;
        return true;
      })
      .reply(function reply() {
        attachKey = String(this.req.headers['idempotency-key']);
        return [200, stripeObjects().bankAccount];
      });

    const result = await createTestAdapter().link({
      publicToken: PUBLIC_TOKEN,
      accountId: ACCOUNT_ID,
      customer: { id: CUSTOMER_ID },
    });

    expect(result).toEqual({
      processor: 'stripe',
      itemId: ITEM_ID,
      accountId: ACCOUNT_ID,
      customerId: CUSTOMER_ID,
      bankAccount: {
        id: 'ba_1TestBankAccount000001',
        object: 'bank_account',
        last4: '6789',
        bankName: 'STRIPE TEST BANK',
        routingNumber: '110000000',
        status: 'verified',
        fingerprint: '1JWtPxqbdX5Gamtc',
      },
      created: true,
    });
    expect(attachBody?.['source']).toBe(BTOK);
    expect(attachBody?.['metadata[achbridge_plaid_item_id]']).toBe(ITEM_ID);
    expect(attachKey).toMatch(/^achbridge-stripe-attach-[0-9a-f]{48}$/);
    // Not a tokenized-account-number bank: no persistent id to store.
    expect(attachBody?.['metadata[achbridge_plaid_persistent_account_id]']).toBeUndefined();
    // The access token is readable for storage but never serialized or printed.
    expect(result.accessToken).toBe(ACCESS_TOKEN);
    expect(JSON.stringify(result)).not.toContain(ACCESS_TOKEN);
    expect(inspect(result)).not.toContain(ACCESS_TOKEN);
  });

  it('on bank_account_exists returns the existing bank account with the same fingerprint', async () => {
    mockAccounts();
    mockBankAccountToken();
    nock(STRIPE_HOST)
      .post(SOURCES_PATH)
      .reply(
        400,
        stripeErrorBody({
          type: 'invalid_request_error',
          code: 'bank_account_exists',
          param: 'source',
          message:
            'A bank account with that routing number and account number already exists for this customer.',
        }),
      );
    mockTokenRetrieve();
    const existing = { ...stripeObjects().bankAccount, id: 'ba_AlreadyThere000001' };
    mockSources([stripeObjects().otherBankAccount, existing]);

    const result = await createTestAdapter().link({
      accessToken: ACCESS_TOKEN,
      accountId: ACCOUNT_ID,
      customer: { id: CUSTOMER_ID },
    });

    expect(result.created).toBe(false);
    expect(result.bankAccount.id).toBe('ba_AlreadyThere000001');
    expect(result.itemId).toBe(ITEM_ID);
    expect(result.accessToken).toBeUndefined();
  });

  it('pages through the customer bank accounts to find a duplicate', async () => {
    mockExchange();
    mockAccounts();
    mockBankAccountToken();
    nock(STRIPE_HOST)
      .post(SOURCES_PATH)
      .reply(
        400,
        stripeErrorBody({
          type: 'invalid_request_error',
          code: 'bank_account_exists',
          param: 'source',
          message:
            'A bank account with that routing number and account number already exists for this customer.',
        }),
      );
    mockTokenRetrieve();
    nock(STRIPE_HOST)
      .get(SOURCES_PATH)
      .query((query) => query.starting_after === undefined)
      .reply(200, stripeList([stripeObjects().otherBankAccount], true));
    nock(STRIPE_HOST)
      .get(SOURCES_PATH)
      .query((query) => query.starting_after === 'ba_1TestBankAccount000002')
      .reply(200, stripeList([stripeObjects().bankAccount]));

    const result = await createTestAdapter().link({
      publicToken: PUBLIC_TOKEN,
      accountId: ACCOUNT_ID,
      customer: { id: CUSTOMER_ID },
    });
    expect(result).toMatchObject({ created: false, bankAccount: { id: 'ba_1TestBankAccount000001' } });
  });

  it("never returns a duplicate whose status can no longer be debited (Stripe's error surfaces)", async () => {
    mockExchange();
    mockAccounts();
    mockBankAccountToken();
    nock(STRIPE_HOST)
      .post(SOURCES_PATH)
      .reply(
        400,
        stripeErrorBody({
          type: 'invalid_request_error',
          code: 'bank_account_exists',
          param: 'source',
          message:
            'A bank account with that routing number and account number already exists for this customer.',
        }),
      );
    mockTokenRetrieve();
    mockSources([{ ...stripeObjects().bankAccount, id: 'ba_Errored0000000001', status: 'errored' }]);

    const error = await createTestAdapter()
      .link({ publicToken: PUBLIC_TOKEN, accountId: ACCOUNT_ID, customer: { id: CUSTOMER_ID } })
      .catch((caught: unknown) => caught);
    expect(StripeApiError.isInstance(error)).toBe(true);
    expect((error as StripeApiError).code).toBe('bank_account_exists');
  });

  it('sends the identical idempotency key on every attempt of a retried attach', async () => {
    mockExchange();
    mockAccounts();
    mockBankAccountToken();
    const keys: string[] = [];
    const bodies: unknown[] = [];
    const record = function record(this: nock.ReplyFnContext, _uri: string, body: unknown): void {
      keys.push(String(this.req.headers['idempotency-key']));
      bodies.push(body);
    };
    nock(STRIPE_HOST)
      .post(SOURCES_PATH)
      .reply(function first(uri, body) {
        record.call(this, uri, body);
        return [500, stripeErrorBody({ type: 'api_error', message: 'Something went wrong on our end.' })];
      })
      .post(SOURCES_PATH)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
      .post(SOURCES_PATH)
      .reply(function third(uri, body) {
        record.call(this, uri, body);
        return [200, stripeObjects().bankAccount];
      });

    const result = await createTestAdapter().link({
      publicToken: PUBLIC_TOKEN,
      accountId: ACCOUNT_ID,
      customer: { id: CUSTOMER_ID },
    });

    expect(result.created).toBe(true);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^achbridge-stripe-attach-/);
    expect(keys[1]).toBe(keys[0]);
    expect(bodies[1]).toEqual(bodies[0]);
  });

  it('derives the same attach key on a re-run (a new btok) for the same item, account and customer', async () => {
    const keys: string[] = [];
    for (const token of [BTOK, 'btok_SecondRunToken000001']) {
      mockExchange();
      mockAccounts();
      mockBankAccountToken({ stripe_bank_account_token: token, request_id: 'plaidReqBtok2' });
      nock(STRIPE_HOST)
        .post(SOURCES_PATH)
        .reply(function reply() {
          keys.push(String(this.req.headers['idempotency-key']));
          return [200, stripeObjects().bankAccount];
        });
      await createTestAdapter().link({
        publicToken: PUBLIC_TOKEN,
        accountId: ACCOUNT_ID,
        customer: { id: CUSTOMER_ID },
      });
    }
    expect(keys[1]).toBe(keys[0]);
  });

  it('resolves token_already_used (an earlier attempt consumed the token) to the attached account', async () => {
    mockExchange();
    mockAccounts();
    mockBankAccountToken();
    nock(STRIPE_HOST)
      .post(SOURCES_PATH)
      .reply(
        400,
        stripeErrorBody({
          type: 'invalid_request_error',
          code: 'token_already_used',
          message: `You cannot use a Stripe token more than once: ${BTOK}.`,
          param: 'source',
        }),
      );
    mockTokenRetrieve();
    mockSources([stripeObjects().bankAccount]);

    const result = await createTestAdapter().link({
      publicToken: PUBLIC_TOKEN,
      accountId: ACCOUNT_ID,
      customer: { id: CUSTOMER_ID },
    });
    expect(result).toMatchObject({ created: true, bankAccount: { id: 'ba_1TestBankAccount000001' } });
  });

  it('on idempotency_error re-checks, then attaches under a key that also covers the new token', async () => {
    mockExchange();
    mockAccounts();
    mockBankAccountToken();
    const keys: string[] = [];
    nock(STRIPE_HOST)
      .post(SOURCES_PATH)
      .reply(function conflict() {
        keys.push(String(this.req.headers['idempotency-key']));
        return [
          400,
          stripeErrorBody({
            type: 'idempotency_error',
            message:
              'Keys for idempotent requests can only be used with the same parameters they were first used with.',
          }),
        ];
      });
    mockTokenRetrieve();
    mockSources([]);
    nock(STRIPE_HOST)
      .post(SOURCES_PATH)
      .reply(function attach() {
        keys.push(String(this.req.headers['idempotency-key']));
        return [200, stripeObjects().bankAccount];
      });

    const result = await createTestAdapter().link({
      publicToken: PUBLIC_TOKEN,
      accountId: ACCOUNT_ID,
      customer: { id: CUSTOMER_ID },
    });
    expect(result.created).toBe(true);
    expect(keys[0]).toMatch(/^achbridge-stripe-attach-/);
    expect(keys[1]).toMatch(/^achbridge-stripe-attach-retry-/);
  });

  it('finds the customer by email before creating one', async () => {
    mockExchange();
    mockAccounts();
    mockBankAccountToken();
    const older = { ...stripeObjects().customer, id: 'cus_Older', created: 100 };
    const newer = { ...stripeObjects().customer, id: 'cus_Newer', created: 200 };
    nock(STRIPE_HOST)
      .get('/v1/customers')
      .query({ email: 'ada@example.com', limit: '100' })
      .reply(200, stripeList([newer, older]));
    nock(STRIPE_HOST)
      .post('/v1/customers/cus_Older/sources')
      .reply(200, { ...stripeObjects().bankAccount, customer: 'cus_Older' });

    const result = await createTestAdapter().link({
      publicToken: PUBLIC_TOKEN,
      accountId: ACCOUNT_ID,
      customer: { email: 'ada@example.com' },
    });
    expect(result.customerId).toBe('cus_Older');
  });

  it('prefers the customer achbridge created for the email over an older one', async () => {
    mockExchange();
    mockAccounts();
    mockBankAccountToken();
    const someoneElses = { ...stripeObjects().customer, id: 'cus_Theirs', created: 1 };
    const ours = {
      ...stripeObjects().customer,
      id: 'cus_Ours',
      created: 5,
      metadata: { [CUSTOMER_REF_METADATA_KEY]: customerRef('Ada@Example.com') },
    };
    nock(STRIPE_HOST)
      .get('/v1/customers')
      .query(true)
      .reply(200, stripeList([ours, someoneElses]));
    nock(STRIPE_HOST)
      .post('/v1/customers/cus_Ours/sources')
      .reply(
        400,
        stripeErrorBody({
          type: 'invalid_request_error',
          code: 'bank_account_exists',
          param: 'source',
          message:
            'A bank account with that routing number and account number already exists for this customer.',
        }),
      );
    mockTokenRetrieve();
    nock(STRIPE_HOST)
      .get('/v1/customers/cus_Ours/sources')
      .query(true)
      .reply(200, stripeList([stripeObjects().bankAccount]));
    const result = await createTestAdapter().link({
      publicToken: PUBLIC_TOKEN,
      accountId: ACCOUNT_ID,
      customer: { email: 'ada@example.com' },
    });
    expect(result).toMatchObject({ customerId: 'cus_Ours', created: false });
  });

  it('creates the customer with a stable idempotency key when none has the email', async () => {
    const keys: string[] = [];
    for (let run = 0; run < 2; run++) {
      mockExchange();
      mockAccounts();
      mockBankAccountToken();
      nock(STRIPE_HOST).get('/v1/customers').query(true).reply(200, stripeList([]));
      nock(STRIPE_HOST)
        .post(
          '/v1/customers',
          (body: Record<string, string>) => body['email'] === 'ada@example.com' && body['name'] === 'Ada',
        )
        .reply(function reply() {
          keys.push(String(this.req.headers['idempotency-key']));
          return [200, stripeObjects().customer];
        });
      nock(STRIPE_HOST).post(SOURCES_PATH).reply(200, stripeObjects().bankAccount);
      await createTestAdapter().link({
        publicToken: PUBLIC_TOKEN,
        accountId: ACCOUNT_ID,
        customer: { email: 'ada@example.com', name: 'Ada' },
      });
    }
    expect(keys[0]).toMatch(/^achbridge-stripe-customer-/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('re-running with the same public token reuses the first exchange (public tokens are single use)', async () => {
    const adapter = createTestAdapter();
    mockExchange(); // registered once: a second exchange would find no interceptor and fail
    mockAccounts();
    mockBankAccountToken();
    nock(STRIPE_HOST)
      .post(SOURCES_PATH)
      .reply(
        400,
        stripeErrorBody({
          type: 'invalid_request_error',
          code: 'bank_account_unusable',
          message: 'unusable',
        }),
      );
    await expect(
      adapter.link({ publicToken: PUBLIC_TOKEN, accountId: ACCOUNT_ID, customer: { id: CUSTOMER_ID } }),
    ).rejects.toSatisfy(StripeApiError.isInstance);

    mockAccounts();
    mockBankAccountToken();
    nock(STRIPE_HOST).post(SOURCES_PATH).reply(200, stripeObjects().bankAccount);
    const result = await adapter.link({
      publicToken: PUBLIC_TOKEN,
      accountId: ACCOUNT_ID,
      customer: { id: CUSTOMER_ID },
    });
    expect(result.created).toBe(true);
  });

  it('explains the FAQ causes when Plaid returns no stripe_bank_account_token', async () => {
    mockExchange();
    mockAccounts();
    mockBankAccountToken({ request_id: 'plaidReqNoToken' });
    const error = await createTestAdapter()
      .link({ publicToken: PUBLIC_TOKEN, accountId: ACCOUNT_ID, customer: { id: CUSTOMER_ID } })
      .catch((caught: unknown) => caught);
    expect(ProviderError.isInstance(error)).toBe(true);
    const providerError = error as ProviderError;
    expect(providerError.code).toBe('STRIPE_BANK_ACCOUNT_TOKEN_NOT_RETURNED');
    expect(providerError.provider).toBe('plaid');
    expect(providerError.requestId).toBe('plaidReqNoToken');
    expect(providerError.remediation).toContain('Connect with Stripe');
    expect(providerError.remediation).toContain('ACH');
    expect(providerError.remediation).toContain('account selection');
  });

  it('maps Stripe "No such token" to the FAQ explanation without echoing the btok', async () => {
    mockExchange();
    mockAccounts();
    mockBankAccountToken();
    nock(STRIPE_HOST)
      .post(SOURCES_PATH)
      .reply(
        400,
        stripeErrorBody({
          type: 'invalid_request_error',
          code: 'resource_missing',
          param: 'source',
          message: `No such token: '${BTOK}'`,
        }),
        { 'request-id': 'req_missing' },
      );
    const error = await createTestAdapter()
      .link({ publicToken: PUBLIC_TOKEN, accountId: ACCOUNT_ID, customer: { id: CUSTOMER_ID } })
      .catch((caught: unknown) => caught);
    expect(StripeApiError.isInstance(error)).toBe(true);
    const stripeError = error as StripeApiError;
    expect(stripeError).toMatchObject({
      code: 'resource_missing',
      status: 400,
      requestId: 'req_missing',
      isRetryable: false,
    });
    expect(stripeError.message).toContain('test mode bank account token is used in a live Stripe API call');
    expect(stripeError.remediation).toContain(
      'test mode bank account token is used in a live Stripe API call',
    );
    for (const view of [
      stripeError.message,
      stripeError.stack ?? '',
      JSON.stringify(stripeError),
      inspect(stripeError),
    ]) {
      expect(view).not.toContain(BTOK);
      expect(view).not.toContain(ACCESS_TOKEN);
    }
  });

  it('rejects a malformed Stripe answer with a ResponseValidationError naming the field', async () => {
    mockExchange();
    mockAccounts();
    mockBankAccountToken();
    const { last4: _dropped, ...withoutLast4 } = stripeObjects().bankAccount;
    nock(STRIPE_HOST).post(SOURCES_PATH).reply(200, withoutLast4);
    const error = await createTestAdapter()
      .link({ publicToken: PUBLIC_TOKEN, accountId: ACCOUNT_ID, customer: { id: CUSTOMER_ID } })
      .catch((caught: unknown) => caught);
    expect(ResponseValidationError.isInstance(error)).toBe(true);
    expect((error as ResponseValidationError).provider).toBe('stripe');
    expect((error as ResponseValidationError).issues[0]?.path).toBe('last4');
  });

  it('rejects a non-JSON Stripe answer (e.g. a proxy page) with a ResponseValidationError after retrying', async () => {
    mockExchange();
    mockAccounts();
    mockBankAccountToken();
    nock(STRIPE_HOST)
      .post(SOURCES_PATH)
      .times(3)
      .reply(502, '<html><body>Bad gateway</body></html>', { 'content-type': 'text/html' });
    const error = await createTestAdapter()
      .link({ publicToken: PUBLIC_TOKEN, accountId: ACCOUNT_ID, customer: { id: CUSTOMER_ID } })
      .catch((caught: unknown) => caught);
    expect(ResponseValidationError.isInstance(error)).toBe(true);
  });

  it('validates its input before any network call, naming the field', async () => {
    const adapter = createTestAdapter();
    const cases: [unknown, string][] = [
      [{ accountId: ACCOUNT_ID, customer: { id: CUSTOMER_ID } }, 'publicToken'],
      [
        {
          publicToken: PUBLIC_TOKEN,
          accessToken: ACCESS_TOKEN,
          accountId: ACCOUNT_ID,
          customer: { id: CUSTOMER_ID },
        },
        'accessToken',
      ],
      [{ publicToken: PUBLIC_TOKEN, customer: { id: CUSTOMER_ID } }, 'accountId'],
      [{ publicToken: PUBLIC_TOKEN, accountId: ACCOUNT_ID, customer: { id: 'ba_wrong' } }, 'customer'],
      [{ publicToken: PUBLIC_TOKEN, accountId: ACCOUNT_ID, customer: { email: 'not-an-email' } }, 'customer'],
      [
        { publicToken: PUBLIC_TOKEN, accountId: ACCOUNT_ID, customer: { id: CUSTOMER_ID }, signal: 'x' },
        'signal',
      ],
      [
        {
          publicToken: `public-sandbox-${'a'.repeat(2000)}`,
          accountId: ACCOUNT_ID,
          customer: { id: CUSTOMER_ID },
        },
        'publicToken',
      ],
      [
        {
          accessToken: `access-sandbox-${'a'.repeat(2000)}`,
          accountId: ACCOUNT_ID,
          customer: { id: CUSTOMER_ID },
        },
        'accessToken',
      ],
      [
        { publicToken: PUBLIC_TOKEN, accountId: 'a'.repeat(2001), customer: { id: CUSTOMER_ID } },
        'accountId',
      ],
    ];
    for (const [input, field] of cases) {
      const error = await adapter.link(input as never).catch((caught: unknown) => caught);
      expect(InputValidationError.isInstance(error), JSON.stringify(input)).toBe(true);
      expect((error as InputValidationError).field.split('.')[0]).toBe(field);
      expect((error as Error).message).not.toContain(PUBLIC_TOKEN);
    }
  });

  it('stops at once when the signal aborts, without further retries', async () => {
    mockExchange();
    mockAccounts();
    mockBankAccountToken();
    const controller = new AbortController();
    let attempts = 0;
    nock(STRIPE_HOST)
      .post(SOURCES_PATH)
      .times(3)
      .reply(() => {
        attempts++;
        controller.abort();
        return [500, stripeErrorBody({ type: 'api_error', message: 'boom' })];
      });
    const error = await createTestAdapter({ maxRetries: 2 })
      .link({
        publicToken: PUBLIC_TOKEN,
        accountId: ACCOUNT_ID,
        customer: { id: CUSTOMER_ID },
        signal: controller.signal,
      })
      .catch((caught: unknown) => caught);
    expect(NetworkError.isInstance(error)).toBe(true);
    expect((error as NetworkError).reason).toBe('aborted');
    expect(attempts).toBe(1);
    nock.cleanAll();
  });

  it('logs its steps and retries without any secret (key, access token, btok)', async () => {
    mockExchange();
    mockAccounts();
    mockBankAccountToken();
    nock(STRIPE_HOST)
      .post(SOURCES_PATH)
      .reply(
        400,
        stripeErrorBody({
          type: 'invalid_request_error',
          code: 'lock_timeout',
          message: `Lock timeout on ${BTOK} for ${TEST_KEY}`,
        }),
      )
      .post(SOURCES_PATH)
      .reply(200, stripeObjects().bankAccount);
    const lines: string[] = [];
    const capture = (message: string, fields?: Record<string, unknown>) => {
      lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
    };
    const adapter = createStripeAdapter({
      plaid: createTestPlaid(),
      stripe: { secretKey: TEST_KEY },
      retry: { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 5 },
      logger: { debug: capture, info: capture, warn: capture, error: capture },
    });
    await adapter.link({ publicToken: PUBLIC_TOKEN, accountId: ACCOUNT_ID, customer: { id: CUSTOMER_ID } });
    expect(lines.some((line) => line.includes('retrying'))).toBe(true);
    expect(lines.some((line) => line.includes('bank account attached'))).toBe(true);
    for (const line of lines) {
      for (const secret of [TEST_KEY, ACCESS_TOKEN, PUBLIC_TOKEN, BTOK]) expect(line).not.toContain(secret);
    }
  });
});

/** A Plaid error answer (HTTP 400) with `code`. */
function plaidError(code: string): Record<string, unknown> {
  return {
    error_type: 'ITEM_ERROR',
    error_code: code,
    error_message: 'the login details of this item have changed',
    display_message: null,
    request_id: 'plaidReqBtokError',
  };
}

describe('link: the accounts read and the btok mint run side by side', () => {
  it('asks for the btok while the accounts read is still unanswered (3 sequential round trips)', async () => {
    mockExchange();
    let btokRequested: () => void = () => undefined;
    const btokSeen = new Promise<'btok first'>((resolve) => {
      btokRequested = () => resolve('btok first');
    });
    nock(PLAID_HOST)
      .post('/processor/stripe/bank_account_token/create')
      .reply(200, () => {
        btokRequested();
        return { stripe_bank_account_token: BTOK, request_id: 'plaidReqBtok1' };
      });
    // The accounts answer waits for the btok request; a link that only asked for the btok after the
    // accounts answer would be answered after 2 s instead, and the test would see 'accounts first'.
    let order: string | undefined;
    nock(PLAID_HOST)
      .post('/accounts/get')
      .reply((_uri, _body, callback) => {
        const fallback = new Promise<'accounts first'>((resolve) =>
          setTimeout(() => resolve('accounts first'), 2000).unref(),
        );
        void Promise.race([btokSeen, fallback]).then((seen) => {
          order = seen;
          callback(null, [200, accountsAnswer()]);
        });
      });
    nock(STRIPE_HOST).post(SOURCES_PATH).reply(200, stripeObjects().bankAccount);
    const result = await createTestAdapter().link({
      publicToken: PUBLIC_TOKEN,
      accountId: ACCOUNT_ID,
      customer: { id: CUSTOMER_ID },
    });
    expect(order).toBe('btok first');
    expect(result.created).toBe(true);
  });

  it('a refused account fails with the refusal, even when the btok call failed too, and nothing reaches Stripe', async () => {
    mockExchange();
    mockAccounts({ balances: { available: 100, current: 110, limit: null, iso_currency_code: 'CAD' } });
    mockBankAccountToken(plaidError('ITEM_LOGIN_REQUIRED'), 400);
    const error = await createTestAdapter()
      .link({ publicToken: PUBLIC_TOKEN, accountId: ACCOUNT_ID, customer: { email: 'ada@example.com' } })
      .catch((caught: unknown) => caught);
    expect(AccountNotDebitableError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'non_us_account', processor: 'stripe' });
    // No Stripe interceptor exists and net connect is disabled: any Stripe call would have failed the link
    // with a network error instead of the refusal.
  });

  it('an accounts read that fails wins over a btok that succeeded; the btok is dropped', async () => {
    mockExchange();
    nock(PLAID_HOST).post('/accounts/get').reply(400, plaidError('ITEM_LOGIN_REQUIRED'));
    mockBankAccountToken();
    const error = await createTestAdapter()
      .link({ publicToken: PUBLIC_TOKEN, accountId: ACCOUNT_ID, customer: { id: CUSTOMER_ID } })
      .catch((caught: unknown) => caught);
    expect(PlaidApiError.isInstance(error)).toBe(true);
    expect((error as PlaidApiError).errorCode).toBe('ITEM_LOGIN_REQUIRED');
    expect(JSON.stringify(error)).not.toContain(BTOK);
  });

  it('a btok call that fails after a good accounts read fails the link with its own typed error, before any Stripe call', async () => {
    mockExchange();
    mockAccounts();
    mockBankAccountToken(plaidError('ITEM_LOGIN_REQUIRED'), 400);
    const error = await createTestAdapter()
      .link({ publicToken: PUBLIC_TOKEN, accountId: ACCOUNT_ID, customer: { email: 'ada@example.com' } })
      .catch((caught: unknown) => caught);
    expect(PlaidApiError.isInstance(error)).toBe(true);
    expect((error as PlaidApiError).errorCode).toBe('ITEM_LOGIN_REQUIRED');
  });
});
