import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestJson, startTestServer } from '../../../test/sample-server.test-helpers.js';
import type { RunningSampleServer } from '../start-sample-server.js';

let server: RunningSampleServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('GET/POST /api/info', () => {
  it('says the mode, the processors and the step lists (quickstart-style POST works too)', async () => {
    const info = await requestJson(server, 'GET', '/api/info');
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({
      mode: 'emulator',
      plaidEnvironment: 'sandbox',
      linkScript: false,
      webhookUrl: `${server.url}/api/webhooks/plaid`,
      processors: {
        stripe: { available: true, extraSteps: ['settle'], outcomes: { settleControl: false } },
        dwolla: { available: true, outcomes: { settleControl: true } },
        modern_treasury: {
          slug: 'modern-treasury',
          label: 'Modern Treasury',
          environment: 'sandbox',
          available: true,
          reason: null,
          outcomes: null,
          extraSteps: [],
        },
      },
      sandboxCredentials: { username: 'user_good', password: 'pass_good' },
    });
    const steps = info.body['steps'] as Record<string, { id: string }[]>;
    expect(steps['stripe']?.map((step) => step.id)).toEqual([
      'duplicate',
      'exchange',
      'btok',
      'customer',
      'mandate',
      'payment',
    ]);
    expect(steps['dwolla']?.map((step) => step.id)).toEqual([
      'duplicate',
      'exchange',
      'customer',
      'processor_token',
      'funding_source',
      'transfer',
    ]);
    expect(steps['modern_treasury']?.map((step) => step.id)).toEqual([
      'duplicate',
      'exchange',
      'counterparty',
      'processor_token',
      'external_account',
      'internal_account',
      'payment_order',
    ]);
    expect((await requestJson(server, 'POST', '/api/info')).body).toEqual(info.body);
  });
});

describe('GET /api/institutions (auth-support check)', () => {
  it('marks each institution with Auth support and a reasoned verdict per processor', async () => {
    const answer = await requestJson(server, 'GET', '/api/institutions?query=platypus');
    expect(answer.status).toBe(200);
    expect(answer.body['requestId']).toEqual(expect.any(String));
    expect(answer.body['institutions']).toContainEqual(
      expect.objectContaining({
        id: 'ins_109508',
        name: 'First Platypus Bank',
        supportsAuth: true,
        // Each adapter declares its requirements; the verdict also lists the account subtypes it can debit.
        processors: {
          stripe: {
            compatible: true,
            reason: expect.stringContaining('supports Plaid Auth'),
            accountSubtypes: ['checking', 'savings'],
          },
          dwolla: expect.objectContaining({
            compatible: true,
            reason: expect.stringContaining('Dwolla ACH works'),
          }),
          modern_treasury: expect.objectContaining({
            compatible: true,
            reason: expect.stringContaining('Modern Treasury ACH works'),
          }),
        },
      }),
    );
  });

  it('explains why an institution without Auth cannot be used', async () => {
    const answer = await requestJson(server, 'GET', '/api/institutions?query=paisley');
    const [paisley] = answer.body['institutions'] as Record<string, unknown>[];
    expect(paisley).toMatchObject({
      id: 'ins_999001',
      supportsAuth: false,
      processors: {
        stripe: { compatible: false, reason: expect.stringContaining('does not support Plaid Auth') },
        dwolla: { compatible: false },
        modern_treasury: {
          compatible: false,
          reason: expect.stringContaining('does not support Plaid Auth'),
        },
      },
    });
  });

  it('explains why a non-US institution cannot be used (country=CA)', async () => {
    const answer = await requestJson(server, 'GET', '/api/institutions?query=tartan&country=CA');
    const [canadian] = answer.body['institutions'] as Record<string, unknown>[];
    expect(canadian).toMatchObject({
      id: 'ins_43',
      supportsAuth: true,
      processors: {
        stripe: { compatible: false, reason: expect.stringContaining('not a US institution') },
        modern_treasury: { compatible: false },
      },
    });
  });

  it('answers 400 naming the field for a missing query or an unknown country', async () => {
    const missing = await requestJson(server, 'GET', '/api/institutions');
    expect(missing.status).toBe(400);
    expect(missing.body['error']).toMatchObject({ code: 'INPUT_VALIDATION_ERROR', field: 'query' });
    const blank = await requestJson(server, 'GET', '/api/institutions?query=%20%20');
    expect(blank.status).toBe(400);
    const country = await requestJson(server, 'GET', '/api/institutions?query=bank&country=GB');
    expect(country.status).toBe(400);
    expect(country.body['error']).toMatchObject({
      field: 'country',
      message: expect.stringContaining('US, CA or US,CA'),
    });
  });
});

describe('GET /api/institutions by institution id, and long queries', () => {
  it('finds an institution by its id (the search box takes names and ids)', async () => {
    const answer = await requestJson(server, 'GET', '/api/institutions?query=ins_127287');
    expect(answer.status).toBe(200);
    const institutions = answer.body['institutions'] as Record<string, unknown>[];
    expect(institutions).toHaveLength(1);
    expect(institutions[0]).toMatchObject({
      id: 'ins_127287',
      name: 'Platypus OAuth Bank',
      supportsAuth: true,
    });
    expect(answer.body['requestId']).toEqual(expect.any(String));
  });

  it('an unknown id finds nothing (not an error)', async () => {
    const answer = await requestJson(server, 'GET', '/api/institutions?query=ins_1');
    expect(answer.status).toBe(200);
    expect(answer.body['institutions']).toEqual([]);
  });

  it('a query over 100 characters says so, not "is required"', async () => {
    const answer = await requestJson(server, 'GET', `/api/institutions?query=${'b'.repeat(101)}`);
    expect(answer.status).toBe(400);
    expect(answer.body['error']).toMatchObject({
      field: 'query',
      message: expect.stringContaining('must be at most 100 characters'),
    });
    expect(JSON.stringify(answer.body)).not.toContain('is required');
  });
});

describe('static page and unknown routes', () => {
  it('serves the page, its styles and its scripts', async () => {
    const page = await server.app.request('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<h1>achbridge sample</h1>');
    expect(html).not.toContain('cdn.plaid.com');
    const script = await server.app.request('/js/main.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect((await server.app.request('/styles.css')).status).toBe(200);
  });

  it('answers JSON 404 for unknown API routes (e.g. an unknown processor) and plain 404 elsewhere', async () => {
    const unknown = await requestJson(server, 'POST', '/api/flows/paypal', { runId: 'r' });
    expect(unknown.status).toBe(404);
    expect(unknown.body['error']).toMatchObject({
      code: 'NOT_FOUND',
      message: 'No API route POST /api/flows/paypal.',
    });
    expect((await server.app.request('/nope.html')).status).toBe(404);
  });
});

describe('production routes', () => {
  it('lists the checklist with the current host', async () => {
    const answer = await requestJson(server, 'GET', '/api/production/checklist');
    expect(answer.status).toBe(200);
    const items = answer.body['items'] as { id: string; now: string }[];
    expect(items.find((item) => item.id === 'host')?.now).toBe(server.providers.plaid.baseUrl);
  });

  it('shows the mode guard refusing a live key against the sandbox, with the explanation', async () => {
    const answer = await requestJson(server, 'POST', '/api/production/mode_guard');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      refused: true,
      code: 'STRIPE_MODE_MISMATCH',
      message: expect.stringContaining('No such token'),
    });
    expect(JSON.stringify(answer.body)).not.toMatch(/sk_live_[A-Za-z0-9]{6,}/);
  });
});
