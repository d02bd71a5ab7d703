import { Buffer } from 'node:buffer';
import {
  createPlaidClient,
  createPlaidWebhookVerifier,
  type PlaidClient,
  type PlaidWebhookVerifierSettings,
  plaidWebhookDedupeKey,
  WebhookVerificationError,
} from '@achbridge/core';
import type { RunningEmulator } from '@achbridge/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SUITE_CREDENTIALS, startSuiteEmulator } from '../harness/credentials.js';
import { forgePlaidVerification, webhookBody } from '../harness/forged-webhook.js';
import { type CapturedDelivery, startWebhookCapture } from '../harness/webhook-capture.js';

// M1 and the Low findings on webhooks: forged deliveries must cost the attacker more than they cost the
// merchant. Every key fetch is a real `/webhook_verification_key/get` to the emulator, counted here.

const KEY_PATH = '/webhook_verification_key/get';
/** Forged deliveries with random kids in the amplification test. */
export const RANDOM_KID_FORGERIES = 300;
/** The verifier's key-fetch budget in that test. */
const BUDGET = 5;

let emulator: RunningEmulator;
let capture: Awaited<ReturnType<typeof startWebhookCapture>>;
let keyFetches = 0;
let plaid: PlaidClient;

function verifierWith(settings: Partial<PlaidWebhookVerifierSettings> = {}) {
  return createPlaidWebhookVerifier({ plaid, ...settings });
}

async function refusal(promise: Promise<unknown>): Promise<WebhookVerificationError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!WebhookVerificationError.isInstance(outcome))
    throw new Error(`expected a refusal, got ${String(outcome)}`);
  return outcome;
}

/** A real delivery: the emulator signs and POSTs an ITEM webhook to the capture server. */
async function realDelivery(): Promise<CapturedDelivery> {
  const before = capture.deliveries.length;
  const { publicToken } = await plaid.sandbox.createPublicToken({
    institutionId: 'ins_109508',
    initialProducts: ['auth'],
    webhook: capture.url,
  });
  const { accessToken } = await plaid.exchangePublicToken({ publicToken });
  await plaid.sandbox.fireWebhook({ accessToken, webhookCode: 'NEW_ACCOUNTS_AVAILABLE' });
  await vi.waitFor(() => expect(capture.deliveries.length).toBeGreaterThan(before), { timeout: 5000 });
  return capture.deliveries[capture.deliveries.length - 1] as CapturedDelivery;
}

beforeAll(async () => {
  emulator = await startSuiteEmulator();
  capture = await startWebhookCapture();
  plaid = createPlaidClient({
    environment: 'sandbox',
    baseUrl: emulator.plaid.baseUrl,
    clientId: SUITE_CREDENTIALS.plaid.clientId,
    secret: SUITE_CREDENTIALS.plaid.secret,
    retry: { maxRetries: 2, initialDelayMs: 1 },
    fetch: (input, init) => {
      if (String(input).endsWith(KEY_PATH)) keyFetches += 1;
      return fetch(input, init);
    },
  });
});
beforeEach(async () => {
  await emulator.control.reset();
  keyFetches = 0;
});
afterAll(async () => {
  await capture?.close();
  await emulator?.close();
});

describe('security: webhook key-fetch amplification (M1)', () => {
  it(`${RANDOM_KID_FORGERIES} forged deliveries with random kids make at most the budgeted key fetches`, async () => {
    const verifier = verifierWith({ maxKeyFetchesPerMinute: BUDGET });
    const body = webhookBody();
    // Half at once (as a flood would arrive), half one after another.
    const concurrent = Array.from({ length: RANDOM_KID_FORGERIES / 2 }, () =>
      refusal(verifier.verify({ body, headers: { 'plaid-verification': forgePlaidVerification(body) } })),
    );
    const refusals = await Promise.all(concurrent);
    for (let index = 0; index < RANDOM_KID_FORGERIES / 2; index += 1) {
      refusals.push(
        await refusal(
          verifier.verify({ body, headers: { 'plaid-verification': forgePlaidVerification(body) } }),
        ),
      );
    }
    expect(refusals).toHaveLength(RANDOM_KID_FORGERIES);
    expect(keyFetches).toBeLessThanOrEqual(BUDGET);
    expect(refusals.filter((error) => error.reason === 'unknown_key')).toHaveLength(keyFetches);
    expect(
      refusals.every(
        (error) =>
          error.reason === 'unknown_key' || (error.reason === 'key_fetch_failed' && error.isRetryable),
      ),
    ).toBe(true);
  });

  it('a known key keeps verifying during a flood of random kids', async () => {
    const verifier = verifierWith({ maxKeyFetchesPerMinute: BUDGET });
    const delivery = await realDelivery();
    await expect(verifier.verify(delivery)).resolves.toMatchObject({ webhookCode: 'NEW_ACCOUNTS_AVAILABLE' });
    const body = webhookBody();
    await Promise.all(
      Array.from({ length: 50 }, () =>
        refusal(verifier.verify({ body, headers: { 'plaid-verification': forgePlaidVerification(body) } })),
      ),
    );
    await expect(verifier.verify(delivery)).resolves.toMatchObject({ webhookCode: 'NEW_ACCOUNTS_AVAILABLE' });
    expect(keyFetches).toBeLessThanOrEqual(1 + BUDGET);
  });

  it('one unknown kid sent 100 times (50 at once, 50 in a row) costs one key fetch', async () => {
    const verifier = verifierWith();
    const body = webhookBody();
    const kid = 'forged-kid-repeated';
    const once = () =>
      refusal(
        verifier.verify({ body, headers: { 'plaid-verification': forgePlaidVerification(body, kid) } }),
      );
    const refusals = await Promise.all(Array.from({ length: 50 }, once));
    for (let index = 0; index < 50; index += 1) refusals.push(await once());
    expect(refusals.every((error) => error.reason === 'unknown_key')).toBe(true);
    expect(keyFetches).toBe(1);
  });

  it('callers with AbortSignals share one key fetch; aborting some leaves the others verified', async () => {
    const delivery = await realDelivery();
    const verifier = verifierWith();
    await emulator.control.addFault({
      method: 'POST',
      path: `/plaid${KEY_PATH}`,
      kind: 'delay',
      delayMs: 200,
    });
    const controllers = Array.from({ length: 40 }, () => new AbortController());
    const results = controllers.map((controller) =>
      verifier.verify(delivery, { signal: controller.signal }).then(
        () => 'verified',
        (error: unknown) => (error as { reason?: string }).reason ?? 'other',
      ),
    );
    await vi.waitFor(() => expect(keyFetches).toBe(1));
    controllers.slice(0, 20).forEach((controller) => {
      controller.abort();
    });
    const outcomes = await Promise.all(results);
    expect(outcomes.slice(0, 20)).toEqual(Array(20).fill('aborted'));
    expect(outcomes.slice(20)).toEqual(Array(20).fill('verified'));
    expect(keyFetches).toBe(1);
  });

  it('a 429 with Retry-After: 120 from Plaid fails the verification at once as retryable, with no retry', async () => {
    const delivery = await realDelivery();
    keyFetches = 0;
    await emulator.control.addFault({
      method: 'POST',
      path: `/plaid${KEY_PATH}`,
      kind: 'status',
      status: 429,
      retryAfterSeconds: 120,
    });
    const error = await refusal(verifierWith().verify(delivery));
    expect(error).toMatchObject({ reason: 'key_fetch_failed', isRetryable: true });
    expect(keyFetches).toBe(1);
  });
});

describe('security: expired keys and signature malleability (Low)', () => {
  it('a key Plaid expires is refused on the first authentic use after keyCacheTtlSeconds', async () => {
    let offsetMs = 0;
    const verifier = verifierWith({ keyCacheTtlSeconds: 30, now: () => Date.now() + offsetMs });
    const delivery = await realDelivery();
    await expect(verifier.verify(delivery)).resolves.toBeDefined();
    expect(keyFetches).toBe(1);
    const { current_key_id: kid } = await emulator.control.plaid.webhookKeys();
    await emulator.control.plaid.expireWebhookKey(kid);
    // Past the TTL (and still inside the 5-minute iat window) the next authentic use asks Plaid again.
    offsetMs = 31_000;
    await expect(refusal(verifier.verify(delivery))).resolves.toMatchObject({ reason: 'expired_key' });
    expect(keyFetches).toBe(2);
    // Expiry is final: later uses are refused from the cache.
    await expect(refusal(verifier.verify(delivery))).resolves.toMatchObject({ reason: 'expired_key' });
    expect(keyFetches).toBe(2);
    // Keys outlive a reset: give the next tests a live signing key.
    await emulator.control.plaid.rotateWebhookKey();
  });

  it('each delivery has exactly one accepted signature encoding in strict mode; the dedupe key ignores the header', async () => {
    const delivery = await realDelivery();
    const verifier = verifierWith({ allowHighSSignatures: false });
    const token = String(delivery.headers['plaid-verification']);
    const [h, p, s] = token.split('.') as [string, string, string];
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const base = alphabet.indexOf(s.at(-1) ?? 'A') & ~0b1111;
    const variants: string[] = [];
    for (let bits = 1; bits < 16; bits += 1)
      variants.push(`${h}.${p}.${s.slice(0, -1)}${alphabet[base | bits]}`);
    const raw = Buffer.from(s, 'base64url');
    const order = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
    const high = order - BigInt(`0x${raw.subarray(32).toString('hex')}`);
    variants.push(
      `${h}.${p}.${Buffer.concat([raw.subarray(0, 32), Buffer.from(high.toString(16).padStart(64, '0'), 'hex')]).toString('base64url')}`,
    );
    const refusals = await Promise.all(
      variants.map((variant) =>
        refusal(verifier.verify({ body: delivery.body, headers: { 'plaid-verification': variant } })),
      ),
    );
    expect(refusals).toHaveLength(16);
    expect(refusals.every((error) => ['malformed_token', 'bad_signature'].includes(error.reason))).toBe(true);
    const event = await verifier.verify(delivery);
    const key = plaidWebhookDedupeKey({
      body: delivery.body,
      itemId: 'itemId' in event ? (event.itemId ?? null) : null,
      webhookCode: event.webhookCode,
    });
    // A replay of the same body (redelivery, or any header) maps to the same key: the inbox skips it.
    for (let replay = 0; replay < 20; replay += 1) {
      const again = await verifier.verify(delivery);
      expect(
        plaidWebhookDedupeKey({
          body: Buffer.from(delivery.body),
          itemId: 'itemId' in again ? (again.itemId ?? null) : null,
          webhookCode: again.webhookCode,
        }),
      ).toBe(key);
    }
  });
});
