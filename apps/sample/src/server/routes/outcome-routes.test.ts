import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestJson, runLinkedFlow, startTestServer } from '../../../test/sample-server.test-helpers.js';
import type { RunningSampleServer } from '../start-sample-server.js';

let server: RunningSampleServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function runFlow(processor: 'stripe' | 'dwolla', runId: string) {
  const { answer } = await runLinkedFlow(server, processor, { runId, allowDuplicate: true });
  expect(answer.status, JSON.stringify(answer.body['error'])).toBe(200);
  return answer.body['result'] as Record<string, unknown>;
}

interface View {
  provider: string;
  paymentId: string;
  outcome: {
    status: string;
    returnCode?: string;
    achReturn?: { category: string; retryable: boolean };
  } | null;
  history: string[];
}

describe('/api/outcomes', { timeout: 30_000 }, () => {
  it('Dwolla: the flow debits $1.00; the outcome moves pending → succeeded on settlement, and a simulated R01 return turns it failed', async () => {
    const result = await runFlow('dwolla', 'dwolla-outcome-1');
    const transfer = result['transfer'] as { id: string; status: string; amount: { value: string } };
    expect(transfer).toMatchObject({ status: 'pending', amount: { value: '1.00' } });
    const path = `/api/outcomes/dwolla/${transfer.id}`;
    const first = await requestJson(server, 'GET', path);
    expect(first).toMatchObject({
      status: 200,
      body: { outcome: { status: 'pending' }, history: ['pending'] },
    });
    const settled = await requestJson(server, 'POST', `${path}/settle`, {});
    expect(settled.body).toMatchObject({
      outcome: { status: 'succeeded' },
      history: ['pending', 'succeeded'],
    });
    const returned = await requestJson(server, 'POST', `${path}/return`, { code: 'R01' });
    const view = returned.body as unknown as View;
    expect(returned.status).toBe(200);
    expect(view.history).toEqual(['pending', 'succeeded', 'failed']);
    expect(view.outcome).toMatchObject({
      status: 'failed',
      returnCode: 'R01',
      achReturn: { category: 'retry_later', retryable: true },
    });
    // A second return of a failed transfer is refused with a clear 409; the outcome stays.
    const again = await requestJson(server, 'POST', `${path}/return`, { code: 'R01' });
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).toMatch(/only pending or processed/);
    expect((await requestJson(server, 'GET', path)).body).toMatchObject({
      history: ['pending', 'succeeded', 'failed'],
    });
    // A re-run of the flow returns the same transfer: never a second debit.
    const rerun = await requestJson(server, 'POST', '/api/flows/dwolla', {
      runId: 'dwolla-outcome-2',
      source: { itemId: result['itemId'] },
      accountId: result['accountId'],
    });
    expect((rerun.body['result'] as { transfer: { id: string } }).transfer.id).toBe(transfer.id);
  });

  it('Stripe: a processing payment returned R01 ends failed with the catalog entry', async () => {
    const result = await runFlow('stripe', 'stripe-outcome-1');
    const paymentId = (result['payment'] as { paymentIntentId: string }).paymentIntentId;
    const path = `/api/outcomes/stripe/${paymentId}`;
    expect((await requestJson(server, 'GET', path)).body).toMatchObject({
      outcome: { status: 'processing' },
    });
    const returned = await requestJson(server, 'POST', `${path}/return`, {});
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({
      history: ['processing', 'failed'],
      outcome: { status: 'failed', returnCode: 'R01', providerFailureCode: 'insufficient_funds' },
    });
  });

  it('Stripe: after settlement an R01 is refused (Stripe reports only unauthorized returns after success)', async () => {
    const result = await runFlow('stripe', 'stripe-outcome-2');
    const paymentId = (result['payment'] as { paymentIntentId: string }).paymentIntentId;
    const settled = await requestJson(server, 'POST', `/api/outcomes/stripe/${paymentId}/settle`, {});
    expect(settled.body).toMatchObject({ outcome: { status: 'succeeded' } });
    const refused = await requestJson(server, 'POST', `/api/outcomes/stripe/${paymentId}/return`, {
      code: 'R01',
    });
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toMatch(/unauthorized returns/);
  });

  it('refuses bad input with 400 naming the field, and unknown payments with 404', async () => {
    for (const [path, field] of [
      ['/api/outcomes/paypal/x', 'provider'],
      ['/api/outcomes/stripe/not-a-pi', 'paymentId'],
      ['/api/outcomes/dwolla/123', 'paymentId'],
    ] as const) {
      const answer = await requestJson(server, 'GET', path);
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body)).toContain(field);
    }
    const badCode = await requestJson(server, 'POST', '/api/outcomes/stripe/pi_123/return', { code: 'R1' });
    expect(badCode.status).toBe(400);
    expect(JSON.stringify(badCode.body)).toContain('code');
    const unknown = await requestJson(server, 'GET', '/api/outcomes/stripe/pi_unknown123');
    expect(unknown.status).toBe(404);
  });
});
