import { InputValidationError, ProviderError, ResponseValidationError } from '@achbridge/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCESS_TOKEN,
  ACCOUNT_ID,
  createTestAdapter,
  mockBankAccountToken,
  PLAID_HOST,
  useNock,
} from '../test/unit-harness.test-helpers.js';

beforeAll(useNock);
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe('createBankAccountToken', () => {
  it('calls /processor/stripe/bank_account_token/create with the access token and account', async () => {
    let body: Record<string, unknown> = {};
    nock(PLAID_HOST)
      .post('/processor/stripe/bank_account_token/create', (sent: Record<string, unknown>) => {
        body = sent;
        return true;
      })
      .reply(200, { stripe_bank_account_token: 'btok_5oEetfLzPklE1fwJZ7SG', request_id: 'xrQNYZ7Zoh6R7gV' });
    const result = await createTestAdapter().createBankAccountToken({
      accessToken: ACCESS_TOKEN,
      accountId: ACCOUNT_ID,
    });
    expect(result).toEqual({ bankAccountToken: 'btok_5oEetfLzPklE1fwJZ7SG', requestId: 'xrQNYZ7Zoh6R7gV' });
    expect(body).toMatchObject({ access_token: ACCESS_TOKEN, account_id: ACCOUNT_ID });
  });

  it.each([
    [{ request_id: 'r1' }],
    [{ stripe_bank_account_token: null, request_id: 'r1' }],
    [{ stripe_bank_account_token: '', request_id: 'r1' }],
  ])('explains the FAQ causes when no token comes back (%#)', async (answer) => {
    mockBankAccountToken(answer);
    const error = await createTestAdapter()
      .createBankAccountToken({ accessToken: ACCESS_TOKEN, accountId: ACCOUNT_ID })
      .catch((caught: unknown) => caught);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect((error as ProviderError).code).toBe('STRIPE_BANK_ACCOUNT_TOKEN_NOT_RETURNED');
    expect((error as ProviderError).message).toContain('Plaid Dashboard');
    expect((error as ProviderError).message).not.toContain(ACCESS_TOKEN);
  });

  it('rejects a token that is not a btok as a malformed answer', async () => {
    mockBankAccountToken({ stripe_bank_account_token: 'tok_visa', request_id: 'r2' });
    const error = await createTestAdapter()
      .createBankAccountToken({ accessToken: ACCESS_TOKEN, accountId: ACCOUNT_ID })
      .catch((caught: unknown) => caught);
    expect(ResponseValidationError.isInstance(error)).toBe(true);
  });

  it("passes Plaid's own errors through as Plaid provider errors without the access token", async () => {
    mockBankAccountToken(
      {
        error_type: 'INVALID_INPUT',
        error_code: 'INVALID_ACCOUNT_ID',
        error_message: 'account_id not found',
        display_message: null,
        request_id: 'r3',
      },
      400,
    );
    const error = await createTestAdapter()
      .createBankAccountToken({ accessToken: ACCESS_TOKEN, accountId: ACCOUNT_ID })
      .catch((caught: unknown) => caught);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: 'plaid', code: 'INVALID_ACCOUNT_ID' });
    expect(JSON.stringify(error)).not.toContain(ACCESS_TOKEN);
  });

  it('validates input naming the field', async () => {
    const error = await createTestAdapter()
      .createBankAccountToken({ accessToken: ACCESS_TOKEN, accountId: '' })
      .catch((caught: unknown) => caught);
    expect(InputValidationError.isInstance(error)).toBe(true);
    expect((error as InputValidationError).field).toBe('accountId');
  });
});
