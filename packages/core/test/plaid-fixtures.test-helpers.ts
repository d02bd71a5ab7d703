// Mock Plaid answers shaped like the official response schemas (checked in plaid-fixtures.test.ts).

/** A sandbox access token in Plaid's `access-<env>-<uuid>` format. */
export const ACCESS_TOKEN = 'access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6';
/** A sandbox public token. */
export const PUBLIC_TOKEN = 'public-sandbox-b0e2c4ee-a763-4df5-bfe9-46a46bce993d';
/** A production access token (for cross-environment tests). */
export const PRODUCTION_ACCESS_TOKEN = 'access-production-0b3f2c1e-55aa-4b7e-9f0d-2f1e3d4c5b6a';
/** A production public token. */
export const PRODUCTION_PUBLIC_TOKEN = 'public-production-9a8b7c6d-1234-4e5f-8a9b-0c1d2e3f4a5b';
/** The test Plaid secret. */
export const SECRET = 'plaid-test-secret-8f3a91c2d7';
/** The test Plaid client id. */
export const CLIENT_ID = 'client-id-5f1e2d3c4b';
/** An Item id. */
export const ITEM_ID = 'M5eVJqLnv3tbzdngLDp9FL5OlDNxlNhlE55op';
/** An account id. */
export const ACCOUNT_ID = 'vzeNDwK7KQIm4yEog683uElbp9GRLEFXGK98D';

/** An AccountBase. */
export const account = {
  account_id: ACCOUNT_ID,
  balances: {
    available: 100,
    current: 110,
    limit: null,
    iso_currency_code: 'USD',
    unofficial_currency_code: null,
  },
  mask: '0000',
  name: 'Plaid Checking',
  official_name: 'Plaid Gold Standard 0% Interest Checking',
  type: 'depository',
  subtype: 'checking',
  verification_status: 'automatically_verified',
};

/** An Item in good health. */
export const item = {
  item_id: ITEM_ID,
  institution_id: 'ins_109508',
  webhook: 'https://example.com/plaid/webhook',
  error: null,
  available_products: ['balance', 'identity'],
  billed_products: ['auth'],
  consent_expiration_time: null,
  update_type: 'background',
};

/** An Institution that supports Auth. */
export const institution = {
  institution_id: 'ins_109512',
  name: 'Houndstooth Bank',
  products: ['auth', 'balance', 'identity', 'transactions'],
  country_codes: ['US'],
  routing_numbers: ['011000138', '011200365', '011400495'],
  oauth: false,
};

/** 200 answers per endpoint. */
export const okAnswers: Record<string, Record<string, unknown>> = {
  '/item/public_token/exchange': { access_token: ACCESS_TOKEN, item_id: ITEM_ID, request_id: 'req-exchange' },
  '/link/token/create': {
    link_token: 'link-sandbox-af1a0311-da53-4636-b754-dd15cc058176',
    expiration: '2026-11-24T04:00:00Z',
    request_id: 'req-link',
  },
  '/accounts/get': { accounts: [account], item, request_id: 'req-accounts' },
  '/auth/get': {
    accounts: [account],
    numbers: {
      ach: [
        { account_id: ACCOUNT_ID, account: '9900009606', routing: '011401533', wire_routing: '021000021' },
      ],
      eft: [],
      international: [],
      bacs: [],
    },
    item,
    request_id: 'req-auth',
  },
  '/item/get': { item, request_id: 'req-item' },
  '/item/remove': { request_id: 'req-remove' },
  '/item/webhook/update': {
    item: { ...item, webhook: 'https://example.com/new-hook' },
    request_id: 'req-webhook',
  },
  '/institutions/get_by_id': { institution, request_id: 'req-institution' },
  '/institutions/search': { institutions: [institution], request_id: 'req-search' },
  '/sandbox/public_token/create': { public_token: PUBLIC_TOKEN, request_id: 'req-sandbox-public' },
  '/sandbox/item/reset_login': { reset_login: true, request_id: 'req-reset' },
  '/sandbox/item/fire_webhook': { webhook_fired: true, request_id: 'req-fire' },
  '/processor/token/create': {
    processor_token: 'processor-sandbox-0asd1-a92nc',
    request_id: 'req-processor',
  },
};

/** A Plaid error answer body. */
export function plaidErrorBody(
  errorType: string,
  errorCode: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    error_type: errorType,
    error_code: errorCode,
    error_message: `mock ${errorCode.toLowerCase()}`,
    display_message: null,
    request_id: `req-${errorCode.toLowerCase()}`,
    ...extra,
  };
}
