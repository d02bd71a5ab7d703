import { Buffer } from 'node:buffer';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createPlaidClient,
  createPlaidWebhookVerifier,
  createUpdateModeLinkToken,
  getItemHealth,
  type PlaidClient,
  type PlaidWebhookEvent,
  type PlaidWebhookVerifier,
  WebhookVerificationError,
} from '@achbridge/core';
import { emulatorSettings, type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// End to end: the emulator signs and POSTs Plaid webhooks; a real webhook handler (node:http on 127.0.0.1)
// verifies each with @achbridge/core's createPlaidWebhookVerifier, whose keys come from the emulated
// /webhook_verification_key/get through a real createPlaidClient.

/** What the test handler got: the raw delivery and the verification outcome. */
interface HandledDelivery {
  body: Buffer;
  headers: IncomingHttpHeaders;
  event?: PlaidWebhookEvent;
  error?: WebhookVerificationError;
}

/** A webhook handler as an app would write it: verify the raw body, answer 200 or 400. */
async function startHandler(verifier: PlaidWebhookVerifier) {
  const handled: HandledDelivery[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const delivery: HandledDelivery = { body: Buffer.concat(chunks), headers: incoming.headers };
      verifier.verify({ body: delivery.body, headers: delivery.headers }).then(
        (event) => {
          handled.push({ ...delivery, event });
          outgoing.writeHead(200).end();
        },
        (error: unknown) => {
          if (WebhookVerificationError.isInstance(error)) handled.push({ ...delivery, error });
          outgoing.writeHead(400).end();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/plaid`,
    handled,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('Plaid webhooks: emulator → signed delivery → core verifier', () => {
  let emulator: RunningEmulator;
  let plaid: PlaidClient;
  let verifier: PlaidWebhookVerifier;
  let handler: Awaited<ReturnType<typeof startHandler>>;

  beforeAll(async () => {
    emulator = await startEmulator({ tuning: { webhookRetryDelayMs: 10, webhookTimeoutMs: 2000 } });
    plaid = createPlaidClient(emulatorSettings(emulator).plaid);
    verifier = createPlaidWebhookVerifier({ plaid });
    handler = await startHandler(verifier);
  });
  beforeEach(async () => {
    await emulator.control.reset();
    handler.handled.length = 0;
  });
  afterAll(async () => {
    await handler?.close();
    await emulator?.close();
  });

  /** A linked Item whose webhook is the test handler. */
  async function linkItem(): Promise<{ accessToken: string; itemId: string }> {
    const { publicToken } = await plaid.sandbox.createPublicToken({
      institutionId: 'ins_109508',
      initialProducts: ['auth'],
      webhook: handler.url,
    });
    return plaid.exchangePublicToken({ publicToken });
  }

  /** Waits for the handler to have verified a webhook with this code, and returns it. */
  async function verified(code: string, count = 1): Promise<HandledDelivery> {
    let found: HandledDelivery[] = [];
    await vi.waitFor(
      () => {
        found = handler.handled.filter((delivery) => delivery.event?.webhookCode === code);
        expect(found.length).toBeGreaterThanOrEqual(count);
      },
      { timeout: 5000, interval: 20 },
    );
    return found[count - 1] as HandledDelivery;
  }

  it('login required → verified ITEM ERROR → item health → update mode → repaired → verified LOGIN_REPAIRED', async () => {
    const { accessToken, itemId } = await linkItem();
    expect((await getItemHealth({ plaid, accessToken })).status).toBe('healthy');

    await plaid.sandbox.resetLogin({ accessToken });
    const error = (await verified('ERROR')).event;
    expect(error).toMatchObject({
      kind: 'ITEM.ERROR',
      itemId,
      environment: 'sandbox',
      error: { errorCode: 'ITEM_LOGIN_REQUIRED', errorType: 'ITEM_ERROR', status: 400 },
    });
    if (error?.kind !== 'ITEM.ERROR' || error.error === null) throw new Error('not an ITEM ERROR');
    expect(error.error.remediation).toMatch(/update mode/i);

    const health = await getItemHealth({ plaid, accessToken });
    expect(health).toMatchObject({ itemId, status: 'login_required', action: { kind: 'update_mode' } });

    const { linkToken } = await createUpdateModeLinkToken({
      plaid,
      accessToken,
      clientName: 'achbridge e2e',
      clientUserId: 'user-1',
    });
    expect(linkToken).toMatch(/^link-sandbox-/);
    // The user finishes Link in update mode (emulated): the Item is repaired, its access token unchanged.
    const completed = (await emulator.control.request(
      'POST',
      `/__emulator/plaid/link_tokens/${linkToken}/complete`,
      {},
    )) as { item_id: string };
    expect(completed.item_id).toBe(itemId);

    expect((await verified('LOGIN_REPAIRED')).event).toEqual(
      expect.objectContaining({ kind: 'ITEM.LOGIN_REPAIRED', itemId, environment: 'sandbox' }),
    );
    expect((await getItemHealth({ plaid, accessToken })).status).toBe('healthy');
    expect(handler.handled.filter((delivery) => delivery.error !== undefined)).toEqual([]);

    const deliveries = await emulator.control.webhooks({ provider: 'plaid' });
    expect(deliveries.map((delivery) => [delivery.code, delivery.status, delivery.attempts.length])).toEqual([
      ['ERROR', 'delivered', 1],
      ['LOGIN_REPAIRED', 'delivered', 1],
    ]);
  });

  it('a re-serialised (or altered) body fails verification with body_mismatch', async () => {
    const { accessToken } = await linkItem();
    await plaid.sandbox.resetLogin({ accessToken });
    const { body, headers } = await verified('ERROR');
    const reserialised = JSON.stringify(JSON.parse(body.toString('utf8')), null, 2);
    await expect(verifier.verify({ body: reserialised, headers })).rejects.toMatchObject({
      name: 'WebhookVerificationError',
      reason: 'body_mismatch',
    });
    const altered = body.toString('utf8').replace('ITEM_LOGIN_REQUIRED', 'ITEM_LOCKED');
    await expect(verifier.verify({ body: altered, headers })).rejects.toMatchObject({
      reason: 'body_mismatch',
    });
    // The bytes exactly as received still verify.
    expect((await verifier.verify({ body, headers })).kind).toBe('ITEM.ERROR');
  });

  it('a delivery verified later than 5 minutes after its iat is stale', async () => {
    const { accessToken } = await linkItem();
    await plaid.sandbox.resetLogin({ accessToken });
    const { body, headers } = await verified('ERROR');
    const late = createPlaidWebhookVerifier({ plaid, now: () => Date.now() + 6 * 60_000 });
    await expect(late.verify({ body, headers })).rejects.toMatchObject({ reason: 'stale' });
  });

  it('key rotation end to end: a new kid is fetched and accepted, old keys stay valid until expired, then are refused', async () => {
    const { accessToken } = await linkItem();
    await plaid.sandbox.resetLogin({ accessToken });
    const beforeRotation = await verified('ERROR');
    const firstKid = (await emulator.control.plaid.webhookKeys()).current_key_id;

    // Rotate: the next webhook is signed with a kid the verifier has never seen; it fetches it and accepts.
    const rotation = await emulator.control.plaid.rotateWebhookKey();
    expect(rotation.previous_key_id).toBe(firstKid);
    await plaid.sandbox.fireWebhook({ accessToken, webhookCode: 'NEW_ACCOUNTS_AVAILABLE' });
    const afterRotation = await verified('NEW_ACCOUNTS_AVAILABLE');
    expect(afterRotation.event).toMatchObject({
      kind: 'ITEM.NEW_ACCOUNTS_AVAILABLE',
      environment: 'sandbox',
    });
    // The old key is still valid: a delivery signed with it (e.g. a retry in flight) still verifies.
    expect((await verifier.verify({ body: beforeRotation.body, headers: beforeRotation.headers })).kind).toBe(
      'ITEM.ERROR',
    );

    // Rotate again and expire every older key: the next new kid makes the verifier re-check the old ones.
    await emulator.control.plaid.rotateWebhookKey({ expirePrevious: true });
    await plaid.sandbox.fireWebhook({ accessToken, webhookCode: 'NEW_ACCOUNTS_AVAILABLE' });
    await verified('NEW_ACCOUNTS_AVAILABLE', 2);
    await expect(
      verifier.verify({ body: beforeRotation.body, headers: beforeRotation.headers }),
    ).rejects.toMatchObject({ reason: 'expired_key' });
    await expect(
      verifier.verify({ body: afterRotation.body, headers: afterRotation.headers }),
    ).rejects.toMatchObject({ reason: 'expired_key' });

    // Expiring the current key: a verifier that fetches it refuses what it signs.
    const current = (await emulator.control.plaid.webhookKeys()).current_key_id;
    await emulator.control.plaid.expireWebhookKey(current);
    await plaid.sandbox.fireWebhook({ accessToken, webhookCode: 'LOGIN_REPAIRED' });
    const fresh = createPlaidWebhookVerifier({ plaid });
    let signedWithExpired: { body: Buffer; headers: IncomingHttpHeaders } | undefined;
    await vi.waitFor(
      () => {
        signedWithExpired = handler.handled.find((delivery) =>
          delivery.body.toString('utf8').includes('"LOGIN_REPAIRED"'),
        );
        expect(signedWithExpired).toBeDefined();
      },
      { timeout: 5000, interval: 20 },
    );
    if (signedWithExpired === undefined) throw new Error('no LOGIN_REPAIRED delivery');
    await expect(fresh.verify(signedWithExpired)).rejects.toMatchObject({ reason: 'expired_key' });
  });
});
