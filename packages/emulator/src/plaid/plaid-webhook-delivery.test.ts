import { createHash } from 'node:crypto';
import { decodeProtectedHeader, importJWK, type JWK, jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { linkSandboxItem, plaidPost } from '../../test/emulator.test-helpers.js';
import {
  type ReceivedWebhook,
  type ReceiverAnswer,
  startTestReceiver,
  type TestReceiver,
} from '../../test/webhook-receiver.test-helpers.js';
import { type RunningEmulator, startEmulator } from '../start-emulator.js';
import type { WebhookDeliveryView } from '../types.js';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

describe('Plaid webhook delivery (signed, retried, recorded)', () => {
  let emulator: RunningEmulator;
  let receiver: TestReceiver | undefined;

  beforeAll(async () => {
    emulator = await startEmulator({ tuning: { webhookRetryDelayMs: 10, webhookTimeoutMs: 300 } });
  });
  afterEach(async () => {
    await emulator.control.reset();
    await receiver?.close();
    receiver = undefined;
  });
  afterAll(() => emulator.close());

  const listen = async (answer?: ReceiverAnswer) => {
    receiver = await startTestReceiver(answer);
    return receiver;
  };

  /** Verifies a received delivery exactly as a Plaid integration would, with jose and the served JWK. */
  async function verify(request: ReceivedWebhook, currentDate?: Date) {
    const token = request.headers['plaid-verification'];
    if (typeof token !== 'string') throw new Error('no Plaid-Verification header');
    const kid = decodeProtectedHeader(token).kid;
    const answer = await plaidPost(emulator, '/webhook_verification_key/get', { key_id: kid });
    expect(answer.status).toBe(200);
    const jwk = answer.body['key'] as JWK & { expired_at: number | null; created_at: number };
    const key = await importJWK(jwk, 'ES256');
    const verified = await jwtVerify(token, key, {
      algorithms: ['ES256'],
      ...(currentDate ? { currentDate } : {}),
    });
    expect(verified.payload['request_body_sha256']).toBe(sha256(request.body));
    return {
      header: verified.protectedHeader,
      claims: verified.payload,
      jwk,
      body: JSON.parse(request.body.toString('utf8')) as Record<string, unknown>,
    };
  }

  async function settled(provider: 'plaid' | 'dwolla' = 'plaid'): Promise<WebhookDeliveryView[]> {
    let deliveries: WebhookDeliveryView[] = [];
    await vi.waitFor(
      async () => {
        deliveries = await emulator.control.webhooks({ provider });
        expect(deliveries.every((delivery) => delivery.status !== 'pending')).toBe(true);
      },
      { timeout: 5000, interval: 20 },
    );
    return deliveries;
  }

  it('reset_login POSTs a signed ITEM ERROR that verifies with the served ES256 key', async () => {
    const { url, waitFor } = await listen();
    const { accessToken, itemId } = await linkSandboxItem(emulator, { webhook: `${url}/hooks/plaid` });
    const before = await emulator.control.clock();
    expect(
      (await plaidPost(emulator, '/sandbox/item/reset_login', { access_token: accessToken })).status,
    ).toBe(200);
    const [request] = await waitFor(1);
    if (request === undefined) throw new Error('no delivery');
    const after = await emulator.control.clock();
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/hooks/plaid');
    expect(request.headers['content-type']).toBe('application/json');
    const { header, claims, jwk, body } = await verify(request);
    expect(header).toEqual({ alg: 'ES256', kid: jwk.kid, typ: 'JWT' });
    expect(jwk).toMatchObject({ alg: 'ES256', crv: 'P-256', kty: 'EC', use: 'sig', expired_at: null });
    expect(Object.keys(claims).sort()).toEqual(['iat', 'request_body_sha256']);
    expect(claims.iat).toBeGreaterThanOrEqual(Math.floor(before.nowMs / 1000));
    expect(claims.iat).toBeLessThanOrEqual(Math.floor(after.nowMs / 1000));
    expect(body).toEqual({
      webhook_type: 'ITEM',
      webhook_code: 'ERROR',
      error: {
        error_type: 'ITEM_ERROR',
        error_code: 'ITEM_LOGIN_REQUIRED',
        error_message: expect.stringContaining('update mode'),
        display_message: null,
        status: 400,
      },
      item_id: itemId,
      environment: 'sandbox',
    });
    // The signature covers the exact bytes: the same JSON re-serialised hashes differently.
    expect(sha256(JSON.stringify(body, null, 2))).not.toBe(claims['request_body_sha256']);
    const [delivery] = await settled();
    expect((await emulator.control.state()).plaid['webhookDeliveries']).toEqual([delivery]);
    expect(delivery).toMatchObject({
      provider: 'plaid',
      type: 'ITEM',
      code: 'ERROR',
      url: `${url}/hooks/plaid`,
      status: 'delivered',
      attempts: [{ attempt: 1, outcome: 'delivered', status: 200, error: null }],
    });
  });

  it('/item/webhook/update sends WEBHOOK_UPDATE_ACKNOWLEDGED to the new URL', async () => {
    const { url, waitFor } = await listen();
    const { accessToken, itemId } = await linkSandboxItem(emulator, { webhook: `${url}/old` });
    await plaidPost(emulator, '/item/webhook/update', { access_token: accessToken, webhook: `${url}/new` });
    const [request] = await waitFor(1);
    if (request === undefined) throw new Error('no delivery');
    expect(request.path).toBe('/new');
    expect((await verify(request)).body).toEqual({
      webhook_type: 'ITEM',
      webhook_code: 'WEBHOOK_UPDATE_ACKNOWLEDGED',
      new_webhook_url: `${url}/new`,
      error: null,
      item_id: itemId,
      environment: 'sandbox',
    });
  });

  it('repairing the Item (the repair route, or completing an update-mode link token) sends LOGIN_REPAIRED', async () => {
    const { url, waitFor } = await listen();
    const { accessToken, itemId } = await linkSandboxItem(emulator, { webhook: `${url}/plaid` });
    await plaidPost(emulator, '/sandbox/item/reset_login', { access_token: accessToken });
    await emulator.control.plaid.repairItem(itemId);
    const repaired = (await waitFor(2))[1];
    if (repaired === undefined) throw new Error('no delivery');
    expect((await verify(repaired)).body).toEqual({
      webhook_type: 'ITEM',
      webhook_code: 'LOGIN_REPAIRED',
      item_id: itemId,
      environment: 'sandbox',
    });

    await plaidPost(emulator, '/sandbox/item/reset_login', { access_token: accessToken });
    const link = await plaidPost(emulator, '/link/token/create', {
      client_name: 'achbridge tests',
      language: 'en',
      country_codes: ['US'],
      user: { client_user_id: 'user-1' },
      access_token: accessToken,
    });
    const linkToken = String(link.body['link_token']);
    await emulator.control.request('POST', `/__emulator/plaid/link_tokens/${linkToken}/complete`, {});
    const codes = (await waitFor(4)).map((request) => JSON.parse(request.body.toString('utf8')).webhook_code);
    expect(codes).toEqual(['ERROR', 'LOGIN_REPAIRED', 'ERROR', 'LOGIN_REPAIRED']);
  });

  it('exchanging a transactions Item sends INITIAL_UPDATE and HISTORICAL_UPDATE; an auth-only Item sends none', async () => {
    const { url, waitFor } = await listen();
    await linkSandboxItem(emulator, { webhook: `${url}/plaid` });
    expect(await emulator.control.webhooks()).toEqual([]);
    const { itemId } = await linkSandboxItem(emulator, {
      webhook: `${url}/plaid`,
      products: ['auth', 'transactions'],
    });
    const requests = await waitFor(2);
    const bodies = await Promise.all(requests.map(async (request) => (await verify(request)).body));
    expect(bodies.sort((a, b) => String(a['webhook_code']).localeCompare(String(b['webhook_code'])))).toEqual(
      [
        {
          webhook_type: 'TRANSACTIONS',
          webhook_code: 'HISTORICAL_UPDATE',
          new_transactions: 231,
          error: null,
          item_id: itemId,
          environment: 'sandbox',
        },
        {
          webhook_type: 'TRANSACTIONS',
          webhook_code: 'INITIAL_UPDATE',
          new_transactions: 19,
          error: null,
          item_id: itemId,
          environment: 'sandbox',
        },
      ],
    );
  });

  it('retries a receiver answering 500 twice, then 200: three attempts, each freshly signed', async () => {
    const { url, waitFor } = await listen((index) => (index < 2 ? 500 : 200));
    const { accessToken } = await linkSandboxItem(emulator, { webhook: `${url}/plaid` });
    await plaidPost(emulator, '/sandbox/item/reset_login', { access_token: accessToken });
    const requests = await waitFor(3);
    for (const request of requests) await verify(request);
    expect(new Set(requests.map((request) => request.body.toString('utf8'))).size).toBe(1);
    const [delivery] = await settled();
    expect(delivery?.status).toBe('delivered');
    expect(delivery?.attempts.map(({ attempt, outcome, status }) => [attempt, outcome, status])).toEqual([
      [1, 'http_error', 500],
      [2, 'http_error', 500],
      [3, 'delivered', 200],
    ]);
    expect(receiver?.requests).toHaveLength(3);
  });

  it('gives up after three attempts on a receiver that never answers within the timeout', async () => {
    const { url } = await listen(() => 'hang');
    const { accessToken } = await linkSandboxItem(emulator, { webhook: `${url}/plaid` });
    await plaidPost(emulator, '/sandbox/item/reset_login', { access_token: accessToken });
    const [delivery] = await settled();
    expect(delivery?.status).toBe('failed');
    expect(delivery?.attempts.map(({ attempt, outcome, status }) => [attempt, outcome, status])).toEqual([
      [1, 'timeout', null],
      [2, 'timeout', null],
      [3, 'timeout', null],
    ]);
    expect(receiver?.requests).toHaveLength(3);
  });

  it('rotates keys: new webhooks use the new kid, old keys stay valid until expired', async () => {
    const { url, waitFor } = await listen();
    const { accessToken } = await linkSandboxItem(emulator, { webhook: `${url}/plaid` });
    await plaidPost(emulator, '/sandbox/item/reset_login', { access_token: accessToken });
    const first = await verify((await waitFor(1))[0] as ReceivedWebhook);

    const rotation = await emulator.control.plaid.rotateWebhookKey();
    expect(rotation.previous_key_id).toBe(first.jwk.kid);
    expect(rotation.key_id).not.toBe(first.jwk.kid);
    expect(rotation.current_key_id).toBe(rotation.key_id);
    await plaidPost(emulator, '/sandbox/item/reset_login', { access_token: accessToken });
    const second = await verify((await waitFor(2))[1] as ReceivedWebhook);
    expect(second.header.kid).toBe(rotation.key_id);
    const oldKey = await plaidPost(emulator, '/webhook_verification_key/get', { key_id: first.jwk.kid });
    expect(oldKey.body['key']).toMatchObject({ kid: first.jwk.kid, expired_at: null });

    const clock = await emulator.control.clock();
    const third = await emulator.control.plaid.rotateWebhookKey({ expirePrevious: true });
    const keys = await emulator.control.plaid.webhookKeys();
    expect(keys.current_key_id).toBe(third.key_id);
    expect(keys.keys.map((key) => key.kid)).toEqual([first.jwk.kid, rotation.key_id, third.key_id]);
    for (const key of keys.keys.slice(0, 2)) {
      expect(key.expired_at).toBeGreaterThanOrEqual(Math.floor(clock.nowMs / 1000));
    }
    expect(keys.keys[2]?.expired_at).toBeNull();

    const expired = await emulator.control.plaid.expireWebhookKey(third.key_id);
    expect(expired.kid).toBe(third.key_id);
    expect(expired.expired_at).not.toBeNull();
    const again = await emulator.control.plaid.expireWebhookKey(third.key_id);
    expect(again.expired_at).toBe(expired.expired_at);
    await expect(emulator.control.plaid.expireWebhookKey('no-such-kid')).rejects.toMatchObject({
      status: 404,
      code: 'webhook_key_not_found',
    });
    await expect(
      emulator.control.request('POST', '/__emulator/plaid/webhook-keys/rotate', { expirePrevious: 'yes' }),
    ).rejects.toMatchObject({ status: 400, code: 'invalid_input', field: 'expirePrevious' });
  });

  it('signs iat with the emulated clock, so advancing it makes a delivery look stale to a real-time verifier', async () => {
    const { url, waitFor } = await listen();
    const { accessToken } = await linkSandboxItem(emulator, { webhook: `${url}/plaid` });
    const advanced = await emulator.control.advanceClock(3_600_000);
    await plaidPost(emulator, '/sandbox/item/reset_login', { access_token: accessToken });
    const [request] = await waitFor(1);
    if (request === undefined) throw new Error('no delivery');
    const { claims } = await verify(request, new Date(advanced.nowMs));
    expect(claims.iat).toBeGreaterThanOrEqual(Math.floor(advanced.nowMs / 1000));
    expect(claims.iat).toBeGreaterThan(Math.floor(Date.now() / 1000) + 3000);
  });

  it('records webhooks to non-loopback URLs as skipped and never sends them', async () => {
    const { accessToken } = await linkSandboxItem(emulator, { webhook: 'https://example.com/hook' });
    await plaidPost(emulator, '/sandbox/item/reset_login', { access_token: accessToken });
    const deliveries = await emulator.control.webhooks();
    expect(deliveries).toEqual([
      expect.objectContaining({
        code: 'ERROR',
        url: 'https://example.com/hook',
        status: 'skipped',
        skippedReason: expect.stringMatching(/not a loopback host/),
        attempts: [],
      }),
    ]);
    expect(await emulator.control.webhooks({ provider: 'dwolla' })).toEqual([]);
    expect(await emulator.control.webhooks({ provider: 'stripe' })).toEqual([]);
    await expect(
      emulator.control.request('GET', '/__emulator/webhooks?provider=paypal'),
    ).rejects.toMatchObject({ status: 400, field: 'provider' });
  });
});

describe('closing the emulator', () => {
  it('cancels scheduled retries', async () => {
    const emulator = await startEmulator({ tuning: { webhookRetryDelayMs: 100, webhookTimeoutMs: 300 } });
    const receiver = await startTestReceiver(() => 500);
    try {
      const { accessToken } = await linkSandboxItem(emulator, { webhook: `${receiver.url}/plaid` });
      await plaidPost(emulator, '/sandbox/item/reset_login', { access_token: accessToken });
      await receiver.waitFor(1);
      await emulator.close();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(receiver.requests).toHaveLength(1);
    } finally {
      await emulator.close();
      await receiver.close();
    }
  });
});
