import { createOpenApiValidator } from '@achbridge/specs/openapi-validator';
import ModernTreasury, { APIError } from 'modern-treasury';
import { Configuration, PlaidApi, ProcessorTokenCreateRequestProcessorEnum, Products } from 'plaid';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../start-emulator.js';
import { MT_PAYMENT_TIMELINE } from './mt-payment-lifecycle.js';

const spec = createOpenApiValidator('modern-treasury');

let emulator: RunningEmulator;
let plaid: PlaidApi;

function modernTreasury(apiKey = emulator.modernTreasury.apiKey): ModernTreasury {
  return new ModernTreasury({
    apiKey,
    organizationID: emulator.modernTreasury.organizationId,
    baseURL: emulator.modernTreasury.baseUrl,
    maxRetries: 0,
  });
}

/** Plaid Sandbox with the official SDK: public token → access token → a `modern_treasury` processor token. */
async function processorToken(): Promise<string> {
  const publicToken = await plaid.sandboxPublicTokenCreate({
    institution_id: 'ins_109508',
    initial_products: [Products.Auth],
  });
  const exchange = await plaid.itemPublicTokenExchange({ public_token: publicToken.data.public_token });
  const accounts = await plaid.accountsGet({ access_token: exchange.data.access_token });
  const checking = accounts.data.accounts.find((account) => account.subtype === 'checking');
  if (!checking) throw new Error('no checking account');
  const token = await plaid.processorTokenCreate({
    access_token: exchange.data.access_token,
    account_id: checking.account_id,
    processor: ProcessorTokenCreateRequestProcessorEnum.ModernTreasury,
  });
  return token.data.processor_token;
}

async function rejection(promise: Promise<unknown>): Promise<APIError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof APIError) return error;
    throw error;
  }
  throw new Error('expected the SDK call to reject');
}

beforeAll(async () => {
  emulator = await startEmulator();
  plaid = new PlaidApi(
    new Configuration({
      basePath: emulator.plaid.baseUrl,
      baseOptions: {
        headers: { 'PLAID-CLIENT-ID': emulator.plaid.clientId, 'PLAID-SECRET': emulator.plaid.secret },
      },
    }),
  );
});
afterAll(async () => {
  await emulator?.close();
});
beforeEach(async () => {
  await emulator.control.reset();
});

describe('official modern-treasury SDK against the running emulator', () => {
  it('ping, counterparty, external account from a processor token, ACH debit, settlement', async () => {
    const mt = modernTreasury();
    expect(await mt.ping()).toEqual({ ping: 'pong' });

    const counterparty = await mt.counterparties.create({ name: 'Jane Doe', email: 'jane@example.com' });
    expect(spec.responseErrors('POST', '/api/counterparties', 201, counterparty)).toBeUndefined();

    const token = await processorToken();
    const accountRequest = {
      counterparty_id: counterparty.id,
      plaid_processor_token: token,
      external_id: 'achbridge-sdk-contract',
      metadata: { source: 'plaid' },
    };
    expect(spec.requestErrors('POST', '/api/external_accounts', accountRequest)).toBeUndefined();
    const account = await mt.externalAccounts.create(accountRequest, { idempotencyKey: 'link-1' });
    expect(spec.responseErrors('POST', '/api/external_accounts', 201, account)).toBeUndefined();
    expect(account).toMatchObject({ verification_source: 'plaid', verification_status: 'verified' });

    const replayed = await mt.externalAccounts.create(accountRequest, { idempotencyKey: 'link-1' });
    expect(replayed.id).toBe(account.id);
    const listed = await mt.externalAccounts.list({ external_id: 'achbridge-sdk-contract' });
    expect(listed.items.map((item) => item.id)).toEqual([account.id]);
    for (const item of listed.items) {
      expect(spec.schemaErrors('ExternalAccount', item)).toBeUndefined();
    }

    const internal = await mt.internalAccounts.list();
    expect(internal.items).toHaveLength(1);
    expect(spec.schemaErrors('InternalAccount', internal.items[0])).toBeUndefined();
    const orderRequest = {
      type: 'ach' as const,
      direction: 'debit' as const,
      amount: 1099,
      originating_account_id: internal.items[0]?.id ?? '',
      receiving_account_id: account.id,
      description: 'Order 1',
    };
    expect(spec.requestErrors('POST', '/api/payment_orders', orderRequest)).toBeUndefined();
    const order = await mt.paymentOrders.create(orderRequest, { idempotencyKey: 'order-1' });
    expect(spec.responseErrors('POST', '/api/payment_orders', 201, order)).toBeUndefined();
    expect(order.status).toBe('approved');
    const again = await mt.paymentOrders.create(orderRequest, { idempotencyKey: 'order-1' });
    expect(again.id).toBe(order.id);

    await emulator.control.advanceClock(MT_PAYMENT_TIMELINE.completedAfterMs);
    const settled = await mt.paymentOrders.retrieve(order.id);
    expect(settled.status).toBe('completed');
    expect(spec.responseErrors('GET', '/api/payment_orders/{id}', 200, settled)).toBeUndefined();
  });

  it('a return reaches the SDK as current_return and in the returns list', async () => {
    const mt = modernTreasury();
    const counterparty = await mt.counterparties.create({
      name: 'Jane Doe',
      accounts: [{ plaid_processor_token: await processorToken() }],
    });
    const receiving = counterparty.accounts[0]?.id ?? '';
    const [internal] = (await mt.internalAccounts.list()).items;
    const order = await mt.paymentOrders.create({
      type: 'ach',
      direction: 'debit',
      amount: 500,
      originating_account_id: internal?.id ?? '',
      receiving_account_id: receiving,
    });
    await emulator.control.advanceClock(MT_PAYMENT_TIMELINE.sentAfterMs);
    await emulator.control.request('POST', `/__emulator/modern-treasury/payment-orders/${order.id}/return`, {
      code: 'R01',
    });
    const returned = await mt.paymentOrders.retrieve(order.id);
    expect(returned.status).toBe('returned');
    expect(returned.current_return?.code).toBe('R01');
    expect(spec.responseErrors('GET', '/api/payment_orders/{id}', 200, returned)).toBeUndefined();
    const returns = await mt.returns.list({ returnable_id: order.id, returnable_type: 'payment_order' });
    expect(returns.items.map((item) => item.code)).toEqual(['R01']);
  });

  it('pages through a list with the SDK auto-pagination (X-After-Cursor)', async () => {
    const mt = modernTreasury();
    for (let index = 0; index < 5; index += 1) await mt.counterparties.create({ name: `C${index}` });
    const names: (string | null)[] = [];
    for await (const counterparty of mt.counterparties.list({ per_page: 2 })) names.push(counterparty.name);
    expect(names).toEqual(['C0', 'C1', 'C2', 'C3', 'C4']);
  });

  it('errors reach the SDK as APIError with the errors body, which the spec documents', async () => {
    const mt = modernTreasury();
    const missing = await rejection(mt.externalAccounts.retrieve('00000000-0000-4000-8000-000000000000'));
    expect(missing.status).toBe(404);
    expect(spec.responseErrors('GET', '/api/external_accounts/{id}', 404, missing.error)).toBeUndefined();
    const counterparty = await mt.counterparties.create({ name: 'Jane Doe' });
    const token = await processorToken();
    await mt.externalAccounts.create({ counterparty_id: counterparty.id, plaid_processor_token: token });
    const reused = await rejection(
      mt.externalAccounts.create({ counterparty_id: counterparty.id, plaid_processor_token: token }),
    );
    expect(reused.status).toBe(422);
    expect(reused.error).toEqual({
      errors: {
        code: 'parameter_invalid',
        message: 'The Plaid processor token has already been used',
        parameter: 'plaid_processor_token',
      },
    });
    const unauthorized = await rejection(modernTreasury('wrong-key').ping());
    expect(unauthorized.status).toBe(401);
    expect(spec.schemaErrors('Error', unauthorized.error)).toBeUndefined();
  });
});
