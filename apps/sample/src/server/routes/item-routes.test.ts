import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkingAccount,
  connectBank,
  requestJson,
  startTestServer,
} from '../../../test/sample-server.test-helpers.js';
import type { StepState } from '../../flows/step-runner.js';
import type { RunningSampleServer } from '../start-sample-server.js';

let server: RunningSampleServer;
let itemId: string;

beforeAll(async () => {
  server = await startTestServer();
  const success = await connectBank(server);
  const exchanged = await requestJson(server, 'POST', '/api/set_access_token', {
    public_token: success.publicToken,
    institution: success.institution,
    accounts: success.accounts,
    account_id: checkingAccount(success).id,
  });
  itemId = (exchanged.body['result'] as { item_id: string }).item_id;
});
afterAll(() => server.close());

describe('GET /api/items', () => {
  it('lists the linked Items without their access tokens', async () => {
    const list = await requestJson(server, 'GET', '/api/items');
    expect(list.body['items']).toEqual([
      expect.objectContaining({
        itemId,
        institutionId: 'ins_109508',
        institutionName: 'First Platypus Bank',
      }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain('access-sandbox');
    expect((await requestJson(server, 'GET', `/api/items/${itemId}`)).body).toMatchObject({ itemId });
    const unknown = await requestJson(server, 'GET', '/api/items/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body['error']).toMatchObject({ code: 'ITEM_NOT_FOUND' });
  });
});

describe('Item health: reset_login, then update mode', () => {
  it('goes healthy → login_required (reset_login) → healthy again (Reconnect via update mode)', async () => {
    const healthy = await requestJson(server, 'GET', `/api/items/${itemId}/health`);
    expect(healthy.body).toMatchObject({ itemId, status: 'healthy', action: { kind: 'none' } });

    const reset = await requestJson(server, 'POST', `/api/items/${itemId}/reset_login`, { runId: 'reset-1' });
    expect(reset.status).toBe(200);
    expect((reset.body['steps'] as StepState[]).map((step) => [step.id, step.status])).toEqual([
      ['reset_login', 'done'],
      ['health', 'done'],
    ]);
    expect(reset.body['result']).toMatchObject({
      status: 'login_required',
      error: { errorCode: 'ITEM_LOGIN_REQUIRED', category: 'user_action' },
      action: { kind: 'update_mode' },
    });

    const reconnect = await requestJson(server, 'POST', `/api/items/${itemId}/reconnect`, {
      runId: 'reconnect-1',
    });
    expect(reconnect.status).toBe(200);
    const steps = reconnect.body['steps'] as StepState[];
    expect(steps.map((step) => [step.id, step.status])).toEqual([
      ['link_token', 'done'],
      ['update_mode', 'done'],
      ['health', 'done'],
    ]);
    expect(steps[0]?.calls).toEqual([expect.objectContaining({ endpoint: '/link/token/create' })]);
    expect(reconnect.body['result']).toMatchObject({ linkToken: null, health: { status: 'healthy' } });
  });

  it('reports a wrong password in update mode with its category', async () => {
    await requestJson(server, 'POST', `/api/items/${itemId}/reset_login`, { runId: 'reset-2' });
    const failed = await requestJson(server, 'POST', `/api/items/${itemId}/reconnect`, {
      runId: 'reconnect-2',
      password: 'error_INVALID_CREDENTIALS',
    });
    expect(failed.status).toBe(400);
    expect(failed.body['error']).toMatchObject({ code: 'INVALID_CREDENTIALS', category: 'user_action' });
    expect((failed.body['steps'] as StepState[]).map((step) => step.status)).toEqual([
      'done',
      'failed',
      'pending',
    ]);
    const repaired = await requestJson(server, 'POST', `/api/items/${itemId}/reconnect`, {
      runId: 'reconnect-3',
    });
    expect(repaired.body['result']).toMatchObject({ health: { status: 'healthy' } });
  });

  it('answers 404 for an unknown Item and 400 without a run id, never 500', async () => {
    const unknown = await requestJson(server, 'POST', '/api/items/nope/reset_login', { runId: 'r' });
    expect(unknown.status).toBe(404);
    expect((await requestJson(server, 'GET', '/api/items/nope/health')).status).toBe(404);
    const noRun = await requestJson(server, 'POST', `/api/items/${itemId}/reconnect`, {});
    expect(noRun.status).toBe(400);
    expect(noRun.body['error']).toMatchObject({ field: 'runId' });
    const malformed = await requestJson(server, 'POST', `/api/items/${itemId}/reset_login`, '{');
    expect(malformed.status).toBe(400);
  });
});
