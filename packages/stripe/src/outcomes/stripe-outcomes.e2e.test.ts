import { Buffer } from 'node:buffer';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createPaymentOutcomePoller,
  createPaymentOutcomeTracker,
  type PaymentOutcomeChange,
} from '@achbridge/core';
import { type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { createPaymentOutcomeRouter, createStore, openPgliteClient, type SqlClient } from '@achbridge/store';
import type Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { emulatorAdapter, emulatorStripe } from '../../test/emulator-harness.test-helpers.js';
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
  let ledger: Promise<SqlClient> | undefined;
  /** One embedded Postgres for the ledger tests (starting PGlite takes seconds on a busy machine). */
  const ledgerClient = () => {
    ledger ??= openPgliteClient({});
    return ledger;
  };
  afterAll(async () => {
    await emulator?.close();
    if (ledger) await (await ledger).close();
  });

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
        'charge.dispute.created',
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

  /** The payments ledger and its outcome router, on a schema of its own. */
  async function ledgerRouter(schema: string) {
    const client = await ledgerClient();
    const store = createStore({ database: { client }, schema });
    const outcomes = createPaymentOutcomeRouter({ store, processors: { stripe: stripeOutcomeFromEvent } });
    const changes: PaymentOutcomeChange[] = [];
    outcomes.subscribe((change) => {
      changes.push(change);
    });
    const ledgerChanges = async () =>
      (await client.query<{ changes: number }>(`SELECT changes FROM "${schema}".payment_outcomes`)).map(
        (row) => row.changes,
      );
    return { store, outcomes, changes, ledgerChanges };
  }

  it.each([
    ['btok_us_verified', 'succeeded', undefined, undefined],
    ['btok_us_verified_insufficientFunds', 'failed', 'R01', 'retry_later'],
    ['btok_us_verified_accountClosed', 'failed', 'R02', 'relink'],
    ['btok_us_verified_debitNotAuthorized', 'failed', 'R10', 'new_authorization_needed'],
  ] as const)(
    'through the store: %s ends %s %s in the payments ledger; every event twice and newest first changes it once',
    async (token, status, returnCode, category) => {
      const { store, outcomes, changes, ledgerChanges } = await ledgerRouter(`stripe_${token.toLowerCase()}`);
      const stripe = emulatorStripe(emulator);
      const secret = await endpoint(stripe);
      const payment = await payFrom(stripe, token, `ledger-${token}`);
      await emulator.control.advanceClock(FOUR_DAYS_MS + 1000);
      await emulatorAdapter(emulator).getPayment(payment.paymentIntentId);
      const deliveries = await delivered(2);
      const events = await Promise.all(
        deliveries.map((delivery) =>
          verifyStripeWebhook({ body: delivery.body, signature: signatureOf(delivery), secret }),
        ),
      );
      for (const event of [...events].reverse().concat(events)) {
        await outcomes.receive({
          processor: 'stripe',
          eventId: event.id,
          eventType: event.type,
          event: event as unknown as Record<string, unknown>,
        });
      }
      expect(changes.map((change) => change.current.status)).toEqual([status]);
      const outcome = await outcomes.get({ provider: 'stripe', paymentId: payment.paymentIntentId });
      expect(outcome?.status).toBe(status);
      expect(outcome?.returnCode).toBe(returnCode);
      expect(outcome?.achReturn?.category).toBe(category);
      // Only R01 may be re-presented; the catalog forbids an automatic retry of R02 and R10.
      if (returnCode !== undefined) expect(outcome?.achReturn?.retryable).toBe(returnCode === 'R01');
      expect(await ledgerChanges()).toEqual([1]);
      // Nothing retried the debit: still one PaymentIntent.
      expect((await emulator.control.state()).stripe['paymentIntents']).toHaveLength(1);
      await store.close();
    },
    60_000,
  );

  it('a late unauthorized return after success arrives as charge.dispute.created and turns the ledger to failed R10', async () => {
    const { store, outcomes, changes } = await ledgerRouter('stripe_dispute');
    const stripe = emulatorStripe(emulator);
    const secret = await endpoint(stripe);
    const payment = await payFrom(stripe, 'btok_us_verified', 'ledger-dispute');
    await emulator.control.advanceClock(FOUR_DAYS_MS + 1000);
    await emulatorAdapter(emulator).getPayment(payment.paymentIntentId);
    await delivered(2);
    const answer = await emulator.control.returnPayment({
      provider: 'stripe',
      paymentId: payment.paymentIntentId,
      code: 'R10',
    });
    expect(answer).toMatchObject({
      dispute: { object: 'dispute', payment_intent: payment.paymentIntentId, reason: 'debit_not_authorized' },
    });
    const deliveries = await delivered(3);
    const events = await Promise.all(
      deliveries.map((delivery) =>
        verifyStripeWebhook({ body: delivery.body, signature: signatureOf(delivery), secret }),
      ),
    );
    expect([...new Set(events.map((event) => event.type))]).toEqual([
      'payment_intent.processing',
      'payment_intent.succeeded',
      'charge.dispute.created',
    ]);
    for (const event of events.concat(events)) {
      await outcomes.receive({
        processor: 'stripe',
        eventId: event.id,
        eventType: event.type,
        event: event as unknown as Record<string, unknown>,
      });
    }
    expect(changes.map((change) => change.current.status)).toEqual(['processing', 'succeeded', 'failed']);
    expect(await outcomes.get({ provider: 'stripe', paymentId: payment.paymentIntentId })).toMatchObject({
      status: 'failed',
      providerStatus: 'charge.dispute.created',
      returnCode: 'R10',
      providerFailureCode: 'dispute:debit_not_authorized',
      achReturn: { category: 'new_authorization_needed', retryable: false, unauthorized: true },
    });
    // Stripe: a dispute invalidates the mandate, so the next debit needs a new authorization.
    const state = await emulator.control.state();
    expect((state.stripe['mandates'] as Array<{ status: string }>).map((mandate) => mandate.status)).toEqual([
      'inactive',
    ]);
    // A processing payment returned R01 through the control API fails with Stripe's insufficient_funds.
    const second = await payFrom(stripe, 'btok_us_verified', 'ledger-return-r01');
    await emulator.control.returnPayment({
      provider: 'stripe',
      paymentId: second.paymentIntentId,
      code: 'R01',
    });
    expect(await emulatorAdapter(emulator).getPayment(second.paymentIntentId)).toMatchObject({
      status: 'requires_payment_method',
      lastPaymentError: { code: 'insufficient_funds' },
    });
    // After success only unauthorized returns arrive (as disputes): R01 on a settled payment is refused.
    await expect(
      emulator.control.returnPayment({ provider: 'stripe', paymentId: payment.paymentIntentId, code: 'R01' }),
    ).rejects.toMatchObject({ status: 409 });
    await store.close();
  }, 60_000);

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
