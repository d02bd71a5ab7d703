import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { linkSandboxItem, rawRequest } from '../../test/emulator.test-helpers.js';
import { type RunningEmulator, startEmulator } from '../start-emulator.js';

async function control(emulator: RunningEmulator, method: string, path: string, body?: string) {
  const answer = await rawRequest(`${emulator.url}${path}`, {
    method,
    headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
    body,
  });
  return {
    status: answer.status,
    body: JSON.parse(answer.text) as Record<string, unknown>,
    headers: answer.headers,
  };
}

describe('control API over HTTP', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterEach(() => emulator.control.reset());
  afterAll(() => emulator.close());

  it('GET /__emulator/health', async () => {
    const answer = await control(emulator, 'GET', '/__emulator/health');
    expect(answer).toMatchObject({ status: 200, body: { ok: true } });
    expect(answer.headers['x-request-id']).toBeDefined();
  });

  it('GET /__emulator/state gathers every module’s snapshot, the clock, faults and bridge counts', async () => {
    await linkSandboxItem(emulator);
    const answer = await control(emulator, 'GET', '/__emulator/state');
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body).sort()).toEqual([
      'bridge',
      'clock',
      'dwolla',
      'faults',
      'modern-treasury',
      'plaid',
      'stripe',
    ]);
    expect(answer.body['plaid']).toMatchObject({ counts: { items: 1 } });
    expect(answer.body['bridge']).toEqual({ stripeBankAccountTokens: 0, dwollaProcessorTokens: 0 });
  });

  it('POST /__emulator/reset drops state, faults and the clock offset', async () => {
    await linkSandboxItem(emulator);
    await control(emulator, 'POST', '/__emulator/faults', JSON.stringify({ path: '/plaid/x', kind: 'drop' }));
    await control(emulator, 'POST', '/__emulator/clock', JSON.stringify({ advanceSeconds: 60 }));
    expect(await control(emulator, 'POST', '/__emulator/reset')).toMatchObject({
      status: 200,
      body: { reset: true },
    });
    const state = (await control(emulator, 'GET', '/__emulator/state')).body;
    expect(state['plaid']).toMatchObject({ counts: { items: 0 } });
    expect(state['faults']).toEqual([]);
    expect(state['clock']).toMatchObject({ offsetMs: 0 });
  });

  it('GET/POST /__emulator/clock advances, resets and validates', async () => {
    expect((await control(emulator, 'GET', '/__emulator/clock')).body).toMatchObject({ offsetMs: 0 });
    const advanced = await control(
      emulator,
      'POST',
      '/__emulator/clock',
      JSON.stringify({ advanceMs: 1500 }),
    );
    expect(advanced.body).toMatchObject({ offsetMs: 1500 });
    const seconds = await control(
      emulator,
      'POST',
      '/__emulator/clock',
      JSON.stringify({ advanceSeconds: 2 }),
    );
    expect(seconds.body).toMatchObject({ offsetMs: 3500 });
    expect(Date.parse(String(seconds.body['now']))).toBe(seconds.body['nowMs']);
    const reset = await control(
      emulator,
      'POST',
      '/__emulator/clock',
      JSON.stringify({ reset: true, advanceMs: 10 }),
    );
    expect(reset.body).toMatchObject({ offsetMs: 10 });
    for (const [body, field] of [
      ['{}', 'advanceMs'],
      ['{"advanceMs":-1}', 'advanceMs'],
      ['{"advanceMs":1,"advanceSeconds":1}', 'advanceSeconds'],
      ['{"backwards":true}', 'backwards'],
      ['not json', 'body'],
    ] as const) {
      const bad = await control(emulator, 'POST', '/__emulator/clock', body);
      expect(bad.status).toBe(400);
      expect(bad.body).toEqual({ error: expect.objectContaining({ code: 'invalid_input', field }) });
    }
  });

  it('POST/GET/DELETE /__emulator/faults', async () => {
    const created = await control(
      emulator,
      'POST',
      '/__emulator/faults',
      JSON.stringify({ path: '/plaid/item/get', kind: 'drop', times: 2 }),
    );
    expect(created.status).toBe(201);
    const fault = created.body['fault'] as Record<string, unknown>;
    expect(fault).toMatchObject({
      method: '*',
      path: '/plaid/item/get',
      kind: 'drop',
      remaining: 2,
      matched: 0,
    });
    expect((await control(emulator, 'GET', '/__emulator/faults')).body['faults']).toHaveLength(1);
    expect((await control(emulator, 'DELETE', `/__emulator/faults/${String(fault['id'])}`)).status).toBe(200);
    expect((await control(emulator, 'DELETE', `/__emulator/faults/${String(fault['id'])}`)).status).toBe(404);
    await control(emulator, 'POST', '/__emulator/faults', JSON.stringify({ path: '/a', kind: 'drop' }));
    await control(emulator, 'POST', '/__emulator/faults', JSON.stringify({ path: '/b', kind: 'drop' }));
    expect((await control(emulator, 'DELETE', '/__emulator/faults')).body).toEqual({ faults: [] });
    const bad = await control(
      emulator,
      'POST',
      '/__emulator/faults',
      JSON.stringify({ path: '/a', kind: 'status' }),
    );
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid_input', field: 'status' } } });
  });

  it('unknown control routes get a 404; a known route with another method a 405 with Allow', async () => {
    expect(await control(emulator, 'GET', '/__emulator/teleport')).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found' } },
    });
    const wrongMethod = await control(emulator, 'PUT', '/__emulator/state');
    expect(wrongMethod).toMatchObject({ status: 405, body: { error: { code: 'method_not_allowed' } } });
    expect(wrongMethod.headers['allow']).toBe('GET');
    expect((await control(emulator, 'PATCH', '/__emulator/faults')).headers['allow']).toBe(
      'GET, POST, DELETE',
    );
  });
});
