import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkingAccount,
  connectBank,
  linkSource,
  requestJson,
  runLinkedFlow,
  startTestServer,
} from '../../../test/sample-server.test-helpers.js';
import type { StepState } from '../../flows/step-runner.js';
import type { RunningSampleServer } from '../start-sample-server.js';

let server: RunningSampleServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const SECRET_SHAPES =
  /access-sandbox-|processor-sandbox-[0-9a-f]|btok_[A-Za-z0-9]{6,}|sk_test_|achbridge-emulator-(plaid|dwolla)-secret/;

function stepsOf(body: Record<string, unknown>): StepState[] {
  return body['steps'] as StepState[];
}

describe('POST /api/flows/stripe', () => {
  it('runs exchange → btok → customer with bank account → mandate → $1.00 payment, each step with request ids', async () => {
    const { account, answer } = await runLinkedFlow(server, 'stripe', { runId: 'stripe-1' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: true, runId: 'stripe-1', flow: 'stripe', error: null });
    const steps = stepsOf(answer.body);
    expect(steps.map((step) => [step.id, step.status])).toEqual([
      ['duplicate', 'done'],
      ['exchange', 'done'],
      ['btok', 'done'],
      ['customer', 'done'],
      ['mandate', 'done'],
      ['payment', 'done'],
    ]);
    for (const step of steps.slice(1)) {
      expect(step.calls.length).toBeGreaterThan(0);
      for (const call of step.calls) expect(call.requestId).toEqual(expect.any(String));
    }
    expect(steps[2]?.calls.map((call) => call.endpoint)).toContain(
      '/processor/stripe/bank_account_token/create',
    );
    expect(steps[3]?.calls.map((call) => `${call.method} ${call.endpoint}`)).toContain('POST /v1/customers');
    expect(steps[3]?.calls.some((call) => call.requestId?.startsWith('req_'))).toBe(true);
    const result = answer.body['result'] as Record<string, unknown>;
    expect(result).toMatchObject({
      created: true,
      customerId: expect.stringMatching(/^cus_/),
      bankAccount: { id: expect.stringMatching(/^ba_/), last4: '6789', status: 'verified' },
      mandateId: expect.stringMatching(/^mandate_/),
      payment: {
        paymentIntentId: expect.stringMatching(/^pi_/),
        status: 'processing',
        amount: 100,
        currency: 'usd',
      },
    });
    expect(JSON.stringify(answer.body)).not.toMatch(SECRET_SHAPES);

    const again = await requestJson(server, 'POST', '/api/flows/stripe', {
      runId: 'stripe-2',
      source: { itemId: result['itemId'] },
      accountId: account.id,
    });
    expect(again.status).toBe(200);
    expect(stepsOf(again.body).map((step) => step.status)).toEqual([
      'skipped',
      'skipped',
      'done',
      'done',
      'done',
      'done',
    ]);
    expect(again.body['result']).toMatchObject({
      created: false,
      customerId: result['customerId'],
      bankAccount: { id: (result['bankAccount'] as { id: string }).id },
    });
    expect(stepsOf(again.body)[3]?.detail).toContain('already linked (created: false)');

    const payment = (result['payment'] as { paymentIntentId: string }).paymentIntentId;
    const status = await requestJson(server, 'GET', `/api/payments/${payment}`);
    expect(status.body).toMatchObject({ paymentIntentId: payment, status: 'processing' });
    const settled = await requestJson(server, 'POST', `/api/payments/${payment}/settle`, {
      runId: 'settle-1',
    });
    expect(settled.status).toBe(200);
    expect(stepsOf(settled.body).map((step) => [step.id, step.status])).toEqual([
      ['clock', 'done'],
      ['status', 'done'],
    ]);
    expect(settled.body['result']).toMatchObject({ paymentIntentId: payment, status: 'succeeded' });
  });

  it('publishes a progress event for every step change', async () => {
    const seen: string[] = [];
    const stop = server.deps.events.subscribe(({ event }) => {
      if (event.type === 'step' && event.runId === 'stripe-events')
        seen.push(`${event.step.id}:${event.step.status}`);
    });
    const success = await connectBank(server, { institutionId: 'ins_109510' });
    await requestJson(server, 'POST', '/api/flows/stripe', {
      runId: 'stripe-events',
      source: linkSource(success),
      accountId: checkingAccount(success).id,
    });
    stop();
    expect(seen).toContain('exchange:running');
    expect(seen.filter((entry) => entry.endsWith(':done'))).toEqual([
      'duplicate:done',
      'exchange:done',
      'btok:done',
      'customer:done',
      'mandate:done',
      'payment:done',
    ]);
  });

  it('refuses to exchange a duplicate account (409 with the earlier Item) unless allowDuplicate', async () => {
    const first = await connectBank(server, { institutionId: 'ins_109512' });
    const ok = await requestJson(server, 'POST', '/api/flows/stripe', {
      runId: 'dup-1',
      source: linkSource(first),
      accountId: checkingAccount(first).id,
    });
    const firstItem = (ok.body['result'] as { itemId: string }).itemId;
    const second = await connectBank(server, { institutionId: 'ins_109512' });
    const refused = await requestJson(server, 'POST', '/api/flows/stripe', {
      runId: 'dup-2',
      source: linkSource(second),
      accountId: checkingAccount(second).id,
    });
    expect(refused.status).toBe(409);
    expect(refused.body['error']).toMatchObject({
      code: 'DUPLICATE_ITEM',
      message: expect.stringContaining('Houndstooth Bank · Plaid Checking ••0000 is already linked'),
      details: { match: { itemId: firstItem } },
    });
    expect(stepsOf(refused.body).map((step) => step.status)).toEqual([
      'failed',
      'pending',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
    const anyway = await requestJson(server, 'POST', '/api/flows/stripe', {
      runId: 'dup-3',
      source: { ...linkSource(second), allowDuplicate: true },
      accountId: checkingAccount(second).id,
    });
    expect(anyway.status).toBe(200);
    expect(stepsOf(anyway.body)[0]?.detail).toContain('Linked again on purpose');
  });

  it('a flow that fails after the exchange names the Item it created, and a retry with it succeeds', async () => {
    const success = await connectBank(server, { institutionId: 'ins_109510' });
    const account = checkingAccount(success);
    await server.providers.emulator?.control.addFault({
      method: 'POST',
      path: '/v1/setup_intents',
      kind: 'status',
      status: 503,
      times: 50,
    });
    const failed = await requestJson(server, 'POST', '/api/flows/stripe', {
      runId: 'stripe-outage',
      source: { ...linkSource(success), allowDuplicate: true },
      accountId: account.id,
    });
    await server.providers.emulator?.control.clearFaults();
    expect(failed.status).toBe(502);
    expect(failed.body).toMatchObject({ ok: false, result: null, itemId: expect.any(String) });
    expect(
      stepsOf(failed.body)
        .map((step) => step.status)
        .slice(0, 2),
    ).toEqual(['done', 'done']);
    const itemId = failed.body['itemId'] as string;
    expect((await server.deps.items.get(itemId)).institutionId).toBe('ins_109510');
    const itemCount = (await server.deps.items.list()).length;

    const retried = await requestJson(server, 'POST', '/api/flows/stripe', {
      runId: 'stripe-outage-retry',
      source: { itemId },
      accountId: account.id,
    });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ ok: true, itemId, result: { itemId } });
    expect(await server.deps.items.list()).toHaveLength(itemCount);
  });

  it('a flow that fails before any Item exists answers itemId null', async () => {
    const answer = await requestJson(server, 'POST', '/api/flows/stripe', {
      runId: 'stripe-no-item',
      source: { itemId: 'no-such-item' },
      accountId: 'acc',
    });
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ ok: false, itemId: null, error: { code: 'ITEM_NOT_FOUND' } });
  });

  it('answers 4xx with a clear message for bad input, never 500', async () => {
    const cases: [unknown, number, string | undefined][] = [
      [{ source: { itemId: 'x' }, accountId: 'a' }, 400, 'runId'],
      [{ runId: 'r', accountId: 'a' }, 400, 'source'],
      [{ runId: 'r', source: {}, accountId: 'a' }, 400, 'source.publicToken'],
      [
        { runId: 'r', source: { itemId: 'x', publicToken: 'public-sandbox-abc' }, accountId: 'a' },
        400,
        'source.publicToken',
      ],
      [
        { runId: 'r', source: { publicToken: 'public-sandbox-abc' }, accountId: 'a' },
        400,
        'source.institution',
      ],
      [{ runId: 'r', source: { publicToken: 'nope' }, accountId: 'a' }, 400, 'source.publicToken'],
      [{ runId: 'r', source: { itemId: 'x' } }, 400, 'accountId'],
      [{ runId: 'r', source: { itemId: 'unknown-item' }, accountId: 'a' }, 404, undefined],
      [{ runId: 'bad id with spaces', source: { itemId: 'x' }, accountId: 'a' }, 400, 'runId'],
    ];
    for (const [body, status, field] of cases) {
      const answer = await requestJson(server, 'POST', '/api/flows/stripe', body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      const error = answer.body['error'] as { field?: string; message: string };
      expect(error.message.length).toBeGreaterThan(10);
      if (field !== undefined) expect(error.field, JSON.stringify(body)).toBe(field);
    }
    const malformed = await requestJson(server, 'POST', '/api/flows/stripe', '{not json');
    expect(malformed.status).toBe(400);
    expect(malformed.body['error']).toMatchObject({ code: 'INVALID_JSON' });
    const unknownItem = await requestJson(server, 'POST', '/api/flows/stripe', {
      runId: 'r',
      source: { itemId: 'unknown-item' },
      accountId: 'a',
    });
    expect(unknownItem.body['error']).toMatchObject({ code: 'ITEM_NOT_FOUND' });
  });

  it('rejects an account that is not one of the Item accounts', async () => {
    const success = await connectBank(server, { institutionId: 'ins_109509' });
    const answer = await requestJson(server, 'POST', '/api/flows/stripe', {
      runId: 'acct',
      source: linkSource(success),
      accountId: 'not-an-account',
    });
    expect(answer.status).toBe(400);
    expect(answer.body['error']).toMatchObject({ field: 'accountId' });
  });
});

describe('payments routes', () => {
  it('answers 400 for a malformed PaymentIntent id and 404 for an unknown one', async () => {
    const malformed = await requestJson(server, 'GET', '/api/payments/nope');
    expect(malformed.status).toBe(400);
    expect(malformed.body['error']).toMatchObject({ field: 'paymentIntentId' });
    const unknown = await requestJson(server, 'GET', '/api/payments/pi_doesnotexist');
    expect(unknown.status).toBe(404);
    expect(unknown.body['error']).toMatchObject({ provider: 'stripe' });
    const settleBad = await requestJson(server, 'POST', '/api/payments/nope/settle', { runId: 'r' });
    expect(settleBad.status).toBe(400);
    const settleNoRun = await requestJson(server, 'POST', '/api/payments/pi_x/settle', {});
    expect(settleNoRun.status).toBe(400);
    expect(settleNoRun.body['error']).toMatchObject({ field: 'runId' });
  });
});

describe('POST /api/flows/dwolla', () => {
  it('runs customer → processor token → verified funding source → $1.00 transfer, and a re-run is already linked with the same transfer', async () => {
    const { account, answer } = await runLinkedFlow(server, 'dwolla', {
      runId: 'dwolla-1',
      institutionId: 'ins_109511',
    });
    expect(answer.status).toBe(200);
    const steps = stepsOf(answer.body);
    expect(steps.map((step) => [step.id, step.status])).toEqual([
      ['duplicate', 'done'],
      ['exchange', 'done'],
      ['customer', 'done'],
      ['processor_token', 'done'],
      ['funding_source', 'done'],
      ['transfer', 'done'],
    ]);
    expect(steps[5]?.calls.map((call) => `${call.method} ${call.endpoint}`)).toContain('POST /transfers');
    expect(steps[3]?.calls.map((call) => call.endpoint)).toContain('/processor/token/create');
    expect(steps[4]?.calls.map((call) => call.method)).toContain('POST');
    const result = answer.body['result'] as Record<string, unknown>;
    expect(result).toMatchObject({
      created: true,
      fundingSource: { status: 'verified', created: true },
      transfer: { status: 'pending', amount: { value: '1.00', currency: 'USD' } },
    });
    expect(JSON.stringify(answer.body)).not.toMatch(SECRET_SHAPES);

    const again = await requestJson(server, 'POST', '/api/flows/dwolla', {
      runId: 'dwolla-2',
      source: { itemId: result['itemId'] },
      accountId: account.id,
    });
    expect(again.status).toBe(200);
    expect(again.body['result']).toMatchObject({
      created: false,
      fundingSource: { id: (result['fundingSource'] as { id: string }).id, created: false },
    });
    expect(stepsOf(again.body)[4]?.detail).toContain('already linked (created: false)');
    expect((again.body['result'] as { transfer: { id: string } }).transfer.id).toBe(
      (result['transfer'] as { id: string }).id,
    );
    expect(stepsOf(again.body)[5]?.detail).toContain('no second transfer');
  });

  it('answers 400 for bad input', async () => {
    const answer = await requestJson(server, 'POST', '/api/flows/dwolla', {
      runId: 'r',
      source: { itemId: 'x' },
      accountId: 'a',
      customer: { email: 'not-an-email', firstName: 'A', lastName: 'B' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body['error']).toMatchObject({ field: 'customer.email' });
  });
});

describe('POST /api/flows/modern-treasury', () => {
  it('runs exchange → counterparty → processor token → external account → $1.00 ACH debit; a re-run links nothing new', async () => {
    const { account, answer } = await runLinkedFlow(server, 'modern-treasury', {
      runId: 'mt-1',
      institutionId: 'ins_127287',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: true, flow: 'modern_treasury', error: null });
    expect(stepsOf(answer.body).map((step) => [step.id, step.status])).toEqual([
      ['duplicate', 'done'],
      ['exchange', 'done'],
      ['counterparty', 'done'],
      ['processor_token', 'done'],
      ['external_account', 'done'],
      ['internal_account', 'done'],
      ['payment_order', 'done'],
    ]);
    const result = answer.body['result'] as Record<string, unknown>;
    expect(result).toMatchObject({
      created: true,
      externalAccount: { verificationStatus: 'verified', verificationSource: 'plaid' },
      paymentOrder: { direction: 'debit', amount: 100, status: 'approved' },
    });
    expect(JSON.stringify(answer.body)).not.toMatch(SECRET_SHAPES);

    const again = await requestJson(server, 'POST', '/api/flows/modern-treasury', {
      runId: 'mt-2',
      source: { itemId: result['itemId'] },
      accountId: account.id,
    });
    expect(again.status).toBe(200);
    expect(again.body['result']).toMatchObject({
      created: false,
      externalAccount: { id: (result['externalAccount'] as { id: string }).id },
      paymentOrder: { id: (result['paymentOrder'] as { id: string }).id },
    });
  });
});
