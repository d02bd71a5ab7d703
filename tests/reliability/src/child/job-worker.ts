// A job worker process the job-engine tests spawn (several at once, sharing one Postgres): it defines the
// test's two pg-boss queues and works them until SIGTERM, with the settings it reads from the
// ACHBRIDGE_CHILD_INPUT environment variable (JSON). It prints `{"ready":true,"pid":...}` once its workers run.
//   - `flow`: a long flow (link → mandate → payment), each step claimed in the store; every step's side
//     effect is a row in `<schema>.side_effects`, every run a row in `<schema>.job_runs`. With
//     `hangAfterLink`, a first attempt stops after the link step and never finishes (the test kills it).
//   - `webhooks`: the Plaid webhook router's `process`, whose fallback handler writes a side effect.
import { createPlaidWebhookRouter, createStore } from '@achbridge/store';
import { createJobEngine } from '@achbridge/store/jobs';
import { z } from 'zod';

const inputSchema = z.object({
  databaseUrl: z.string(),
  schema: z.string(),
  jobsSchema: z.string(),
  key: z.string(),
  concurrency: z.number().int().min(1).max(50),
  expireInSeconds: z.number().int().min(1),
  hangAfterLink: z.boolean(),
  stepDelayMs: z.number().int().min(0),
});

const input = inputSchema.parse(JSON.parse(process.env['ACHBRIDGE_CHILD_INPUT'] ?? '{}'));
const store = createStore({
  database: { url: input.databaseUrl, maxConnections: 10 },
  schema: input.schema,
  encryptionKeys: [{ id: 'k1', key: input.key }],
  pollMs: 10,
});
const engine = createJobEngine({
  store,
  connectionString: input.databaseUrl,
  schema: input.jobsSchema,
  pollingIntervalSeconds: 0.5,
  maintenanceIntervalSeconds: 1,
  onError: (error) => process.stderr.write(`job engine: ${error.code} ${error.message}\n`),
});
const settings = {
  expireInSeconds: input.expireInSeconds,
  retryLimit: 5,
  retryDelaySeconds: 0,
  retryBackoff: false,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sideEffect(key: string, step: string): Promise<void> {
  const client = await store.client();
  await client.query(`INSERT INTO ${input.schema}.side_effects (key, step, pid) VALUES ($1, $2, $3)`, [
    key,
    step,
    process.pid,
  ]);
}

const flow = engine.defineJob({
  name: 'test-flow',
  input: z.object({ customerId: z.string(), amount: z.number().int() }),
  settings,
  async run(order, context) {
    const client = await store.client();
    await client.query(`INSERT INTO ${input.schema}.job_runs (key, pid, attempt) VALUES ($1, $2, $3)`, [
      context.key,
      process.pid,
      context.attempt,
    ]);
    const link = await store.claimProcessorLink(
      { itemId: `item-${context.key}`, accountId: 'acc-1', processor: 'test', customerId: order.customerId },
      async () => {
        await sideEffect(context.key, 'link');
        return { objectId: `ba_${context.key}`, details: {} };
      },
    );
    if (input.hangAfterLink && context.attempt === 1) {
      process.stdout.write(`${JSON.stringify({ hanging: context.key, pid: process.pid })}\n`);
      await new Promise(() => {});
    }
    await sleep(input.stepDelayMs);
    const mandate = await store.claimPayment(
      { processor: 'test-mandate', idempotencyKey: context.key },
      async () => {
        await sideEffect(context.key, 'mandate');
        return { paymentId: `mandate_${context.key}`, payment: { bankAccount: link.value.objectId } };
      },
    );
    const payment = await store.claimPayment({ processor: 'test', idempotencyKey: context.key }, async () => {
      await sideEffect(context.key, 'payment');
      return {
        paymentId: `pi_${context.key}`,
        payment: { amount: order.amount, mandate: mandate.value.paymentId },
      };
    });
    return { paymentId: payment.value.paymentId, pid: process.pid };
  },
});

const webhooks = engine.defineInboxJob({
  name: 'test-webhooks',
  process: (dedupeKey) => router.process(dedupeKey),
  settings,
});
const router = createPlaidWebhookRouter({ store, mode: 'queue', enqueue: webhooks.enqueue }).fallback(
  async (_event, delivery) => {
    await sleep(input.stepDelayMs);
    await sideEffect(delivery.dedupeKey, 'webhook');
  },
);

await flow.work({ concurrency: input.concurrency });
await webhooks.work({ concurrency: input.concurrency });
process.stdout.write(`${JSON.stringify({ ready: true, pid: process.pid })}\n`);

process.on('SIGTERM', () => {
  engine
    .stop({ graceful: true, timeoutMs: 10_000 })
    .then(() => store.close())
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      process.stderr.write(`stop failed: ${String(error)}\n`);
      process.exit(1);
    });
});
