import { Buffer } from 'node:buffer';
import type { RunningEmulator } from '@achbridge/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUITE_CREDENTIALS, startSuiteEmulator } from '../harness/credentials.js';
import { type RawAnswer, rawRequest } from '../harness/raw-http.js';

// M4 and the Low findings on the emulator: no key reaches Object.prototype, deep nesting and bad
// percent-encoding get the provider's 400, never a 500. The emulator runs in this process, so a pollution
// would show in this process's own objects.

let emulator: RunningEmulator;
let dwollaToken = '';

const STRIPE_AUTH = { authorization: `Bearer ${SUITE_CREDENTIALS.stripe.secretKey}` };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_TYPE = { 'content-type': 'application/json' };
const DWOLLA_TYPE = {
  'content-type': 'application/vnd.dwolla.v1.hal+json',
  accept: 'application/vnd.dwolla.v1.hal+json',
};
const PLAID_AUTH = {
  'plaid-client-id': SUITE_CREDENTIALS.plaid.clientId,
  'plaid-secret': SUITE_CREDENTIALS.plaid.secret,
};

/** Form keys and query keys that try to reach Object.prototype. */
export const POLLUTING_FORM_KEYS = [
  '__proto__[polluted]',
  '__proto__[status]',
  '__proto__[toString]',
  '__proto__[hasOwnProperty]',
  '__proto__[length]',
  '__proto__[headers]',
  'constructor[prototype][polluted]',
  'constructor[prototype][status]',
  'metadata[__proto__][polluted]',
  'metadata[constructor][prototype][polluted]',
  'expand[][__proto__][polluted]',
  '__proto__',
  'constructor',
] as const;

/** JSON bodies that try to reach Object.prototype. */
export const POLLUTING_JSON = [
  '{"__proto__":{"polluted":"yes","status":500}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"options":{"__proto__":{"polluted":"yes"}}}',
  '{"_links":{"__proto__":{"polluted":"yes"}},"__proto__":{"toString":"x"}}',
] as const;

function post(path: string, headers: Record<string, string>, body: string): Promise<RawAnswer> {
  return rawRequest(emulator.url, { method: 'POST', path, headers, body });
}

/** A fresh request of each provider and of the control API: its status and the keys of its body. */
async function freshBehaviour(): Promise<string[]> {
  const answers = await Promise.all([
    post('/v1/customers', { ...STRIPE_AUTH, ...FORM }, 'email=fresh%40example.com&metadata[order]=1'),
    rawRequest(emulator.url, { method: 'GET', path: '/v1/customers?limit=1', headers: STRIPE_AUTH }),
    post(
      '/plaid/institutions/get_by_id',
      { ...PLAID_AUTH, ...JSON_TYPE },
      '{"institution_id":"ins_109508","country_codes":["US"]}',
    ),
    rawRequest(emulator.url, {
      method: 'GET',
      path: '/dwolla/customers?limit=1',
      headers: { authorization: `Bearer ${dwollaToken}`, accept: 'application/vnd.dwolla.v1.hal+json' },
    }),
    rawRequest(emulator.url, { method: 'GET', path: '/__emulator/faults' }),
  ]);
  return answers.map((answer) => {
    const body = JSON.parse(answer.text) as Record<string, unknown>;
    return `${answer.status} ${Object.keys(body).sort().join(',')}`;
  });
}

function prototypeState(): string {
  const probe: Record<string, unknown> = {};
  return JSON.stringify({
    names: Object.getOwnPropertyNames(Object.prototype).sort(),
    polluted: probe.polluted,
    status: probe.status,
    toString: typeof probe.toString,
  });
}

beforeAll(async () => {
  emulator = await startSuiteEmulator();
  const basic = Buffer.from(`${SUITE_CREDENTIALS.dwolla.key}:${SUITE_CREDENTIALS.dwolla.secret}`).toString(
    'base64',
  );
  const token = await post(
    '/dwolla/token',
    { authorization: `Basic ${basic}`, ...FORM },
    'grant_type=client_credentials',
  );
  dwollaToken = (JSON.parse(token.text) as { access_token: string }).access_token;
});
afterAll(async () => {
  await emulator?.close();
});

describe('security: emulator prototype pollution (M4)', () => {
  it(`${POLLUTING_FORM_KEYS.length * 2 + POLLUTING_JSON.length * 3} polluting requests leave Object.prototype and fresh requests unchanged`, async () => {
    const before = await freshBehaviour();
    const prototypeBefore = prototypeState();
    const statuses: number[] = [];
    for (const key of POLLUTING_FORM_KEYS) {
      const pair = `${encodeURIComponent(key).replace(/%5B/g, '[').replace(/%5D/g, ']')}=1`;
      statuses.push(
        (await post('/v1/customers', { ...STRIPE_AUTH, ...FORM }, `email=p%40example.com&${pair}`)).status,
      );
      statuses.push(
        (
          await rawRequest(emulator.url, {
            method: 'GET',
            path: `/v1/customers?${pair}`,
            headers: STRIPE_AUTH,
          })
        ).status,
      );
    }
    for (const body of POLLUTING_JSON) {
      statuses.push(
        (await post('/plaid/institutions/get_by_id', { ...PLAID_AUTH, ...JSON_TYPE }, body)).status,
      );
      statuses.push(
        (await post('/dwolla/customers', { authorization: `Bearer ${dwollaToken}`, ...DWOLLA_TYPE }, body))
          .status,
      );
      statuses.push((await post('/__emulator/faults', JSON_TYPE, body)).status);
    }
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(statuses).toHaveLength(POLLUTING_FORM_KEYS.length * 2 + POLLUTING_JSON.length * 3);
    expect(prototypeState()).toBe(prototypeBefore);
    expect(await freshBehaviour()).toEqual(before);
  });
});

describe('security: emulator nesting limits and bad percent-encoding (Low)', () => {
  it('a form key nested 3,000 brackets deep gets Stripe’s 400 invalid_request_error', async () => {
    for (const answer of [
      await post('/v1/customers', { ...STRIPE_AUTH, ...FORM }, `metadata${'[a]'.repeat(3000)}=1`),
      await rawRequest(emulator.url, {
        method: 'GET',
        path: `/v1/customers?x${'[a]'.repeat(3000)}=1`,
        headers: STRIPE_AUTH,
      }),
    ]) {
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text)).toMatchObject({ error: { type: 'invalid_request_error' } });
    }
  });

  it('JSON nested 3,000 levels deep gets each provider’s 400', async () => {
    const deep = `{"a":${'['.repeat(3000)}${']'.repeat(3000)}}`;
    const plaid = await post('/plaid/institutions/get_by_id', { ...PLAID_AUTH, ...JSON_TYPE }, deep);
    expect(plaid.status).toBe(400);
    expect(JSON.parse(plaid.text)).toMatchObject({ error_code: 'INVALID_BODY' });
    const dwolla = await post(
      '/dwolla/customers',
      { authorization: `Bearer ${dwollaToken}`, ...DWOLLA_TYPE },
      deep,
    );
    expect(dwolla.status).toBe(400);
    expect(JSON.parse(dwolla.text)).toMatchObject({ code: 'BadRequest' });
    const control = await post('/__emulator/faults', JSON_TYPE, deep);
    expect(control.status).toBe(400);
    expect(JSON.parse(control.text)).toMatchObject({ error: { code: 'invalid_input' } });
  });

  it('bad percent-encoding in paths, queries and form bodies gets the provider’s 400, never a 500', async () => {
    const cases: [string, Promise<RawAnswer>, Record<string, unknown>][] = [
      [
        'stripe path',
        rawRequest(emulator.url, { method: 'GET', path: '/v1/customers/%E0%A4%A', headers: STRIPE_AUTH }),
        { error: { type: 'invalid_request_error' } },
      ],
      [
        'stripe query',
        rawRequest(emulator.url, { method: 'GET', path: '/v1/customers?email=%', headers: STRIPE_AUTH }),
        { error: { type: 'invalid_request_error' } },
      ],
      [
        'stripe body',
        post('/v1/customers', { ...STRIPE_AUTH, ...FORM }, 'email=%C3%28'),
        { error: { type: 'invalid_request_error' } },
      ],
      [
        'plaid path',
        post('/plaid/item/get%zz', { ...PLAID_AUTH, ...JSON_TYPE }, '{}'),
        { error_code: 'INVALID_BODY' },
      ],
      [
        'dwolla path',
        rawRequest(emulator.url, {
          method: 'GET',
          path: '/dwolla/customers/%',
          headers: { authorization: `Bearer ${dwollaToken}` },
        }),
        { code: 'BadRequest' },
      ],
      [
        'control path',
        rawRequest(emulator.url, { method: 'DELETE', path: '/__emulator/faults/%E0' }),
        { error: { code: 'invalid_input' } },
      ],
    ];
    for (const [name, pending, shape] of cases) {
      const answer = await pending;
      expect(answer.status, name).toBe(400);
      expect(JSON.parse(answer.text), name).toMatchObject(shape);
    }
  });
});
