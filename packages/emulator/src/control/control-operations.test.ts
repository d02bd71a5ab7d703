import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClock } from '../clock.js';
import { createFaultRegistry } from '../faults.js';
import { createTokenBridge } from '../kernel/token-bridge.js';
import { type RunningEmulator, startEmulator } from '../start-emulator.js';
import type { EmulatorRequest, EmulatorResponse, ProviderModule } from '../types.js';
import { createControlRouter } from './control-router.js';

/** A provider module named `name` whose control routes echo the path they were asked for. */
function fakeModule(name: string, withReturn: boolean): ProviderModule {
  const answer = (status: number): EmulatorResponse => ({ status, body: {} });
  return {
    name,
    prefix: `/${name}`,
    handle: async () => answer(200),
    faultResponse: (status) => answer(status),
    malformedRequest: () => answer(400),
    snapshot: () => ({}),
    reset: () => undefined,
    ...(withReturn
      ? { controlOperations: { returnPayment: (id: string) => `/charges/${encodeURIComponent(id)}/bounce` } }
      : {}),
    handleControl: async (request) => ({
      status: 200,
      body: { path: request.path, body: request.rawBody.toString('utf8') },
    }),
  };
}

function post(path: string, body: string): EmulatorRequest {
  return {
    method: 'POST',
    path,
    query: new URLSearchParams(),
    headers: { host: '127.0.0.1:4010', 'content-type': 'application/json' },
    rawBody: Buffer.from(body),
    origin: 'http://127.0.0.1:4010',
  };
}

describe('POST /__emulator/{provider}/payments/{id}/return', () => {
  const route = createControlRouter({
    modules: [fakeModule('acme-pay', true), fakeModule('quiet-pay', false)],
    faults: createFaultRegistry(),
    clock: createClock(),
    bridge: createTokenBridge(),
  });

  it('dispatches any registered provider name to the control route its module declared', async () => {
    const answer = await route(post('/__emulator/acme-pay/payments/ch%2F1/return', '{"code":"R01"}'));
    expect(answer).toMatchObject({
      status: 200,
      body: { path: '/charges/ch%2F1/bounce', body: '{"code":"R01"}' },
    });
  });

  it('answers an unknown provider with a 404 JSON error naming the known ones', async () => {
    const answer = await route(post('/__emulator/paypal/payments/p1/return', '{"code":"R01"}'));
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({
      error: {
        code: 'unknown_provider',
        message: "No emulated provider 'paypal' (known: acme-pay, quiet-pay).",
        field: 'provider',
      },
    });
  });

  it('answers a provider without the operation with a 404 JSON error', async () => {
    const answer = await route(post('/__emulator/quiet-pay/payments/p1/return', '{"code":"R01"}'));
    expect(answer).toMatchObject({ status: 404, body: { error: { code: 'operation_not_supported' } } });
  });
});

describe('control client returnPayment by provider name', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator?.close());

  it('reaches each built-in provider’s own return route (unknown payment → that provider’s 404)', async () => {
    const cases = [
      ['stripe', 'pi_missing', 'payment_intent_not_found'],
      ['dwolla', '00000000-0000-4000-8000-000000000000', 'transfer_not_found'],
      ['modern-treasury', 'missing-order', 'payment_order_not_found'],
    ] as const;
    for (const [provider, paymentId, code] of cases) {
      await expect(
        emulator.control.returnPayment({ provider, paymentId, code: 'R01' }),
      ).rejects.toMatchObject({
        name: 'EmulatorControlError',
        status: 404,
        code,
      });
    }
  });

  it('gets a 404 EmulatorControlError, never a 500, for an unknown provider or one without returns', async () => {
    for (const [provider, code] of [
      ['paypal', 'unknown_provider'],
      ['plaid', 'operation_not_supported'],
    ] as const) {
      await expect(
        emulator.control.returnPayment({ provider, paymentId: 'x', code: 'R01' }),
      ).rejects.toMatchObject({
        status: 404,
        code,
      });
    }
  });

  it('filters webhook deliveries by any module that sends webhooks and refuses other names with 400', async () => {
    expect(await emulator.control.webhooks({ provider: 'stripe' })).toEqual([]);
    await expect(emulator.control.webhooks({ provider: 'modern-treasury' })).rejects.toMatchObject({
      status: 400,
      code: 'invalid_input',
    });
  });

  it('lists every module’s snapshot by name in state().providers', async () => {
    const state = await emulator.control.state();
    expect(Object.keys(state.providers).sort()).toEqual(['dwolla', 'modern-treasury', 'plaid', 'stripe']);
    expect(state.providers['modern-treasury']).toEqual(state.modernTreasury);
  });
});
