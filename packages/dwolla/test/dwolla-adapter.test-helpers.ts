import { createPlaidClient, type PlaidClient } from '@achbridge/core';
import nock from 'nock';

/** Plaid's sandbox host, intercepted by nock in the adapter unit tests. */
export const PLAID_SANDBOX = 'https://sandbox.plaid.com';
/** A Plaid access token in the sandbox format. */
export const ACCESS_TOKEN = 'access-sandbox-5d1e4f2a-7c3b-4e8a-9f10-111122223333';
/** The Plaid item used in the adapter tests. */
export const ITEM_ID = 'item-unit-test-0000000000000000000001';
/** The Plaid checking account used in the adapter tests. */
export const ACCOUNT_ID = 'acct-checking-000000000000000000000001';

/** A Plaid client pointed at the nocked sandbox host. */
export function testPlaid(environment: 'sandbox' | 'production' = 'sandbox'): PlaidClient {
  return createPlaidClient({
    clientId: 'unit-test-plaid-client',
    secret: 'unit-test-plaid-secret-1234',
    environment,
    maxRetries: 0,
  });
}

/** A Plaid AccountBase as `/accounts/get` returns it. */
export function plaidAccount(
  accountId: string,
  type: string,
  subtype: string | null,
): Record<string, unknown> {
  return {
    account_id: accountId,
    name: `Plaid ${subtype ?? type}`,
    official_name: null,
    mask: '0000',
    type,
    subtype,
    balances: { available: 100, current: 110, iso_currency_code: 'USD' },
  };
}

/** Intercepts `/accounts/get` answering the given accounts for ITEM_ID. */
export function nockPlaidAccounts(accounts: Record<string, unknown>[], times = 1): nock.Scope {
  return nock(PLAID_SANDBOX)
    .post('/accounts/get')
    .times(times)
    .reply(200, {
      accounts,
      item: {
        item_id: ITEM_ID,
        institution_id: 'ins_109508',
        webhook: null,
        error: null,
        available_products: [],
        billed_products: ['auth'],
        consent_expiration_time: null,
      },
      request_id: 'plaid-req-accounts',
    });
}

/** Intercepts `/processor/token/create` (processor dwolla), minting numbered tokens. */
export function nockProcessorToken(times = 1): nock.Scope {
  let minted = 0;
  return nock(PLAID_SANDBOX)
    .post('/processor/token/create', (body: Record<string, unknown>) => body['processor'] === 'dwolla')
    .times(times)
    .reply(200, () => {
      minted += 1;
      return {
        processor_token: `processor-sandbox-unit-${minted}`,
        request_id: `plaid-req-processor-${minted}`,
      };
    });
}
