import { describe, expect, it } from 'vitest';
import { ACME_PROCESSOR, createAcmeModule } from '../../test/acme-provider.test-helpers.js';
import { createClock } from '../clock.js';
import { createControlRouter } from '../control/control-router.js';
import { createFaultRegistry } from '../faults.js';
import { createPlaidModule } from '../plaid/plaid-module.js';
import {
  DEFAULT_CREDENTIALS,
  type EmulatorRequest,
  type ModuleContext,
  type ProviderModule,
} from '../types.js';
import { createTokenBridge } from './token-bridge.js';

function request(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): EmulatorRequest {
  return {
    method,
    path,
    query: new URLSearchParams(),
    headers: { host: '127.0.0.1:4010', 'content-type': 'application/json', ...headers },
    rawBody: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
    origin: 'http://127.0.0.1:4010',
  };
}

async function plaid(module: ProviderModule, path: string, body: Record<string, unknown>) {
  const { clientId, secret } = DEFAULT_CREDENTIALS.plaid;
  const answer = await module.handle(request('POST', path, { client_id: clientId, secret, ...body }));
  return answer.body as Record<string, unknown>;
}

describe('a provider built only on the kernel, next to the real Plaid module', () => {
  it('gets Plaid processor tokens for its own name, routes, replays, returns payments and resets by name', async () => {
    const clock = createClock();
    const bridge = createTokenBridge();
    const context: ModuleContext = {
      clock,
      bridge,
      credentials: DEFAULT_CREDENTIALS,
      options: { dwollaTokenTtlSeconds: 3600, webhookRetryDelayMs: 10, webhookTimeoutMs: 1000 },
    };
    const plaidModule = createPlaidModule(context);
    const acme = createAcmeModule(context);
    const modules = [plaidModule, acme];
    const control = createControlRouter({ modules, faults: createFaultRegistry(), clock, bridge });

    const created = await plaid(plaidModule, '/sandbox/public_token/create', {
      institution_id: 'ins_109508',
      initial_products: ['auth'],
    });
    const exchanged = await plaid(plaidModule, '/item/public_token/exchange', {
      public_token: created['public_token'],
    });
    const accounts = await plaid(plaidModule, '/accounts/get', { access_token: exchanged['access_token'] });
    const accountId = (accounts['accounts'] as Array<{ account_id: string }>)[0]?.account_id;
    const minted = await plaid(plaidModule, '/processor/token/create', {
      access_token: exchanged['access_token'],
      account_id: accountId,
      processor: ACME_PROCESSOR,
    });
    const token = String(minted['processor_token']);
    expect(token).toMatch(/^processor-sandbox-/);

    const key = { 'idempotency-key': 'acme-1' };
    const first = await acme.handle(request('POST', '/accounts', { processor_token: token }, key));
    expect(first.status).toBe(201);
    expect(await acme.handle(request('POST', '/accounts', { processor_token: token }, key))).toEqual(first);
    expect((await acme.handle(request('POST', '/accounts', { processor_token: token }))).status).toBe(400);
    expect((await acme.handle(request('GET', '/accounts/acct_1'))).status).toBe(200);
    expect((await acme.handle(request('DELETE', '/accounts/acct_1'))).headers).toEqual({ Allow: 'GET' });

    const returned = await control(
      request('POST', '/__emulator/acme/payments/pay_1/return', { code: 'R02' }),
    );
    expect(returned).toMatchObject({
      status: 200,
      body: { payment: { id: 'pay_1', status: 'returned:R02' } },
    });

    const state = await control(request('GET', '/__emulator/state'));
    // Its snapshot is derived from the declared state: the count and the projected list, never the idempotency answers.
    expect(state.body).toMatchObject({
      bridge: { acmeProcessorTokens: 1 },
      acme: { accounts: 1, payments: [{ id: 'pay_1', status: 'returned:R02' }] },
    });
    expect(Object.keys((state.body as { acme: object }).acme)).toEqual(['accounts', 'payments']);
    await control(request('POST', '/__emulator/reset'));
    expect(acme.snapshot()).toEqual({ accounts: 0, payments: [] });
    expect(bridge.counts()).toEqual({ acmeProcessorTokens: 0 });
  });
});
