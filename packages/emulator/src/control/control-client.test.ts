import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { linkSandboxItem, plaidPost } from '../../test/emulator.test-helpers.js';
import { EmulatorControlError, EmulatorInputError } from '../emulator-errors.js';
import { type RunningEmulator, startEmulator } from '../start-emulator.js';
import { createControlClient } from './control-client.js';

describe('control client', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  beforeEach(() => emulator.control.reset());
  afterAll(() => emulator.close());

  it('public tokens expire after 30 emulated minutes (clock control)', async () => {
    const fresh = await plaidPost(emulator, '/sandbox/public_token/create', {
      institution_id: 'ins_109508',
      initial_products: ['auth'],
    });
    const stale = await plaidPost(emulator, '/sandbox/public_token/create', {
      institution_id: 'ins_109508',
      initial_products: ['auth'],
    });
    const clock = await emulator.control.advanceClock(29 * 60 * 1000);
    expect(clock.offsetMs).toBe(29 * 60 * 1000);
    expect(
      (await plaidPost(emulator, '/item/public_token/exchange', { public_token: fresh.body['public_token'] }))
        .status,
    ).toBe(200);
    await emulator.control.advanceClock(60 * 1000);
    const expired = await plaidPost(emulator, '/item/public_token/exchange', {
      public_token: stale.body['public_token'],
    });
    expect(expired.status).toBe(400);
    expect(expired.body).toMatchObject({ error_code: 'INVALID_PUBLIC_TOKEN', error_type: 'INVALID_INPUT' });
    expect(String(expired.body['error_message'])).toMatch(/expired/);
    expect((await emulator.control.resetClock()).offsetMs).toBe(0);
  });

  it('state, faults, reset round-trip with typed results', async () => {
    await linkSandboxItem(emulator);
    const fault = await emulator.control.addFault({
      path: '/plaid/item/get',
      kind: 'status',
      status: 500,
      times: 3,
    });
    expect(fault).toMatchObject({ kind: 'status', status: 500, remaining: 3 });
    const state = await emulator.control.state();
    expect(state.faults.map((listed) => listed.id)).toEqual([fault.id]);
    expect(state.plaid['counts']).toMatchObject({ items: 1 });
    expect(state.stripe).toBeTypeOf('object');
    expect(state.dwolla).toBeTypeOf('object');
    await emulator.control.removeFault(fault.id);
    expect(await emulator.control.faults()).toEqual([]);
    await emulator.control.addFault({ path: '/plaid/item/get', kind: 'drop' });
    await emulator.control.clearFaults();
    expect(await emulator.control.faults()).toEqual([]);
    await emulator.control.reset();
    expect((await emulator.control.state()).plaid['counts']).toMatchObject({ items: 0 });
  });

  it('Plaid helpers: public token for an existing Item and repair after reset_login', async () => {
    const { accessToken, itemId } = await linkSandboxItem(emulator);
    await plaidPost(emulator, '/sandbox/item/reset_login', { access_token: accessToken });
    const minted = await emulator.control.plaid.createPublicToken(itemId);
    expect(minted.public_token).toMatch(/^public-sandbox-[0-9a-f-]{36}$/);
    expect(minted.item_id).toBe(itemId);
    const repaired = await emulator.control.plaid.repairItem(itemId);
    expect((repaired['item'] as Record<string, unknown>)['error']).toBeNull();
    expect((await plaidPost(emulator, '/accounts/get', { access_token: accessToken })).status).toBe(200);
  });

  it('validates inputs locally with a typed error naming the field', async () => {
    await expect(emulator.control.advanceClock(-1)).rejects.toMatchObject({
      name: 'EmulatorInputError',
      field: 'ms',
    });
    await expect(emulator.control.addFault({ path: 'nope', kind: 'drop' })).rejects.toBeInstanceOf(
      EmulatorInputError,
    );
    await expect(emulator.control.removeFault('')).rejects.toMatchObject({ field: 'id' });
    await expect(emulator.control.plaid.repairItem('')).rejects.toMatchObject({ field: 'itemId' });
    expect(() => createControlClient('not a url')).toThrow(EmulatorInputError);
    expect(() => createControlClient('ftp://127.0.0.1:1')).toThrow(EmulatorInputError);
    await expect(emulator.control.request('get post', '/__emulator/health')).rejects.toMatchObject({
      field: 'method',
    });
    await expect(emulator.control.request('GET', '/elsewhere')).rejects.toMatchObject({ field: 'path' });
    const webhooks = emulator.control.webhooks as (options: unknown) => Promise<unknown>;
    await expect(webhooks({ provider: 'paypal' })).rejects.toMatchObject({ field: 'provider' });
    const rotate = emulator.control.plaid.rotateWebhookKey as (options: unknown) => Promise<unknown>;
    await expect(rotate({ expirePrevious: 'yes' })).rejects.toMatchObject({ field: 'expirePrevious' });
    await expect(webhooks('plaid')).rejects.toMatchObject({ name: 'EmulatorInputError', field: 'options' });
    await expect(rotate(null)).rejects.toMatchObject({ name: 'EmulatorInputError', field: 'options' });
    await expect(emulator.control.plaid.expireWebhookKey('')).rejects.toMatchObject({ field: 'keyId' });
  });

  it('webhook helpers: deliveries list and typed webhook key rotation', async () => {
    expect(await emulator.control.webhooks()).toEqual([]);
    const before = await emulator.control.plaid.webhookKeys();
    const rotation = await emulator.control.plaid.rotateWebhookKey();
    expect(rotation.previous_key_id).toBe(before.current_key_id);
    expect(rotation.current_key_id).toBe(rotation.key_id);
    expect(rotation.keys.map((key) => key.kid)).toEqual([
      ...before.keys.map((key) => key.kid),
      rotation.key_id,
    ]);
    const expired = await emulator.control.plaid.expireWebhookKey(before.current_key_id);
    expect(expired).toMatchObject({
      kid: before.current_key_id,
      alg: 'ES256',
      expired_at: expect.any(Number),
    });
    expect((await emulator.control.request('GET', '/__emulator/plaid/webhook_key')) as unknown).toEqual({
      key_id: rotation.key_id,
    });
  });

  it('turns control API errors into EmulatorControlError with status, code and field', async () => {
    const missing = emulator.control.plaid.repairItem('no-such-item');
    await expect(missing).rejects.toBeInstanceOf(EmulatorControlError);
    await expect(missing).rejects.toMatchObject({ status: 404, code: 'item_not_found' });
    await expect(emulator.control.request('POST', '/__emulator/clock', {})).rejects.toMatchObject({
      status: 400,
      code: 'invalid_input',
      field: 'advanceMs',
    });
    expect(await emulator.control.request('get', '/__emulator/health')).toEqual({ ok: true });
  });

  it('reports an unreachable emulator as a network error', async () => {
    const gone = await startEmulator();
    await gone.close();
    await expect(gone.control.state()).rejects.toMatchObject({
      name: 'EmulatorControlError',
      status: 0,
      code: 'network_error',
    });
  });
});
