import { AccountNotDebitableError, ConfigError, InputValidationError, PlaidApiError } from '@achbridge/core';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, nockToken, SANDBOX, testClient } from '../test/dwolla.test-helpers.js';
import {
  ACCESS_TOKEN,
  ACCOUNT_ID,
  ITEM_ID,
  nockPlaidAccounts,
  nockProcessorToken,
  PLAID_SANDBOX,
  plaidAccount,
  testPlaid,
} from '../test/dwolla-adapter.test-helpers.js';
import { DwollaAmbiguousDuplicateError } from './ambiguous-duplicate-error.js';
import { createDwollaAdapter } from './dwolla-adapter.js';
import { DwollaApiError } from './dwolla-errors.js';
import { fundingSourceName } from './funding-source-identity.js';

const CUSTOMER_ID = 'ab443d36-3757-44c1-a1b4-29727fb3111c';
const FS_ID = 'df8392e5-4c06-42ed-b247-c098ed6f5a11';
const OTHER_FS_ID = '0e4ab3c1-1d2f-4c5b-8a9e-222233334444';
const FUNDING_SOURCES = `/customers/${CUSTOMER_ID}/funding-sources`;
const fundingSource = fixtures['fundingSource'] as Record<string, unknown>;

function adapter(options: { dwolla?: 'sandbox' | 'production'; plaid?: 'sandbox' | 'production' } = {}) {
  return createDwollaAdapter({
    plaid: testPlaid(options.plaid ?? 'sandbox'),
    dwolla: testClient({ environment: options.dwolla ?? 'sandbox' }),
  });
}

/** A Plaid error answer (HTTP 400) with `code`. */
function plaidError(code: string): Record<string, unknown> {
  return {
    error_type: 'ITEM_ERROR',
    error_code: code,
    error_message: 'the login details of this item have changed',
    display_message: null,
    request_id: 'plaid-req-error',
  };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('createDwollaAdapter', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  describe('createFundingSource', () => {
    // Dwolla's spec (Dwolla/dwolla-openapi openapi.yml, operation createCustomerFundingSource) answers
    // `201: description: created, headers: Location`, with no body: the id comes from Location and nothing is
    // read back (nock refuses any unplanned GET).
    it('POSTs plaidToken, name and bankAccountType with an Idempotency-Key, taking the id from Location without a read-back', async () => {
      nockToken();
      let key: unknown;
      nock(SANDBOX)
        .post(FUNDING_SOURCES, {
          plaidToken: 'processor-sandbox-abc-123',
          name: "Jane Doe's Checking",
          bankAccountType: 'checking',
        })
        .reply(function () {
          key = this.req.headers['idempotency-key'];
          return [201, '', { Location: `${SANDBOX}/funding-sources/${FS_ID}` }];
        });
      const result = await adapter().createFundingSource({
        customer: CUSTOMER_ID,
        processorToken: 'processor-sandbox-abc-123',
        name: "Jane Doe's Checking",
        bankAccountType: 'checking',
      });
      expect(result).toEqual({
        id: FS_ID,
        url: `${SANDBOX}/funding-sources/${FS_ID}`,
        status: 'verified',
        type: 'bank',
        name: "Jane Doe's Checking",
        bankName: null,
        bankAccountType: 'checking',
        createdAt: null,
        removed: false,
        channels: ['ach'],
        fingerprint: null,
        created: true,
        customerUrl: `${SANDBOX}/customers/${CUSTOMER_ID}`,
      });
      expect(nock.pendingMocks()).toEqual([]);
      expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });

    it('accepts the customer as a URL and sends the caller idempotency key', async () => {
      nockToken();
      nock(SANDBOX, { reqheaders: { 'idempotency-key': 'caller-key-1' } })
        .post(FUNDING_SOURCES)
        .reply(201, '', { Location: `${SANDBOX}/funding-sources/${FS_ID}` });
      const result = await adapter().createFundingSource({
        customer: `${SANDBOX}/customers/${CUSTOMER_ID}`,
        processorToken: 'processor-sandbox-abc-123',
        name: 'Checking',
        idempotencyKey: 'caller-key-1',
      });
      expect(result.created).toBe(true);
    });

    it('resolves DuplicateResource to the existing funding source via _links.about (created: false)', async () => {
      nockToken();
      nock(SANDBOX).post(FUNDING_SOURCES).reply(400, fixtures['duplicateResource']);
      nock(SANDBOX).get(`/funding-sources/${FS_ID}`).reply(200, fundingSource);
      const result = await adapter().createFundingSource({
        customer: CUSTOMER_ID,
        processorToken: 'processor-sandbox-abc-123',
        name: 'Checking',
      });
      expect(result).toMatchObject({ id: FS_ID, created: false });
    });

    it('resolves the "Duplicate funding source" ValidationError by listing the customer funding sources', async () => {
      nockToken();
      nock(SANDBOX).post(FUNDING_SOURCES).reply(400, fixtures['duplicateFundingSource']);
      nock(SANDBOX)
        .get(FUNDING_SOURCES)
        .query({ removed: 'false' })
        .reply(200, {
          _embedded: {
            'funding-sources': [
              { ...fundingSource, id: OTHER_FS_ID, name: 'Other bank' },
              { ...fundingSource, name: "Jane Doe's Checking" },
              { ...fundingSource, id: 'bal-0000', type: 'balance', name: 'Balance' },
            ],
          },
          total: 3,
        });
      const result = await adapter().createFundingSource({
        customer: CUSTOMER_ID,
        processorToken: 'processor-sandbox-abc-123',
        name: "Jane Doe's Checking",
      });
      expect(result).toMatchObject({ id: FS_ID, created: false, name: "Jane Doe's Checking" });
    });

    it('refuses with DwollaAmbiguousDuplicateError when no funding source is this account', async () => {
      nockToken();
      nock(SANDBOX).post(FUNDING_SOURCES).reply(400, fixtures['duplicateFundingSource']);
      nock(SANDBOX)
        .get(FUNDING_SOURCES)
        .query(true)
        .reply(200, {
          _embedded: {
            'funding-sources': [
              { ...fundingSource, id: OTHER_FS_ID, name: 'A' },
              { ...fundingSource, name: 'B' },
            ],
          },
        });
      const error = await rejectionOf(
        adapter().createFundingSource({
          customer: CUSTOMER_ID,
          processorToken: 'processor-sandbox-x1',
          name: 'C',
        }),
      );
      expect(DwollaAmbiguousDuplicateError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({
        code: 'DWOLLA_AMBIGUOUS_DUPLICATE',
        dwollaCode: 'ValidationError',
        requestedName: 'C',
        matches: 0,
        bankFundingSources: 2,
      });
      const cause = (error as { cause?: unknown }).cause;
      expect(DwollaApiError.isInstance(cause) && cause.hasCode('ValidationError')).toBe(true);
    });

    it('never resolves a duplicate to a funding source of another account type', async () => {
      nockToken();
      nock(SANDBOX).post(FUNDING_SOURCES).reply(400, fixtures['duplicateFundingSource']);
      nock(SANDBOX)
        .get(FUNDING_SOURCES)
        .query(true)
        .reply(200, {
          _embedded: {
            'funding-sources': [{ ...fundingSource, name: 'Plaid', bankAccountType: 'checking' }],
          },
        });
      const error = await rejectionOf(
        adapter().createFundingSource({
          customer: CUSTOMER_ID,
          processorToken: 'processor-sandbox-x1',
          name: 'Plaid',
          bankAccountType: 'savings',
        }),
      );
      expect(error).toMatchObject({
        name: 'DwollaAmbiguousDuplicateError',
        matches: 0,
        bankFundingSources: 1,
      });
      expect((error as Error).message).toContain("savings account named 'Plaid'");
    });

    it('refuses a DuplicateResource that points at a funding source of another account type', async () => {
      nockToken();
      nock(SANDBOX).post(FUNDING_SOURCES).reply(400, fixtures['duplicateResource']);
      nock(SANDBOX)
        .get(`/funding-sources/${FS_ID}`)
        .reply(200, { ...fundingSource, bankAccountType: 'checking' });
      const error = await rejectionOf(
        adapter().createFundingSource({
          customer: CUSTOMER_ID,
          processorToken: 'processor-sandbox-x1',
          name: 'Savings',
          bankAccountType: 'savings',
        }),
      );
      expect(DwollaAmbiguousDuplicateError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain(`funding source ${FS_ID}, a checking account`);
    });

    it('does not treat other validation errors as duplicates', async () => {
      nockToken();
      nock(SANDBOX).post(FUNDING_SOURCES).reply(400, fixtures['validationError']);
      const error = await rejectionOf(
        adapter().createFundingSource({
          customer: CUSTOMER_ID,
          processorToken: 'processor-sandbox-x1',
          name: 'C',
        }),
      );
      expect((error as DwollaApiError).embeddedErrors).toHaveLength(2);
    });

    it('surfaces NotFound for an unknown customer', async () => {
      nockToken();
      nock(SANDBOX)
        .post(FUNDING_SOURCES)
        .reply(404, { code: 'NotFound', message: 'Customer ID not found. Check Customer ID.' });
      const error = await rejectionOf(
        adapter().createFundingSource({
          customer: CUSTOMER_ID,
          processorToken: 'processor-sandbox-x1',
          name: 'C',
        }),
      );
      expect(error).toMatchObject({ code: 'NotFound', status: 404 });
      expect(String(error)).not.toContain('processor-sandbox-x1');
    });

    it('creates through Secure Exchange: exchange partner → exchange → funding source with _links.exchange', async () => {
      nockToken();
      const exchangeUrl = `${SANDBOX}/exchanges/7c3c3f3a-0000-4000-8000-000000000001`;
      nock(SANDBOX).get('/exchange-partners').reply(200, fixtures['exchangePartners']);
      nock(SANDBOX)
        .post(`/customers/${CUSTOMER_ID}/exchanges`, {
          _links: {
            'exchange-partner': { href: `${SANDBOX}/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4` },
          },
          token: 'processor-sandbox-exchange-1',
        })
        .reply(201, '', { Location: exchangeUrl });
      nock(SANDBOX)
        .post(FUNDING_SOURCES, {
          _links: { exchange: { href: exchangeUrl } },
          bankAccountType: 'savings',
          name: 'Savings',
        })
        .reply(201, '', { Location: `${SANDBOX}/funding-sources/${FS_ID}` });
      const result = await adapter().createFundingSource({
        customer: CUSTOMER_ID,
        processorToken: 'processor-sandbox-exchange-1',
        name: 'Savings',
        bankAccountType: 'savings',
        method: 'exchange',
      });
      expect(result).toMatchObject({ id: FS_ID, created: true });
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('requires bankAccountType for the exchange method', async () => {
      const error = await rejectionOf(
        adapter().createFundingSource({
          customer: CUSTOMER_ID,
          processorToken: 'processor-sandbox-x1',
          name: 'C',
          method: 'exchange',
        }),
      );
      expect(InputValidationError.isInstance(error) && error.field).toBe('bankAccountType');
    });

    it('validates input naming the field, before any request', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ processorToken: 'processor-sandbox-x1', name: 'C' }, 'customer'],
        [{ customer: 'not/a/customer', processorToken: 'processor-sandbox-x1', name: 'C' }, 'customer'],
        [{ customer: CUSTOMER_ID, processorToken: 'btok_123', name: 'C' }, 'processorToken'],
        [{ customer: CUSTOMER_ID, processorToken: 'processor-sandbox-x1', name: 'x'.repeat(51) }, 'name'],
        [
          {
            customer: CUSTOMER_ID,
            processorToken: 'processor-sandbox-x1',
            name: 'C',
            bankAccountType: 'loan',
          },
          'bankAccountType',
        ],
      ];
      for (const [input, field] of cases) {
        const error = await rejectionOf(adapter().createFundingSource(input as never));
        expect(InputValidationError.isInstance(error) && error.field).toBe(field);
        expect(String(error)).not.toContain('processor-sandbox-x1');
      }
    });
  });

  describe('environment guard (no network: nock.disableNetConnect and no interceptors)', () => {
    it('refuses a sandbox processor token on a production Dwolla client', async () => {
      const error = await rejectionOf(
        adapter({ dwolla: 'production', plaid: 'production' }).createFundingSource({
          customer: CUSTOMER_ID,
          processorToken: 'processor-sandbox-abc-123',
          name: 'C',
        }),
      );
      expect(ConfigError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(/Plaid Sandbox pairs with Dwolla Sandbox/);
      expect((error as Error).message).not.toContain('processor-sandbox-abc-123');
    });

    it('refuses a processor-development token quoting the FAQ rule', async () => {
      const error = await rejectionOf(
        adapter().createFundingSource({
          customer: CUSTOMER_ID,
          processorToken: 'processor-development-abc-1',
          name: 'C',
        }),
      );
      expect(ConfigError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain(
        'The Dwolla Sandbox and Production environments are not compatible with the Plaid Development environment',
      );
    });

    it('refuses a production Plaid client with a sandbox Dwolla client in link and createProcessorToken', async () => {
      const mismatched = adapter({ plaid: 'production', dwolla: 'sandbox' });
      const linkError = await rejectionOf(
        mismatched.link({
          accessToken: 'access-production-abc-1',
          accountId: ACCOUNT_ID,
          customer: CUSTOMER_ID,
          name: 'C',
        }),
      );
      expect(ConfigError.isInstance(linkError)).toBe(true);
      const tokenError = await rejectionOf(
        mismatched.createProcessorToken({ accessToken: 'access-production-abc-1', accountId: ACCOUNT_ID }),
      );
      expect(ConfigError.isInstance(tokenError)).toBe(true);
    });

    it('refuses a customer URL from the other Dwolla environment', async () => {
      const error = await rejectionOf(
        adapter().listFundingSources(`https://api.dwolla.com/customers/${CUSTOMER_ID}`),
      );
      expect(ConfigError.isInstance(error)).toBe(true);
    });
  });

  describe('link', () => {
    it('runs access token → accounts → processor token → funding source with a key derived from item, account, customer', async () => {
      nockToken();
      nockPlaidAccounts(
        [
          plaidAccount('acct-other', 'credit', 'credit card'),
          plaidAccount(ACCOUNT_ID, 'depository', 'savings'),
        ],
        2,
      );
      nockProcessorToken(2);
      const keys: unknown[] = [];
      const bodies: unknown[] = [];
      nock(SANDBOX)
        .post(FUNDING_SOURCES)
        .reply(function (_uri, body) {
          keys.push(this.req.headers['idempotency-key']);
          bodies.push(typeof body === 'string' ? JSON.parse(body) : body);
          return [201, '', { Location: `${SANDBOX}/funding-sources/${FS_ID}` }];
        });
      nock(SANDBOX)
        .post(FUNDING_SOURCES)
        .reply(function () {
          keys.push(this.req.headers['idempotency-key']);
          return [400, fixtures['duplicateResource']];
        });
      nock(SANDBOX)
        .get(`/funding-sources/${FS_ID}`)
        .twice()
        .reply(200, { ...fundingSource, bankAccountType: 'savings' });
      const dwolla = adapter();
      const input = {
        accessToken: ACCESS_TOKEN,
        accountId: ACCOUNT_ID,
        customer: CUSTOMER_ID,
        name: 'Savings',
      };
      const first = await dwolla.link(input);
      const second = await dwolla.link(input);
      expect(first).toMatchObject({
        processor: 'dwolla',
        itemId: ITEM_ID,
        accountId: ACCOUNT_ID,
        customerId: CUSTOMER_ID,
        created: true,
        accessToken: ACCESS_TOKEN,
        processorTokenRequestId: 'plaid-req-processor-1',
        fundingSource: { id: FS_ID, created: true },
      });
      expect(second).toMatchObject({ created: false, fundingSource: { id: FS_ID, created: false } });
      expect(keys[0]).toBe(keys[1]);
      expect(bodies[0]).toEqual({
        plaidToken: 'processor-sandbox-unit-1',
        name: 'Savings',
        bankAccountType: 'savings',
      });
    });

    it('exchanges a public token first', async () => {
      nock('https://sandbox.plaid.com')
        .post('/item/public_token/exchange')
        .reply(200, { access_token: ACCESS_TOKEN, item_id: ITEM_ID, request_id: 'plaid-req-exchange' });
      nockPlaidAccounts([plaidAccount(ACCOUNT_ID, 'depository', 'checking')]);
      nockProcessorToken();
      nockToken();
      nock(SANDBOX)
        .post(FUNDING_SOURCES)
        .reply(201, '', { Location: `${SANDBOX}/funding-sources/${FS_ID}` });
      const result = await adapter().link({
        publicToken: 'public-sandbox-abc-123',
        accountId: ACCOUNT_ID,
        customer: CUSTOMER_ID,
        name: 'Checking',
      });
      expect(result).toMatchObject({ itemId: ITEM_ID, accessToken: ACCESS_TOKEN, created: true });
    });

    it('rejects an account that is not in the Item, or not checking/savings, before any Dwolla call', async () => {
      nockPlaidAccounts([plaidAccount(ACCOUNT_ID, 'credit', 'credit card')], 2);
      const dwolla = adapter();
      const missing = await rejectionOf(
        dwolla.link({ accessToken: ACCESS_TOKEN, accountId: 'acct-nope', customer: CUSTOMER_ID, name: 'C' }),
      );
      expect(InputValidationError.isInstance(missing) && missing.field).toBe('accountId');
      const credit = await rejectionOf(
        dwolla.link({ accessToken: ACCESS_TOKEN, accountId: ACCOUNT_ID, customer: CUSTOMER_ID, name: 'C' }),
      );
      expect((credit as Error).message).toMatch(/checking or savings/);
    });

    it('asks for the processor token while the accounts read is still unanswered (3 sequential round trips)', async () => {
      nockToken();
      let tokenRequested: () => void = () => undefined;
      const tokenSeen = new Promise<'token first'>((resolve) => {
        tokenRequested = () => resolve('token first');
      });
      nock(PLAID_SANDBOX)
        .post('/processor/token/create')
        .reply(200, () => {
          tokenRequested();
          return { processor_token: 'processor-sandbox-unit-1', request_id: 'plaid-req-processor-1' };
        });
      // The accounts answer waits for the processor token request; a link that asked for the token only
      // after the accounts answer would be answered after 2 s instead, and the test would see 'accounts first'.
      let order: string | undefined;
      nock(PLAID_SANDBOX)
        .post('/accounts/get')
        .reply((_uri, _body, callback) => {
          const fallback = new Promise<'accounts first'>((resolve) =>
            setTimeout(() => resolve('accounts first'), 2000).unref(),
          );
          void Promise.race([tokenSeen, fallback]).then((seen) => {
            order = seen;
            callback(null, [
              200,
              {
                accounts: [plaidAccount(ACCOUNT_ID, 'depository', 'checking')],
                item: { item_id: ITEM_ID, institution_id: 'ins_109508', webhook: null, error: null },
                request_id: 'plaid-req-accounts',
              },
            ]);
          });
        });
      nock(SANDBOX)
        .post(FUNDING_SOURCES)
        .reply(201, '', { Location: `${SANDBOX}/funding-sources/${FS_ID}` });
      const result = await adapter().link({
        accessToken: ACCESS_TOKEN,
        accountId: ACCOUNT_ID,
        customer: CUSTOMER_ID,
        name: 'Checking',
      });
      expect(order).toBe('token first');
      expect(result).toMatchObject({ created: true, processorTokenRequestId: 'plaid-req-processor-1' });
    });

    it('a refused account fails with the refusal even when the processor token failed too, with no Dwolla call', async () => {
      nockPlaidAccounts([
        {
          ...plaidAccount(ACCOUNT_ID, 'depository', 'checking'),
          balances: { available: 1, current: 1, iso_currency_code: 'CAD' },
        },
      ]);
      nock(PLAID_SANDBOX).post('/processor/token/create').reply(400, plaidError('ITEM_LOGIN_REQUIRED'));
      // No Dwolla interceptor and net connect disabled: a Dwolla call would fail the link differently.
      const error = await rejectionOf(
        adapter().link({
          accessToken: ACCESS_TOKEN,
          accountId: ACCOUNT_ID,
          customer: CUSTOMER_ID,
          name: 'C',
        }),
      );
      expect(AccountNotDebitableError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ reason: 'non_us_account', processor: 'dwolla' });
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('an accounts read that fails wins over a processor token that succeeded (the token is dropped)', async () => {
      nock(PLAID_SANDBOX).post('/accounts/get').reply(400, plaidError('ITEM_LOGIN_REQUIRED'));
      nockProcessorToken();
      const error = await rejectionOf(
        adapter().link({
          accessToken: ACCESS_TOKEN,
          accountId: ACCOUNT_ID,
          customer: CUSTOMER_ID,
          name: 'C',
        }),
      );
      expect(PlaidApiError.isInstance(error) && error.errorCode).toBe('ITEM_LOGIN_REQUIRED');
      expect(JSON.stringify(error)).not.toContain('processor-sandbox-unit-1');
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('a processor token that fails after a good accounts read fails the link before any Dwolla write', async () => {
      nockToken();
      nockPlaidAccounts([plaidAccount(ACCOUNT_ID, 'depository', 'checking')]);
      nock(PLAID_SANDBOX).post('/processor/token/create').reply(400, plaidError('ITEM_LOGIN_REQUIRED'));
      const error = await rejectionOf(
        adapter().link({
          accessToken: ACCESS_TOKEN,
          accountId: ACCOUNT_ID,
          customer: CUSTOMER_ID,
          name: 'C',
        }),
      );
      expect(PlaidApiError.isInstance(error) && error.errorCode).toBe('ITEM_LOGIN_REQUIRED');
    });

    it('a TAN re-link that finds its funding source ignores a processor token call that failed', async () => {
      nockToken();
      nockPlaidAccounts([
        { ...plaidAccount(ACCOUNT_ID, 'depository', 'checking'), persistent_account_id: 'persistent-unit-1' },
      ]);
      nock(PLAID_SANDBOX).post('/processor/token/create').reply(400, plaidError('ITEM_LOGIN_REQUIRED'));
      nock(SANDBOX)
        .get(FUNDING_SOURCES)
        .query({ removed: 'false' })
        .reply(200, {
          _embedded: {
            'funding-sources': [
              { ...fundingSource, name: fundingSourceName('Checking', 'persistent-unit-1') },
            ],
          },
          total: 1,
        });
      const result = await adapter().link({
        accessToken: ACCESS_TOKEN,
        accountId: ACCOUNT_ID,
        customer: CUSTOMER_ID,
        name: 'Checking',
      });
      expect(result).toMatchObject({
        created: false,
        processorTokenRequestId: '',
        fundingSource: { id: FS_ID, created: false },
      });
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('rejects an account still pending micro-deposit verification', async () => {
      nockPlaidAccounts([
        {
          ...plaidAccount(ACCOUNT_ID, 'depository', 'checking'),
          verification_status: 'pending_manual_verification',
        },
      ]);
      const error = await rejectionOf(
        adapter().link({
          accessToken: ACCESS_TOKEN,
          accountId: ACCOUNT_ID,
          customer: CUSTOMER_ID,
          name: 'C',
        }),
      );
      expect((error as Error).message).toMatch(/not verified yet/);
    });

    it('requires exactly one of publicToken and accessToken', async () => {
      const both = await rejectionOf(
        adapter().link({
          publicToken: 'public-sandbox-a1',
          accessToken: ACCESS_TOKEN,
          accountId: ACCOUNT_ID,
          customer: CUSTOMER_ID,
          name: 'C',
        }),
      );
      expect(InputValidationError.isInstance(both) && both.field).toBe('publicToken');
      const neither = await rejectionOf(
        adapter().link({ accountId: ACCOUNT_ID, customer: CUSTOMER_ID, name: 'C' }),
      );
      expect(InputValidationError.isInstance(neither) && neither.field).toBe('publicToken');
    });
  });

  describe('funding source management and customers', () => {
    it('lists a customer funding sources, leaving out removed ones when asked', async () => {
      nockToken();
      nock(SANDBOX)
        .get(FUNDING_SOURCES)
        .query({ removed: 'false' })
        .reply(200, { _embedded: { 'funding-sources': [fundingSource] }, total: 1 });
      const list = await adapter().listFundingSources(CUSTOMER_ID, { removed: false });
      expect(list.map((source) => source.id)).toEqual([FS_ID]);
    });

    it('removes a funding source (POST removed: true) and returns it', async () => {
      nockToken();
      nock(SANDBOX)
        .post(`/funding-sources/${FS_ID}`, { removed: true })
        .reply(200, { ...fundingSource, removed: true });
      const removed = await adapter().removeFundingSource(FS_ID);
      expect(removed).toMatchObject({ id: FS_ID, removed: true });
    });

    it('treats removing an already removed funding source as done', async () => {
      nockToken();
      nock(SANDBOX)
        .post(`/funding-sources/${FS_ID}`)
        .reply(403, { code: 'InvalidResourceState', message: 'Resource cannot be modified.' });
      nock(SANDBOX)
        .get(`/funding-sources/${FS_ID}`)
        .reply(200, { ...fundingSource, removed: true });
      const removed = await adapter().removeFundingSource(`${SANDBOX}/funding-sources/${FS_ID}`);
      expect(removed.removed).toBe(true);
    });

    it('creates an unverified customer idempotently; a Duplicate answer (a concurrent create) returns the existing one', async () => {
      nockToken();
      const keys: unknown[] = [];
      // Neither call finds the email first (both raced past the lookup).
      nock(SANDBOX)
        .get('/customers')
        .query({ email: 'jane@example.com', limit: '25' })
        .twice()
        .reply(200, { _embedded: { customers: [] }, total: 0 });
      nock(SANDBOX)
        .post('/customers', {
          firstName: 'Jane',
          lastName: 'Doe',
          email: 'jane@example.com',
          type: 'unverified',
        })
        .reply(function () {
          keys.push(this.req.headers['idempotency-key']);
          return [201, '', { Location: `${SANDBOX}/customers/${CUSTOMER_ID}` }];
        });
      nock(SANDBOX)
        .post('/customers')
        .reply(function () {
          keys.push(this.req.headers['idempotency-key']);
          return [
            400,
            {
              code: 'ValidationError',
              message: 'Validation error(s) present. See embedded errors list for more details.',
              _embedded: {
                errors: [
                  {
                    code: 'Duplicate',
                    message: 'A customer with the specified email already exists.',
                    path: '/email',
                    _links: { about: { href: `${SANDBOX}/customers/${CUSTOMER_ID}` } },
                  },
                ],
              },
            },
          ];
        });
      nock(SANDBOX).get(`/customers/${CUSTOMER_ID}`).twice().reply(200, fixtures['customer']);
      const dwolla = adapter();
      const input = { firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com' };
      const first = await dwolla.createCustomer(input);
      const second = await dwolla.createCustomer(input);
      expect(first).toMatchObject({
        id: CUSTOMER_ID,
        created: true,
        status: 'unverified',
        email: 'jane@example.com',
      });
      expect(second).toMatchObject({ id: CUSTOMER_ID, created: false });
      expect(keys[0]).toBe(keys[1]);
    });

    it('an identical repeat finds the customer by email and reports created: false without a second POST', async () => {
      nockToken();
      nock(SANDBOX)
        .get('/customers')
        .query({ email: 'jane@example.com', limit: '25' })
        .reply(200, { _embedded: { customers: [fixtures['customer']] }, total: 1 });
      const post = nock(SANDBOX)
        .post('/customers')
        .reply(201, '', {
          Location: `${SANDBOX}/customers/${CUSTOMER_ID}`,
        });
      const again = await adapter().createCustomer({
        firstName: 'Jane',
        lastName: 'Doe',
        email: 'jane@example.com',
      });
      expect(again).toMatchObject({ id: CUSTOMER_ID, created: false, email: 'jane@example.com' });
      expect(post.isDone()).toBe(false);
      nock.cleanAll();
    });

    it('validates customer input naming the field', async () => {
      const error = await rejectionOf(
        adapter().createCustomer({ firstName: 'Ja<ne', lastName: 'Doe', email: 'jane@example.com' }),
      );
      expect(InputValidationError.isInstance(error) && error.field).toBe('firstName');
      const email = await rejectionOf(
        adapter().createCustomer({ firstName: 'Jane', lastName: 'Doe', email: 'nope' }),
      );
      expect(InputValidationError.isInstance(email) && email.field).toBe('email');
    });

    it('createProcessorToken calls Plaid with processor dwolla', async () => {
      nockProcessorToken();
      const result = await adapter().createProcessorToken({
        accessToken: ACCESS_TOKEN,
        accountId: ACCOUNT_ID,
      });
      expect(result).toEqual({
        processorToken: 'processor-sandbox-unit-1',
        requestId: 'plaid-req-processor-1',
      });
    });

    it('rejects bad dependencies at construction', () => {
      expect(() => createDwollaAdapter({ plaid: {} as never, dwolla: testClient() })).toThrow(
        InputValidationError,
      );
    });
  });
});
