import { Buffer } from 'node:buffer';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createPaymentOutcomePoller,
  createPaymentOutcomeTracker,
  type PaymentOutcomeChange,
} from '@achbridge/core';
import { type RunningEmulator, startEmulator } from '@achbridge/emulator';
import type Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { emulatorAdapter, emulatorStripe } from '../emulator-harness.test-helpers.js';
import { stripeOutcomeFromEvent } from './stripe-outcome-event.js';
import { createStripePaymentStatusReader } from './stripe-payment-outcome.js';
import { StripeWebhookVerificationError } from './stripe-webhook-verification-error.js';
import { verifyStripeWebhook } from './verify-stripe-webhook.js';

const FOUR_DAYS_MS = 4 * 24 * 60 * 60 * 1000;
const acceptance = { type: 'online' as const, ipAddress: '203.0.113.7', userAgent: 'Mozilla/5.0 (e2e)' };

interface Delivery {
  body: Buffer;
  headers: IncomingHttpHeaders;
}

async function startReceiver() {
  const deliveries: Delivery[] = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      deliveries.push({ body: Buffer.concat(chunks), headers: incoming.headers });
      outgoing.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/stripe`,
    deliveries,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('Stripe ACH outcomes from signed emulator webhooks', () => {
  let emulator: RunningEmulator;
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;

  beforeAll(async () => {
    emulator = await startEmulator({ tuning: { webhookRetryDelayMs: 10, webhookTimeoutMs: 5000 } });
  });
  afterEach(async () => {
    await emulator.control.reset();
    await receiver?.close();
    receiver = undefined;
  });
  afterAll(() => emulator?.close());

  /** A customer whose default source comes from one of Stripe's documented test bank tokens. */
  async function payFrom(stripe: Stripe, token: string, key: string) {
    const customer = await stripe.customers.create({ source: token });
    const bankAccountId = customer.default_source as string;
    return emulatorAdapter(emulator).createAchPayment({
      customerId: customer.id,
      bankAccountId,
      amount: 2500,
      acceptance,
      idempotencyKey: key,
    });
  }

  async function endpoint(stripe: Stripe) {
    receiver = await startReceiver();
    const created = await stripe.webhookEndpoints.create({
      url: receiver.url,
      enabled_events: [
        'payment_intent.processing',
        'payment_intent.succeeded',
        'payment_intent.payment_failed',
        'payment_intent.canceled',
      ],
    });
    if (!created.secret) throw new Error('no secret');
    return created.secret;
  }

  async function delivered(count: number): Promise<Delivery[]> {
    await vi.waitFor(
      async () => {
        const deliveries = await emulator.control.webhooks({ provider: 'stripe' });
        expect(deliveries.filter((delivery) => delivery.status === 'delivered')).toHaveLength(count);
      },
      { timeout: 5000, interval: 20 },
    );
    return receiver?.deliveries ?? [];
  }

  const signatureOf = (delivery: Delivery) => delivery.headers['stripe-signature'] as string | undefined;

  it.each([
    ['btok_us_verified', 'succeeded', undefined, undefined],
    ['btok_us_verified_insufficientFunds', 'failed', 'R01', 'retry_later'],
    ['btok_us_verified_accountClosed', 'failed', 'R02', 'relink'],
    ['btok_us_verified_debitNotAuthorized', 'failed', 'R10', 'new_authorization_needed'],
  ] as const)(
    '%s: processing, then %s %s (%s) on the clock; duplicate and reordered deliveries change nothing',
    async (token, status, returnCode, category) => {
      const stripe = emulatorStripe(emulator);
      const secret = await endpoint(stripe);
      const payment = await payFrom(stripe, token, `order-${token}`);
      await emulator.control.advanceClock(FOUR_DAYS_MS + 1000);
      await emulatorAdapter(emulator).getPayment(payment.paymentIntentId);
      const deliveries = await delivered(2);

      const verified = await Promise.all(
        deliveries.map((delivery) =>
          verifyStripeWebhook({ body: delivery.body, signature: signatureOf(delivery), secret }),
        ),
      );
      // At-least-once: on a slow machine an attempt may time out after the receiver got it and be sent again.
      const events = [...new Map(verified.map((event) => [event.id, event])).values()];
      expect(events.map((event) => event.type)).toEqual([
        'payment_intent.processing',
        status === 'succeeded' ? 'payment_intent.succeeded' : 'payment_intent.payment_failed',
      ]);
      const tracker = createPaymentOutcomeTracker();
      const changes: PaymentOutcomeChange[] = [];
      tracker.subscribe((change) => {
        changes.push(change);
      });
      for (const event of [...events].reverse().concat(events)) {
        const update = stripeOutcomeFromEvent(event);
        if (update) await tracker.apply(update);
      }
      expect(changes).toHaveLength(1);
      const outcome = await tracker.get({ provider: 'stripe', paymentId: payment.paymentIntentId });
      expect(outcome?.status).toBe(status);
      expect(outcome?.returnCode).toBe(returnCode);
      expect(outcome?.achReturn?.category).toBe(category);
      if (returnCode !== undefined) expect(outcome?.achReturn?.retryable).toBe(returnCode === 'R01');
    },
  );

  it('refuses a delivery whose body or signature was changed, or that was signed with another secret', async () => {
    const stripe = emulatorStripe(emulator);
    const secret = await endpoint(stripe);
    await payFrom(stripe, 'btok_us_verified', 'order-sig');
    const [delivery] = await delivered(1);
    if (!delivery) throw new Error('no delivery');
    const tampered = Buffer.from(delivery.body.toString('utf8').replace('processing', 'succeeded'));
    for (const attempt of [
      { body: tampered, signature: signatureOf(delivery), secret },
      { body: delivery.body, signature: signatureOf(delivery), secret: 'whsec_other' },
      { body: delivery.body, signature: undefined, secret },
    ]) {
      const error = await verifyStripeWebhook(attempt).catch((caught: unknown) => caught);
      expect(StripeWebhookVerificationError.isInstance(error)).toBe(true);
      expect(String((error as Error).message)).not.toContain(secret);
    }
  });

  it('without webhooks, the poller reads the PaymentIntent until it is final', async () => {
    const adapter = emulatorAdapter(emulator);
    const payment = await payFrom(emulatorStripe(emulator), 'btok_us_verified_noAccount', 'order-poll');
    const tracker = createPaymentOutcomeTracker();
    const poller = createPaymentOutcomePoller({
      tracker,
      read: createStripePaymentStatusReader(adapter.getPayment),
      initialDelayMs: 1,
      maxReads: 3,
    });
    const early = await poller.poll({ provider: 'stripe', paymentId: payment.paymentIntentId });
    expect(early).toMatchObject({ stoppedBecause: 'max_reads', reads: 3, outcome: { status: 'processing' } });
    await emulator.control.advanceClock(FOUR_DAYS_MS + 1000);
    const late = await poller.poll({ provider: 'stripe', paymentId: payment.paymentIntentId });
    expect(late).toMatchObject({
      stoppedBecause: 'final',
      outcome: {
        status: 'failed',
        returnCode: 'R03',
        providerFailureCode: 'no_account',
        achReturn: { category: 'relink' },
      },
    });
  });
});
